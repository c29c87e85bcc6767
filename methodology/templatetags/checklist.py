"""The checklist's task rows, written in Python.

The open phase of a big consortium shows dozens of rows, and through the templates each cost
about half a millisecond (an include, three reversed URLs, three translations, four icons).
This writes the same markup in a few microseconds a row, from the same translated strings; the
templates call it (``{% task_rows %}``, ``{% task_row %}``, ``{% task_status %}``), so every
place that shows a row or a status badge writes it here.
"""

from __future__ import annotations

import datetime

from django import template
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, ngettext

from core.dates import short_date
from core.templatetags.icons import icon
from core.web import url_by_pk
from methodology.models import Task

register = template.Library()

STATUS_CLASS: dict[str, str] = {
    Task.Status.DONE: "text-bg-success",
    Task.Status.BLOCKED: "text-bg-danger",
    Task.Status.IN_PROGRESS: "text-bg-primary",
    Task.Status.NOT_APPLICABLE: "text-bg-secondary",
}


def status_badge(task: Task, labels: dict[str, str] | None = None) -> str:
    """What task_status.html wrote. ``labels``: the statuses' labels, translated once for a page
    (get_status_display builds the choices again for every call: a fifth of the rows' time)."""
    css = STATUS_CLASS.get(task.status, "text-bg-light border")
    label = labels[task.status] if labels else task.get_status_display()
    return f'<span class="badge task-status status-{escape(task.status)} {css}">{escape(label)}</span>'


class Rows:
    """What every row of one page shares, translated and reversed once."""

    def __init__(self, *, can_work: bool, today: datetime.date | None = None):
        self.can_work = can_work
        self.today = today or timezone.localdate()
        self.task_url = url_by_pk("methodology:task")
        self.row_url = url_by_pk("methodology:task_row")
        # Each string in a call of its own: makemessages does not look inside f-strings.
        self.optional = escape(gettext("optional"))
        self.unassigned = escape(gettext("Unassigned"))
        overdue, evidence, saved = escape(gettext("Overdue")), escape(gettext("Evidence")), escape(gettext("Saved"))
        self.overdue = f'{icon("exclamation-triangle-fill")} <span class="overdue">{overdue}</span>, '
        self.evidence = f'<span title="{evidence}">{icon("paperclip")} '
        self.comments = f"<span>{icon('chat-left-text')} "
        self.pencil = icon("pencil")
        self.statuses = {value: str(label) for value, label in Task.Status.choices}
        self.saved = f'<p class="small text-success fw-semibold mb-1 saved" role="status">{icon("check2")} {saved}</p>'

    def row(self, task: Task, *, signed_off: bool, saved: bool = False) -> str:
        """What methodology/partials/task_row.html wrote, byte for byte."""
        pk = task.pk
        overdue = task.overdue_on(self.today)
        title = escape(task.title)
        meta = str(escape(str(task.assignee)) if task.assignee_id else self.unassigned)
        if task.due_date:
            due = gettext("due %(due)s") % {"due": escape(short_date(task.due_date))}
            meta += (
                f' · <span class="{"text-danger fw-semibold" if overdue else ""}">'
                f"{self.overdue if overdue else ''}{due}</span>"
            )
        evidence, comments = task.evidence_count, task.comment_count  # type: ignore[attr-defined]  # for_list
        parts = [
            f'<div class="list-group-item task-row{" task-overdue" if overdue else ""}" id="task-{pk}" '
            f'data-status="{escape(task.status)}" data-version="{task.version}">\n  ',
            self.saved if saved else "",
            '\n  <div class="d-flex justify-content-between align-items-start gap-2">\n    <div class="task-main">\n'
            f'      <a href="{self.task_url(pk)}" class="fw-semibold task-title">{title}</a>\n      ',
            "" if task.required else f'<span class="badge text-bg-light border">{self.optional}</span>',
            f'\n      <div class="small text-body-secondary task-meta">\n        {meta}\n        ',
        ]
        if task.needs_evidence or evidence:
            files = ngettext("%(n)s file or link", "%(n)s files or links", evidence) % {"n": evidence}
            parts.append(f" · {self.evidence}{files}</span>")
        parts.append("\n        ")
        if comments:
            said = ngettext("%(n)s comment", "%(n)s comments", comments) % {"n": comments}
            parts.append(f" · {self.comments}{said}</span>")
        parts.append(
            '\n      </div>\n    </div>\n    <div class="d-flex align-items-center gap-2 flex-shrink-0">\n      '
            f"{status_badge(task, self.statuses)}\n\n      "
        )
        if self.can_work and not signed_off:
            edit = gettext("Edit “%(title)s”") % {"title": title}
            parts.append(
                f'<a class="btn btn-sm btn-outline-primary task-edit" href="{self.task_url(pk)}" '
                f'hx-get="{self.row_url(pk)}?edit=1" hx-target="#task-{pk}" hx-swap="outerHTML">'
                f'{self.pencil}<span class="visually-hidden"> {edit}</span></a>'
            )
        parts.append("\n    </div>\n  </div>\n</div>\n")
        return "".join(parts)


@register.simple_tag
def task_rows(tasks, phase, can_work) -> SafeString:
    """A phase's task rows (``phase.signed_off_at`` closes their editors), a blank line after each."""
    rows = Rows(can_work=bool(can_work))
    signed_off = phase.signed_off_at is not None
    # Safe: every value from the database is escaped in Rows.row.
    return mark_safe("".join(rows.row(task, signed_off=signed_off) + "\n" for task in tasks))  # noqa: S308


@register.simple_tag
def task_row(task, phase, can_work, saved=False) -> SafeString:
    row = Rows(can_work=bool(can_work)).row(task, signed_off=phase.signed_off_at is not None, saved=bool(saved))
    return mark_safe(row)  # noqa: S308  # escaped in Rows.row


@register.simple_tag
def task_status(task) -> SafeString:
    return mark_safe(status_badge(task))  # noqa: S308  # escaped in status_badge
