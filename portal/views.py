from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from accounts.models import User
from portal import selectors


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """What needs me now: one section per role I hold, each linking onward."""
    today = timezone.localdate()
    user = request.user
    assert isinstance(user, User)  # noqa: S101 (login_required)
    return render(request, "portal/home.html", {"today": today, **selectors.home(user, today=today)})
