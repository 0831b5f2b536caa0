from django.db import migrations

from cms.security.roles import REVIEWER, grant_operation

GRANTS = {REVIEWER: {"cms": ["publish_page"]}}


class Migration(migrations.Migration):
    dependencies = [("cms", "0013_page_remove_is_published")]

    operations = [grant_operation(GRANTS)]
