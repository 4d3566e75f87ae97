"""PostgreSQL: the title keys of each index row in a column of their own (`titles`, the
weight-A lexemes of `document`), so ranking reads a few dozen lexemes instead of
de-compressing the whole document of every match. SQLite ranks with bm25 as before."""

from django.db import migrations

import council.projects.models

POSTGRESQL = [
    "ALTER TABLE projects_opportunity_search ADD COLUMN IF NOT EXISTS titles tsvector",
    "UPDATE projects_opportunity_search SET titles = ts_filter(document, '{a}')",
]


def add_titles(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        for statement in POSTGRESQL:
            cursor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("projects", "0006_search_row")]

    operations = [
        migrations.RunPython(add_titles, migrations.RunPython.noop),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddField(
                    model_name="opportunitysearchrow",
                    name="titles",
                    field=council.projects.models._TsVector(null=True),
                )
            ]
        ),
    ]
