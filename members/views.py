from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from core.http import HtmxRequest
from core.web import call_service, paginate, query_without_page
from members import selectors, services
from members.extensions import enterprise_memberships
from members.filters import EnterpriseFilter
from members.forms import EnterpriseForm
from members.models import Enterprise


def _get_enterprise_for_user(request: HtmxRequest, pk: int) -> Enterprise:
    """The enterprise if this person may see it, else 404."""
    return get_object_or_404(selectors.visible_enterprises(request.user), pk=pk)


@login_required
def enterprise_list(request: HtmxRequest) -> HttpResponse:
    queryset = selectors.visible_enterprises(request.user)
    filterset = EnterpriseFilter(request.GET or None, queryset=queryset)
    page = paginate(request, filterset.qs if filterset.is_bound else queryset)
    template = "members/partials/enterprise_table.html" if request.htmx else "members/enterprise_list.html"
    return render(
        request,
        template,
        {"filter": filterset, "page": page, "query": query_without_page(request)},
    )


@login_required
def enterprise_detail(request: HtmxRequest, pk: int) -> HttpResponse:
    enterprise = _get_enterprise_for_user(request, pk)
    memberships = [m for extra in enterprise_memberships for m in extra(request.user, enterprise)]
    return render(request, "members/enterprise_detail.html", {"enterprise": enterprise, "memberships": memberships})


@login_required
def enterprise_create(request: HtmxRequest) -> HttpResponse:
    if not request.user.has_perm("members.register_enterprise"):
        raise PermissionDenied
    initial = {}
    institution = getattr(request.user, "institution", None)  # members knows users only by their fields
    if institution is not None and institution.country:
        initial["country"] = institution.country
    form = EnterpriseForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        call = call_service(form, services.enterprise_create, by=request.user, **form.cleaned_data)
        if call.ok:
            messages.success(request, _("%(name)s was registered.") % {"name": call.result.name})
            return redirect("members:detail", pk=call.result.pk)
    return render(request, "members/enterprise_form.html", {"form": form})


@login_required
def enterprise_edit(request: HtmxRequest, pk: int) -> HttpResponse:
    enterprise = _get_enterprise_for_user(request, pk)
    if not request.user.has_perm("members.edit_enterprise", enterprise):
        raise PermissionDenied
    form = EnterpriseForm(request.POST if request.method == "POST" else None, instance=enterprise, user=request.user)
    if request.method == "POST" and form.is_valid():
        call = call_service(
            form, services.enterprise_update, enterprise=enterprise, by=request.user, **form.cleaned_data
        )
        if call.ok:
            messages.success(request, _("The profile of %(name)s was saved.") % {"name": enterprise.name})
            return redirect("members:detail", pk=enterprise.pk)
    return render(request, "members/enterprise_form.html", {"form": form, "enterprise": enterprise})
