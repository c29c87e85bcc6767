"""A progress bar, written in Python: lists show one a row (``{% progress_bar %}``, and the
methodology's progress_bar.html calls it)."""

from __future__ import annotations

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


def progress_bar_html(value, label, height: str = "", bare: bool = False) -> str:
    value, label = escape(value), escape(label)
    success = " bg-success" if value == "100" else ""
    return (
        f'<div class="progress" role="progressbar" aria-label="{label}" aria-valuenow="{value}" aria-valuemin="0" '
        f'aria-valuemax="100" style="height: {escape(height or ".75rem")}">\n'
        f'  <div class="progress-bar{success}" style="width: {value}%">{"" if bare else f"{value}%"}</div>\n</div>\n'
    )


@register.simple_tag
def progress_bar(value, label, height="", bare=False) -> SafeString:
    return mark_safe(progress_bar_html(value, label, height, bool(bare)))  # noqa: S308  # escaped above
