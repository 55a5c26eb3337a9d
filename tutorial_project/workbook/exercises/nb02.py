"""Checks for 02 · pre_save and post_save."""

from __future__ import annotations

from typing import Any

from tutorial_project.workbook.exercises import Source, exercise, number, ordered_rows, receiver_answer

COURSE_POST_SAVE = ["pre_save Task", "post_save Task", "pre_save Task", "post_save Task"]


@exercise(
    "02.1",
    praise="The nested save is an UPDATE: a second pre_save and post_save (created=False), where the guard stops.",
    right=[COURSE_POST_SAVE, tuple(COURSE_POST_SAVE), [f" {row}  " for row in COURSE_POST_SAVE]],
    wrong=[
        (COURSE_POST_SAVE[:2], "Does that second save send signals too?"),
        ([*COURSE_POST_SAVE, *COURSE_POST_SAVE[2:]], "stops the loop there"),
        (set(COURSE_POST_SAVE), "A set has no order"),
        (["pre_save Task", "pre_save Task", "post_save Task", "post_save Task"], "nested rows included"),
    ],
)
def signals_of_course_post_save(answer: Any) -> str | None:
    """The signals one create() sends with the course's post_save receiver (which saves again) connected."""
    answer = ordered_rows(answer, "pre_save Task")
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
    right=[0, 0.0, len([])],
    wrong=[(2, "is there any row at all?"), (False, "yes/no answer"), (1, "Count the rows"), ("0", "number")],
)
def signals_of_empty_update_fields(answer: Any) -> str | None:
    """How many signals `task.save(update_fields=[])` sends."""
    count = number(answer)
    if count == 0:
        return None
    if count == 2:
        return "Look at the trace of save(update_fields=[]): is there any row at all?"
    return "Count the rows in the trace of save(update_fields=[])."


def _tidy_name(sender: type, instance: Any, **kwargs: Any) -> None:
    """Strip the name and collapse runs of whitespace inside it."""
    instance.name = " ".join(instance.name.split())


def _strip_only(sender: type, instance: Any, **kwargs: Any) -> None:
    """Strip the name, but leave the spaces inside it."""
    instance.name = instance.name.strip()


def _fixed_name(sender: type, instance: Any, **kwargs: Any) -> None:
    """Right for the notebook's one example only."""
    instance.name = "Ada Lovelace"


def _lowered(sender: type, instance: Any, **kwargs: Any) -> None:
    """Tidy, but also lower-cased."""
    instance.name = " ".join(instance.name.split()).lower()


# (what the form sent, what must be stored): messy ends, runs of spaces, tabs and newlines, an already tidy name.
NAMES = [("  Ada   Lovelace ", "Ada Lovelace"), ("Grace\t Hopper\n", "Grace Hopper"), ("Alan Turing", "Alan Turing")]


@exercise(
    "02.3",
    praise="pre_save has the last word on the values: the row was written with the tidied name.",
    right=[
        _tidy_name,
        Source(
            "import re\n"
            "from django.db.models.signals import pre_save\n"
            "from django.dispatch import receiver\n"
            "from tutorial_project.tasks.models import Employee\n"
            "@receiver(pre_save, sender=Employee)\n"
            "def answer(sender, instance, **kwargs):\n"
            "    instance.name = re.sub(r'\\s+', ' ', instance.name).strip()\n"
        ),
        Source(
            "from django.db.models.signals import pre_save\n"
            "from tutorial_project.tasks.models import Employee\n"
            "from tutorial_project.workbook import cell_receiver\n"
            "@cell_receiver(pre_save, sender=Employee)\n"
            "def answer(instance, **kwargs):\n"
            "    instance.name = ' '.join(instance.name.split())\n"
        ),
    ],
    wrong=[
        (_strip_only, "the ends are tidy, but not the spaces inside"),
        (_fixed_name, "same name whatever"),
        (_lowered, "changed the letters"),
        (Source("def answer(sender, instance, **kwargs):\n    pass\n"), "left the name as it was"),
        (Source("def answer(sender, instance):\n    instance.name = instance.name.strip()\n"), "**kwargs"),
        ("tidy_name", "without parentheses"),
        (
            Source(
                "def answer(sender, instance, **kwargs):\n"
                "    instance.name = instance.name.strip()\n"
                "    instance.save()\n"
            ),
            "calls itself again and again",
        ),
    ],
)
def tidy_name_receiver(answer: Any) -> str | None:
    """A pre_save receiver for Employee that trims a name and collapses the spaces inside it."""
    from django.db.models.signals import pre_save

    from tutorial_project.tasks.models import Employee
    from tutorial_project.workbook.cell_receivers import connected
    from tutorial_project.workbook.sandbox import rolled_back

    stored = []
    with rolled_back(), connected(pre_save, receiver_answer(answer), sender=Employee):
        for number_, (typed, _) in enumerate(NAMES):
            employee = Employee.objects.create(name=typed, email=f"check-02-3-{number_}@example.com")
            stored.append(Employee.objects.filter(pk=employee.pk).values_list("name", flat=True).get())
    if stored == [expected for _, expected in NAMES]:
        return None
    if len(set(stored)) == 1:
        return f"Your receiver stored the same name whatever was typed ({stored[0]!r}): tidy instance.name itself."
    for (typed, expected), got in zip(NAMES, stored, strict=True):
        if got == expected:
            continue
        if got == typed:
            return f"For {typed!r} your receiver left the name as it was. Change instance.name inside the receiver."
        if got.lower() == expected.lower():
            return f"For {typed!r} it stored {got!r}: it changed the letters. Tidy only the spaces."
        if got == typed.strip():
            return f"For {typed!r} it stored {got!r}: the ends are tidy, but not the spaces inside."
        return f"For {typed!r} your receiver stored {got!r}; expected {expected!r}."
    return None
