"""One state-machine pattern for every status field (the consortium's lifecycle, the report's
review loop): a table of steps, each with the statuses it leaves from, the status it leads
to, who may take it and whether it needs a comment.

A service takes a step in two checks around its claim (core.writes): who may, and with
what, before the claim (``check_person``); whether the claimed row's status allows it,
after (``check_status``). A refused step leaves no trace.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from core.errors import StateConflict

COMMENT_REQUIRED = _("A comment is required: say why, so the others can act on it.")


@dataclass(frozen=True)
class Step:
    sources: frozenset[str]
    target: str
    permission: str  # a django-rules permission, tested on the workflow's object
    comment_required: bool = False
    refused: Promise | str = ""  # what a person who may not take the step is told
    comment_missing: Promise | str = COMMENT_REQUIRED


class Workflow:
    """The steps of one status field, by action name."""

    def __init__(self, steps: dict[str, Step], *, wrong_status: Callable[[Any, str], str]) -> None:
        self.steps = steps
        self.wrong_status = wrong_status  # (claimed row, action) -> why its status does not allow it

    def __getitem__(self, action: str) -> Step:
        return self.steps[action]

    def __contains__(self, action: object) -> bool:
        return action in self.steps

    def __iter__(self) -> Iterator[str]:
        return iter(self.steps)

    def items(self):
        return self.steps.items()

    def allowed(self, obj: Any, status: str, user: Any) -> list[str]:
        """The actions this person may take now, for buttons and the API."""
        return [
            action
            for action, step in self.steps.items()
            if status in step.sources and user.has_perm(step.permission, obj)
        ]

    def check_person(self, action: str, obj: Any, user: Any, comment: str = "") -> Step:
        """Before the claim: may this person take the step on ``obj``, and is the comment there?"""
        step = self.steps[action]
        if not user.has_perm(step.permission, obj):
            raise PermissionDenied(str(step.refused))
        if step.comment_required and not (comment or "").strip():
            raise ValidationError({"comment": step.comment_missing})
        return step

    def check_status(self, action: str, claimed: Any, status: str) -> Step:
        """After the claim: does the claimed row's status allow the step? StateConflict if not."""
        step = self.steps[action]
        if status not in step.sources:
            raise StateConflict(self.wrong_status(claimed, action))
        return step
