"""How every write in Alianza lands, so that nothing a person saves is lost.

Every state change and every edit — page, API, admin action, import or job — goes
through a service that does three things inside one ``transaction.atomic()``:

1. **Claim the row.** ``claim(Model, pk)`` reads it with ``SELECT … FOR UPDATE``: a
   second writer of the same row waits until the first commits, then reads what the
   first wrote. (A one-statement change may instead be a conditional UPDATE that must
   return 1: ``filter(pk=…, status=old).update(status=new) == 1``.)
2. **Check the rule again on the claimed row** — its status, its version, its member
   count — never on an instance read before the claim: that one may be stale.
3. **Write only the fields that change.** ``save_fields(claimed, changes)`` sets them
   on the claimed instance and saves with ``update_fields`` (plus ``updated_at`` and
   ``version`` where the model has them), so a column another writer changed a moment
   ago is never written back. Never ``save()`` an instance read before the claim.

Versioned resources (task, report, target) take the ``version`` the person read;
``check_version`` refuses a stale one with a conflict (HTTP 409) before anything is
written, and every change — submit, review and sign-off included — bumps it.
Rows that belong to a parent (memberships of a consortium, tasks of a phase) claim
the parent too, so a rule that counts or reads the children (three members to
submit, every required task done to sign off) sees them as they are.

A refused change raises before its first write, or inside the transaction, so it
leaves no trace. simple-history records each saved row, with the acting person.
"""

from __future__ import annotations

from typing import Any, TypeVar, overload

from django.db import models
from django.db.models import Model

from core.errors import StateConflict

M = TypeVar("M", bound=Model)


@overload
def claim(model: type[M], pk: Any = ..., **lookup: Any) -> M: ...
@overload
def claim(model: models.QuerySet[M], pk: Any = ..., **lookup: Any) -> M: ...
def claim(model: Any, pk: Any = None, **lookup: Any) -> Any:
    """The row, locked until the surrounding transaction ends (call inside ``transaction.atomic``).

    By primary key, or by another unique lookup (``claim(IndicatorTarget, consortium=c, indicator=i)``).
    """
    queryset = model if isinstance(model, models.QuerySet) else model._default_manager.all()
    if pk is not None:
        lookup["pk"] = pk
    return queryset.select_for_update(of=("self",)).get(**lookup)


def check_version(claimed: Model, version: int | str | None, conflict: type[StateConflict], *args: Any) -> None:
    """Refuse with ``conflict(*args)`` when the person read another version than the claimed row's."""
    if version is None or int(version) != getattr(claimed, "version"):  # noqa: B009 (versioned models only)
        raise conflict(*args)


def changed(instance: Model, fields: dict[str, Any]) -> dict[str, Any]:
    """The entries of ``fields`` whose value differs from the instance's (many-to-many fields are left out)."""
    result = {}
    for name, value in fields.items():
        field = instance._meta.get_field(name)
        if field.many_to_many:
            continue
        current = getattr(instance, getattr(field, "attname", name) if field.is_relation else name)
        new = value.pk if field.is_relation and isinstance(value, Model) else value
        if current != new:
            result[name] = value
    return result


def save_fields(claimed: Model, changes: dict[str, Any], *, by: Any = None, bump_version: bool = False) -> list[str]:
    """Set ``changes`` on the claimed row and save only those columns (and its bookkeeping ones)."""
    for name, value in changes.items():
        setattr(claimed, name, value)
    names = list(changes)
    opts = claimed._meta
    field_names = {f.name for f in opts.concrete_fields}
    if bump_version and "version" in field_names:
        setattr(claimed, "version", getattr(claimed, "version") + 1)  # noqa: B009, B010
        names.append("version")
    if by is not None and "updated_by" in field_names:
        setattr(claimed, "updated_by", by)  # noqa: B010
        names.append("updated_by")
    if "updated_at" in field_names:
        names.append("updated_at")  # auto_now fields are set only when named
    if by is not None:
        set_history_user(claimed, by)
    claimed.save(update_fields=sorted(set(names)))
    return names


def set_history_user(instance: Model, by: Any) -> None:
    """Who simple-history records as having made the next save of ``instance``."""
    instance._history_user = by  # type: ignore[attr-defined]  # simple-history's own attribute


def hold(*names: str) -> None:
    """Take a lock named by each of ``names`` until the surrounding transaction ends (a second
    call for a name already held returns at once). The names of one call are taken in a fixed
    order, so two calls with overlapping names cannot deadlock each other; callers keep the
    order across calls (the dashboard's pairs before the figures rows). For what ``claim``
    cannot lock, rows that may not exist yet: the sums per country and kind, the jobs' outbox.
    PostgreSQL's advisory locks; SQLite lets one writer in at a time, so there nothing more is
    needed."""
    import zlib

    from django.db import connection

    if connection.vendor != "postgresql":
        return
    keys = sorted({zlib.crc32(name.encode()) for name in names})
    with connection.cursor() as cursor:
        for key in keys:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [key])
