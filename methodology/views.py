from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.http import AuthedRequest
from consortia.models import Consortium
from core.web import ServiceCall, call_service, file_response, paginate, query_without_page
from methodology import selectors, services
from methodology.filters import MyTaskFilter
from methodology.forms import CommentForm, EvidenceForm, ReopenForm, TaskAddForm, TaskUpdateForm
from methodology.models import Evidence, Phase, Task


def _get_consortium_for_user(request: AuthedRequest, pk: int) -> Consortium:
    # The facilitators once: every permission the page asks reads them (rules.is_facilitator).
    return get_object_or_404(Consortium.objects.visible_to(request.user).prefetch_related("facilitators"), pk=pk)


def _get_task_for_user(request: AuthedRequest, pk: int) -> Task:
    return get_object_or_404(
        Task.objects.visible_to(request.user).select_related(
            "phase__consortium", "phase__template", "template", "assignee", "updated_by"
        ),
        pk=pk,
    )


def _get_phase_for_user(request: AuthedRequest, pk: int) -> Phase:
    return get_object_or_404(Phase.objects.visible_to(request.user).select_related("consortium", "template"), pk=pk)


def _open_numbers(request: AuthedRequest) -> set[int]:
    """The phases asked open with ?open=N (the no-JavaScript way to unfold one)."""
    return {int(value) for value in request.GET.getlist("open") if value.isdigit()}


def _checklist_context(request: AuthedRequest, consortium: Consortium) -> dict:
    """The phases as one-line summaries; only the current phase (and any asked open) with its tasks."""
    phases = list(consortium.phases.with_progress().select_related("template", "signed_off_by"))
    current = selectors.current_phase(phases)
    numbers = _open_numbers(request) | ({current.number} if current else set())
    open_phases = [phase for phase in phases if phase.number in numbers]
    tasks: dict[int, list[Task]] = {phase.pk: [] for phase in open_phases}
    for task in Task.objects.on_checklist(open_phases):
        tasks[task.phase_id].append(task)
    for phase in open_phases:
        phase.loaded_tasks = tasks[phase.pk]
    user = request.user
    signed_before = [phase for phase in phases if current and phase.number < current.number and phase.signed_off_at]
    return {
        "consortium": consortium,
        "phases": phases,
        "signed_before": signed_before,
        "open_before": any(phase.pk in tasks for phase in signed_before),
        "open": set(tasks),
        "current": current,
        "overall": selectors.overall_progress(phases),
        "can_work": user.has_perm("methodology.work_on_checklist_now", consortium),
        "can_add": user.has_perm("methodology.add_custom_task_now", consortium),
        "can_sign_off": user.has_perm("methodology.sign_off_phase_now", consortium),
        "can_reopen": user.has_perm("methodology.reopen_phase", consortium),
        "activity": consortium.activity.select_related("actor", "task__template", "phase__template")[:12],
    }


@login_required
def checklist(request: AuthedRequest, pk: int) -> HttpResponse:
    """The consortium's ten phases, the current one open with its tasks, and recent activity."""
    consortium = _get_consortium_for_user(request, pk)
    return render(request, "methodology/checklist.html", _checklist_context(request, consortium))


@login_required
def phase_tasks(request: AuthedRequest, pk: int) -> HttpResponse:
    """One folded phase's tasks, loaded when it is opened (htmx); without JavaScript, the page with it open."""
    phase = _get_phase_for_user(request, pk)
    if not request.htmx:
        return redirect(reverse("methodology:checklist", args=[phase.consortium_id]) + f"?open={phase.number}")
    consortium = phase.consortium
    return render(
        request,
        "methodology/partials/phase_tasks.html",
        {
            "phase": phase,
            "tasks": Task.objects.on_checklist([phase]),
            "can_work": request.user.has_perm("methodology.work_on_checklist_now", consortium),
        },
    )


def _task_fields(request: AuthedRequest, consortium: Consortium) -> set[str]:
    """The task fields this person may change (members: status and notes; facilitators: all four)."""
    from methodology.rules import editable_task_fields

    return editable_task_fields(request.user, consortium, services.EDITABLE_TASK_FIELDS)


def _editor_form(request: AuthedRequest, task: Task, data=None) -> TaskUpdateForm:
    consortium = task.phase.consortium
    initial = {
        "status": task.status,
        "assignee": task.assignee_id,
        "due_date": task.due_date,
        "notes": task.notes,
        "version": task.version,
    }
    return TaskUpdateForm(
        data,
        initial=None if data is not None else initial,
        people=selectors.people_of(consortium),
        fields=_task_fields(request, consortium),
        auto_id=f"task{task.pk}-%s",
    )


