from django.db import migrations

from cms.security.roles import EDITOR, REVIEWER, grant_operation

EDITOR_PERMISSIONS = ["view_article", "add_article", "change_article", "view_column"]
GRANTS = {
    EDITOR: {"articles": EDITOR_PERMISSIONS},
    REVIEWER: {
        "articles": [
            *EDITOR_PERMISSIONS,
            "delete_article",
            "publish_article",
            "add_column",
            "change_column",
            "delete_column",
        ]
    },
}



class Migration(migrations.Migration):
    dependencies = [("articles", "0001_initial"), ("cms", "0002_editor_roles")]

    operations = [grant_operation(GRANTS)]
