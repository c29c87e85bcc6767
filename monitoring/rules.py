"""Who may write and review progress reports."""

from __future__ import annotations

import rules

from accounts.rules import is_admin
from consortia.rules import can_see_consortium, is_coordinator_in_scope, is_facilitator, reporter

rules.add_perm("monitoring.view_reports", is_admin | can_see_consortium)
rules.add_perm("monitoring.write_report", is_admin | reporter)
rules.add_perm("monitoring.review_report", is_admin | is_coordinator_in_scope)
rules.add_perm("monitoring.set_targets", is_admin | is_facilitator | is_coordinator_in_scope)
# Who reads the history of a consortium's figures (who changed what, from what to what).
rules.add_perm("monitoring.view_history", is_admin | is_facilitator | is_coordinator_in_scope)
