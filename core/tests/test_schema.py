"""The API's OpenAPI schema tells the truth and validates; models and migrations agree."""

from __future__ import annotations

import io

import pytest
import yaml
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def _schema() -> dict:
    out = io.StringIO()
    call_command("spectacular", "--validate", "--fail-on-warn", stdout=out)
    return yaml.safe_load(out.getvalue())


def test_the_schema_validates_without_warnings_and_declares_what_is_served():
    schema = _schema()
    components = schema["components"]["schemas"]
    assert components["Phase"]["properties"]["signed_off_by"].get("nullable") is True
    assert components["Report"]["properties"]["submitted_by"].get("nullable") is True
    assert components["Report"]["properties"]["values"].get("readOnly") is not True
    for name in ("comments", "evidence"):
        response = schema["paths"][f"/api/v1/tasks/{{id}}/{name}/"]["get"]["responses"]["200"]
        listed = response["content"]["application/json"]["schema"]
        assert listed["type"] == "array", f"{name}/ is served as a plain list"
    assert "/api/v1/reports/{id}/history/" in schema["paths"]


def test_models_and_migrations_agree():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)
