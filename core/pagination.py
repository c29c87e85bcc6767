"""The API's page numbers: DRF's, with the total of a whole table read from what is kept."""

from __future__ import annotations

from rest_framework.pagination import PageNumberPagination

from core.web import KeptCountPaginator


class KeptCountPagination(PageNumberPagination):
    django_paginator_class = KeptCountPaginator
