"""Bootstrap Icons inlined as SVG: no icon font to download, and no emoji that a
phone without an emoji font shows as an empty box."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from django import template
from django.conf import settings
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

ICONS = Path(settings.BASE_DIR) / "static" / "vendor" / "bootstrap-icons-1.13.2" / "icons"


@cache
def _svg(name: str) -> str:
    text = (ICONS / f"{name}.svg").read_text()
    # Keep the drawing; the attributes are set per use below.
    return re.sub(r"^<svg[^>]*>", "", text.strip()).removesuffix("</svg>").strip()


@register.simple_tag
def icon(name: str, label: str = "", size: str = "1em", css: str = "") -> SafeString:
    """`{% icon "bell" %}` beside a text label (hidden from screen readers), or
    `{% icon "bell" label=_("Notifications") %}` when the icon stands alone."""
    a11y = f'role="img" aria-label="{escape(label)}"' if label else 'aria-hidden="true" focusable="false"'
    # Safe: the name picks a bundled SVG file, and every attribute from the caller is escaped.
    return mark_safe(  # noqa: S308
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" fill="currentColor" '
        f'class="bi bi-{name} {escape(css)}" viewBox="0 0 16 16" {a11y}>{_svg(name)}</svg>'
    )
