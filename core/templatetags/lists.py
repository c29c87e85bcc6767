"""Sortable column headers for list pages."""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

register = template.Library()


@register.simple_tag(takes_context=True)
def sort_header(context, field: str, label: str) -> SafeString:
    """A column header that sorts by ``field`` (and the other way round when already sorted by it),
    keeping the filters; ``aria-sort`` says which way it is sorted now."""
    request = context["request"]
    current = request.GET.get("sort", "")
    params = request.GET.copy()
    params.pop("page", None)
    params["sort"] = f"-{field}" if current == field else field
    state = "ascending" if current == field else "descending" if current == f"-{field}" else ""
    arrow = " ▲" if state == "ascending" else " ▼" if state == "descending" else ""
    return format_html(
        '<th scope="col"{}><a class="link-body-emphasis text-decoration-none sort-link" href="?{}">{}{}</a></th>',
        format_html(' aria-sort="{}"', state) if state else "",
        params.urlencode(),
        label,
        arrow,
    )


@register.filter
def country_name(code) -> str:
    """``{{ consortium.country|country_name }}``: the name in the reader's language, from a
    dictionary per language (``.name`` asks django-countries again on every row)."""
    from core.countries import country_name as name_of

    return name_of(code)
