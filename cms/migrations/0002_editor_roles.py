from django.db import migrations

from cms.security.roles import EDITOR, INVESTMENT_OFFICER, REVIEWER, grant_operation

GRANTS = {
    EDITOR: {"cms": ["view_page", "add_page", "change_page"]},
    REVIEWER: {
        "cms": ["view_page", "add_page", "change_page", "delete_page", "view_sitesettings", "change_sitesettings"]
    },
    INVESTMENT_OFFICER: {},
}



class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [grant_operation(GRANTS)]
