from __future__ import annotations

from functools import cache

from django.db import models
from django.utils.encoding import force_str
from django.utils.translation import gettext_lazy as _


class QuickDisplay(models.Model):
    """``get_<field>_display()`` from a table of the field's choices built once.

    Django builds the table again on every call, and to do so hashes every label, which
    translates it: 40-80 µs a call, twice a row of a list of consortia or tasks."""

    class Meta:
        abstract = True

    def _get_FIELD_display(self, field):  # Django's name, overridden
        value = getattr(self, field.attname)
        return force_str(_choice_labels(field).get(value, value), strings_only=True)


@cache
def _choice_labels(field) -> dict:
    """{stored value: label (lazy, translated when shown)} of a field with choices."""
    return dict(field.flatchoices)


class Heartbeat(models.Model):
    """When a background process was last seen doing its job: ``beat`` (the scheduler ticked)
    and ``beat.<entry>`` (it sent that job). /healthz reads them."""

    name = models.CharField(_("name"), max_length=100, primary_key=True)
    at = models.DateTimeField(_("last seen"))

    class Meta:
        verbose_name = _("heartbeat")
        verbose_name_plural = _("heartbeats")

    def __str__(self) -> str:
        return f"{self.name} @ {self.at:%Y-%m-%d %H:%M:%S}"
