"""Small helpers the apps' views share."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.forms import BaseForm
from django.urls import reverse
from django.utils.functional import cached_property

from core.errors import StateConflict
from core.extensions import kept_total

PAGE_SIZE = 25


class KeptCountPaginator(Paginator):
    """A paginator that reads the total of a list of a whole table from what is kept of it
    (core.extensions.kept_totals) instead of counting the rows: at regional scale a count of
    every report or task costs more than the page. Any filter, and it counts."""

    @cached_property
    def count(self) -> int:
        kept = kept_total(self.object_list)
        return super().count if kept is None else kept


_SENTINEL = 2_147_483_647


def url_by_pk(name: str) -> Callable[[object], str]:
    """``pk -> reverse(name, args=[pk])``, reversing once: for a list that links every row
    (reverse cost 10-20 µs a call). Made per request, for its script prefix."""
    prefix, _sentinel, suffix = reverse(name, args=[_SENTINEL]).rpartition(str(_SENTINEL))
    return lambda pk: f"{prefix}{pk}{suffix}"


def paginate(request, queryset, per_page: int = PAGE_SIZE):
    """The requested page; a page number out of range or not a number gives the nearest page."""
    return KeptCountPaginator(queryset, per_page).get_page(request.GET.get("page"))


def add_service_errors(form: BaseForm, error: ValidationError, field_for: Callable[[str], str] | None = None) -> None:
    """Put a service's ValidationError on the form's fields (or on top when no field matches).

    ``field_for`` maps a key of the error to the form's field name (an indicator's code to
    its ``value_<code>`` box)."""
    if hasattr(error, "error_dict"):
        for key, errors in error.error_dict.items():
            field = field_for(key) if field_for else key
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


@dataclass(frozen=True)
class ServiceCall:
    """How a view's call of a service went: its result, or why it did not happen."""

    result: Any = None
    conflict: StateConflict | None = None  # the row moved on (a stale version, another status)
    refused: bool = False  # bad input, put on the form beside its field when there is a form
    problems: tuple[str, ...] = ()  # the refusal's messages, for a view with no form to show them

    @property
    def ok(self) -> bool:
        return self.conflict is None and not self.refused


def call_service(
    form: BaseForm | None,
    service: Callable[..., Any],
    *args: Any,
    field_for: Callable[[str], str] | None = None,
    denied_on_form: bool = False,
    **kwargs: Any,
) -> ServiceCall:
    """Call a service the way every view does: a ValidationError goes onto ``form`` (nothing
    was saved), a StateConflict comes back for the view to show, anything else propagates.

    ``denied_on_form``: a PermissionDenied from the service (a field this person may not
    change) goes on top of the form too, instead of a 403 page."""
    try:
        return ServiceCall(result=service(*args, **kwargs))
    except StateConflict as conflict:
        return ServiceCall(conflict=conflict)
    except PermissionDenied as denied:
        if not (denied_on_form and form is not None):
            raise
        form.add_error(None, str(denied))
        return ServiceCall(refused=True, problems=(str(denied),))
    except ValidationError as error:
        if form is not None:
            add_service_errors(form, error, field_for)
        return ServiceCall(refused=True, problems=tuple(error.messages))


def file_response(field_file):
    """Stream an uploaded file as a download under its own name (callers check who may see it).

    Never inline: an uploaded HTML or SVG file opened on this site could run script as the
    person viewing it. The sandboxing CSP holds even if a browser renders it anyway."""
    from django.http import FileResponse

    response = FileResponse(field_file.open("rb"), as_attachment=True, filename=field_file.name.rsplit("/", 1)[-1])
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    return response


def query_without_page(request) -> str:
    """The current filters as a query string, for pagination links."""
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()
