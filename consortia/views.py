from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts.http import AuthedRequest
from consortia import selectors, services
from consortia.filters import ConsortiumFilter
from consortia.forms import ConsortiumForm, MembershipForm, TransitionForm
from consortia.models import Consortium, Membership, Transition, prefetch_current_members
from consortia.workflow import STEPS
from core.web import call_service, paginate, query_without_page


def _get_consortium_for_user(request: AuthedRequest, pk: int) -> Consortium:
    """The consortium if this person may see it, else 404."""
    return get_object_or_404(Consortium.objects.visible_to(request.user).select_related("sponsor"), pk=pk)


def _with_progress(consortia) -> None:
    """What the apps above add to a listed page (consortia.extensions.list_page: progress)."""
    from consortia.extensions import list_page

    for extra in list_page:
        extra(consortia)


def _list(request: AuthedRequest, queryset, template: str, extra: dict | None = None) -> HttpResponse:
    filterset = ConsortiumFilter(request.GET or None, queryset=queryset)
    page = paginate(request, filterset.qs if filterset.is_bound else queryset)
    _with_progress(page.object_list)
    if request.htmx:
        template = "consortia/partials/consortium_table.html"
    context = {"filter": filterset, "page": page, "query": query_without_page(request), "today": timezone.localdate()}
    return render(request, template, {**context, **(extra or {})})


@login_required
def consortium_list(request: AuthedRequest) -> HttpResponse:
    return _list(request, Consortium.objects.visible_to(request.user).for_list(), "consortia/consortium_list.html")


@login_required
def review_queue(request: AuthedRequest) -> HttpResponse:
    """Candidates submitted in the coordinator's countries, oldest first."""
    if not request.user.has_perm("consortia.review_candidates"):
        raise PermissionDenied
    queryset = Consortium.objects.in_scope_of(request.user).awaiting_review().for_list().order_by("submitted_at", "pk")
    return _list(request, queryset, "consortia/review_queue.html", {"review": True})


@login_required
def consortium_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    consortium = get_object_or_404(
        Consortium.objects.visible_to(request.user)
        .select_related("sponsor", "created_by")
        .prefetch_related("sectors", "facilitators", prefetch_current_members()),
        pk=pk,
    )
    transitions = consortium.transitions.select_related("by")
    last_return = transitions.filter(action=Transition.Action.RETURN).last()
    context = {
        "consortium": consortium,
        "transitions": transitions,
        "actions": selectors.allowed_actions(consortium, request.user),
        "problems": selectors.submission_problems(consortium) if consortium.status == Consortium.Status.DRAFT else [],
        "last_return": last_return if consortium.status == Consortium.Status.DRAFT else None,
        "can_edit": consortium.is_editable and request.user.has_perm("consortia.edit_consortium", consortium),
        "can_manage_members": consortium.is_editable
        and request.user.has_perm("consortia.manage_memberships", consortium),
    }
    return render(request, "consortia/consortium_detail.html", context)


@login_required
def consortium_create(request: AuthedRequest) -> HttpResponse:
    if not request.user.has_perm("consortia.register_consortium"):
        raise PermissionDenied
    institution = request.user.institution
    initial: dict[str, object] = {"sponsor": request.user.institution_id}
    if institution is not None and institution.country:
        initial["country"] = institution.country
    form = ConsortiumForm(request.POST if request.method == "POST" else None, initial=initial, user=request.user)
    if request.method == "POST" and form.is_valid():
        call = call_service(form, services.consortium_create, by=request.user, **form.cleaned_data)
        if call.ok:
            messages.success(
                request, _("The candidate was saved as a draft. Add at least three members, then submit it.")
            )
            return redirect(call.result)
    return render(request, "consortia/consortium_form.html", {"form": form})


@login_required
def consortium_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    consortium = _get_consortium_for_user(request, pk)
    if not request.user.has_perm("consortia.edit_consortium", consortium):
        raise PermissionDenied
    if not consortium.is_editable:
        messages.error(
            request,
            _("A consortium that is %(status)s cannot be edited.")
            % {"status": consortium.get_status_display().lower()},
        )
        return redirect(consortium)
    form = ConsortiumForm(request.POST if request.method == "POST" else None, instance=consortium, user=request.user)
    if request.method == "POST" and form.is_valid():
        fields = form.cleaned_data
        call = call_service(
            form, services.consortium_update, consortium=consortium, by=request.user, denied_on_form=True, **fields
        )
        if call.conflict:
            messages.error(request, call.conflict.message)
            return redirect(consortium)
        if call.ok:
            messages.success(request, _("Your changes were saved."))
            return redirect(consortium)
    return render(request, "consortia/consortium_form.html", {"form": form, "consortium": consortium})


