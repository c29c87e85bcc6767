"""State changes of the SME registry. Views and the API only call these."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils.translation import gettext as _

from core.errors import FieldPermissionDenied
from core.roles import Person, registers_in_country
from core.writes import changed, claim, hold, save_fields
from members.models import CountryEnterprises, Enterprise

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


# ------------------------------------------------------------------------------
# The kept number of enterprises per country (CountryEnterprises)
# ------------------------------------------------------------------------------
@transaction.atomic
def enterprises_recount(countries=None) -> None:
    """Count again the enterprises of these countries (every country if None). Each country's
    lock is held before it is counted, so two writers of one country take turns and the second
    counts what the first committed."""
    if countries is None:
        countries = set(Enterprise.objects.values_list("country", flat=True).distinct())
        countries |= set(CountryEnterprises.objects.values_list("country", flat=True))
    countries = sorted({str(country) for country in countries if country})
    if not countries:
        return
    hold(*(f"members.enterprises:{country}" for country in countries))
    counted = _counted_per_country(Enterprise.objects.filter(country__in=countries))
    CountryEnterprises.objects.filter(country__in=[c for c in countries if c not in counted]).delete()
    CountryEnterprises.objects.bulk_create(
        [CountryEnterprises(country=country, enterprises=n) for country, n in counted.items()],
        update_conflicts=True,
        unique_fields=["country"],
        update_fields=["enterprises"],
    )


def _counted_per_country(enterprises) -> dict[str, int]:
    return dict(enterprises.order_by().values("country").annotate(n=Count("pk")).values_list("country", "n"))


def enterprise_counts_disagreeing() -> list[str]:
    """The countries whose kept number of enterprises differs from a count (none, if all is well)."""
    kept = dict(CountryEnterprises.objects.values_list("country", "enterprises"))
    counted = _counted_per_country(Enterprise.objects.all())
    return sorted(str(c) for c in kept.keys() | counted.keys() if kept.get(c, 0) != counted.get(c, 0))


def on_enterprise_saving(sender, *, instance: Enterprise, **kwargs) -> None:
    """Note the country an enterprise had, for on_enterprise_saved (not for a save of other fields)."""
    update_fields = kwargs.get("update_fields")
    if instance.pk and (update_fields is None or "country" in update_fields):
        instance._counted_country = (  # type: ignore[attr-defined]  # read back by on_enterprise_saved
            Enterprise.objects.filter(pk=instance.pk).values_list("country", flat=True).first()
        )


def on_enterprise_saved(sender, *, instance: Enterprise, created: bool, **kwargs) -> None:
    """An enterprise added (by a service, the admin, a fixture) or moved to another country: its
    countries are counted again, in the same transaction."""
    before = getattr(instance, "_counted_country", None)
    if created or (before is not None and str(before) != str(instance.country)):
        enterprises_recount({before, instance.country})


def on_enterprise_deleted(sender, *, instance: Enterprise, **kwargs) -> None:
    enterprises_recount({instance.country})
