"""Exercise checks: `check("00.1", answer)` shows a friendly verdict and a hint, never a traceback.

Each notebook's checks live in a module of this package (`nb00.py`, `nb01.py`, ...), registered with
`@exercise`, together with answers as data: right ones (the worked solution first) and wrong ones with the hint
each must get. One checker (`check`) runs them all, and the same data drives the tests.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from tutorial_project.workbook.guidance import SETUP_INTERRUPTED, SETUP_NOT_RUN, setup_state
from tutorial_project.workbook.startup_receivers import isolated

CheckFunction = Callable[[Any], "str | None"]
_NO_EXAMPLE = object()


@dataclass
class Exercise:
    """A registered check, with the answers its tests try: `right` ones (the worked solution first) and `wrong`
    ones, each with a fragment of the hint it must get."""

    name: str
    function: CheckFunction
    praise: str
    right: list[Any] = field(default_factory=list)
    wrong: list[tuple[Any, str]] = field(default_factory=list)

    @property
    def solution(self) -> Any:
        """The worked solution: the first right answer."""
        return self.right[0] if self.right else _NO_EXAMPLE


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


def exercise(name: str, *, praise: str, right: list[Any], wrong: list[tuple[Any, str]]) -> Any:
    """Register a check: the function returns None for a right answer, or a hint (str) for a wrong one.

    `right` and `wrong` are data the tests run through `check()`: every right answer must pass, and every wrong
    one must fail with a hint containing its fragment.
    """

    def decorator(function: CheckFunction) -> CheckFunction:
        REGISTRY[name] = Exercise(name, function, praise, list(right), list(wrong))
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
        # Only the project's receivers during the check: whatever earlier cells connected (or disconnected, or the
        # answer's own @receiver decorator) cannot change the verdict; everything is put back afterwards.
        with isolated():
            hint = entry.function(answer)
    except Hint as wrong_shape:
        return Verdict(False, str(wrong_shape))
    except Exception as exc:  # a student's answer may be of any shape; explain instead of a traceback
        return Verdict(False, explain_failure(exc))
    return Verdict(True, entry.praise) if hint is None else Verdict(False, hint)


@dataclass(frozen=True)
class Source:
    """An answer written as a notebook cell would write it (run in a fresh namespace as `__main__`; it defines
    `answer`): the way to test decorated receivers, which connect themselves when the cell runs."""

    code: str

    def run(self) -> Any:
        """Run the cell and return the `answer` it defines."""
        namespace: dict[str, Any] = {"__name__": "__main__"}
        exec(compile(self.code, "<exercise answer>", "exec"), namespace)  # noqa: S102 - the tests' own answers
        return namespace["answer"]


class Hint(Exception):
    """Raised by a check's helpers when the answer has the wrong shape; its message is the hint."""


def receiver_problem(exc: BaseException) -> str | None:
    """The sentence for a receiver Django could not call or that never returned, or None for other errors."""
    text = f"{type(exc).__name__}: {exc}"
    if isinstance(exc, RecursionError):
        return (
            f"Checking your answer never finished ({type(exc).__name__}): something calls itself again and again, "
            "for example a receiver that saves the instance it was sent for, which sends the signal again."
        )
    if isinstance(exc, ValueError) and "must accept keyword arguments" in str(exc):
        return (
            "Django refused to connect your receiver: it must accept **kwargs. Add **kwargs at the end of its "
            "parameters (Django always passes `signal`, and may pass more)."
        )
    if isinstance(exc, TypeError) and ("unexpected keyword argument" in str(exc) or "positional argument" in str(exc)):
        return (
            f"Django could not call your receiver ({text}). Name the arguments the signal sends, and end its "
            "parameters with **kwargs: Django always adds `signal` and may add more."
        )
    return None


def explain_failure(exc: BaseException) -> str:
    """A hint that names what went wrong when checking an answer raised."""
    return receiver_problem(exc) or f"Checking your answer raised {type(exc).__name__}: {exc}."


def tidy(text: Any) -> str:
    """A row as the student typed it, with spaces tidied: '  pre_save   Task ' -> 'pre_save Task'."""
    return " ".join(str(text).split())


def ordered_rows(answer: Any, example: str) -> list[str]:
    """The answer as a list of tidied strings; a set or one string is refused, since order is the question."""
    if isinstance(answer, set | frozenset | dict):
        raise Hint(f"A set has no order, and the order is the question: answer with a list, like [{example!r}, ...].")
    if isinstance(answer, str) or not isinstance(answer, list | tuple):
        raise Hint(f"Answer with a list of strings, in order, like [{example!r}, ...].")
    return [tidy(row) for row in answer]


def chosen_set(answer: Any, example: str) -> set[str]:
    """The answer as a set of tidied strings (a list or tuple is fine: only membership counts here)."""
    if isinstance(answer, str):
        answer = {answer}
    if not isinstance(answer, set | frozenset | list | tuple):
        raise Hint(f"Answer with a set of strings, like {{{example!r}}}.")
    return {tidy(item) for item in answer}


def number(answer: Any) -> int | float:
    """The answer as a number; True and False are refused (in Python they are 1 and 0, but not an answer)."""
    if isinstance(answer, bool):
        raise Hint(f"{answer} is a yes/no answer, and this question asks for a number: write it as a number, like 2.")
    if not isinstance(answer, int | float):
        raise Hint(f"Answer with a number, like 2, not {type(answer).__name__} {answer!r}.")
    return answer


def receiver_answer(answer: Any) -> Any:
    """The answer as a function to connect; anything else is refused with a hint."""
    if not callable(answer):
        raise Hint("Answer with your function itself: its name, without parentheses.")
    return answer
