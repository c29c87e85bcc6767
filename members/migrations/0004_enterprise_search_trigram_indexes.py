"""Trigram indexes for the enterprise search, on PostgreSQL only.

The search is ``icontains``, which PostgreSQL runs as ``UPPER(column) LIKE UPPER('%term%')``:
a GIN index with ``gin_trgm_ops`` over the same ``UPPER(column)`` answers it without reading
every row. SQLite has no such index and keeps its plain scan, so the operations are skipped there.
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

COLUMNS = ("name", "legal_name", "products")


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in COLUMNS:
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS enterprise_{column}_trgm ON members_enterprise '
            f'USING gin (UPPER("{column}"::text) gin_trgm_ops)'
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in COLUMNS:
        schema_editor.execute(f"DROP INDEX IF EXISTS enterprise_{column}_trgm")


class Migration(migrations.Migration):
    dependencies = [("members", "0003_alter_enterprise_certifications_and_more")]

    # TrigramExtension is Django's own operation and, like the indexes, does nothing off PostgreSQL.
    operations = [TrigramExtension(), migrations.RunPython(create, drop)]
