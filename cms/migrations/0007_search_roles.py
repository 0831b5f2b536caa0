from django.db import migrations

from cms.roles import EDITOR, REVIEWER, grant_permissions, revoke_permissions

GRANTS = {
    EDITOR: {"cms": ["view_searchlog", "view_popularsearch"]},
    REVIEWER: {
        "cms": ["view_searchlog", "view_popularsearch", "add_popularsearch", "change_popularsearch",
                "delete_popularsearch"]
    },
}  # fmt: skip


def forwards(apps, schema_editor):
    grant_permissions(apps, GRANTS)


def backwards(apps, schema_editor):
    revoke_permissions(apps, GRANTS)


class Migration(migrations.Migration):
    dependencies = [("cms", "0006_search_vector_gin")]

    operations = [migrations.RunPython(forwards, backwards)]
