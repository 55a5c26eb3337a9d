"""The tracer records what Django documents, in Django's order, without changing what runs."""

from __future__ import annotations

import re
from typing import Any

import pytest
from asgiref.sync import async_to_sync
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.auth.models import User
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.dispatch import Signal
from django.template import Context, Template

from tutorial_project.tasks.models import Employee, Task
from tutorial_project.workbook.cell_receivers import connected
from tutorial_project.workbook.guidance import TRACE_NEEDS_WITH, WorkbookError
from tutorial_project.workbook.tracer import trace

pytestmark = pytest.mark.django_db


def noop(**kwargs: Any) -> None:
    """A receiver that does nothing, so Django sends per-object delete signals."""


def test_create_sends_pre_save_then_post_save() -> None:
    with trace() as t:
        Task.objects.create(title="A")
    assert t.names() == ["pre_save Task", "post_save Task"]


def test_init_signals_are_hidden_by_default_and_counted() -> None:
    with trace() as t:
        Task.objects.create(title="A")
    assert t.hidden_init == 2


def test_init_true_records_pre_init_and_post_init_first() -> None:
    with trace(init=True) as t:
        Task.objects.create(title="A")
    assert t.names() == ["pre_init Task", "post_init Task", "pre_save Task", "post_save Task"]


def test_post_save_says_created_on_insert_and_not_on_update(task: Task) -> None:
    with trace() as t:
        task.save()
    assert t.signals[1].kwargs["created"] is False


def test_update_fields_is_recorded_as_django_sends_it(task: Task) -> None:
    with trace() as t:
        task.save(update_fields=["title"])
    assert t.signals[0].kwargs["update_fields"] == frozenset({"title"})


def test_instance_is_described_as_it_was_when_the_signal_was_sent() -> None:
    with trace() as t:
        task = Task.objects.create(title="A")
    assert [e.instance_text for e in t.signals] == ["<Task pk=None: A>", f"<Task pk={task.pk}: A>"]


def test_cascade_sends_all_pre_delete_first_children_first_and_the_parent_last() -> None:
    user = User.objects.create(username="ada")
    for n in (1, 2):
        LogEntry.objects.create(user=user, object_repr=f"entry {n}", action_flag=ADDITION)
    with connected(pre_delete, noop), connected(post_delete, noop), trace(signals=[pre_delete, post_delete]) as t:
        user.delete()
    assert t.names() == [
        "pre_delete LogEntry",
        "pre_delete LogEntry",
        "pre_delete User",
        "post_delete LogEntry",
        "post_delete LogEntry",
        "post_delete User",
    ]


def test_delete_origin_is_the_instance_for_model_delete() -> None:
    user = User.objects.create(username="ada")
    LogEntry.objects.create(user=user, object_repr="entry", action_flag=ADDITION)
    with connected(pre_delete, noop), trace(signals=[pre_delete]) as t:
        user.delete()
    assert all(event.kwargs["origin"] is user for event in t.signals)


def test_m2m_add_sends_pre_add_and_post_add_with_only_new_pks(task: Task, ada: Employee, bob: Employee) -> None:
    task.assigned_to.add(ada)
    with trace(signals=[m2m_changed]) as t:
        task.assigned_to.add(ada, bob)
    assert [(e.kwargs["action"], e.kwargs["pk_set"]) for e in t.signals] == [
        ("pre_add", {bob.pk}),
        ("post_add", {bob.pk}),
    ]


def test_m2m_reverse_add_has_the_employee_as_instance(task: Task, ada: Employee) -> None:
    with trace(signals=[m2m_changed]) as t:
        ada.task_set.add(task)
    event = t.signals[0]
    assert (event.instance, event.kwargs["reverse"], event.kwargs["model"]) == (ada, True, Task)


def test_m2m_remove_lists_every_pk_passed_even_absent_ones(task: Task, ada: Employee, bob: Employee) -> None:
    task.assigned_to.add(ada)
    with trace(signals=[m2m_changed]) as t:
        task.assigned_to.remove(ada, bob)
    assert t.signals[0].kwargs["pk_set"] == {ada.pk, bob.pk}


def test_m2m_clear_sends_pk_set_none(task: Task, ada: Employee) -> None:
    task.assigned_to.add(ada)
    with trace(signals=[m2m_changed]) as t:
        task.assigned_to.clear()
    assert [(e.kwargs["action"], e.kwargs["pk_set"]) for e in t.signals] == [("pre_clear", None), ("post_clear", None)]


def test_m2m_set_is_remove_then_add(task: Task, ada: Employee, bob: Employee) -> None:
    task.assigned_to.add(ada)
    with trace(signals=[m2m_changed]) as t:
        task.assigned_to.set([bob])
    assert [e.kwargs["action"] for e in t.signals] == ["pre_remove", "post_remove", "pre_add", "post_add"]


def test_m2m_sender_is_the_through_model_from_both_sides(task: Task, ada: Employee) -> None:
    with trace(signals=[m2m_changed]) as t:
        task.assigned_to.add(ada)
        ada.task_set.remove(task)
    assert {e.sender for e in t.signals} == {Task.assigned_to.through}