def _row(
    request: AuthedRequest, task: Task, *, form=None, conflict: str = "", saved: bool = False, oob: bool = False
) -> HttpResponse:
    """The task's row on the checklist: compact, or its editor when a form is given."""
    consortium = task.phase.consortium
    phase = consortium.phases.with_progress().select_related("template").get(pk=task.phase_id)
    context = {
        "task": Task.objects.for_list().get(pk=task.pk),
        "phase": phase,
        "consortium": consortium,
        "can_work": request.user.has_perm("methodology.work_on_checklist_now", consortium),
        "form": form,
        "conflict": conflict,
        "saved": saved,
        "oob": oob,
    }
    if oob:
        context["overall"] = selectors.overall_progress(list(consortium.phases.with_progress()))
    template = "methodology/partials/task_editor.html" if form is not None else "methodology/partials/task_row.html"
    return render(request, template, context)


@login_required
def task_row(request: AuthedRequest, pk: int) -> HttpResponse:
    """A checklist row (htmx): ``?edit=1`` opens its editor in place; without JavaScript, the task page."""
    task = _get_task_for_user(request, pk)
    if not request.htmx:
        return redirect(task)
    if request.GET.get("edit"):
        if not request.user.has_perm("methodology.work_on_checklist_now", task.phase.consortium):
            raise PermissionDenied
        return _row(request, task, form=_editor_form(request, task))
    return _row(request, task)


@login_required
@require_POST
def task_update(request: AuthedRequest, pk: int) -> HttpResponse:
    """The editor's save: htmx swaps the row (with "Saved", or the refusal beside the field) and the
    progress bars; without JavaScript it returns to the task page, with the message on top."""
    task = _get_task_for_user(request, pk)
    consortium = task.phase.consortium
    if not request.user.has_perm("methodology.work_on_checklist", consortium):
        raise PermissionDenied
    form = _editor_form(request, task, data=request.POST)
    call = ServiceCall(refused=True)
    if form.is_valid():
        version = form.cleaned_data["version"]
        call = call_service(form, services.task_update, task=task, by=request.user, version=version, **form.changes())
    conflict = call.conflict.message if call.conflict else ""
    if request.htmx:
        if call.ok:
            return _row(request, task, saved=True, oob=True)
        if conflict:  # what is there now, to edit again from it
            task.refresh_from_db()
            form = _editor_form(request, task)
        return _row(request, task, form=form, conflict=conflict, oob=True)
    if conflict:
        messages.warning(request, conflict)
        return redirect(task)
    if not call.ok:
        return render(request, "methodology/task_detail.html", _task_context(request, task, update_form=form))
    messages.success(request, _("The task was saved."))
    return redirect(task)


def _task_context(request: AuthedRequest, task: Task, **forms) -> dict:
    consortium = task.phase.consortium
    user = request.user
    can_work = user.has_perm("methodology.work_on_checklist_now", consortium)
    people = selectors.people_of(consortium)
    return {
        "task": task,
        "consortium": consortium,
        "can_work": can_work and task.phase.signed_off_at is None,
        "can_comment": user.has_perm("methodology.comment_on_task", consortium),
        "update_form": forms.get("update_form")
        or TaskUpdateForm(
            initial={
                "status": task.status,
                "assignee": task.assignee_id,
                "due_date": task.due_date,
                "notes": task.notes,
                "version": task.version,
            },
            people=people,
            fields=_task_fields(request, consortium),
        ),
        "comment_form": forms.get("comment_form") or CommentForm(),
        "evidence_form": forms.get("evidence_form") or EvidenceForm(),
        "comments": task.comments.select_related("author"),
        "evidence": task.evidence.select_related("uploaded_by"),
    }


@login_required
def task_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    task = _get_task_for_user(request, pk)
    return render(request, "methodology/task_detail.html", _task_context(request, task))


@login_required
@require_POST
def task_comment(request: AuthedRequest, pk: int) -> HttpResponse:
    task = _get_task_for_user(request, pk)
    form = CommentForm(request.POST)
    if form.is_valid():
        call = call_service(form, services.task_comment, task=task, by=request.user, **form.cleaned_data)
        if call.ok:
            messages.success(request, _("Your comment was added."))
            return redirect(reverse("methodology:task", args=[task.pk]) + "#comments")
        if call.conflict:
            messages.error(request, call.conflict.message)
    return render(request, "methodology/task_detail.html", _task_context(request, task, comment_form=form), status=400)


