"""Audit events name their target by its app label (`audit.services.record`): the events
written while these models were part of `cooperation` are renamed to the new label, so that
a model's history reads the same before and after the move."""

from django.db import migrations

MODELS = (
    "exchange",
    "exchangecountry",
    "exchangecriterion",
    "panelmember",
    "exchangeapplication",
    "score",
)


def _rename(apps, old, new):
    AuditEvent = apps.get_model("audit", "AuditEvent")
    for model in MODELS:
        AuditEvent.objects.filter(target_type=f"{old}.{model}").update(target_type=f"{new}.{model}")


def forwards(apps, schema_editor):
    _rename(apps, "cooperation", "exchanges")


def backwards(apps, schema_editor):
    _rename(apps, "exchanges", "cooperation")


class Migration(migrations.Migration):
    dependencies = [
        ("exchanges", "0001_initial"),
        ("audit", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
