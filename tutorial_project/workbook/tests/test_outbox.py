"""outbox(): the sent emails as a table, and a way to clear them."""

from __future__ import annotations

from django.core.mail import send_mail

from tutorial_project.workbook.outbox import outbox


def test_outbox_lists_recipient_subject_and_first_body_lines(mailoutbox: list) -> None:
    send_mail("Hello", "line 1\nline 2\nline 3\nline 4", "from@example.com", ["ada@example.com"])
    assert outbox().rows == [["1", "ada@example.com", "Hello", "line 1\nline 2\nline 3"]]


def test_outbox_clear_empties_it(mailoutbox: list) -> None:
    send_mail("Hello", "Body", "from@example.com", ["ada@example.com"])
    outbox.clear()
    assert len(outbox) == 0


def test_empty_outbox_says_so(mailoutbox: list) -> None:
    assert "(nothing)" in repr(outbox())
