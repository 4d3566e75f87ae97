"""What "for you" ranks an opportunity on, in its row (council/projects/match_signals.py):
the column, filled for every existing row in one statement on PostgreSQL, and covering
partial indexes that carry it, so ranking is one index-only pass over the reach box (and over
online work) with no join per signal. They replace the two "for you" indexes of 0002, which
lacked `members_only` and sent every row in the box to the table, and leave out the rows
marked ended (half of a national data set)."""

from django.db import migrations, models

LEVELS = {"A1": 1, "A2": 2, "B1": 3, "B2": 4, "C1": 5, "C2": 6, "native": 7}
UNKNOWN_LEVEL = 99

POSTGRESQL_FILL = f"""
UPDATE projects_opportunity o SET match_signals = COALESCE((
    SELECT jsonb_object_agg(k.key, k.value) FROM (
        SELECT 's' || s.skill_id AS key, 1 AS value
        FROM projects_opportunity_skills s WHERE s.opportunity_id = o.id
        UNION ALL
        SELECT 'l' || l.language_id, CASE l.min_level
            {" ".join(f"WHEN '{name}' THEN {rank}" for name, rank in LEVELS.items())}
            ELSE {UNKNOWN_LEVEL} END
        FROM projects_opportunitylanguage l WHERE l.opportunity_id = o.id
        UNION ALL
        SELECT 'c' || c.cause_id, 1
        FROM projects_project_causes c WHERE c.project_id = o.project_id
        UNION ALL
        SELECT 'g' || t.goal_id, COUNT(*)
        FROM projects_project_sdg_targets pt
        JOIN reference_sdgtarget t ON t.id = pt.sdgtarget_id
        WHERE pt.project_id = o.project_id GROUP BY t.goal_id
    ) k
), '{{}}'::jsonb)
"""  # noqa: S608 (constants only)

POSTGRESQL_INDEXES = [
    "DROP INDEX IF EXISTS projects_opportunity_onsite_match",
    "DROP INDEX IF EXISTS projects_opportunity_online_match",
    """
    CREATE INDEX IF NOT EXISTS projects_opportunity_onsite_rank
    ON projects_opportunity (latitude, longitude)
    INCLUDE (id, project_id, is_online, last_end, country_id, min_age, restricted_category,
             medical_required, match_signals)
    WHERE is_published AND NOT has_ended AND NOT is_online AND NOT members_only
    """,
    """
    CREATE INDEX IF NOT EXISTS projects_opportunity_online_rank
    ON projects_opportunity (last_end)
    INCLUDE (id, project_id, is_online, latitude, longitude, min_age, restricted_category,
             medical_required, match_signals)
    WHERE is_published AND NOT has_ended AND is_online AND NOT members_only
    """,
]


def fill(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(POSTGRESQL_FILL)
            for statement in POSTGRESQL_INDEXES:
                cursor.execute(statement)
            cursor.execute("ANALYZE projects_opportunity")
        return
    # Elsewhere (SQLite: development and tests) the rows are few: the service's own function.
    from council.projects.services.index import opportunity_match_signals

    Opportunity = apps.get_model("projects", "Opportunity")
    for opportunity in Opportunity.objects.using(connection.alias).iterator(chunk_size=500):
        opportunity.match_signals = opportunity_match_signals(opportunity)
        opportunity.save(update_fields=["match_signals"])


def restore(apps, schema_editor):
    """Back to 0002's indexes (the new ones go with the column)."""
    connection = schema_editor.connection
    if connection.vendor == "postgresql":
        from importlib import import_module

        search = import_module("council.projects.migrations.0002_search")
        with connection.cursor() as cursor:
            for statement in search.POSTGRESQL[-2:]:
                cursor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("projects", "0015_search_classification_names")]

    operations = [
        migrations.AddField(
            model_name="opportunity",
            name="match_signals",
            field=models.JSONField(
                blank=True, default=dict, editable=False, verbose_name="match signals"
            ),
        ),
        migrations.RunPython(fill, restore),
    ]
