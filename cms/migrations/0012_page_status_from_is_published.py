"""Static pages join the publishing workflow, step 2: ``is_published`` becomes a status."""

from django.db import migrations, models


def published_to_status(apps, schema_editor):
    """A published page stays public (published when it was created); an unpublished one becomes a draft."""
    Page = apps.get_model("cms", "Page")
    Page.objects.filter(is_published=True).update(status="published", publish_at=models.F("created_at"))
    Page.objects.filter(is_published=False).update(status="draft", publish_at=None)


def status_to_published(apps, schema_editor):
    Page = apps.get_model("cms", "Page")
    Page.objects.update(is_published=False)
    Page.objects.filter(status="published", publish_at__isnull=False).update(is_published=True)


class Migration(migrations.Migration):

    dependencies = [('cms', '0011_page_workflow')]

    operations = [migrations.RunPython(published_to_status, status_to_published)]
