"""Search and matching objects beside the ORM: the full-text index of opportunities (see
council/projects/search_backend.py), a tsvector table with a GIN index on PostgreSQL and an
FTS5 table on SQLite, filled for the opportunities that exist; and on PostgreSQL two covering
partial indexes for "for you" (council/projects/selectors/matching.py). Re-running is
harmless; the reverse leaves them in place."""

from django.db import migrations

POSTGRESQL = [
    """
    CREATE TABLE IF NOT EXISTS projects_opportunity_search (
        opportunity_id bigint PRIMARY KEY,
        document tsvector NOT NULL
    )
    """,
    """
    CREATE INDEX IF NOT EXISTS projects_opportunity_search_document
    ON projects_opportunity_search USING gin (document)
    """,
    """
    CREATE OR REPLACE FUNCTION projects_opportunity_search_forget() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        DELETE FROM projects_opportunity_search WHERE opportunity_id = OLD.id;
        RETURN OLD;
    END
    $$
    """,
    "DROP TRIGGER IF EXISTS projects_opportunity_search_forget ON projects_opportunity",
    """
    CREATE TRIGGER projects_opportunity_search_forget
    AFTER DELETE ON projects_opportunity
    FOR EACH ROW EXECUTE FUNCTION projects_opportunity_search_forget()
    """,
    # "For you" (selectors/matching.py) reads what may be offered from these alone (index-only
    # scans): onsite work by place, online work by end date.
    """
    CREATE INDEX IF NOT EXISTS projects_opportunity_onsite_match
    ON projects_opportunity (latitude, longitude)
    INCLUDE (id, project_id, is_online, last_end, country_id, min_age, restricted_category,
             medical_required)
    WHERE is_published AND NOT is_online
    """,
    """
    CREATE INDEX IF NOT EXISTS projects_opportunity_online_match
    ON projects_opportunity (last_end)
    INCLUDE (id, project_id, is_online, latitude, longitude, min_age, restricted_category,
             medical_required)
    WHERE is_published AND is_online
    """,
]

SQLITE = [
    # unicode61 without diacritics folding: keys arrive already normalised (й stays й).
    """
    CREATE VIRTUAL TABLE IF NOT EXISTS projects_opportunity_search
    USING fts5(title, body, tokenize = 'unicode61 remove_diacritics 0')
    """,
]


def create_index(apps, schema_editor):
    from council.projects.search_backend import opportunity_document, store_document

    connection = schema_editor.connection
    statements = {"postgresql": POSTGRESQL, "sqlite": SQLITE}.get(connection.vendor)
    if statements is None:
        return
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
    Opportunity = apps.get_model("projects", "Opportunity")
    opportunities = Opportunity.objects.using(connection.alias).select_related("project")
    for opportunity in opportunities.iterator(chunk_size=500):
        title, body = opportunity_document(opportunity)
        store_document(connection, opportunity.pk, title, body)


class Migration(migrations.Migration):
    dependencies = [("projects", "0001_initial")]

    operations = [migrations.RunPython(create_index, migrations.RunPython.noop)]
