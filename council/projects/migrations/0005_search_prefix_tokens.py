"""Documents of the full-text index carry prefix tokens (council.lib.stemming: prefix_token),
so that queries match prefixes exactly instead of scanning the index: rebuild every row."""

from django.db import migrations


def rebuild(apps, schema_editor):
    from council.projects.search_backend import reindex

    opportunity = apps.get_model("projects", "Opportunity")
    reindex(schema_editor.connection, opportunity.objects.all())


class Migration(migrations.Migration):
    dependencies = [("projects", "0004_drop_unused_search_document")]

    operations = [migrations.RunPython(rebuild, migrations.RunPython.noop)]