@login_required
@require_POST
def evidence_attach(request: AuthedRequest, pk: int) -> HttpResponse:
    task = _get_task_for_user(request, pk)
    form = EvidenceForm(request.POST, request.FILES)
    if form.is_valid():
        fields = {name: form.cleaned_data[name] for name in ("file", "link", "name")}
        call = call_service(form, services.evidence_attach, task=task, by=request.user, **fields)
        if call.conflict:
            messages.error(request, call.conflict.message)
            return redirect(task)
        if call.ok:
            messages.success(request, _("The evidence was attached."))
            return redirect(reverse("methodology:task", args=[task.pk]) + "#evidence")
    return render(request, "methodology/task_detail.html", _task_context(request, task, evidence_form=form), status=400)


@login_required
def evidence_download(request: AuthedRequest, pk: int) -> HttpResponse:
    """Evidence files are served only to people who may see the consortium."""
    evidence = get_object_or_404(Evidence.objects.filter(task__in=Task.objects.visible_to(request.user)), pk=pk)
    if not evidence.file:
        raise Http404
    return file_response(evidence.file)


@login_required
def phase_sign_off(request: AuthedRequest, pk: int) -> HttpResponse:
    """GET asks for confirmation (and lists what is still open); POST signs the phase off."""
    phase = _get_phase_for_user(request, pk)
    if request.method != "POST":
        if not request.user.has_perm("methodology.sign_off_phase", phase.consortium):
            raise PermissionDenied
        phase = Phase.objects.with_progress().select_related("consortium", "template").get(pk=phase.pk)
        return render(
            request,
            "methodology/phase_sign_off.html",
            {"phase": phase, **selectors.sign_off_blockers(phase)},
        )
    call = call_service(None, services.phase_sign_off, phase=phase, by=request.user)
    for problem in call.problems:
        messages.error(request, problem)
    if call.conflict:
        messages.warning(request, call.conflict.message)
    elif call.ok:
        messages.success(request, _("Phase %(number)s was signed off.") % {"number": phase.number})
    return redirect("methodology:checklist", pk=phase.consortium_id)


@login_required
def phase_reopen(request: AuthedRequest, pk: int) -> HttpResponse:
    phase = _get_phase_for_user(request, pk)
    if not request.user.has_perm("methodology.reopen_phase", phase.consortium):
        raise PermissionDenied
    form = ReopenForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        call = call_service(form, services.phase_reopen, phase=phase, by=request.user, **form.cleaned_data)
        if call.conflict:
            messages.warning(request, call.conflict.message)
        elif call.ok:
            messages.success(request, _("Phase %(number)s was reopened.") % {"number": phase.number})
        return redirect(reverse("methodology:checklist", args=[phase.consortium_id]) + f"#phase-{phase.number}")
    return render(request, "methodology/phase_reopen.html", {"phase": phase, "form": form})


@login_required
def task_add(request: AuthedRequest, pk: int) -> HttpResponse:
    phase = _get_phase_for_user(request, pk)
    consortium = phase.consortium
    if not request.user.has_perm("methodology.add_custom_task", consortium):
        raise PermissionDenied
    form = TaskAddForm(request.POST if request.method == "POST" else None, people=selectors.people_of(consortium))
    if request.method == "POST" and form.is_valid():
        call = call_service(form, services.task_add, phase=phase, by=request.user, **form.cleaned_data)
        if call.conflict:
            messages.error(request, call.conflict.message)
            return redirect("methodology:checklist", pk=consortium.pk)
        if call.ok:
            messages.success(request, _("The task was added."))
            return redirect(reverse("methodology:checklist", args=[consortium.pk]) + f"#task-{call.result.pk}")
    return render(request, "methodology/task_add.html", {"phase": phase, "form": form})


@login_required
def my_tasks(request: AuthedRequest) -> HttpResponse:
    """The tasks assigned to me across my consortia."""
    queryset = Task.objects.visible_to(request.user).filter(assignee=request.user).for_list()
    filterset = MyTaskFilter(request.GET or None, queryset=queryset, user=request.user)
    page = paginate(request, filterset.qs if filterset.is_bound else queryset)
    template = "methodology/partials/my_task_table.html" if request.htmx else "methodology/my_tasks.html"
    return render(request, template, {"filter": filterset, "page": page, "query": query_without_page(request)})
