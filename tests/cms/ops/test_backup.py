"""A backup restored into an empty database holds every article, policy, contribution and inquiry."""

import io

import pytest
from django.core.management import call_command
from django.db import connection

from articles.models import Article
from cms.ops.backup import create_backup, restore_backup
from policies.models import Attachment, Policy
from submissions.models import Contribution, Inquiry
from tests.factories import ArticleFactory, ContributionFactory, InquiryFactory, PolicyFactory

pytestmark = pytest.mark.django_db

COUNTED = {"articles_article": Article, "policies_policy": Policy, "policies_attachment": Attachment,
           "submissions_contribution": Contribution, "submissions_inquiry": Inquiry}  # fmt: skip


def make_content():
    from django.core.files.base import ContentFile

    from demo.policies import _tiny_pdf

    ArticleFactory.create_batch(3)
    policy = PolicyFactory()
    attachment = Attachment(policy=policy, title="全文")
    attachment.file = ContentFile(_tiny_pdf("backup"), name="全文.pdf")
    attachment.save()
    ContributionFactory(title="投稿", body="正文", unit="单位", author="作者", email="a@example.cn")
    InquiryFactory(phone="13800138000")
    return attachment


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the suite's PostgreSQL run covers pg_dump instead")
def test_backup_and_restore_on_sqlite(tmp_path):
    attachment = make_content()
    expected = {table: model.objects.count() for table, model in COUNTED.items()}
    archive = create_backup(tmp_path)
    attachment.file.delete(save=False)
    call_command("flush", interactive=False, verbosity=0)
    assert Article.objects.count() == 0
    restore_backup(archive)
    assert {table: model.objects.count() for table, model in COUNTED.items()} == expected
    assert Attachment.objects.get().file.storage.exists(Attachment.objects.get().file.name)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="runs in the suite's PostgreSQL run (CI does both)")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # like every transactional test here
def test_backup_and_restore_on_postgresql(tmp_path):
    import psycopg2
    from django.conf import settings

    make_content()
    expected = {table: model.objects.count() for table, model in COUNTED.items()}
    archive = create_backup(tmp_path)
    db = settings.DATABASES["default"]
    target = f"{db['NAME']}_restore"
    params = {"host": db.get("HOST") or "localhost", "port": db.get("PORT") or 5432, "user": db.get("USER"),
              "password": db.get("PASSWORD") or None}  # fmt: skip
    admin = psycopg2.connect(dbname="postgres", **params)
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{target}"')
        cursor.execute(f'CREATE DATABASE "{target}"')
    try:
        restore_backup(archive, database=target)
        restored = psycopg2.connect(dbname=target, **params)
        with restored.cursor() as cursor:
            counts = {}
            for table in COUNTED:
                cursor.execute(f"SELECT count(*) FROM {table}")  # noqa: S608 - fixed table names
                counts[table] = cursor.fetchone()[0]
        restored.close()
        assert counts == expected
    finally:
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{target}"')
        admin.close()


def test_restore_asks_for_confirmation(tmp_path):
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="--yes"):
        call_command("restore", __file__, stdout=io.StringIO())
    with pytest.raises(CommandError):
        call_command("restore", str(tmp_path / "none.tar.gz"), "--yes", stdout=io.StringIO())
