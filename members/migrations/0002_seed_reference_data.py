"""Sectors and the countries' size rules, as they were when this migration was written.

Frozen: the rows come from 0002_reference_data.json beside this file, not from members.seed,
so that changing the seed code later cannot change what this migration did."""

import datetime
import json
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).with_name("0002_reference_data.json")


def seed(apps, schema_editor):
    data = json.loads(DATA.read_text(encoding="utf-8"))
    Sector = apps.get_model("members", "Sector")
    SizeThreshold = apps.get_model("members", "SizeThreshold")
    for row in data["sectors"]:
        Sector.objects.update_or_create(code=row["code"], defaults=row["defaults"])
    for row in data["size_thresholds"]:
        SizeThreshold.objects.update_or_create(
            country=row["country"],
            valid_from=datetime.date.fromisoformat(row["valid_from"]),
            defaults=row["defaults"],
        )


class Migration(migrations.Migration):
    dependencies = [("members", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
