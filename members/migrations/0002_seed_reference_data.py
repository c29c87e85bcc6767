from django.db import migrations

from members.seed import seed_sectors, seed_size_thresholds


def seed(apps, schema_editor):
    seed_sectors(apps.get_model("members", "Sector"))
    seed_size_thresholds(apps.get_model("members", "SizeThreshold"))


class Migration(migrations.Migration):
    dependencies = [("members", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
