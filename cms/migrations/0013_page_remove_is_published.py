"""Static pages join the publishing workflow, step 3: ``is_published`` goes; the publish permission comes."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [('cms', '0012_page_status_from_is_published')]

    operations = [
        migrations.RemoveIndex(
            model_name='page',
            name='page_published_order_idx',
        ),
        migrations.RemoveField(
            model_name='page',
            name='is_published',
        ),
        migrations.AddIndex(
            model_name='page',
            index=models.Index(fields=['status', 'order'], name='page_status_order_idx'),
        ),
        migrations.AddConstraint(
            model_name='page',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('status', 'published'), _negated=True), ('publish_at__isnull', False), _connector='OR'), name='page_published_has_time'),
        ),
        migrations.AlterModelOptions(
            name='page',
            options={'ordering': ['order', 'title'], 'permissions': [('publish_page', 'Can publish, unpublish and send back pages')], 'verbose_name': 'page', 'verbose_name_plural': 'pages'},
        ),
    ]
