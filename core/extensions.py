"""Extension points: where an app lower in the import order (DESIGN §2) lets a higher one add
to what it shows, without knowing it.

An app declares a point (``ExtensionPoint("consortia.list_annotations")``); a higher app
registers a function on it in its ``AppConfig.ready``. The lower app calls the functions
without importing the higher one, so apps import one way.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any


class ExtensionPoint:
    def __init__(self, name: str, doc: str = "") -> None:
        self.name = name
        self.__doc__ = doc
        self._functions: list[Callable[..., Any]] = []

    def register(self, function: Callable[..., Any]) -> Callable[..., Any]:
        if function not in self._functions:  # ready() can run twice in tests
            self._functions.append(function)
        return function

    def __iter__(self) -> Iterator[Callable[..., Any]]:
        return iter(self._functions)

    def __repr__(self) -> str:
        return f"<ExtensionPoint {self.name}: {len(self._functions)} registered>"


# fn(model) -> int | None: how many rows a whole table holds, from what an app keeps (monitoring:
# consortia, reports and tasks, summed per country and kind), so a list of everything need not
# count them. None: not kept; the list counts.
kept_totals = ExtensionPoint("core.kept_totals")


def kept_total(queryset) -> int | None:
    """The kept number of rows of an unfiltered queryset (every row of its table), else None."""
    query = getattr(queryset, "query", None)
    if query is None or query.where or query.is_sliced or query.combinator:
        return None
    for function in kept_totals:
        total = function(queryset.model)
        if total is not None:
            return total
    return None
