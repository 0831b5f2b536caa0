from django.db import migrations

from cms.roles import EDITOR, INVESTMENT_OFFICER, REVIEWER, grant_permissions, revoke_permissions

GRANTS = {
    EDITOR: {"cms": ["view_page", "add_page", "change_page"]},
    REVIEWER: {
        "cms": ["view_page", "add_page", "change_page", "delete_page", "view_sitesettings", "change_sitesettings"]
    },
    INVESTMENT_OFFICER: {},
}


def forwards(apps, schema_editor):
    grant_permissions(apps, GRANTS)


def backwards(apps, schema_editor):
    revoke_permissions(apps, GRANTS)


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
