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
