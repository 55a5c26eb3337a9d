"""Exercise checks: every right answer in a check's data passes, every wrong one gets its hint, none a traceback."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tutorial_project.workbook import startup_receivers
from tutorial_project.workbook.cell_receivers import disconnect_cell_receivers
from tutorial_project.workbook.exercises import Source, check, load_all

EXERCISES = load_all()
RIGHT = [(name, i) for name, e in EXERCISES.items() for i in range(len(e.right))]
WRONG = [(name, i) for name, e in EXERCISES.items() for i in range(len(e.wrong))]


def answer_of(value: Any) -> Any:
    return value.run() if isinstance(value, Source) else value


@pytest.fixture(autouse=True)
def no_receivers_left_by_answers() -> Iterator[None]:
    """A Source answer decorated with @receiver or @cell_receiver connects itself; disconnect it after the test."""
    yield
    disconnect_cell_receivers()
    startup_receivers.reset()


def test_every_exercise_has_three_right_answers_and_three_wrong_ones() -> None:
    thin = [n for n, e in EXERCISES.items() if len(e.right) < 3 or len(e.wrong) < 3]
    assert thin == []


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "index"), RIGHT, ids=[f"{n}-{i}" for n, i in RIGHT])
def test_a_right_answer_is_accepted(name: str, index: int) -> None:
    verdict = check(name, answer_of(EXERCISES[name].right[index]))
    assert verdict.ok, verdict.message


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "index"), WRONG, ids=[f"{n}-{i}" for n, i in WRONG])
def test_a_wrong_answer_gets_its_hint(name: str, index: int) -> None:
    answer, fragment = EXERCISES[name].wrong[index]
    verdict = check(name, answer_of(answer))
    # ...and reads cleanly: no doubled punctuation such as "(**kwargs).)." from pasting messages together.
    clean = ".)." not in verdict.message and ".." not in verdict.message.replace("...", "")
    assert (verdict.ok, fragment in verdict.message, clean) == (False, True, True), verdict.message


def test_an_unknown_exercise_is_named_in_the_answer() -> None:
    assert "no exercise '99.9'" in check("99.9", 1).message


def test_an_unanswered_exercise_asks_for_an_answer() -> None:
    assert "Replace the ..." in check("00.1").message


@pytest.mark.django_db
def test_an_answer_of_the_wrong_shape_gets_a_message_not_a_traceback() -> None:
    assert not check("00.1", object()).ok


def test_verdicts_read_as_right_or_not_yet() -> None:
    assert repr(check("99.9", 1)).startswith("❌ Not yet.")


@pytest.mark.django_db
def test_a_receiver_left_connected_by_an_earlier_cell_cannot_change_06_2() -> None:
    from django.core.mail import send_mail
    from django.db.models.signals import post_save

    from tutorial_project.tasks.models import Employee

    namespace = {"__name__": "__main__", "send_mail": send_mail}
    exec(
        "def send_welcome_email(sender, instance, created, **kwargs):\n send_mail('Hi', 'x', None, ['a@b.c'])",
        namespace,
    )
    post_save.connect(namespace["send_welcome_email"], sender=Employee)
    solution, template = EXERCISES["06.2"].solution, lambda sender, instance, created, **kwargs: None
    assert (check("06.2", solution).ok, check("06.2", template).ok) == (True, False)


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(EXERCISES))
def test_a_check_leaves_the_project_receivers_rows_and_outbox_as_they_were(name: str, mailoutbox: list) -> None:
    from django.contrib.auth.models import User
    from django.core import mail

    from tutorial_project.tasks.models import Employee, Task
    from tutorial_project.workbook.listing import receivers

    before = sorted(map(tuple, receivers(project_only=True).rows))
    mail.outbox.append("the student's own email")
    check(name, answer_of(EXERCISES[name].solution))
    for answer, _ in EXERCISES[name].wrong:
        check(name, answer_of(answer))
    after = sorted(map(tuple, receivers(project_only=True).rows))
    assert (after, Task.objects.count(), Employee.objects.count(), User.objects.count(), mail.outbox) == (
        before,
        0,
        0,
        0,
        ["the student's own email"],
    )
