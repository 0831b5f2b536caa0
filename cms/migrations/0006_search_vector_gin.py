from django.db import migrations


def create_gin_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS searchdoc_vector_gin ON cms_searchdocument USING gin (vector)"
        )


def drop_gin_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS searchdoc_vector_gin")


class Migration(migrations.Migration):
    """The GIN index behind full-text matching; PostgreSQL only (SQLite matches tokens differently)."""

    dependencies = [("cms", "0005_search_index")]

    operations = [migrations.RunPython(create_gin_index, drop_gin_index)]
