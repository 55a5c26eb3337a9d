"""Checks for 06 · Sending email."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core import mail
from django.core.mail import send_mail
from django.db import transaction
from django.db.models.signals import post_save
from django.test import TestCase

from tutorial_project.workbook.cell_receivers import connected
from tutorial_project.workbook.exercises import Source, exercise, number, receiver_answer
from tutorial_project.workbook.sandbox import rolled_back


@exercise(
    "06.1",
    praise="send_mass_mail() builds every message first and hands them all to one connection.",
    right=[1, 1.0, len(["one connection"])],
    wrong=[(3, "three send_mail() calls"), (True, "yes/no answer"), (0, "Count the connections"), ("1", "number")],
)
def connections_of_send_mass_mail(answer: Any) -> str | None:
    """How many connections `send_mass_mail()` opens for three messages."""
    count = number(answer)
    if count == 1:
        return None
    if count == 3:
        return "Three is what three send_mail() calls open. Look at the counting backend's log for send_mass_mail()."
    return "Count the connections in the counting backend's log for send_mass_mail()."


def welcome_on_commit(sender: Any, instance: Any, created: bool, **kwargs: Any) -> None:
    """Email a new employee a welcome once the row is committed."""
    if created:
        email = instance.email
        transaction.on_commit(
            lambda: send_mail("Welcome", "Welcome to the team.", settings.DEFAULT_FROM_EMAIL, [email])
        )


def welcome_at_once(sender: Any, instance: Any, created: bool, **kwargs: Any) -> None:
    """Email a new employee a welcome straight from the receiver, commit or not."""
    if created:
        send_mail("Welcome", "Welcome to the team.", settings.DEFAULT_FROM_EMAIL, [instance.email])


def _emails_counted(func: Callable[..., Any]) -> dict[str, int]:
    """Create an employee in a rolled-back block, then in a committed one, then update it; count the emails."""
    from tutorial_project.tasks.models import Employee

    counts: dict[str, int] = {}
    with connected(post_save, func, sender=Employee), rolled_back():
        mail.outbox = []
        with transaction.atomic():
            Employee.objects.create(name="Rolled Back", email="rolled.back@exercise.example")
            counts["inside the rolled-back block"] = len(mail.outbox)
            transaction.set_rollback(True)
        counts["after the rollback"] = len(mail.outbox)
        mail.outbox = []
        # captureOnCommitCallbacks runs the callbacks the inner block's commit would run, so the check works
        # inside any outer transaction, a test's or the sandbox's.
        with TestCase.captureOnCommitCallbacks(execute=True):
            with transaction.atomic():
                employee = Employee.objects.create(name="Committed", email="committed@exercise.example")
                counts["inside the committed block"] = len(mail.outbox)
        counts["after the commit"] = len(mail.outbox)
        # An existing employee saved again is not new: no second welcome.
        with TestCase.captureOnCommitCallbacks(execute=True):
            employee.name = "Committed, renamed"
            employee.save()
        counts["after an update"] = len(mail.outbox) - counts["after the commit"]
    return counts


@exercise(
    "06.2",
    praise="The welcome waits for the commit: a rolled-back employee never hears from you.",
    right=[
        welcome_on_commit,
        Source(
            "from functools import partial\n"
            "from django.core.mail import send_mail\n"
            "from django.db import transaction\n"
            "from django.db.models.signals import post_save\n"
            "from django.dispatch import receiver\n"
            "from tutorial_project.tasks.models import Employee\n"
            "@receiver(post_save, sender=Employee)\n"
            "def answer(sender, instance, created, **kwargs):\n"
            "    if created:\n"
            "        transaction.on_commit(partial(send_mail, 'Welcome', 'Hi', None, [instance.email]))\n"
        ),
        Source(
            "from django.core.mail import send_mail\n"
            "from django.db import transaction\n"
            "from django.db.models.signals import post_save\n"
            "from tutorial_project.tasks.models import Employee\n"
            "from tutorial_project.workbook import cell_receiver\n"
            "@cell_receiver(post_save, sender=Employee)\n"
            "def answer(instance, created, **kwargs):\n"
            "    def welcome():\n"
            "        send_mail('Welcome', 'Hi', None, [instance.email])\n"
            "    if created:\n"
            "        transaction.on_commit(welcome)\n"
        ),
    ],
    wrong=[
        (welcome_at_once, "rolled back got a welcome"),
        (Source("def answer(sender, instance, created, **kwargs):\n    ...\n"), "Nobody got a welcome"),
        (
            Source(
                "from django.core.mail import send_mail\n"
                "from django.db import transaction\n"
                "def answer(sender, instance, **kwargs):\n"
                "    transaction.on_commit(lambda: send_mail('Welcome', 'Hi', None, [instance.email]))\n"
            ),
            "check `created`",
        ),
        (Source("def answer(sender, instance, created):\n    pass\n"), "**kwargs"),
    ],
)
def welcome_waits_for_commit(answer: Any) -> str | None:
    """A post_save receiver on Employee that emails a welcome only after the row is committed."""
    counts = _emails_counted(receiver_answer(answer))
    expected = {
        "inside the rolled-back block": 0,
        "after the rollback": 0,
        "inside the committed block": 0,
        "after the commit": 1,
        "after an update": 0,
    }
    if counts == expected:
        return None
    if counts.get("inside the rolled-back block") or counts.get("after the rollback"):
        return "An employee whose row was rolled back got a welcome. Ask for the email with transaction.on_commit()."
    if counts.get("after an update"):
        return "Saving an existing employee sent another welcome. Only a new row should: check `created`."
    if not counts.get("after the commit"):
        return "Nobody got a welcome, even after the commit. Does your receiver check `created` and call send_mail()?"
    got = ", ".join(f"{step}: {count}" for step, count in counts.items())
    return f"Expected one email, after the commit only; the outbox held {got}."


@exercise(
    "06.3",
    praise="send_mail() counts messages, not recipients: one message with three addresses is 1.",
    right=[1, 1.0, int("1")],
    wrong=[(3, "whatever the length of recipient_list"), (True, "yes/no answer"), (0, "number of messages")],
)
def send_mail_return_value(answer: Any) -> str | None:
    """What `send_mail()` returns for one message to three recipients."""
    count = number(answer)
    if count == 1:
        return None
    if count == 3:
        return "send_mail() builds one EmailMessage, whatever the length of recipient_list. What does it count?"
    return "send_mail() returns the number of messages the backend sent."
