from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.utils import translation

ROOT = Path(__file__).resolve().parents[2]
LANGUAGES = ["es", "fr", "pt"]


def catalog(lang: str, root: Path = ROOT) -> polib.POFile:
    return polib.pofile(str(root / "locale" / lang / "LC_MESSAGES" / "django.po"))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_catalog_has_no_untranslated_or_fuzzy_entries(lang):
    po = catalog(lang)
    assert len(po) > 200
    assert [e.msgid for e in po.untranslated_entries()] == []
    assert [e.msgid for e in po.fuzzy_entries()] == []


def test_the_english_catalog_has_no_fuzzy_guesses():
    """makemessages fills a new English entry with a near match ("export sales" -> "export
    status") and marks it fuzzy; the next edit of the catalog could ship the guess."""
    assert [e.msgid for e in catalog("en").fuzzy_entries()] == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_compiled_catalog_matches_the_source(lang):
    po = catalog(lang)
    mo = polib.mofile(str(ROOT / "locale" / lang / "LC_MESSAGES" / "django.mo"))
    compiled = {(e.msgctxt, e.msgid): e.msgstr for e in mo if not e.msgid_plural}
    assert {(e.msgctxt, e.msgid): e.msgstr for e in po if not e.msgid_plural and not e.obsolete} == compiled


def test_catalogs_hold_every_string_in_the_code(tmp_path):
    """Extract the strings again from a scratch copy: nothing is missing from the catalogs."""
    copy = tmp_path / "src"
    shutil.copytree(
        ROOT, copy, ignore=shutil.ignore_patterns(".venv", "var", ".git", "node_modules", "__pycache__", "test-results")
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "es", "--ignore=.venv", "--ignore=var", "--ignore=static"],
        cwd=copy,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    extracted = {e.msgid for e in catalog("es", copy)}
    committed = {e.msgid for e in catalog("es")}
    assert extracted - committed == set(), "run `make messages` and translate the new strings"


@pytest.mark.parametrize(("lang", "expected"), [("es", "Consorcios"), ("fr", "Consortiums"), ("pt", "Consórcios")])
def test_interface_strings_are_translated_at_run_time(lang, expected):
    with translation.override(lang):
        assert translation.gettext("Consortia") == expected


@pytest.mark.django_db
def test_sector_names_come_in_the_users_language():
    from members.models import Sector

    sector = Sector.objects.get(code="food-beverages")
    with translation.override("es"):
        assert sector.name == "Alimentos y bebidas"
    with translation.override("fr"):
        assert sector.name == "Alimentation et boissons"
    with translation.override("pt"):
        assert sector.name == "Alimentos e bebidas"


def test_no_string_is_translated_inside_an_f_string():
    """makemessages (xgettext) does not look inside f-strings: a gettext("…") there is left out
    of the catalogs, and the page shows it in English ("Saved" on the checklist, once)."""
    import ast

    found = []
    for path in ROOT.glob("*/**/*.py"):
        if ".venv" in path.parts or "var" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.JoinedStr):
                for call in ast.walk(node):
                    name = getattr(getattr(call, "func", None), "id", "")
                    if isinstance(call, ast.Call) and name in {"_", "gettext", "ngettext", "pgettext", "gettext_lazy"}:
                        found.append(f"{path.relative_to(ROOT)}:{call.lineno}")
    assert found == []
