"""Checks for 04 · pre_init and post_init."""

from __future__ import annotations

from typing import Any

from tutorial_project.workbook.exercises import chosen_set, exercise, number


@exercise(
    "04.1",
    praise="Each row builds a TaskDetail and, through select_related, its Task: two pairs per row, 5 × 4 = 20.",
    right=[20, 20.0, 5 * 4],
    wrong=[(10, "one instance per row"), (5, "two signals"), (True, "yes/no answer"), ("20", "number")],
)
def init_signals_of_select_related(answer: Any) -> str | None:
    """How many init signals `list(TaskDetail.objects.select_related("task"))` sends for five rows."""
    count = number(answer)
    if count == 20:
        return None
    if count == 10:
        return "That counts one instance per row. Which other instance does select_related build from each row?"
    if count == 5:
        return "Each instance built sends two signals, pre_init and post_init."
    return "Count the instances built per row, and the signals sent per instance."


@exercise(
    "04.2",
    praise="Only get() (one row loaded) and Task(...) build an instance; the others return plain values.",
    right=[{"b", "d"}, ["d", "b"], {" B", "d "}],
    wrong=[
        ({"b"}, "builds an instance even without save()"),
        ({"b", "c", "d"}, "no instance is built"),
        ({"a", "b", "c", "d", "e"}, "no instance is built"),
        (42, "set of strings"),
    ],
)
def operations_that_build_instances(answer: Any) -> str | None:
    """Which operations send post_init."""
    chosen = {letter.lower() for letter in chosen_set(answer, "b")}
    if chosen == {"b", "d"}:
        return None
    if "d" not in chosen:
        return "Task(...) builds an instance even without save(): what does the first trace of the notebook show?"
    if chosen & {"a", "c", "e"}:
        return "count(), exists() and values_list() return numbers, booleans and plain values: no instance is built."
    return "Which of these give you back a Task object?"
