from __future__ import annotations

from django.conf import settings
from django.db import models, transaction
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from core.models import QuickDisplay
from core.roles import sees_everything
from core.validators import no_line_breaks, sensible_date
from members.models import Enterprise, Institution, Sector


class ConsortiumQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Consortia a person may see; everything else is a 404 for them.

        Admins: all. Coordinators: their countries. Officials: the consortia
        their institution sponsors or they registered. Facilitators: the ones
        they run. Member representatives: the ones their enterprise belongs to.
        """
        if not user.is_authenticated:
            return self.none()
        if sees_everything(user):
            return self  # every country: no filter for the planner to work around
        q = Q(created_by=user) | Q(
            pk__in=Consortium.facilitators.through.objects.filter(user_id=user.pk).values("consortium_id")
        )
        if user.enterprise_id:
            q |= Q(pk__in=Membership.objects.current().filter(enterprise_id=user.enterprise_id).values("consortium_id"))
        if user.institution_id:
            q |= Q(sponsor_id=user.institution_id)
        if user.is_coordinator:
            scope = user.coordinator_scope
            q |= Q(country__in=scope) if scope else Q(pk__isnull=False)
        return self.filter(q)

    def visible_filter(self, user, path: str) -> Q:
        """The same rule as visible_to, as a filter for rows below a consortium (``path`` leads
        from them to it). Everything for admins and all-country coordinators, so no filter;
        otherwise the visible ids, read once: an explicit list lets PostgreSQL use the index,
        where the OR of subqueries made it scan all 200,000 tasks for a facilitator's 100."""
        if sees_everything(user):
            return Q()
        return Q(**{f"{path}__in": list(self.visible_to(user).values_list("pk", flat=True))})

    def in_scope_of(self, coordinator):
        """Consortia a coordinator reviews (all countries when their scope is empty)."""
        if coordinator.is_superuser:
            return self
        if not coordinator.is_coordinator:
            return self.none()
        scope = coordinator.coordinator_scope
        return self.filter(country__in=scope) if scope else self

    def in_country(self, code: str):
        return self.filter(country=code)

    def active(self):
        return self.filter(status=Consortium.Status.ACTIVE)

    def awaiting_review(self):
        return self.filter(status=Consortium.Status.SUBMITTED)

    def for_list(self):
        """What a list row shows, in a constant number of queries: members, when it was last
        submitted for review, and what the apps above add (consortia.extensions: the current
        phase, the next report's due date, the last report's status), each sortable."""
        from consortia.extensions import list_annotations

        # Meta.ordering does not apply to aggregated querysets, so order explicitly.
        ordering = self.query.order_by or ["name", "pk"]
        extra = {}
        for annotate in list_annotations:
            extra.update(annotate())
        submitted = Transition.objects.filter(consortium=OuterRef("pk"), action=Transition.Action.SUBMIT).order_by(
            "-at"
        )
        return (
            self.select_related("sponsor")
            .annotate(
                # Per row, so it runs for the page's 25 rows, not grouped over every consortium first.
                member_count=Coalesce(
                    Subquery(
                        Membership.objects.filter(consortium=OuterRef("pk"), left__isnull=True)
                        .order_by()
                        .values("consortium")
                        .annotate(n=Count("pk"))
                        .values("n")
                    ),
                    0,
                ),
                submitted_at=Subquery(submitted.values("at")[:1]),
                **extra,
            )
            .order_by(*ordering)
        )


