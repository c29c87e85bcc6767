"""The six-month report's review loop as a table of steps (core.workflow), in the same
pattern as the consortium's lifecycle (consortia.workflow)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.workflow import Step, Workflow
from monitoring.models import ProgressReport, Review

Status = ProgressReport.Status

SUBMIT = "submit"


def _wrong_report_status(report: ProgressReport, action: str) -> str:
    status = report.get_status_display().lower()
    if action != SUBMIT:
        return _("Only a submitted report can be reviewed; this one is %(status)s.") % {"status": status}
    if report.status == Status.SUBMITTED:
        return _("This report was submitted a moment ago.")
    return _("This report is %(status)s and cannot be changed.") % {"status": status}


# The report's review loop, in the same pattern as the consortium's lifecycle (core.workflow):
# the reporters submit an editable report; a coordinator accepts it or asks for a revision,
# which makes it editable again. Permissions are tested on the consortium.
REPORT_STEPS = Workflow(
    {
        SUBMIT: Step(
            frozenset(ProgressReport.EDITABLE),
            Status.SUBMITTED,
            "monitoring.write_report",
            refused=gettext_lazy("Only the consortium's facilitators and its sponsor's officials write its reports."),
        ),
        Review.Decision.ACCEPT: Step(
            frozenset({Status.SUBMITTED}),
            Status.ACCEPTED,
            "monitoring.review_report",
            refused=gettext_lazy("Only a coordinator for this country reviews this report."),
        ),
        Review.Decision.REVISE: Step(
            frozenset({Status.SUBMITTED}),
            Status.REVISION_REQUESTED,
            "monitoring.review_report",
            comment_required=True,
            refused=gettext_lazy("Only a coordinator for this country reviews this report."),
            comment_missing=gettext_lazy("Say what needs revising, so the facilitator can act on it."),
        ),
    },
    wrong_status=_wrong_report_status,
)
