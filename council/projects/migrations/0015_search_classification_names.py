"""Search documents carry the names of the opportunity's causes, SDG goals, skills and city
(search_backend.classification_names): rebuild every row."""

from django.db import migrations


def rebuild(apps, schema_editor):
    from council.projects.search_backend import reindex

    opportunity = apps.get_model("projects", "Opportunity")
    reindex(schema_editor.connection, opportunity.objects.all())


class Migration(migrations.Migration):
    dependencies = [("projects", "0014_text_and_date_limits")]

    operations = [migrations.RunPython(rebuild, migrations.RunPython.noop)]
