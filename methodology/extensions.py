"""What the methodology app tells the apps above it (core.extensions)."""

from __future__ import annotations

from core.extensions import ExtensionPoint

# fn(consortia) -> None, called inside the transaction that created, signed off or reopened the
# phases of these consortia (a queryset), so what the apps above keep of them commits with it
# (monitoring: the current phase in the dashboard's kept figures).
phases_changed = ExtensionPoint("methodology.phases_changed")


def tell_phases_changed(consortium_ids) -> None:
    from consortia.models import Consortium

    consortia = Consortium.objects.filter(pk__in=list(consortium_ids))
    for function in phases_changed:
        function(consortia)
