"""Exercise checks: `check("00.1", answer)` shows a friendly verdict and a hint, never a traceback.

Each notebook's checks live in a module of this package (`nb00.py`, `nb01.py`, ...), registered with
`@exercise`, together with a worked solution and a typical wrong answer that the unit tests run.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from tutorial_project.workbook.guidance import SETUP_INTERRUPTED, SETUP_NOT_RUN, setup_state

CheckFunction = Callable[[Any], "str | None"]
_NO_EXAMPLE = object()


@dataclass
class Exercise:
    """A registered check, with the solution and wrong answer its tests use."""

    name: str
    function: CheckFunction
    praise: str
    solution: Any = _NO_EXAMPLE
    wrong: Any = _NO_EXAMPLE


@dataclass
class Verdict:
    """The result of a check: right or not, and what to say to the student."""

    ok: bool
    message: str

    def __repr__(self) -> str:
        return f"✅ Right! {self.message}" if self.ok else f"❌ Not yet. {self.message}"

    def __bool__(self) -> bool:
        return self.ok


REGISTRY: dict[str, Exercise] = {}


def exercise(name: str, *, praise: str, solution: Any = _NO_EXAMPLE, wrong: Any = _NO_EXAMPLE) -> Any:
    """Register a check: the function returns None for a right answer, or a hint (str) for a wrong one."""

    def decorator(function: CheckFunction) -> CheckFunction:
        REGISTRY[name] = Exercise(name, function, praise, solution, wrong)
        return function

    return decorator


def load_all() -> dict[str, Exercise]:
    """Import every notebook's check module so the registry is complete."""
    for module in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{module.name}")
    return REGISTRY


def check(name: str, answer: Any = ...) -> Verdict:
    """Check `answer` for exercise `name` and say whether it is right, with a hint when it is not."""
    exercises = load_all()
    if name not in exercises:
        known = ", ".join(sorted(exercises)) or "none"
        return Verdict(False, f"There is no exercise {name!r}. Known exercises: {known}.")
    if answer is ...:
        return Verdict(False, "Replace the ... with your answer, then run the cell again.")
    state = setup_state()
    if state != "ready":
        return Verdict(False, SETUP_NOT_RUN if state == "not run" else SETUP_INTERRUPTED)
    entry = exercises[name]
    try:
        hint = entry.function(answer)
    except Exception as exc:  # a student's answer may be of any shape; explain instead of a traceback
        return Verdict(False, f"Your answer could not be checked ({type(exc).__name__}: {exc}). Check its type.")
    return Verdict(True, entry.praise) if hint is None else Verdict(False, hint)
