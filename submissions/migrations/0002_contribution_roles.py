from django.db import migrations

from cms.security.roles import REVIEWER, grant_operation

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



class Migration(migrations.Migration):
    dependencies = [("submissions", "0001_initial"), ("cms", "0002_editor_roles")]

    operations = [grant_operation(GRANTS)]
