"""The consortium lists' rows, written in Python.

A page of 25 consortia cost about 8 ms through the templates (three includes and a dozen
lookups, labels and dates a row); this writes the same markup in well under one. The cells
the apps above add come from consortia.extensions: ``progress`` (methodology) and
``last_report_badge`` (monitoring, its HTML).
"""

from __future__ import annotations

import datetime

from django import template
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, ngettext

from consortia.models import Consortium
from core.countries import country_name
from core.dates import short_date
from core.templatetags.days import days_until
from core.templatetags.progress import progress_bar_html
from core.web import url_by_pk

register = template.Library()
NONE = "—"


def status_badge(consortium: Consortium) -> str:
    """What consortia/partials/status_badge.html wrote."""
    return (
        f'<span class="badge status-badge {escape(consortium.status)}">'
        f"{escape(consortium.get_status_display())}</span>\n"
    )


def _short_date(day) -> str:
    return escape(short_date(day))


class Rows:
    """What every row of one page shares, translated and reversed once."""

    def __init__(self, *, review: bool, today: datetime.date):
        self.review, self.today = review, today
        self.url = url_by_pk("consortia:detail")
        labels = ("Country", "Current phase", "Progress", "Last report", "Submitted", "Next report due", "Members")
        self.label = {text: escape(gettext(text)) for text in (*labels, "Status", "Overall progress")}
        self.kinds = {value: escape(str(label)) for value, label in Consortium.Kind.choices}

    def row(self, c: Consortium) -> str:
        label = self.label
        sponsor = f" · {escape(str(c.sponsor))}" if c.sponsor_id else ""
        region = f'<div class="small text-body-secondary">{escape(c.region)}</div>' if c.region else ""
        phase = escape(c.current_phase or NONE) if c.status == Consortium.Status.ACTIVE else NONE  # type: ignore[attr-defined]
        progress = getattr(c, "progress", None)
        bar = NONE if progress is None else progress_bar_html(progress, label["Overall progress"])
        report = getattr(c, "last_report_badge", "") or NONE
        if self.review:
            when = NONE
            if c.submitted_at:  # type: ignore[attr-defined]  # the review queue's annotation
                days = -(days_until(c.submitted_at, self.today) or 0)  # type: ignore[attr-defined]
                waiting = ngettext("waiting %(days)s day", "waiting %(days)s days", days) % {"days": days}
                when = (
                    f"{_short_date(timezone.localtime(c.submitted_at))}"  # type: ignore[attr-defined]
                    f'<div class="small text-body-secondary">{waiting}</div>'
                )
            last = f'<td data-label="{label["Submitted"]}">{when}</td>\n      '
        else:
            when = NONE
            if c.next_due:  # type: ignore[attr-defined]  # monitoring's annotation
                late = (days_until(c.next_due, self.today) or 0) < 0  # type: ignore[attr-defined]
                css = "text-danger fw-semibold" if late else ""
                when = f'<span class="{css}">{_short_date(c.next_due)}</span>'  # type: ignore[attr-defined]
            last = f'<td data-label="{label["Next report due"]}">{when}</td>'
        return (
            "\n    <tr>\n"
            f'      <td class="card-title-cell"><a class="fw-semibold" href="{self.url(c.pk)}">{escape(c.name)}</a>'
            f'<div class="small text-body-secondary">{self.kinds.get(c.kind, escape(c.kind))}{sponsor}</div></td>\n'
            f'      <td data-label="{label["Country"]}">{escape(country_name(c.country))}{region}</td>\n'
            f'      <td data-label="{label["Current phase"]}">{phase}</td>\n'
            f'      <td data-label="{label["Progress"]}" class="progress-cell">{bar}</td>\n'
            f'      <td data-label="{label["Last report"]}">{report}</td>\n'
            f"      {last}\n"
            f'      <td data-label="{label["Members"]}" class="text-md-end">{c.member_count}</td>\n'  # type: ignore[attr-defined]
            f'      <td data-label="{label["Status"]}">{status_badge(c)}</td>\n'
            "    </tr>\n  "
        )


@register.simple_tag
def consortium_rows(page, review, today) -> SafeString:
    rows = Rows(review=bool(review), today=today)
    return mark_safe("".join(rows.row(consortium) for consortium in page))  # noqa: S308  # escaped in Rows.row


@register.simple_tag
def consortium_status(consortium) -> SafeString:
    return mark_safe(status_badge(consortium))  # noqa: S308  # escaped in status_badge
