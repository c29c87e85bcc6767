"""What higher apps add to the consortium lists (core.extensions)."""

from __future__ import annotations

from core.extensions import ExtensionPoint

# fn() -> {name: expression} annotated on every listed consortium, each expression written
# against OuterRef("pk") (the methodology app: the current phase; monitoring: the next
# report's due date and the last report's status). Names can be sorted on.
list_annotations = ExtensionPoint("consortia.list_annotations")

# fn(consortia) -> None: sets attributes on one page of listed consortia, in a fixed number
# of queries for the page (the methodology app: overall progress; monitoring: the last
# report's badge, ``last_report_badge``, the HTML of its cell).
list_page = ExtensionPoint("consortia.list_page")
