from django.db import migrations

from cms.security.roles import EDITOR, REVIEWER, grant_operation

TAXONOMIES = ["authority", "industry", "supporttype", "topic"]
EDITOR_PERMISSIONS = [
    "view_policy",
    "add_policy",
    "change_policy",
    "view_attachment",
    "add_attachment",
    "change_attachment",
    "delete_attachment",
    *(f"view_{model}" for model in TAXONOMIES),
]
GRANTS = {
    EDITOR: {"policies": EDITOR_PERMISSIONS},
    REVIEWER: {
        "policies": [
            *EDITOR_PERMISSIONS,
            "delete_policy",
            "publish_policy",
            *(f"{action}_{model}" for model in TAXONOMIES for action in ("add", "change", "delete")),
        ]
    },
}



class Migration(migrations.Migration):
    dependencies = [("policies", "0001_initial"), ("cms", "0002_editor_roles")]

    operations = [grant_operation(GRANTS)]
