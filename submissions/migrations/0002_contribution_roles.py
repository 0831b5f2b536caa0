from django.db import migrations

from cms.roles import REVIEWER, grant_permissions, revoke_permissions

GRANTS = {
    REVIEWER: {
        "submissions": [
            "view_contribution",
            "change_contribution",
            "review_contribution",
            "view_contribution_personal_data",
            "view_contributionterms",
            "add_contributionterms",
        ]
    },
}


def forwards(apps, schema_editor):
    grant_permissions(apps, GRANTS)


def backwards(apps, schema_editor):
    revoke_permissions(apps, GRANTS)


class Migration(migrations.Migration):
    dependencies = [("submissions", "0001_initial"), ("cms", "0002_editor_roles")]

    operations = [migrations.RunPython(forwards, backwards)]
