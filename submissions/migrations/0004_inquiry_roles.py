from django.db import migrations

from cms.security.roles import INVESTMENT_OFFICER, grant_operation

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



class Migration(migrations.Migration):
    dependencies = [("submissions", "0003_inquiries"), ("cms", "0002_editor_roles")]

    operations = [grant_operation(GRANTS)]
