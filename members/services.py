"""State changes of the SME registry. Views and the API only call these."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from accounts.rules import registers_in_country
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


def check_country(by, country) -> None:
    if country and not registers_in_country(by, country):
        raise ValidationError(
            {
                "country": _("You register for %(country)s only; ask a coordinator or admin for other countries.")
                % {"country": by.institution.country.name}
            }
        )


@transaction.atomic
def enterprise_create(*, by, **fields) -> Enterprise:
    if not by.has_perm("members.add_enterprise"):
        raise PermissionDenied(_("Only chamber officials and admins register enterprises."))
    enterprise = Enterprise()
    _apply(enterprise, fields)
    check_country(by, enterprise.country)
    enterprise.full_clean()
    _save(enterprise)
    return enterprise


@transaction.atomic
def enterprise_update(*, enterprise: Enterprise, by, **fields) -> Enterprise:
    if not by.has_perm("members.change_enterprise", enterprise):
        raise PermissionDenied(_("You may not change this enterprise's profile."))
    _apply(enterprise, fields)
    check_country(by, enterprise.country)
    enterprise.full_clean()
    _save(enterprise)
    return enterprise


def _save(enterprise: Enterprise) -> None:
    """Save; a duplicate tax id inserted by someone else since full_clean() is a field error, not a 500."""
    try:
        with transaction.atomic():
            enterprise.save()
    except IntegrityError:
        raise ValidationError({"tax_id": _("An enterprise with this tax id is already registered in this country.")})
