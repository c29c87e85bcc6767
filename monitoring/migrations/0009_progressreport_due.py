# The report's copy of its period's due date, with the two indexes the report lists use.

from django.db import migrations, models

# One statement both SQLite and PostgreSQL run: each report takes its period's due date.
FILL_DUE = """
UPDATE monitoring_progressreport
SET due = (SELECT p.due FROM monitoring_reportingperiod p WHERE p.id = monitoring_progressreport.period_id)
"""


class Migration(migrations.Migration):
    dependencies = [
        ("monitoring", "0008_consortium_figures"),
    ]

    operations = [
        migrations.AddField(
            model_name="progressreport",
            name="due",
            field=models.DateField(editable=False, null=True, verbose_name="report due"),
        ),
        migrations.RunSQL(FILL_DUE, reverse_sql=migrations.RunSQL.noop),
        migrations.AlterField(
            model_name="progressreport",
            name="due",
            field=models.DateField(editable=False, verbose_name="report due"),
        ),
        migrations.AlterModelOptions(
            name="progressreport",
            options={"ordering": ["due"], "verbose_name": "progress report", "verbose_name_plural": "progress reports"},
        ),
        migrations.AddIndex(
            model_name="progressreport",
            index=models.Index(fields=["due", "id"], name="report_due"),
        ),
        migrations.AddIndex(
            model_name="progressreport",
            index=models.Index(
                condition=models.Q(("status__in", ("open", "draft", "revision_requested"))),
                fields=["due", "id"],
                name="report_unsubmitted_due",
            ),
        ),
    ]
