"""The UNIDO methodology, version 1, as it was when this migration was written.

Frozen: the texts come from 0002_default_methodology.json beside this file, not from
methodology.seed, so that editing the seed later cannot change what this migration did."""

import json
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).with_name("0002_default_methodology.json")


def load(apps, schema_editor):
    Methodology = apps.get_model("methodology", "Methodology")
    PhaseTemplate = apps.get_model("methodology", "PhaseTemplate")
    TaskTemplate = apps.get_model("methodology", "TaskTemplate")
    data = json.loads(DATA.read_text(encoding="utf-8"))
    if Methodology.objects.filter(version=data["version"]).exists():
        return
    methodology = Methodology.objects.create(
        version=data["version"], is_current=not Methodology.objects.filter(is_current=True).exists(), **data["fields"]
    )
    for phase in data["phases"]:
        template = PhaseTemplate.objects.create(methodology=methodology, number=phase["number"], **phase["fields"])
        for task in phase["tasks"]:
            TaskTemplate.objects.create(
                phase=template,
                order=task["order"],
                required=task["required"],
                needs_evidence=task["needs_evidence"],
                **task["fields"],
            )


class Migration(migrations.Migration):
    dependencies = [("methodology", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
