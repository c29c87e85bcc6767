from __future__ import annotations

from django.utils.functional import SimpleLazyObject


def unread_count(request):
    """The header bell's number; counted only if a template shows it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    from notifications.models import Notification

    return {"unread_notifications": SimpleLazyObject(lambda: Notification.objects.for_user(user).unread().count())}