@login_required
def membership_add(request: AuthedRequest, pk: int) -> HttpResponse:
    consortium = _get_consortium_for_user(request, pk)
    if not request.user.has_perm("consortia.manage_memberships", consortium):
        raise PermissionDenied
    form = MembershipForm(request.POST if request.method == "POST" else None, consortium=consortium, user=request.user)
    if request.method == "POST" and form.is_valid():
        call = call_service(form, services.membership_add, consortium=consortium, by=request.user, **form.cleaned_data)
        if call.conflict:
            messages.error(request, call.conflict.message)
            return redirect(consortium)
        if call.ok:
            messages.success(request, _("%(name)s joined the consortium.") % {"name": call.result.enterprise.name})
            if "add_another" in request.POST:
                return redirect("consortia:add_member", pk=consortium.pk)
            return redirect(consortium)
    return render(request, "consortia/membership_form.html", {"form": form, "consortium": consortium})


@login_required
@require_POST
def membership_end(request: AuthedRequest, pk: int, membership_pk: int) -> HttpResponse:
    consortium = _get_consortium_for_user(request, pk)
    membership = get_object_or_404(
        Membership.objects.select_related("enterprise"), pk=membership_pk, consortium=consortium
    )
    call = call_service(None, services.membership_end, membership=membership, by=request.user)
    if call.ok:
        messages.success(request, _("%(name)s left the consortium.") % {"name": membership.enterprise.name})
    else:
        messages.error(request, call.conflict.message if call.conflict else " ".join(call.problems))
    return redirect(consortium)


# What each confirmation page asks, says will happen, and its button (before anything has happened).
ACTION_TEXTS = {
    "submit": (
        gettext_lazy("Submit %(name)s for review?"),
        gettext_lazy("The coordinators for its country are told and review it. You cannot edit it while they do."),
        gettext_lazy("Submit for review"),
    ),
    "approve": (
        gettext_lazy("Approve %(name)s?"),
        gettext_lazy(
            "It becomes an active consortium: its ten-phase checklist starts today, the official who registered "
            "it and its facilitators are told, and its first six-month report falls due after the first period."
        ),
        gettext_lazy("Approve"),
    ),
    "return": (
        gettext_lazy("Return %(name)s with comments?"),
        gettext_lazy(
            "It goes back to draft; the official who registered it sees your comment and can submit it again."
        ),
        gettext_lazy("Return with comments"),
    ),
    "reject": (
        gettext_lazy("Reject %(name)s?"),
        gettext_lazy("The candidate is closed and cannot be submitted again. The official who registered it is told."),
        gettext_lazy("Reject"),
    ),
    "pause": (
        gettext_lazy("Pause %(name)s?"),
        gettext_lazy("Its checklist cannot be changed and no reminders are sent until a coordinator resumes it."),
        gettext_lazy("Pause"),
    ),
    "resume": (
        gettext_lazy("Resume %(name)s?"),
        gettext_lazy("Its checklist can be worked on again, and reminders start again."),
        gettext_lazy("Resume"),
    ),
    "dissolve": (
        gettext_lazy("Dissolve %(name)s?"),
        gettext_lazy("The consortium is closed for good; its records are kept and can still be read."),
        gettext_lazy("Dissolve"),
    ),
}


@login_required
def consortium_action(request: AuthedRequest, pk: int, action: str) -> HttpResponse:
    """Confirm and carry out one lifecycle step (submit, approve, return …) with a comment."""
    if action not in STEPS:
        raise Http404
    consortium = _get_consortium_for_user(request, pk)
    step = STEPS[action]
    if not request.user.has_perm(step.permission, consortium):
        raise PermissionDenied
    form = TransitionForm(request.POST if request.method == "POST" else None)
    form.fields["comment"].required = step.comment_required
    if request.method == "POST" and form.is_valid():
        comment = form.cleaned_data["comment"]
        call = call_service(
            form, services.consortium_act, consortium=consortium, by=request.user, action=action, comment=comment
        )
        if call.conflict:
            messages.warning(request, call.conflict.message)
            return redirect(consortium)
        if call.refused and "comment" not in form.errors:  # not ready (members, reporters): said on the page
            for message in call.problems:
                messages.error(request, message)
            return redirect(consortium)
        if call.ok:
            messages.success(
                request,
                _("%(name)s: %(action)s.") % {"name": consortium.name, "action": Transition.Action(action).label},
            )
            return redirect(consortium)
    question, consequence, button = ACTION_TEXTS[action]
    review = {}
    if action == "submit":  # the "check answers" step: every answer, with what is still missing once
        review = {
            "problems": selectors.submission_problems(consortium),
            "members": consortium.memberships.current().select_related("enterprise__sector"),
        }
    return render(
        request,
        "consortia/consortium_action.html",
        {
            **review,
            "consortium": consortium,
            "form": form,
            "action": action,
            "question": question % {"name": consortium.name},
            "consequence": consequence,
            "button": button,
        },
    )
