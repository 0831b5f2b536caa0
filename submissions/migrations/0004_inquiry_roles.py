from django.db import migrations

from cms.roles import INVESTMENT_OFFICER, grant_permissions, revoke_permissions

GRANTS = {
    INVESTMENT_OFFICER: {
        "submissions": [
            "view_inquiry",
            "change_inquiry",
            "view_followup",
            "add_followup",
            "view_inquiry_personal_data",
            "export_inquiry",
        ]
    },
}


def forwards(apps, schema_editor):
    grant_permissions(apps, GRANTS)


def backwards(apps, schema_editor):
    revoke_permissions(apps, GRANTS)


class Migration(migrations.Migration):
    dependencies = [("submissions", "0003_inquiries"), ("cms", "0002_editor_roles")]

    operations = [migrations.RunPython(forwards, backwards)]
