"""An SMTP server that is down for a while: the only thing outside the platform we stand in for."""

from __future__ import annotations

import smtplib

from django.core.mail.backends import locmem


class FlakyBackend(locmem.EmailBackend):
    """Refuses the next ``failures`` messages the way a dropped SMTP connection does, then delivers."""

    failures = 0

    def send_messages(self, messages):
        if FlakyBackend.failures > 0:
            FlakyBackend.failures -= 1
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return super().send_messages(messages)


class WorkerKilled(BaseException):
    """What a SIGKILL looks like from inside: nothing after it runs (not an Exception)."""


class KilledAfterAcceptBackend(locmem.EmailBackend):
    """Delivers, then the worker dies right after the server accepted message number ``die_after``."""

    die_after = 0
    accepted = 0

    def send_messages(self, messages):
        sent = super().send_messages(messages)
        KilledAfterAcceptBackend.accepted += sent
        if KilledAfterAcceptBackend.accepted == KilledAfterAcceptBackend.die_after:
            raise WorkerKilled
        return sent