def test_records_receivers_connected_before_and_after_the_trace_opened() -> None:
    def before(**kwargs: Any) -> str:
        return "before"

    def after(**kwargs: Any) -> str:
        return "after"

    with connected(post_save, before, sender=Task), trace(signals=[post_save]) as t:
        with connected(post_save, after, sender=Task):
            Task.objects.create(title="A")
    assert [c.result for c in t.signals[0].calls] == ["before", "after"]


def test_records_the_exception_a_receiver_raised() -> None:
    def boom(**kwargs: Any) -> None:
        raise RuntimeError("boom")

    with connected(pre_save, boom, sender=Task), trace() as t, pytest.raises(RuntimeError):
        Task.objects.create(title="A")
    assert str(t.signals[0].calls[0].error) == "boom"


def test_send_still_returns_the_real_receivers() -> None:
    signal = Signal()

    def answer(**kwargs: Any) -> int:
        return 42

    with connected(signal, answer), trace():
        responses = signal.send(sender=None)
    assert responses == [(answer, 42)]


def test_send_robust_still_returns_the_exception_as_the_response() -> None:
    signal = Signal()
    error = ValueError("no")

    def fails(**kwargs: Any) -> None:
        raise error

    with connected(signal, fails), trace():
        responses = signal.send_robust(sender=None)
    assert responses == [(fails, error)]


def test_signals_with_no_receivers_are_recorded_too() -> None:
    signal = Signal()
    with trace() as t:
        signal.send(sender=None, flavour="plain")
    assert t.signals[0].kwargs == {"flavour": "plain"}


def test_signal_filter_keeps_only_the_named_signals() -> None:
    with trace(signals=["post_save"]) as t:
        Task.objects.create(title="A")
    assert t.names() == ["post_save Task"]


def test_sender_filter_keeps_only_the_named_senders() -> None:
    with trace(senders=[Employee]) as t:
        Task.objects.create(title="A")
        Employee.objects.create(name="Ada", email="ada@example.com")
    assert t.names() == ["pre_save Employee", "post_save Employee"]


def test_sql_shows_the_insert_between_pre_save_and_post_save() -> None:
    with trace(sql=True) as t:
        Task.objects.create(title="A")
    kinds = [e.kind for e in t.events]
    assert kinds == ["signal", "sql", "signal"] and t.events[1].verb() == "INSERT tasks_task"


def test_nested_save_in_a_receiver_is_recorded_deeper() -> None:
    def resave(instance: Task, created: bool, **kwargs: Any) -> None:
        if created:
            instance.save()

    with connected(post_save, resave, sender=Task), trace() as t:
        Task.objects.create(title="A")
    assert [e.depth for e in t.signals] == [1, 1, 2, 2]


def test_emails_sent_inside_the_trace_are_recorded(mailoutbox: list) -> None:
    from django.core.mail import send_mail

    with trace() as t:
        send_mail("Hi", "Body", "from@example.com", ["to@example.com"])
    assert (t.events[0].kind, t.events[0].to) == ("mail", ["to@example.com"])


def test_text_table_has_no_memory_addresses(task: Task) -> None:
    with trace(init=True) as t:
        Task.objects.get(pk=task.pk)
        Signal().send(sender=object())
    assert " at 0x" not in repr(t)


def test_html_table_sits_in_a_scroll_container_after_its_stylesheet() -> None:
    with trace() as t:
        Task.objects.create(title="A")
    opening = r'<style>[^<]*</style><div class="wb-scroll"><table class="workbook-table wb-trace">'
    assert re.match(opening, t._repr_html_())


def test_html_table_has_no_inline_styles() -> None:
    with trace() as t:
        Task.objects.create(title="A")
    assert "style=" not in t._repr_html_()


def test_nested_rows_are_indented_by_a_cell_class_not_by_spaces() -> None:
    def resave(instance: Task, created: bool, **kwargs: Any) -> None:
        if created:
            instance.save()

    with connected(post_save, resave, sender=Task), trace(signals=[pre_save]) as t:
        Task.objects.create(title="A")
    assert '<td class="wb-d2">pre_save</td>' in t._repr_html_()


def test_text_table_still_indents_nested_rows_with_spaces() -> None:
    def resave(instance: Task, created: bool, **kwargs: Any) -> None:
        if created:
            instance.save()

    with connected(post_save, resave, sender=Task), trace(signals=[pre_save]) as t:
        Task.objects.create(title="A")
    assert repr(t).splitlines()[3].startswith("2    pre_save")


def test_template_rendered_is_hidden_by_default_with_a_footnote() -> None:
    with trace() as t:
        Template("hi").render(Context())
    assert (t.names(), t.table().footnote) == (
        [],
        "1 template_rendered signal(s) hidden; trace(templates=True) shows them.",
    )


def test_templates_true_records_template_rendered() -> None:
    with trace(templates=True) as t:
        Template("hi").render(Context())
    assert [e.name for e in t.signals] == ["template_rendered"]