class Consortium(QuickDisplay):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted for review")
        ACTIVE = "active", _("Active")
        PAUSED = "paused", _("Paused")
        REJECTED = "rejected", _("Rejected")
        DISSOLVED = "dissolved", _("Dissolved")

    class Kind(models.TextChoices):
        EXPORT = "export", _("Export consortium")
        ORIGIN = "origin", _("Origin consortium")

    class Function(models.TextChoices):
        PROMOTIONAL = "promotional", _("Promotional (members sell individually)")
        SALES = "sales", _("Sales (joint selling)")

    MIN_MEMBERS = 3

    name = models.CharField(_("name"), max_length=200, validators=[no_line_breaks])
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.EXPORT)
    function = models.CharField(_("function"), max_length=12, choices=Function.choices, default=Function.PROMOTIONAL)
    country = CountryField(_("country"))
    region = models.CharField(_("region"), max_length=120, blank=True, validators=[no_line_breaks])
    sectors = models.ManyToManyField(Sector, verbose_name=_("sectors"), related_name="consortia", blank=True)
    products = models.TextField(_("products"), blank=True, help_text=_("What the consortium's members make or offer."))
    description = models.TextField(_("description"), blank=True)
    target_markets = CountryField(_("target markets"), multiple=True, blank=True)
    sponsor = models.ForeignKey(
        Institution,
        verbose_name=_("sponsoring institution"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sponsored_consortia",
    )
    facilitators = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("facilitators"), related_name="facilitated_consortia", blank=True
    )
    established = models.DateField(
        _("established"),
        null=True,
        blank=True,
        help_text=_("When the group first formed."),
        validators=[sensible_date],
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT, db_index=True)
    activated_on = models.DateField(_("activated on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="registered_consortia",
    )
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords(m2m_fields=[sectors, facilitators])
    objects = ConsortiumQuerySet.as_manager()

    class Meta:
        verbose_name = _("consortium")
        verbose_name_plural = _("consortia")
        ordering = ["name"]
        # Lists page through consortia by name: without it, each page sorted every consortium.
        indexes = [models.Index(fields=["name", "id"], name="consortium_name")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("consortia:detail", args=[self.pk])

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES

    def current_memberships(self):
        return self.memberships.filter(left__isnull=True)


EDITABLE_STATUSES = {Consortium.Status.DRAFT, Consortium.Status.ACTIVE, Consortium.Status.PAUSED}


class MembershipQuerySet(models.QuerySet):
    def current(self):
        return self.filter(left__isnull=True)


class Membership(QuickDisplay):
    class Role(models.TextChoices):
        LEADER = "leader", _("Leader")
        MEMBER = "member", _("Member")

    consortium = models.ForeignKey(
        Consortium, verbose_name=_("consortium"), on_delete=models.CASCADE, related_name="memberships"
    )
    enterprise = models.ForeignKey(
        Enterprise, verbose_name=_("enterprise"), on_delete=models.PROTECT, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    joined = models.DateField(_("joined"), validators=[sensible_date])
    left = models.DateField(_("left"), null=True, blank=True, validators=[sensible_date])
    # The enterprise is a current member of another consortium too: the dashboard counts member
    # enterprises once each by summing its consortia's member counts and taking off the extra
    # memberships of these few. Kept by save and delete (the enterprise's row is claimed before
    # its memberships are counted).
    shared = models.BooleanField(_("the enterprise is in another consortium too"), default=False, editable=False)
    # The enterprise is registered in another country than the consortium's: whoever sees a
    # country's enterprises sees these members too (selectors.members_in_sight), read through a
    # small index instead of every membership of the consortia in sight. Kept by save (after
    # the enterprise's claim), by an enterprise or consortium that moves (apps.py), and daily.
    abroad = models.BooleanField(_("the enterprise is in another country"), default=False, editable=False)

    history = HistoricalRecords(excluded_fields=["shared", "abroad"])
    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["enterprise__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["consortium", "enterprise"],
                condition=Q(left__isnull=True),
                name="membership_one_current_per_enterprise",
            ),
        ]
        indexes = [
            models.Index(
                fields=["consortium", "enterprise"],
                condition=Q(shared=True, left__isnull=True),
                name="membership_shared",
            ),
            models.Index(fields=["consortium", "enterprise"], condition=Q(abroad=True), name="membership_abroad"),
        ]

    def __str__(self) -> str:
        return f"{self.enterprise} in {self.consortium}"

    def save(self, *args, **kwargs):
        with transaction.atomic():
            super().save(*args, **kwargs)
            Membership.mark_shared([self.enterprise_id])  # claims the enterprise first
            Membership.mark_abroad(Membership.objects.filter(pk=self.pk))

    def delete(self, *args, **kwargs):
        with transaction.atomic():
            deleted = super().delete(*args, **kwargs)
            Membership.mark_shared([self.enterprise_id])
        return deleted

    @staticmethod
    def mark_all_shared() -> int:
        """Set ``shared`` right on every membership (after a bulk load, and daily as a backstop);
        how many were wrong."""
        return Membership._set_shared(Membership.objects.all())

    @staticmethod
    def mark_shared(enterprise_ids) -> None:
        """Set ``shared`` on the memberships of these enterprises. Each enterprise's row is claimed
        first, so two memberships of one enterprise added at once (in two consortia) see each other."""
        ids = sorted(set(enterprise_ids))
        list(Enterprise.objects.select_for_update().filter(pk__in=ids).order_by("pk").values_list("pk"))
        Membership._set_shared(Membership.objects.filter(enterprise__in=ids))

    @staticmethod
    def mark_abroad(memberships) -> int:
        """Set ``abroad`` right on these memberships (all after a bulk load, and daily as a
        backstop; those of an enterprise or a consortium that moved); how many were wrong."""
        consortium_country = Consortium.objects.filter(pk=OuterRef(OuterRef("consortium_id"))).values("country")
        elsewhere = Exists(
            Enterprise.objects.filter(pk=OuterRef("enterprise_id")).exclude(country=Subquery(consortium_country))
        )
        changed = memberships.filter(elsewhere).exclude(abroad=True).update(abroad=True)
        return changed + memberships.exclude(elsewhere).exclude(abroad=False).update(abroad=False)

    @staticmethod
    def _set_shared(memberships) -> int:
        """True on the current ones of an enterprise with more than one current membership, false
        on the rest; how many changed."""
        current = memberships.filter(left__isnull=True)
        many = current.values("enterprise").annotate(n=models.Count("pk")).filter(n__gt=1).values("enterprise")
        changed = current.filter(enterprise__in=many).exclude(shared=True).update(shared=True)
        changed += current.exclude(enterprise__in=many).exclude(shared=False).update(shared=False)
        return changed + memberships.filter(left__isnull=False, shared=True).update(shared=False)


class Transition(models.Model):
    """One step of a consortium's lifecycle: who moved it, when, why."""

    class Action(models.TextChoices):
        CREATE = "create", _("Registered")
        SUBMIT = "submit", _("Submitted for review")
        APPROVE = "approve", _("Approved")
        RETURN = "return", _("Returned with comments")
        REJECT = "reject", _("Rejected")
        PAUSE = "pause", _("Paused")
        RESUME = "resume", _("Resumed")
        DISSOLVE = "dissolve", _("Dissolved")

    consortium = models.ForeignKey(
        Consortium, verbose_name=_("consortium"), on_delete=models.CASCADE, related_name="transitions"
    )
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    from_status = models.CharField(_("from"), max_length=12, choices=Consortium.Status.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=12, choices=Consortium.Status.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("transition")
        verbose_name_plural = _("transitions")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.consortium}: {self.get_action_display()}"


def prefetch_current_members():
    return Prefetch(
        "memberships",
        queryset=Membership.objects.current().select_related("enterprise__sector"),
        to_attr="current_member_list",
    )
