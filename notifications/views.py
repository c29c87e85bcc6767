from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.http import HtmxRequest
from core.web import call_service, paginate
from notifications import selectors, services
from notifications.forms import PreferenceForm
from notifications.models import Notification


@login_required
def inbox(request: HtmxRequest) -> HttpResponse:
    page = paginate(request, Notification.objects.for_user(request.user))
    return render(request, "notifications/inbox.html", {"page": page, "query": ""})


@login_required
@require_POST
def read(request: HtmxRequest, pk: int) -> HttpResponse:
    """Mark one notice read and follow its link (only your own: anyone else's is a 404)."""
    notification = get_object_or_404(Notification.objects.for_user(request.user), pk=pk)
    services.mark_read(notification=notification, by=request.user)
    target = notification.url if url_has_allowed_host_and_scheme(notification.url, {request.get_host()}) else ""
    return redirect(target or "notifications:inbox")


@login_required
@require_POST
def read_all(request: HtmxRequest) -> HttpResponse:
    count = services.mark_all_read(by=request.user)
    messages.success(request, _("%(count)d notifications marked read.") % {"count": count})
    return redirect("notifications:inbox")


@login_required
def preferences(request: HtmxRequest) -> HttpResponse:
    """Which kinds also come by e-mail, and the weekly digest; your own settings only."""
    initial = selectors.preference_settings(selectors.preference_for(request.user))
    form = PreferenceForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        call = call_service(form, services.preference_update, user=request.user, **form.cleaned_data)
        if call.ok:
            messages.success(request, _("Your notification settings are saved."))
            return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"form": form})
