"""The consortium's lifecycle as a table of steps (core.workflow): from which statuses each
action leaves, where it leads, who may take it and whether it needs a comment."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from consortia.models import Consortium, Transition
from core.workflow import Step, Workflow

Status = Consortium.Status
Action = Transition.Action

STEPS = Workflow(
    {
        Action.SUBMIT: Step(
            frozenset({Status.DRAFT}),
            Status.SUBMITTED,
            "consortia.submit_consortium",
            False,
            gettext_lazy("You may not submit this consortium."),
        ),
        Action.APPROVE: Step(
            frozenset({Status.SUBMITTED}),
            Status.ACTIVE,
            "consortia.decide_consortium",
            False,
            gettext_lazy("Only a coordinator for this country may approve this candidate."),
        ),
        Action.RETURN: Step(
            frozenset({Status.SUBMITTED}),
            Status.DRAFT,
            "consortia.decide_consortium",
            True,
            gettext_lazy("Only a coordinator for this country may return this candidate."),
        ),
        Action.REJECT: Step(
            frozenset({Status.SUBMITTED}),
            Status.REJECTED,
            "consortia.decide_consortium",
            True,
            gettext_lazy("Only a coordinator for this country may reject this candidate."),
        ),
        Action.PAUSE: Step(
            frozenset({Status.ACTIVE}),
            Status.PAUSED,
            "consortia.steer_consortium",
            True,
            gettext_lazy("Only a coordinator for this country may pause this consortium."),
        ),
        Action.RESUME: Step(
            frozenset({Status.PAUSED}),
            Status.ACTIVE,
            "consortia.steer_consortium",
            False,
            gettext_lazy("Only a coordinator for this country may resume this consortium."),
        ),
        Action.DISSOLVE: Step(
            frozenset({Status.ACTIVE, Status.PAUSED}),
            Status.DISSOLVED,
            "consortia.steer_consortium",
            True,
            gettext_lazy("Only a coordinator for this country may dissolve this consortium."),
        ),
    },
    wrong_status=lambda consortium, action: (
        _("This consortium is already %(status)s; it cannot be %(action)s now.")
        % {"status": consortium.get_status_display().lower(), "action": Action(action).label.lower()}
    ),
)
