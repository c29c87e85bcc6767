from django.db import migrations

from monitoring.content import seed_indicators


def seed(apps, schema_editor):
    seed_indicators(apps.get_model("monitoring", "Indicator"))


class Migration(migrations.Migration):
    dependencies = [("monitoring", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
