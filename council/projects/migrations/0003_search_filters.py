"""Filter keys beside the words of the full-text index on PostgreSQL (see
council/projects/search_backend.py: store_filters), with a GIN index on both together, filled
set-based for the opportunities that exist. SQLite has no such keys."""

from django.db import migrations

POSTGRESQL = [
    "ALTER TABLE projects_opportunity_search ADD COLUMN IF NOT EXISTS filters tsvector",
    """
    CREATE INDEX IF NOT EXISTS projects_opportunity_search_filtered
    ON projects_opportunity_search USING gin ((document || coalesce(filters, ''::tsvector)))
    """,
]


def add_filters(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    from council.projects.search_backend import store_filters

    with connection.cursor() as cursor:
        for statement in POSTGRESQL:
            cursor.execute(statement)
    store_filters(connection)


class Migration(migrations.Migration):
    dependencies = [("projects", "0002_search")]

    operations = [migrations.RunPython(add_filters, migrations.RunPython.noop)]
