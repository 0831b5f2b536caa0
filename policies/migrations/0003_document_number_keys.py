"""Recompute ``Policy.document_number_key`` with the one 文号 normaliser, which now also folds traditional
characters (雲府發 → 云府发): keys stored before it would miss the duplicate warning and the keyword box."""

from django.db import migrations

from cms.text.document_numbers import normalize_document_number


def refresh_keys(apps, schema_editor):
    Policy = apps.get_model("policies", "Policy")
    changed = []
    for policy in Policy.objects.only("pk", "document_number", "document_number_key").iterator(chunk_size=500):
        key = normalize_document_number(policy.document_number)
        if key != policy.document_number_key:
            policy.document_number_key = key
            changed.append(policy)
    Policy.objects.bulk_update(changed, ["document_number_key"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("policies", "0002_roles")]

    operations = [migrations.RunPython(refresh_keys, migrations.RunPython.noop, elidable=True)]
