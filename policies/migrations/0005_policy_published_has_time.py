# A separate migration from the data fix before it: PostgreSQL refuses to alter a table with pending trigger events.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('policies', '0004_date_undated_published_policies'),
    ]

    operations = [
        migrations.AddConstraint(
            model_name='policy',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('status', 'published'), _negated=True), ('publish_at__isnull', False), _connector='OR'), name='policy_published_has_time'),
        ),
    ]
