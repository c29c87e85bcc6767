"""Small helpers the apps' views share."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.forms import BaseForm

PAGE_SIZE = 25


def paginate(request, queryset, per_page: int = PAGE_SIZE):
    """The requested page; a page number out of range or not a number gives the nearest page."""
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


def add_service_errors(form: BaseForm, error: ValidationError) -> None:
    """Put a service's ValidationError on the form's fields (or on top when no field matches)."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


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
