"""Checks for 07 · Settings from the environment."""

from __future__ import annotations

from typing import Any

from tutorial_project.workbook.exercises import Hint, exercise, number


@exercise(
    "07.1",
    praise="The environment wins over .env, and .env wins over the default: 2525.",
    right=[2525, 2525.0, 2500 + 25],
    wrong=[
        (587, "That is the .env value"),
        (25, "The default is used only"),
        ("2525", "answer with an int"),
        (True, "yes/no answer"),
    ],
)
def precedence_of_a_variable(answer: Any) -> str | None:
    """What `config("EMAIL_PORT", default=25, cast=int)` returns when the environment and .env both set it."""
    if answer in ("2525", "587", "25"):
        return "cast=int turns the text into a number: answer with an int."
    answer = number(answer)
    if answer == 2525:
        return None
    if answer == 587:
        return "That is the .env value. Which source does decouple look at first? See the precedence table."
    if answer == 25:
        return "The default is used only when neither the environment nor .env has the variable."
    return "One of the three numbers in the question: which source wins?"


@exercise(
    "07.2",
    praise='Without cast=bool the value is the string "False", and every non-empty string is true.',
    right=[True, 1 == 1, bool("False")],
    wrong=[(False, 'What is bool("False")?'), ("True", "Answer with True or False"), (1, "Answer with True or False")],
)
def truth_of_an_uncast_flag(answer: Any) -> str | None:
    """What `bool(config("DEBUG"))` is when .env says `DEBUG=False` and there is no cast."""
    if answer is True:
        return None
    if answer is False:
        return 'Without cast, config() returns the text from .env. What is bool("False")?'
    return "Answer with True or False."


@exercise(
    "07.3",
    praise="Csv() splits on commas and strips the spaces around each item.",
    right=[
        ["tasks.example.com", "localhost"],
        ("tasks.example.com", "localhost"),
        list(("tasks.example.com", "localhost")),
    ],
    wrong=[
        (["tasks.example.com", " localhost"], "the space after the comma"),
        ("tasks.example.com, localhost", "without cast"),
        (["localhost", "tasks.example.com"], "in order"),
        ({"tasks.example.com", "localhost"}, "A set has no order"),
    ],
)
def hosts_read_with_csv(answer: Any) -> str | None:
    """What `config("ALLOWED_HOSTS", cast=Csv())` returns for `ALLOWED_HOSTS=tasks.example.com, localhost`."""
    if isinstance(answer, str):
        return "That is what you get without cast. What type does Csv() return?"
    if isinstance(answer, set | frozenset):
        raise Hint("A set has no order, and Csv() keeps the order of the text: answer with a list of strings.")
    if not isinstance(answer, (list, tuple)):
        return "Answer with a list of strings."
    if list(answer) == ["tasks.example.com", "localhost"]:
        return None
    if any(item != item.strip() for item in answer if isinstance(item, str)):
        return "Look at the Csv() cell again: what happens to the space after the comma?"
    return "Csv() splits the text on commas: which two items do you get, in order?"
