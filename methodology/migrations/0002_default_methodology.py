from django.db import migrations

from methodology.seed import load_default_methodology


def load(apps, schema_editor):
    load_default_methodology(
        apps.get_model("methodology", "Methodology"),
        apps.get_model("methodology", "PhaseTemplate"),
        apps.get_model("methodology", "TaskTemplate"),
    )


class Migration(migrations.Migration):
    dependencies = [("methodology", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
