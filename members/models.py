from __future__ import annotations

import datetime

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Case, CharField, F, OuterRef, Q, Subquery, Sum, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from core.errors import annotated
from core.models import QuickDisplay
from core.roles import sees_everything
from core.validators import http_url, no_line_breaks

# Where a country has no SizeThreshold row: the common LAC/EU employee bands.
FALLBACK_THRESHOLDS = {"micro_max": 10, "small_max": 50, "medium_max": 250}


class Sector(models.Model):
    """An economic sector. ``name`` is translated (modeltranslation: name_en, name_es …)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=120)

    class Meta:
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class Institution(models.Model):
    class Kind(models.TextChoices):
        CHAMBER = "chamber", _("Chamber of commerce")
        EXPORT_AGENCY = "export_agency", _("Export agency")
        MINISTRY = "ministry", _("Ministry")
        REGIONAL_GOVERNMENT = "regional_government", _("Regional government")
        UNIVERSITY = "university", _("University")
        TECHNOLOGY_CENTRE = "technology_centre", _("Technology centre")
        INTERNATIONAL = "international", _("International organisation")
        NGO = "ngo", _("NGO")

    name = models.CharField(_("name"), max_length=200, unique=True, validators=[no_line_breaks])
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    country = CountryField(_("country"), blank=True, help_text=_("Empty for regional or international bodies."))
    city = models.CharField(_("city"), max_length=120, blank=True, validators=[no_line_breaks])
    website = models.URLField(_("website"), blank=True, validators=[http_url])

    class Meta:
        verbose_name = _("institution")
        verbose_name_plural = _("institutions")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.acronym or self.name


class SizeThreshold(models.Model):
    """A country's size classes by employees, valid from a date.

    The class of an enterprise uses the newest row of its country whose
    ``valid_from`` is not in the future; with no row, FALLBACK_THRESHOLDS.
    """

    country = CountryField(_("country"))
    valid_from = models.DateField(_("valid from"))
    micro_max = models.PositiveIntegerField(_("micro: up to employees"))
    small_max = models.PositiveIntegerField(_("small: up to employees"))
    medium_max = models.PositiveIntegerField(_("medium: up to employees"))
    source = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("size threshold")
        verbose_name_plural = _("size thresholds")
        ordering = ["country", "-valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["country", "valid_from"], name="size_threshold_country_date"),
            models.CheckConstraint(
                condition=Q(micro_max__lt=F("small_max")) & Q(small_max__lt=F("medium_max")),
                name="size_threshold_increasing",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.country} {self.valid_from}: {self.micro_max}/{self.small_max}/{self.medium_max}"


class SizeClass(models.TextChoices):
    MICRO = "micro", _("Micro")
    SMALL = "small", _("Small")
    MEDIUM = "medium", _("Medium")
    LARGE = "large", _("Large")


# What a person sees of the registry: whole countries, and enterprises by id beyond them.
Scope = tuple[set[str], set[int]]


class EnterpriseQuerySet(models.QuerySet):
    def with_size_class(self, on: datetime.date | None = None):
        """Annotate ``size_class`` from the country's thresholds in force ``on`` (today)."""
        on = on or timezone.localdate()
        in_force = SizeThreshold.objects.filter(country=OuterRef("country"), valid_from__lte=on).order_by("-valid_from")

        def limit(field: str):
            return Coalesce(Subquery(in_force.values(field)[:1]), Value(FALLBACK_THRESHOLDS[field]))

        return self.annotate(
            size_class=Case(
                When(employees__isnull=True, then=Value("")),
                When(employees__lte=limit("micro_max"), then=Value(SizeClass.MICRO)),
                When(employees__lte=limit("small_max"), then=Value(SizeClass.SMALL)),
                When(employees__lte=limit("medium_max"), then=Value(SizeClass.MEDIUM)),
                default=Value(SizeClass.LARGE),
                output_field=CharField(),
            )
        )

    def visible_to(self, user, scope: Scope | None = None):
        """Enterprises a person may see.

        Admins: all. Coordinators: their countries. Officials: their
        institution's country. Everyone: their own enterprise and the members
        of the consortia they may see. ``scope``: ``scope_of(user)``, if read already.
        """
        if not user.is_authenticated:
            return self.none()
        if sees_everything(user):
            # Everything: no filter. "... OR id IS NOT NULL" gave the same rows, but PostgreSQL
            # planned it as a scan over every membership for a regional coordinator.
            return self
        countries, ids = scope or self.scope_of(user)
        return self.filter(Q(country__in=countries) | Q(pk__in=sorted(ids)))

    def count_visible_to(self, user, scope: Scope | None = None) -> int:
        """``visible_to(user).count()`` of the whole registry, from the kept counts per country
        plus the few enterprises seen beyond those countries."""
        if self.query.where:  # not the whole registry: what is kept does not answer
            return self.visible_to(user, scope).count()
        if not user.is_authenticated:
            return 0
        if sees_everything(user):
            return CountryEnterprises.total()
        countries, ids = scope or self.scope_of(user)
        within = CountryEnterprises.total(countries)
        beyond = self.filter(pk__in=sorted(ids)).exclude(country__in=countries).count() if ids else 0
        return within + beyond

    def scope_of(self, user) -> Scope:
        """The countries whose enterprises this person sees, and the ids seen beyond them."""
        from members.extensions import also_visible

        countries = set(user.coordinator_scope) if user.is_coordinator else set()
        if user.institution_id and user.institution.country:
            countries.add(str(user.institution.country))
        # Beyond those countries: what the apps above add (the consortia app: the members of
        # the consortia in sight), read as a short list of ids. "A country OR a subquery"
        # made PostgreSQL scan every enterprise (100 ms at 400,000); a country and a list of
        # ids use the indexes.
        ids: set[int] = set()
        for extra in also_visible:
            ids |= extra(user, countries)
        if user.enterprise_id:
            ids.add(user.enterprise_id)
        return countries, ids


