"""The indicator catalogue as it was when this migration was written.

Frozen: the rows come from 0002_indicator_catalogue.json beside this file, not from
monitoring.content, so that changing the catalogue code later cannot change this migration."""

import json
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).with_name("0002_indicator_catalogue.json")


def seed(apps, schema_editor):
    Indicator = apps.get_model("monitoring", "Indicator")
    for row in json.loads(DATA.read_text(encoding="utf-8")):
        Indicator.objects.update_or_create(code=row["code"], defaults=row["defaults"])


class Migration(migrations.Migration):
    dependencies = [("monitoring", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
