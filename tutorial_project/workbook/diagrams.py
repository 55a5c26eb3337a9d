"""Mermaid diagrams, shown as Markdown: JupyterLab 4 and Notebook 7 render ```mermaid blocks themselves.

A sequence diagram also carries an SVG drawn here in Python (`svg.py`) for viewers without Mermaid: Jupyter
ranks text/markdown above image/svg+xml, so JupyterLab and Notebook 7 still draw the Mermaid source, while
nbconvert (nbviewer) prefers the SVG.
"""

from __future__ import annotations

import textwrap
from typing import Any

from django.db import models

from tutorial_project.workbook.recording import Recording
from tutorial_project.workbook.sequence import Sequence, build_sequence
from tutorial_project.workbook.svg import sequence_svg

# The fields of User the course uses; the other auth fields would make the diagram taller than a screen.
USER_FIELDS = ("id", "username", "email", "is_active")


class Mermaid:
    """A Mermaid diagram; Jupyter shows it as a picture, plain text shows its source."""

    def __init__(self, source: str, svg: str = "") -> None:
        self.source = source
        self.svg = svg

    def _repr_markdown_(self) -> str:
        return f"```mermaid\n{self.source}\n```"

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, str]:
        bundle = {"text/markdown": self._repr_markdown_(), "text/plain": self.source}
        if self.svg:
            bundle["image/svg+xml"] = self.svg
        return bundle

    def __repr__(self) -> str:
        return self.source


def _clean(text: str) -> str:
    """Mermaid message text: no characters its parser treats as syntax."""
    for bad, good in (("<", ""), (">", ""), (";", ","), ("#", "no. "), ("\n", " ")):
        text = text.replace(bad, good)
    return text


ARROWS = {"call": "->>+", "return": "-->>-", "raise": "--x-", "message": "->>"}
# Narrower boxes and gaps than Mermaid's defaults (150 px and 50 px): labels still set each gap's minimum, and a
# diagram that is not shrunk to fit keeps its text at full size.
SEQUENCE_CONFIG = (
    '%%{init: {"sequence": {"width": 80, "actorMargin": 12, "boxMargin": 6, "noteMargin": 6, '
    '"messageFontSize": 14, "noteFontSize": 14, "actorFontSize": 14}}}%%'
)


LINE_LIMIT = 18  # characters per line of a message: Mermaid widens a gap to its longest line


def _wrapped(text: str) -> str:
    """Message text on lines of at most LINE_LIMIT characters (at spaces), joined by Mermaid's <br/>."""
    return "<br/>".join(textwrap.wrap(_clean(text), LINE_LIMIT, break_long_words=False)) or " "


def mermaid_sequence(sequence: Sequence) -> str:
    """The Mermaid source of a sequence: participants by alias, then one line per step."""
    aliases = {name: f"P{n}" for n, name in enumerate(sequence.participants)}
    # No Mermaid `title`: it is centred and clipped when longer than the diagram; the table's caption has it.
    lines = [SEQUENCE_CONFIG, "sequenceDiagram"]
    lines += [f"    participant {aliases[name]} as {_clean(name)}" for name in sequence.participants]
    for step in sequence.steps:
        if step.kind == "note":
            lines.append(f"    Note over {aliases[step.source]}: {_wrapped(step.text)}")
        else:
            arrow = f"{aliases[step.source]}{ARROWS[step.kind]}{aliases[step.target]}"
            lines.append(f"    {arrow}: {_wrapped(step.text)}")
    if not sequence.steps:
        lines.append(f"    Note over {aliases[sequence.participants[0]]}: nothing was recorded")
    return "\n".join(lines)


def sequence_diagram(recording: Recording) -> Mermaid:
    """The recording as a sequence diagram: Mermaid for Jupyter, with an SVG drawing for other viewers."""
    sequence = build_sequence(recording)
    return Mermaid(mermaid_sequence(sequence), sequence_svg(sequence))


def models_diagram(*chosen: type[models.Model]) -> Mermaid:
    """An ER diagram of the given models (default: the tasks app's, with User as a small box), with on_delete."""
    if not chosen:
        from django.apps import apps
        from django.contrib.auth import get_user_model

        chosen = (*apps.get_app_config("tasks").get_models(), get_user_model())
    lines = ["erDiagram"]
    for model in chosen:
        lines.append(f"    {model.__name__} {{")
        for field in _shown_fields(model):
            kind = "FK" if field.is_relation else ("PK" if field.primary_key else "")
            # `Char`, `DateTime`, `OneToOne`: the field class without "Field" keeps every box narrow.
            lines.append(f"        {field.get_internal_type().removesuffix('Field')} {field.name} {kind}".rstrip())
        lines.append("    }")
    for model in chosen:
        for field in model._meta.get_fields():
            if field.concrete and (field.many_to_one or field.one_to_one) and field.related_model in chosen:
                lines.append(_relation(model, field))
            elif isinstance(field, models.ManyToManyField) and field.related_model in chosen:
                target = field.related_model.__name__
                lines.append(f'    {model.__name__} }}o--o{{ {target} : "{field.name} (many-to-many)"')
    return Mermaid("\n".join(lines))


def _shown_fields(model: type[models.Model]) -> list[Any]:
    """Every concrete field of the project's models; of a library model (User) only the ones the course uses."""
    fields = list(model._meta.concrete_fields)
    if model.__module__.startswith("tutorial_project."):
        return fields
    return [f for f in fields if f.name in USER_FIELDS]


def _relation(model: type[models.Model], field: Any) -> str:
    target = field.related_model.__name__
    on_delete = field.remote_field.on_delete.__name__
    shape = "|o--||" if field.one_to_one else "}o--||"
    return f'    {model.__name__} {shape} {target} : "{field.name} on_delete={on_delete}"'
