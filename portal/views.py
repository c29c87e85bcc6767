from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from portal import home as selectors


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """What needs me now: one section per role I hold, each linking onward."""
    today = timezone.localdate()
    return render(request, "portal/home.html", {"today": today, **selectors.home(request.user, today=today)})
