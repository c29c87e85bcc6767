"""The project's URLs and the floor page: login_required, base.html, the same middleware."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import include, path


@login_required
def floor(request):
    return render(request, "bench/floor.html")


urlpatterns = [path("bench/floor/", floor), path("", include("config.urls"))]
