"""Who changed which field, from what to what, and when — read from simple-history's rows.

Every figure people argue about keeps its history (DESIGN §5): the report, its values,
its targets, the tasks. These helpers turn the historical rows of several objects into
one list of field changes, oldest first, in a fixed number of queries.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class FieldChange:
    at: Any
    by: Any
    subject: str  # what changed: "Report", or an indicator's name
    field: str  # the field's code
    label: str  # the field's name, in the viewer's language
    old: Any
    new: Any
    change: str  # "+" created, "~" changed, "-" deleted


def field_changes(records, fields: list[str], subject=lambda record: "") -> list[FieldChange]:
    """The changes between consecutive historical rows of each object in ``records``."""
    records = sorted(records, key=lambda r: (r.history_date, r.history_id))
    previous: dict[Any, Any] = {}
    result = []
    for record in records:
        before = previous.get(record.id)
        model = record.instance_type
        for name in fields:
            old = getattr(before, name) if before is not None and before.history_type != "-" else None
            new = None if record.history_type == "-" else getattr(record, name)
            if old == new or (before is None and new in (None, "", [])):
                continue
            result.append(
                FieldChange(
                    at=record.history_date,
                    by=record.history_user,
                    subject=str(subject(record)),
                    field=name,
                    label=str(model._meta.get_field(name).verbose_name),
                    old=old,
                    new=new,
                    change=record.history_type,
                )
            )
        previous[record.id] = record
    return result
