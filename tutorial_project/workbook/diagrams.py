"""Mermaid diagrams, shown as Markdown: JupyterLab 4 and Notebook 7 render ```mermaid blocks themselves."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import models

from tutorial_project.workbook.formatting import describe_sender, short

if TYPE_CHECKING:
    from tutorial_project.workbook.tracer import Trace


class Mermaid:
    """A Mermaid diagram; Jupyter shows it as a picture, plain text shows its source."""

    def __init__(self, source: str) -> None:
        self.source = source

    def _repr_markdown_(self) -> str:
        return f"```mermaid\n{self.source}\n```"

    def __repr__(self) -> str:
        return self.source


def _clean(text: str) -> str:
    """Mermaid message text: no characters its parser treats as syntax."""
    for bad, good in (("<", ""), (">", ""), (";", ","), ("#", "no. "), ("\n", " ")):
        text = text.replace(bad, good)
    return text


class _Participants:
    def __init__(self) -> None:
        self.aliases: dict[str, str] = {}

    def __call__(self, name: str) -> str:
        if name not in self.aliases:
            self.aliases[name] = f"P{len(self.aliases)}"
        return self.aliases[name]

    def lines(self) -> list[str]:
        return [f"    participant {alias} as {_clean(name)}" for name, alias in self.aliases.items()]


def sequence_diagram(trace: Trace) -> Mermaid:
    """The trace as a sequence diagram: your code, senders, receivers, the database and the outbox."""
    who = _Participants()
    caller = who("Your code")
    body: list[str] = []
    running: list[str] = []  # receivers currently running, innermost last
    last_sender = caller
    for kind, item in trace.timeline:
        actor = running[-1] if running else last_sender
        if kind == "signal":
            sender = who(describe_sender(item.sender))
            if item.depth == 1 and not running:
                if not body and trace.label:
                    body.append(f"    {caller}->>{sender}: {_clean(trace.label)}")
                last_sender = sender
            if not item.calls:
                body.append(f"    Note over {sender}: {_clean(_message(item))} (no receivers)")
        elif kind == "call":
            event, call = item
            sender = who(describe_sender(event.sender))
            body.append(f"    {sender}->>+{who(call.name)}: {_clean(_message(event))}")
            running.append(who(call.name))
        elif kind == "return":
            event, call = item
            target, sender = who(call.name), who(describe_sender(event.sender))
            if call.error is not None:
                body.append(f"    {target}--x-{sender}: raised {_clean(short(call.error))}")
            else:
                body.append(f"    {target}-->>-{sender}: {_clean(short(call.result))}")
            running.pop()
        elif kind == "sql":
            body.append(f"    {actor}->>{who('Database')}: {_clean(item.verb())}")
        elif kind == "mail":
            body.append(f"    {actor}->>{who('Outbox')}: {_clean('email to ' + ', '.join(item.to))}")
    if not body:
        body.append(f"    Note over {caller}: nothing was recorded")
    return Mermaid("\n".join(["sequenceDiagram", *who.lines(), *body]))


def _message(event: Any) -> str:
    details = event.details_text
    return f"{event.name}({details})" if details else event.name


def models_diagram(*chosen: type[models.Model]) -> Mermaid:
    """An ER diagram of the given models (default: the tasks app's and User), with each relation's on_delete."""
    if not chosen:
        from django.apps import apps
        from django.contrib.auth import get_user_model

        chosen = (*apps.get_app_config("tasks").get_models(), get_user_model())
    lines = ["erDiagram"]
    for model in chosen:
        lines.append(f"    {model.__name__} {{")
        for field in model._meta.concrete_fields:
            kind = "FK" if field.is_relation else ("PK" if field.primary_key else "")
            lines.append(f"        {field.get_internal_type()} {field.name} {kind}".rstrip())
        lines.append("    }")
    for model in chosen:
        for field in model._meta.get_fields():
            if field.concrete and (field.many_to_one or field.one_to_one) and field.related_model in chosen:
                lines.append(_relation(model, field))
            elif isinstance(field, models.ManyToManyField) and field.related_model in chosen:
                target = field.related_model.__name__
                lines.append(f'    {model.__name__} }}o--o{{ {target} : "{field.name} (many-to-many)"')
    return Mermaid("\n".join(lines))


def _relation(model: type[models.Model], field: Any) -> str:
    target = field.related_model.__name__
    on_delete = field.remote_field.on_delete.__name__
    shape = "|o--||" if field.one_to_one else "}o--||"
    return f'    {model.__name__} {shape} {target} : "{field.name} on_delete={on_delete}"'
