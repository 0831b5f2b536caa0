from django.db import migrations

from cms.roles import EDITOR, REVIEWER, grant_permissions, revoke_permissions

GRANTS = {
    EDITOR: {"cms": ["view_editorimage", "add_editorimage"]},
    REVIEWER: {"cms": ["view_editorimage", "add_editorimage", "change_editorimage", "delete_editorimage"]},
}


def forwards(apps, schema_editor):
    grant_permissions(apps, GRANTS)


def backwards(apps, schema_editor):
    revoke_permissions(apps, GRANTS)


class Migration(migrations.Migration):
    dependencies = [("cms", "0008_editor_images")]

    operations = [migrations.RunPython(forwards, backwards)]