def test_signal_methods_are_restored_when_the_trace_closes() -> None:
    original = Signal.send
    with trace():
        assert Signal.send is not original
    assert Signal.send is original


def test_diagram_is_a_mermaid_sequence_diagram_with_the_receiver() -> None:
    def hello(**kwargs: Any) -> str:
        return "hi"

    with connected(post_save, hello, sender=Task), trace("create") as t:
        Task.objects.create(title="A")
    markdown = t.diagram()._repr_markdown_()
    assert markdown.startswith("```mermaid\n%%{init:") and "sequenceDiagram" in markdown and "hello → 'hi'" in markdown


def test_receivers_disconnected_while_the_trace_is_open_no_longer_run() -> None:
    calls = []

    def log(**kwargs: Any) -> None:
        calls.append("log")

    post_save.connect(log, sender=Task, dispatch_uid="test_tracer.log")
    with trace() as t:
        post_save.disconnect(sender=Task, dispatch_uid="test_tracer.log")
        Task.objects.create(title="A")
    assert (calls, t.signals[1].calls) == ([], [])


def test_a_receiver_connected_during_a_send_runs_only_from_the_next_send_as_untraced() -> None:
    signal = Signal()
    seen: list[str] = []

    def late(**kwargs: Any) -> None:
        seen.append("late")

    def connects(**kwargs: Any) -> None:
        signal.connect(late, weak=False)

    def run() -> list[str]:
        seen.clear()
        with connected(signal, connects):
            signal.send(sender=None)
            seen.append("second send")
            signal.send(sender=None)
        signal.disconnect(late)
        return list(seen)

    untraced = run()
    with trace():
        traced = run()
    assert traced == untraced == ["second send", "late"]


def test_exception_from_a_receiver_propagates_unchanged() -> None:
    error = RuntimeError("boom")

    def boom(**kwargs: Any) -> None:
        raise error

    with connected(pre_save, boom, sender=Task), pytest.raises(RuntimeError) as raised, trace():
        Task.objects.create(title="A")
    assert raised.value is error


def test_asend_records_async_and_sync_receivers_and_returns_their_results() -> None:
    signal = Signal()

    async def early(**kwargs: Any) -> str:
        return "async"

    def plain(**kwargs: Any) -> str:
        return "sync"

    async def send() -> list:
        return await signal.asend(sender=None)

    with connected(signal, early), connected(signal, plain), trace() as t:
        responses = async_to_sync(send)()
    assert (sorted(r for _, r in responses), sorted(c.result for c in t.signals[0].calls)) == (
        ["async", "sync"],
        ["async", "sync"],
    )


def test_asend_robust_returns_the_exception_of_an_async_receiver() -> None:
    signal = Signal()
    error = ValueError("no")

    async def fails(**kwargs: Any) -> None:
        raise error

    async def send() -> list:
        return await signal.asend_robust(sender=None)

    with connected(signal, fails), trace() as t:
        responses = async_to_sync(send)()
    assert (responses, t.signals[0].calls[0].error) == ([(fails, error)], error)


def test_nested_send_inside_an_async_receiver_is_recorded_deeper() -> None:
    outer, inner = Signal(), Signal()

    async def forwards(**kwargs: Any) -> None:
        await inner.asend(sender=None)

    async def send() -> None:
        await outer.asend(sender=None)

    with connected(outer, forwards), trace() as t:
        async_to_sync(send)()
    assert [e.depth for e in t.signals] == [1, 2]


def test_diagram_offers_an_svg_beside_the_mermaid_source() -> None:
    with trace("create") as t:
        Task.objects.create(title="A")
    bundle = t.diagram()._repr_mimebundle_()
    assert bundle["image/svg+xml"].startswith('<svg xmlns="http://www.w3.org/2000/svg"')


def test_diagram_draws_receivers_on_their_apps_lifeline() -> None:
    def hello(**kwargs: Any) -> str:
        return "hi"

    with connected(post_save, hello, sender=Task), connected(pre_save, hello, sender=Task), trace() as t:
        Task.objects.create(title="A")
    participants = [line for line in repr(t.diagram()).splitlines() if "participant" in line]
    assert participants == ["    participant P0 as Your code", "    participant P1 as workbook"]


def test_diagram_labels_are_the_tables_row_numbers_and_names() -> None:
    with trace(signals=[post_save]) as t:
        Task.objects.create(title="A")
    assert "Note over P0: 1 post_save Task:<br/>no receivers" in repr(t.diagram())


def test_a_misspelt_signal_name_says_what_it_meant(db: None) -> None:
    with pytest.raises(WorkbookError, match="Did you mean 'post_save'"):
        trace(signals=["post_saved"])


def test_a_sender_in_the_wrong_case_says_what_it_meant(db: None) -> None:
    with pytest.raises(WorkbookError, match="Did you mean 'Task'"):
        trace(senders=["task"])


def test_a_trace_used_without_with_says_how_to_use_it(db: None) -> None:
    assert repr(trace("x")) == TRACE_NEEDS_WITH
