from django.db import migrations


def create_gin_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS searchdoc_vector_gin ON cms_searchdocument USING gin (vector)"
        )
        # Keep the heap rows narrow (the long text lives in TOAST), so that a search touching thousands of
        # matches reads few pages; and keep more lexeme statistics for the planner.
        schema_editor.execute("ALTER TABLE cms_searchdocument SET (toast_tuple_target = 128)")
        schema_editor.execute(
            "ALTER TABLE cms_searchdocument "
            + ", ".join(
                f"ALTER COLUMN {column} SET STORAGE EXTERNAL"
                for column in ("body_text", "summary", "tokens", "title_tokens", "vector")
            )
        )
        schema_editor.execute("ALTER TABLE cms_searchdocument ALTER COLUMN vector SET STATISTICS 1000")


def drop_gin_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS searchdoc_vector_gin")


class Migration(migrations.Migration):
    """The GIN index behind full-text matching; PostgreSQL only (SQLite matches tokens differently)."""

    dependencies = [("cms", "0005_search_index")]

    operations = [migrations.RunPython(create_gin_index, drop_gin_index)]
