from django.db import migrations

from cms.security.roles import EDITOR, REVIEWER, grant_operation

GRANTS = {
    EDITOR: {"cms": ["view_searchlog", "view_popularsearch"]},
    REVIEWER: {
        "cms": ["view_searchlog", "view_popularsearch", "add_popularsearch", "change_popularsearch",
                "delete_popularsearch"]
    },
}  # fmt: skip



class Migration(migrations.Migration):
    dependencies = [("cms", "0006_search_vector_gin")]

    operations = [grant_operation(GRANTS)]