class Enterprise(QuickDisplay):
    """A small or medium enterprise (or a producer association) in the registry."""

    class ExportStatus(models.TextChoices):
        NONE = "none", _("Does not export")
        OCCASIONAL = "occasional", _("Exports occasionally")
        REGULAR = "regular", _("Exports regularly")

    name = models.CharField(_("name"), max_length=200, validators=[no_line_breaks])
    legal_name = models.CharField(_("legal name"), max_length=200, blank=True, validators=[no_line_breaks])
    tax_id = models.CharField(
        _("tax id"),
        max_length=40,
        blank=True,
        help_text=_("Unique within the country when given."),
        validators=[no_line_breaks],
    )
    country = CountryField(_("country"))
    region = models.CharField(_("region / city"), max_length=120, blank=True, validators=[no_line_breaks])
    sector = models.ForeignKey(Sector, verbose_name=_("sector"), on_delete=models.PROTECT, related_name="enterprises")
    products = models.TextField(_("products"), blank=True)
    employees = models.PositiveIntegerField(_("employees"), null=True, blank=True)
    annual_sales_usd = models.DecimalField(
        _("annual sales (USD)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    year_founded = models.PositiveSmallIntegerField(
        _("year founded"), null=True, blank=True, validators=[MinValueValidator(1800), MaxValueValidator(2100)]
    )
    export_status = models.CharField(
        _("export status"), max_length=12, choices=ExportStatus.choices, default=ExportStatus.NONE
    )
    export_markets = CountryField(_("export markets"), multiple=True, blank=True)
    certifications = models.CharField(_("certifications"), max_length=300, blank=True, validators=[no_line_breaks])
    website = models.URLField(_("website"), blank=True, validators=[http_url])
    contact_person = models.CharField(_("contact person"), max_length=150, blank=True, validators=[no_line_breaks])
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True, validators=[no_line_breaks])
    is_producer_association = models.BooleanField(_("producer association"), default=False)
    producers_represented = models.PositiveIntegerField(
        _("producers represented"),
        null=True,
        blank=True,
        help_text=_("For producer associations and cooperatives: how many producers they represent."),
    )
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords()
    objects = EnterpriseQuerySet.as_manager()

    class Meta:
        verbose_name = _("enterprise")
        verbose_name_plural = _("enterprises")
        ordering = ["name"]
        indexes = [
            # What a country's officials and coordinators see (EnterpriseQuerySet.visible_to), newest first.
            models.Index(fields=["country", "created_at"], name="enterprise_country_newest"),
            # The list's order: without it, each page of the list sorted every enterprise (82 ms
            # of 40,000 at scale 1), and each page of a search sorted every match.
            models.Index(fields=["name", "id"], name="enterprise_name"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["country", "tax_id"],
                condition=~Q(tax_id=""),
                name="enterprise_tax_id_unique_in_country",
                violation_error_message=_("An enterprise with this tax id is already registered in this country."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        from django.core.exceptions import ValidationError

        self.tax_id = (self.tax_id or "").strip()
        if self.tax_id and self.country:
            duplicate = Enterprise.objects.filter(country=self.country, tax_id__iexact=self.tax_id).exclude(pk=self.pk)
            if duplicate.exists():
                raise ValidationError(
                    {"tax_id": _("An enterprise with this tax id is already registered in this country.")}
                )
        if self.is_producer_association and not self.producers_represented:
            raise ValidationError(
                {"producers_represented": _("Give the number of producers this association represents.")}
            )

    def validate_constraints(self, exclude=None):
        # clean() reports a duplicate tax id on its field; the constraint only guards the database.
        super().validate_constraints(exclude={*(exclude or ()), "tax_id"})

    @property
    def size_class_label(self) -> str:
        """Needs ``Enterprise.objects.with_size_class()``: raises MissingAnnotation without it."""
        code = annotated(self, "size_class", "Enterprise.objects.with_size_class()")
        return str(SizeClass(code).label) if code else ""


class CountryEnterprises(models.Model):
    """How many enterprises each country has, kept so that a list of the region's enterprises
    or a home page of a country's need not count them (a count of 400,000 cost 40 ms a page).

    Kept by ``services.enterprises_recount``: on every enterprise added, deleted or moved to
    another country (the signals in apps.py), by whatever writes enterprises in bulk, and
    checked by the daily job (``enterprise_counts_disagreeing``)."""

    country = CountryField(_("country"), primary_key=True)
    enterprises = models.PositiveIntegerField(_("enterprises"), default=0)

    class Meta:
        verbose_name = _("enterprises of a country")
        verbose_name_plural = _("enterprises of each country")

    def __str__(self) -> str:
        return f"{self.country}: {self.enterprises}"

    @staticmethod
    def total(countries=None) -> int:
        """The kept number of enterprises of these countries (all if None)."""
        kept = CountryEnterprises.objects.order_by()
        if countries is not None:
            kept = kept.filter(country__in=countries)
        return kept.aggregate(n=Coalesce(Sum("enterprises"), 0))["n"]
