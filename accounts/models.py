from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from core.validators import no_line_breaks


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        return self._create_user(email, password, **extra)

    def get_by_natural_key(self, username):
        return self.get(email__iexact=username)

    def coordinators(self):
        """Every active coordinator, whatever their scope."""
        return self.filter(is_coordinator=True, is_active=True)

    def coordinators_for(self, country) -> list:
        """Active coordinators whose scope includes ``country`` (an empty scope is every country)."""
        return [u for u in self.coordinators() if u.coordinates(country)]


class User(AbstractBaseUser, PermissionsMixin):
    """A person. Their roles are data on the row, never guessed from groups.

    - chamber official: ``institution`` is set;
    - member representative: ``enterprise`` is set;
    - coordinator: ``is_coordinator``, scoped to ``coordinator_countries`` (empty = all);
    - facilitator: named on a consortium (``Consortium.facilitators``);
    - admin: ``is_superuser``.
    """

    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=150, validators=[no_line_breaks])
    preferred_language = models.CharField(
        _("preferred language"), max_length=8, choices=settings.LANGUAGES, default="en"
    )
    institution = models.ForeignKey(
        "members.Institution",
        verbose_name=_("institution"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="officials",
        help_text=_("Set for chamber officials: the institution they work for."),
    )
    enterprise = models.ForeignKey(
        "members.Enterprise",
        verbose_name=_("enterprise"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="representatives",
        help_text=_("Set for member representatives: the enterprise they represent."),
    )
    is_coordinator = models.BooleanField(_("coordinator"), default=False)
    coordinator_countries = CountryField(
        _("coordinator countries"),
        multiple=True,
        blank=True,
        help_text=_("Countries this coordinator reviews; leave empty for all countries."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(_("staff status"), default=False)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)
    # Raised by "sign out everywhere": every session signed before it stops being valid.
    session_epoch = models.PositiveIntegerField(_("session generation"), default=0, editable=False)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["full_name", "email"]

    def __str__(self) -> str:
        return self.full_name or self.email

    def save(self, *args, **kwargs) -> None:
        """A new password or a deactivation ends the person's API tokens (and a new password
        lifts a sign-in lockout: whoever set it proved they hold the account)."""
        password_changed = getattr(self, "_password", None) is not None  # set by set_password()
        super().save(*args, **kwargs)
        if self.pk and (password_changed or not self.is_active):
            from accounts.sessions import end_access_after_save

            end_access_after_save(self, password_changed=password_changed)

    def _epoch_hash(self, password_hash: str) -> str:
        if not self.session_epoch:
            return password_hash  # generation 0: the hash Django gives, so no one is signed out
        return salted_hmac("accounts.User.session_epoch", f"{password_hash}:{self.session_epoch}").hexdigest()

    def get_session_auth_hash(self) -> str:
        """Django's hash of the password, mixed with the session generation: a session stays
        valid until the password changes or the person signs out everywhere."""
        return self._epoch_hash(super().get_session_auth_hash())

    def get_session_auth_fallback_hash(self):
        for fallback in super().get_session_auth_fallback_hash():
            yield self._epoch_hash(fallback)

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email

    @property
    def is_official(self) -> bool:
        return self.institution_id is not None

    def coordinates(self, country) -> bool:
        """Is this person a coordinator whose scope includes ``country``?"""
        if not self.is_coordinator:
            return False
        scope = [str(c) for c in self.coordinator_countries]
        return not scope or str(country) in scope

    @property
    def coordinator_scope(self) -> list[str] | None:
        """Country codes in scope, or None meaning every country."""
        scope = [str(c) for c in self.coordinator_countries]
        return scope or None
