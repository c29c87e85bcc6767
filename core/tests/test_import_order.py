"""Apps import one way, in DESIGN §2's order: core ← members ← accounts ← consortia ←
methodology ← monitoring ← portal, with notifications used by all and knowing none but core.

Every import counts, inside functions too, and so does a model named by string
("consortia.Membership", apps.get_model("consortia", ...)): a lazy reference is still a
dependency. Higher apps add to lower apps' pages through core.extensions instead."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
ORDER = ["core", "members", "accounts", "consortia", "methodology", "monitoring", "portal"]
SHARED = "notifications"  # any app may use it; it may use only core
APPS = [*ORDER, SHARED]
MODEL_STRING = re.compile(rf"^({'|'.join(APPS)})\.[A-Z]\w*$")


def dependencies(app: str):
    """(other app, where) for every reference from ``app``'s own code (not tests or migrations)."""
    for path in sorted((ROOT / app).rglob("*.py")):
        relative = path.relative_to(ROOT)
        if {"tests", "migrations"} & set(relative.parts):
            continue
        for node in ast.walk(ast.parse(path.read_text(), str(relative))):
            names = []
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.Constant) and isinstance(node.value, str) and MODEL_STRING.match(node.value):
                names = [node.value]
            elif (
                isinstance(node, ast.Call)
                and getattr(node.func, "attr", "") == "get_model"
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                names = [str(node.args[0].value)]
            for name in names:
                other = name.split(".")[0]
                if other in APPS and other != app:
                    yield other, f"{relative}:{node.lineno}"


def allowed(app: str, other: str) -> bool:
    if app == SHARED:
        return other == "core"
    if other == SHARED:
        return True
    return ORDER.index(other) < ORDER.index(app)


def test_every_app_is_in_the_order():
    local = [app for app in settings.INSTALLED_APPS if (ROOT / app / "apps.py").exists()]
    assert sorted(local) == sorted(APPS)


def test_apps_import_one_way():
    wrong = [
        f"{app} -> {other} at {where}" for app in APPS for other, where in dependencies(app) if not allowed(app, other)
    ]
    assert wrong == []


def test_the_walk_sees_lazy_imports_and_model_strings(tmp_path, monkeypatch):
    """The check itself: it would catch an import inside a function and a model by string."""
    fake = tmp_path / "members"
    fake.mkdir()
    (fake / "models.py").write_text(
        "def f():\n    from consortia.models import Consortium\n\nclass M:\n    fk = 'accounts.User'\n"
    )
    monkeypatch.setattr(f"{__name__}.ROOT", tmp_path)
    found = {(other, where.split(":")[1]) for other, where in dependencies("members")}
    assert found == {("consortia", "2"), ("accounts", "5")}
    assert not allowed("members", "consortia")
    assert not allowed("members", "accounts")


def test_data_migrations_import_no_app_code():
    """A migration runs years later against code that has moved on: it carries its own data
    (a JSON file beside it) and reaches models only through ``apps.get_model``."""
    wrong = []
    for app in APPS:
        for path in sorted((ROOT / app / "migrations").glob("*.py")):
            text = path.read_text()
            if "RunPython" not in text:  # schema migrations name validators and upload paths, as Django writes them
                continue
            for node in ast.walk(ast.parse(text)):
                module = node.module if isinstance(node, ast.ImportFrom) else None
                names = [a.name for a in node.names] if isinstance(node, ast.Import) else [module or ""]
                for name in names:
                    if name.split(".")[0] in APPS and name != "core.validators":  # field validators, by path
                        wrong.append(f"{path.relative_to(ROOT)}:{node.lineno} imports {name}")
    assert wrong == []
