"""Every role's main pages, exports and e-mails, in Spanish, French and Portuguese, show no
English msgid left untranslated.

The check reads the project's own catalogs: any text on the page (a text node, a label
attribute, a chart label) that is exactly an English msgid whose translation differs,
or matches an English msgid with its placeholders filled in, is a leftover.
"""

from __future__ import annotations

import csv
import io
import json
import re
from html.parser import HTMLParser

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from consortia.models import Consortium
from core.testing import signed_in
from methodology.models import Task
from monitoring.models import ProgressReport

pytestmark = pytest.mark.django_db

LANGUAGES = ["es", "fr", "pt"]
ROLES = {
    "coordinator": "coordinator@demo.alianza.org",
    "facilitator": "facilitator@demo.alianza.org",
    "member": "member@demo.alianza.org",
    "official": "official.cr@demo.alianza.org",
    "admin": "admin@demo.alianza.org",
}
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]")
WORD = re.compile(r"[^\W\d_]{2,}")
CODE = re.compile(r"[a-z]+(?:_[a-z]+)*")  # a stored code (status, indicator), shown beside its label on purpose
CODE_KEYS = {"status", "country", "code", "kind"}  # chart data keys that hold codes, never shown
# Texts that are the same word in the other language by nature, not by omission.
# The language switch names each language in itself ("English"), on purpose.
SAME_IN_EVERY_LANGUAGE = {"CSV", "XLSX", "Alianza", "—", "English"}


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo data once for the module, rolled back after it."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        call_command("load_demo", force=True, stdout=io.StringIO())
        yield
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)


def _translated_pairs(catalog):
    """(English, translation) for each entry and plural form that differ and can be spotted."""
    for entry in catalog:
        pairs = [(entry.msgid, entry.msgstr)]
        if entry.msgid_plural:
            pairs = [
                (entry.msgid, entry.msgstr_plural.get(0, "")),
                (entry.msgid_plural, entry.msgstr_plural.get(1, "")),
            ]
        for english, translated in pairs:
            english = " ".join(english.split())
            same = english == " ".join(translated.split()) or english in SAME_IN_EVERY_LANGUAGE
            if not same and len(english) >= 2:
                yield english, translated


def _leftover_finder(language: str):
    """A function that returns the English msgids a list of texts shows untranslated."""
    catalog = polib.pofile(str(settings.BASE_DIR / "locale" / language / "LC_MESSAGES" / "django.po"))
    # A word that is also a translation here ("Actual" is Spanish for "Current") is not a leftover.
    translations = {" ".join(entry.msgstr.split()) for entry in catalog} | {
        " ".join(text.split()) for entry in catalog for text in entry.msgstr_plural.values()
    }
    exact: set[str] = set()
    patterns: list[str] = []
    translated_patterns: list[str] = []
    for english, translated in _translated_pairs(catalog):
        if PLACEHOLDER.search(english):
            # A filled-in template. Only templates with two English words or more: "%(name)s
            # consortium" would match a consortium's own (English) name, which is data.
            if len(WORD.findall(PLACEHOLDER.sub(" ", english))) >= 2:
                patterns.append(_pattern(english))
                translated_patterns.append(_pattern(translated))
        else:
            exact.add(english.replace("%%", "%"))
    exact |= _content_in_english(language)
    combined = re.compile("|".join(f"(?:{p})" for p in patterns)) if patterns else None
    # "Phase 4 : Structure…" is the French template filled in, though it also fits the English one.
    as_translated = re.compile("|".join(f"(?:{p})" for p in translated_patterns if p)) if translated_patterns else None

    def leftovers(texts) -> set[str]:
        found = set()
        for text in texts:
            text = " ".join(text.split())
            if not text:
                continue
            if text in translations or (as_translated is not None and as_translated.fullmatch(text)):
                continue
            if text in exact or (combined is not None and combined.fullmatch(text)):
                found.add(text)
        return found

    return leftovers


def _content_in_english(language: str) -> set[str]:
    """The translated catalogue texts (phase and task titles, indicator and sector names) in
    English, where this language's text differs: a page showing one of them has a leftover."""
    from members.models import Sector
    from methodology.models import PhaseTemplate, TaskTemplate
    from monitoring.models import Indicator

    english = set()
    for model, field in ((PhaseTemplate, "title"), (TaskTemplate, "title"), (Indicator, "name"), (Sector, "name")):
        for en, translated in model.objects.values_list(f"{field}_en", f"{field}_{language}"):
            if en and translated and en != translated:
                english.add(" ".join(en.split()))
    return english


