"""Exercise checks: right answers pass, wrong ones get a hint, odd ones never a traceback."""

from __future__ import annotations

import pytest

from tutorial_project.workbook.exercises import _NO_EXAMPLE, check, load_all

EXERCISES = load_all()


def test_every_exercise_has_a_solution_and_a_wrong_answer() -> None:
    missing = [n for n, e in EXERCISES.items() if e.solution is _NO_EXAMPLE or e.wrong is _NO_EXAMPLE]
    assert missing == []


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(EXERCISES))
def test_the_solution_is_accepted(name: str) -> None:
    assert check(name, EXERCISES[name].solution).ok


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(EXERCISES))
def test_the_wrong_answer_gets_a_hint(name: str) -> None:
    verdict = check(name, EXERCISES[name].wrong)
    assert not verdict.ok and verdict.message


def test_an_unknown_exercise_is_named_in_the_answer() -> None:
    assert "no exercise '99.9'" in check("99.9", 1).message


def test_an_unanswered_exercise_asks_for_an_answer() -> None:
    assert "Replace the ..." in check("00.1").message


def test_an_answer_of_the_wrong_shape_gets_a_message_not_a_traceback() -> None:
    verdict = check("00.1", object())
    assert not verdict.ok


def test_verdicts_read_as_right_or_not_yet() -> None:
    assert repr(check("99.9", 1)).startswith("❌ Not yet.")


@pytest.mark.django_db
def test_a_welcome_sent_on_every_save_is_not_accepted_for_06_2() -> None:
    from django.core.mail import send_mail
    from django.db import transaction

    def welcome_on_every_save(sender: object, instance: object, **kwargs: object) -> None:
        transaction.on_commit(lambda: send_mail("Welcome", "Hi", None, [instance.email]))  # type: ignore[attr-defined]

    assert not check("06.2", welcome_on_every_save).ok


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(EXERCISES))
def test_a_check_leaves_the_project_receivers_rows_and_outbox_as_they_were(name: str, mailoutbox: list) -> None:
    from django.contrib.auth.models import User
    from django.core import mail

    from tutorial_project.tasks.models import Employee, Task
    from tutorial_project.workbook.listing import receivers

    before = sorted(map(tuple, receivers(project_only=True).rows))
    mail.outbox.append("the student's own email")
    check(name, EXERCISES[name].solution)
    check(name, EXERCISES[name].wrong)
    after = sorted(map(tuple, receivers(project_only=True).rows))
    assert (after, Task.objects.count(), Employee.objects.count(), User.objects.count(), mail.outbox) == (
        before,
        0,
        0,
        0,
        ["the student's own email"],
    )
