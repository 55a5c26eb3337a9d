"""Checks for 02 · pre_save and post_save."""

from __future__ import annotations

from typing import Any

from tutorial_project.workbook.exercises import exercise

COURSE_POST_SAVE = ["pre_save Task", "post_save Task", "pre_save Task", "post_save Task"]


@exercise(
    "02.1",
    praise="The nested save is an UPDATE: a second pre_save and post_save (created=False), where the guard stops.",
    solution=COURSE_POST_SAVE,
    wrong=["pre_save Task", "post_save Task"],
)
def signals_of_course_post_save(answer: Any) -> str | None:
    """The signals one create() sends with the course's post_save receiver (which saves again) connected."""
    answer = list(answer)
    if answer == COURSE_POST_SAVE:
        return None
    if answer == COURSE_POST_SAVE[:2]:
        return "The receiver calls instance.save() inside post_save. Does that second save send signals too?"
    if len(answer) > len(COURSE_POST_SAVE):
        return "The second post_save has created=False, so the receiver's `if created:` stops the loop there."
    return "Write each row of the trace as 'signal Sender', e.g. 'pre_save Task', nested rows included, in order."


@exercise(
    "02.2",
    praise="An empty update_fields means nothing to save: Django returns before sending any signal or SQL.",
    solution=0,
    wrong=2,
)
def signals_of_empty_update_fields(answer: Any) -> str | None:
    """How many signals `task.save(update_fields=[])` sends."""
    if answer == 0:
        return None
    if answer == 2:
        return "Look at the trace of save(update_fields=[]): is there any row at all?"
    return "Count the rows in the trace of save(update_fields=[])."


def _tidy_name(sender: type, instance: Any, **kwargs: Any) -> None:
    """Strip the name and collapse runs of whitespace inside it."""
    instance.name = " ".join(instance.name.split())


def _strip_only(sender: type, instance: Any, **kwargs: Any) -> None:
    """Strip the name, but leave the spaces inside it."""
    instance.name = instance.name.strip()


@exercise(
    "02.3",
    praise="pre_save has the last word on the values: the row was written with the tidied name.",
    solution=_tidy_name,
    wrong=_strip_only,
)
def tidy_name_receiver(answer: Any) -> str | None:
    """A pre_save receiver for Employee that trims a name and collapses the spaces inside it."""
    from django.db.models.signals import pre_save

    from tutorial_project.tasks.models import Employee
    from tutorial_project.workbook.cell_receivers import connected
    from tutorial_project.workbook.sandbox import rolled_back

    if not callable(answer):
        return "Pass the receiver function itself (its name, without parentheses)."
    with rolled_back(), connected(pre_save, answer, sender=Employee):
        employee = Employee.objects.create(name="  Ada   Lovelace ", email="check-02-3@example.com")
        stored = Employee.objects.filter(pk=employee.pk).values_list("name", flat=True).get()
    if stored == "Ada Lovelace":
        return None
    if stored is not None and stored.strip() == stored:
        return f"Stored {stored!r}: the ends are tidy, but not the spaces inside. Try ' '.join(name.split())."
    return f"Stored {stored!r}. Change instance.name inside the receiver; Django writes it after pre_save."
