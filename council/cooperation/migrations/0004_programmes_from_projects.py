"""The programme a project named in its text field (“Volunteers of the World”) becomes a
Programme row with the project linked, its owner among the programme's organisations and the
owner's country among its countries. Set-based and chunked: fine at national scale."""

from django.db import migrations

CHUNK = 5000


def programmes_from_projects(apps, schema_editor):
    Project = apps.get_model("projects", "Project")
    Programme = apps.get_model("cooperation", "Programme")
    Links = Programme.projects.through
    Organisations = Programme.organisations.through
    Countries = Programme.countries.through
    names = (
        Project.objects.exclude(programme="")
        .order_by()
        .values_list("programme", flat=True)
        .distinct()
    )
    for name in list(names):
        programme = (
            Programme.objects.filter(name_ru=name).first()
            or Programme.objects.filter(name_en=name).first()
            or Programme.objects.create(name=name, name_ru=name)
        )
        projects = Project.objects.filter(programme=name)
        batch = []
        for pk in projects.values_list("pk", flat=True).iterator(chunk_size=CHUNK):
            batch.append(Links(programme_id=programme.pk, project_id=pk))
            if len(batch) == CHUNK:
                Links.objects.bulk_create(batch, ignore_conflicts=True)
                batch = []
        Links.objects.bulk_create(batch, ignore_conflicts=True)
        owners = set(projects.order_by().values_list("owner_id", flat=True).distinct())
        Organisations.objects.bulk_create(
            [Organisations(programme_id=programme.pk, organisation_id=pk) for pk in owners],
            ignore_conflicts=True,
        )
        countries = set(
            projects.order_by().values_list("owner__country_id", flat=True).distinct()
        )
        Countries.objects.bulk_create(
            [Countries(programme_id=programme.pk, country_id=code) for code in countries],
            ignore_conflicts=True,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("cooperation", "0003_programme_without_council"),
        ("projects", "0011_opportunity_isco_group"),
    ]

    operations = [
        migrations.RunPython(programmes_from_projects, migrations.RunPython.noop),
    ]