class _Texts(HTMLParser):
    """The text a person reads or hears: text nodes, labels in attributes, JSON for charts."""

    ATTRIBUTES = {"title", "aria-label", "placeholder", "alt"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self.skip = 0
        self.json = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in self.ATTRIBUTES & set(attrs):
            self.texts.append(attrs[name] or "")
        if tag == "input" and attrs.get("type") in ("submit", "button"):
            self.texts.append(attrs.get("value") or "")
        if tag in ("script", "style"):
            self.skip += 1
            self.json = attrs.get("type") == "application/json"

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.skip -= 1
            self.json = False

    def handle_data(self, data):
        if not self.skip:
            self.texts.append(data)
        elif self.json:
            self.texts.extend(_strings(json.loads(data)))


def _pattern(template: str) -> str:
    return ".+?".join(re.escape(part) for part in PLACEHOLDER.split(" ".join(template.split()))).replace("%%", "%")


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in CODE_KEYS:
                yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def page_texts(html: str) -> list[str]:
    parser = _Texts()
    parser.feed(html)
    return parser.texts


def _pages(role: str) -> list[str]:
    delicia = Consortium.objects.get(name="Delicia Artesanal")
    task = Task.objects.filter(phase__consortium=delicia).order_by("phase__number", "order").first()
    report = ProgressReport.objects.filter(period__consortium=delicia).order_by("period__number").first()
    editable = ProgressReport.objects.filter(period__consortium=delicia, status__in=ProgressReport.EDITABLE).first()
    common = [
        "/",
        "/consortia/",
        "/enterprises/",
        "/tasks/mine/",
        "/reports/",
        "/notifications/",
        "/notifications/preferences/",
        "/accounts/profile/",
    ]
    consortium_pages = [
        f"/consortia/{delicia.pk}/",
        f"/consortia/{delicia.pk}/methodology/",
        f"/consortia/{delicia.pk}/methodology/?open=1",
        f"/tasks/{task.pk}/",
        f"/reports/consortium/{delicia.pk}/",
        f"/reports/{report.pk}/",
    ]
    pages = {
        "coordinator": common
        + consortium_pages
        + ["/reports/dashboard/", "/consortia/review/", f"/reports/{report.pk}/history/"],
        "admin": common + consortium_pages + ["/reports/dashboard/", "/consortia/review/"],
        "facilitator": common
        + consortium_pages
        + ([f"/reports/{editable.pk}/edit/"] if editable else [])
        + [f"/phases/{task.phase_id}/sign-off/", f"/reports/consortium/{delicia.pk}/targets/export_sales/"],
        "member": common + consortium_pages,
        "official": [*common, "/consortia/new/", "/enterprises/new/"],
    }
    return pages[role]


def _speaking(email: str, language: str) -> User:
    user = User.objects.get(email=email)
    User.objects.filter(pk=user.pk).update(preferred_language=language)
    user.refresh_from_db()
    return user


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("role", list(ROLES))
def test_main_pages_have_no_english_left(client, demo, role, language):
    client = signed_in(client, _speaking(ROLES[role], language))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    leftovers = _leftover_finder(language)
    found = {}
    for path in _pages(role):
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        assert response.headers["Content-Language"] == language, path
        english = leftovers(page_texts(response.content.decode()))
        if english:
            found[path] = sorted(english)
    assert found == {}, f"English left in {language} for the {role}: {found}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_exports_have_no_english_left(client, demo, language):
    client = signed_in(client, _speaking(ROLES["coordinator"], language))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    leftovers = _leftover_finder(language)
    delicia = Consortium.objects.get(name="Delicia Artesanal")
    found = {}
    for path in [
        "/reports/dashboard/overdue.csv",
        "/reports/dashboard/awaiting.csv",
        "/reports/dashboard/at-risk.csv",
        f"/reports/tracking/{delicia.pk}.csv",
    ]:
        response = client.get(path)
        assert response.status_code == 200, path
        rows = csv.reader(io.StringIO(response.content.decode("utf-8-sig")))
        cells = [cell for row in rows for cell in row if not CODE.fullmatch(cell)]
        english = leftovers(cells)
        if english:
            found[path] = sorted(english)
    assert found == {}


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_digest_and_reminder_emails_have_no_english_left(demo, language, mailoutbox):
    from monitoring.reminders import send_coordinator_digest, send_report_reminders
    from notifications.delivery import deliver_pending
    from notifications.models import Notification

    User.objects.update(preferred_language=language)
    Notification.objects.all().delete()  # the demo's own notices were written in the language of their day
    today = timezone.localdate()
    send_report_reminders(today=today)
    send_coordinator_digest(today=today)
    deliver_pending()
    leftovers = _leftover_finder(language)
    assert len(mailoutbox) >= 2  # at least a digest and a reminder
    found = set()
    for message in mailoutbox:
        html = message.alternatives[0][0] if message.alternatives else ""
        found |= leftovers([message.subject, *message.body.splitlines(), *page_texts(html)])
    assert found == set()


def test_the_check_itself_catches_leftovers_and_spares_translations(demo):
    leftovers = _leftover_finder("es")
    texts = [
        "Open the dashboard",  # a msgid left in English
        "3 reports overdue",  # a plural msgid, filled in
        "Identification and pre-selection",  # a phase title in English
        "Abrir el tablero",  # its translation
        "Actual",  # Spanish for "Current", though also an English msgid
        "Delicia Artesanal",  # data
    ]
    assert leftovers(texts) == {"Open the dashboard", "3 reports overdue", "Identification and pre-selection"}
