"""Who may work on a consortium's checklist. The page, the API and the services ask these."""

from __future__ import annotations

import rules

from accounts.rules import is_admin
from consortia.rules import can_see_consortium, is_coordinator_in_scope, is_facilitator


@rules.predicate
def represents_a_member(user, consortium) -> bool:
    if not user.enterprise_id:
        return False
    return consortium.memberships.current().filter(enterprise_id=user.enterprise_id).exists()


@rules.predicate
def consortium_is_active(user, consortium) -> bool:
    from consortia.models import Consortium

    return consortium.status == Consortium.Status.ACTIVE


works_on_checklist = is_admin | is_facilitator | represents_a_member

rules.add_perm("methodology.view_checklist", is_admin | can_see_consortium)
rules.add_perm("methodology.work_on_checklist", works_on_checklist)
rules.add_perm("methodology.add_custom_task", is_admin | is_facilitator)
rules.add_perm("methodology.comment_on_task", works_on_checklist | is_coordinator_in_scope)
rules.add_perm("methodology.sign_off_phase", is_admin | is_facilitator | is_coordinator_in_scope)
rules.add_perm("methodology.reopen_phase", is_admin | is_coordinator_in_scope)

# What the pages offer now: the permission and an active consortium. The services
# check the two apart, to answer 403 for the person and 409 for the state.
rules.add_perm("methodology.work_on_checklist_now", consortium_is_active & works_on_checklist)
rules.add_perm("methodology.add_custom_task_now", consortium_is_active & (is_admin | is_facilitator))
rules.add_perm(
    "methodology.sign_off_phase_now", consortium_is_active & (is_admin | is_facilitator | is_coordinator_in_scope)
)

# Fields: who may change which field of a task (DESIGN §1). Members change its status and
# notes (and attach evidence); planning it — assignee and due date — is the facilitators'.
plans_checklist = is_admin | is_facilitator
TASK_FIELD_RULES = {"assignee": plans_checklist, "due_date": plans_checklist}


def editable_task_fields(user, consortium, fields) -> set[str]:
    """Of ``fields``, the ones this person may change on this consortium's tasks."""
    return {name for name in fields if TASK_FIELD_RULES.get(name, works_on_checklist).test(user, consortium)}
