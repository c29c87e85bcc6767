"""State changes of the SME registry. Views and the API only call these."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from core.errors import FieldPermissionDenied
from core.roles import Person, registers_in_country
from core.writes import changed, claim, save_fields
from members.models import Enterprise

ENTERPRISE_FIELDS = [
    "name",
    "legal_name",
    "tax_id",
    "country",
    "region",
    "sector",
    "products",
    "employees",
    "annual_sales_usd",
    "year_founded",
    "export_status",
    "export_markets",
    "certifications",
    "website",
    "contact_person",
    "email",
    "phone",
    "is_producer_association",
    "producers_represented",
]


def _apply(enterprise: Enterprise, fields: dict) -> None:
    unknown = set(fields) - set(ENTERPRISE_FIELDS)
    if unknown:
        raise ValueError(f"Unknown enterprise fields: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(enterprise, name, value)


def check_country(by: Person, country: object) -> None:
    if country and not registers_in_country(by, country):
        raise ValidationError(
            {
                "country": _("You register for %(country)s only; ask a coordinator or admin for other countries.")
                % {"country": by.institution.country.name}
            }
        )


@transaction.atomic
def enterprise_create(*, by: Person, **fields: Any) -> Enterprise:
    if not by.has_perm("members.register_enterprise"):
        raise PermissionDenied(_("Only chamber officials and admins register enterprises."))
    enterprise = Enterprise()
    _apply(enterprise, fields)
    check_country(by, enterprise.country)
    enterprise.full_clean()
    _save(enterprise)
    return enterprise


@transaction.atomic
def enterprise_update(*, enterprise: Enterprise, by: Person, **fields: Any) -> Enterprise:
    """Change the fields sent that differ from the saved ones (claimed row, only those columns)."""
    from members.rules import editable_fields

    if not by.has_perm("members.edit_enterprise", enterprise):
        raise PermissionDenied(_("You may not change this enterprise's profile."))
    unknown = set(fields) - set(ENTERPRISE_FIELDS)
    if unknown:
        raise ValueError(f"Unknown enterprise fields: {sorted(unknown)}")
    current = claim(Enterprise, enterprise.pk)
    changes = changed(current, fields)
    refused = set(changes) - editable_fields(by, current, changes)
    if refused:
        raise FieldPermissionDenied(refused)
    _apply(current, changes)
    if "country" in changes:
        check_country(by, current.country)
    current.full_clean()
    try:
        with transaction.atomic():
            save_fields(current, changes, by=by)
    except IntegrityError:
        raise ValidationError({"tax_id": _("An enterprise with this tax id is already registered in this country.")})
    enterprise.refresh_from_db()
    return enterprise


def _save(enterprise: Enterprise) -> None:
    """Save; a duplicate tax id inserted by someone else since full_clean() is a field error, not a 500."""
    try:
        with transaction.atomic():
            enterprise.save()
    except IntegrityError:
        raise ValidationError({"tax_id": _("An enterprise with this tax id is already registered in this country.")})
