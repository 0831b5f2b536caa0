from django.db import migrations

from cms.security.roles import EDITOR, REVIEWER, grant_operation

GRANTS = {
    EDITOR: {"cms": ["view_editorimage", "add_editorimage"]},
    REVIEWER: {"cms": ["view_editorimage", "add_editorimage", "change_editorimage", "delete_editorimage"]},
}



class Migration(migrations.Migration):
    dependencies = [("cms", "0008_editor_images")]

    operations = [grant_operation(GRANTS)]
