"""A backup restored into an empty database holds every article, policy, contribution and inquiry, and the media
of the configured storage; it can be encrypted, old archives are pruned, and a restore leaves search and caches
current."""

import io
import shutil
import subprocess
import tarfile
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from articles.models import Article
from cms.ops import backup
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


# -- media from any storage, encryption, retention, search and caches after a restore ---------------------------
# Paths: ``create_backup``/``restore_backup`` and the ``backup``/``restore`` commands; media written by a model's
# FileField and straight through ``default_storage``; plain, passphrase-encrypted and key-encrypted archives.
NEEDS_FIXTURES = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="restores into this database with fixtures; PostgreSQL: see below"
)
NEEDS_GPG = pytest.mark.skipif(shutil.which("gpg") is None, reason="gpg is not installed (apt-get install gnupg)")


@pytest.fixture(autouse=True)
def _forget_content_types_of_the_flushed_database():
    """A flush and restore inside a test's transaction give content types new ids that its rollback undoes: this
    process must not keep them for the tests after it."""
    from django.contrib.contenttypes.models import ContentType

    yield
    ContentType.objects.clear_cache()


@pytest.fixture
def object_storage(settings):
    """Media on a storage that is not a local folder, as S3 is: nothing under MEDIA_ROOT to copy."""
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"}}
    from django.core.files.storage import default_storage

    assert not hasattr(default_storage, "path") or default_storage.__class__.__name__ == "InMemoryStorage"
    return default_storage


@pytest.fixture
def gnupg_home(tmp_path, monkeypatch):
    home = tmp_path / "gnupg"
    home.mkdir(mode=0o700)
    monkeypatch.setenv("GNUPGHOME", str(home))
    yield home
    subprocess.run(["gpgconf", "--homedir", str(home), "--kill", "gpg-agent"], check=False, capture_output=True)


def archive_members(archive) -> set[str]:
    with tarfile.open(archive, "r:gz") as tar:
        return set(tar.getnames())


@NEEDS_FIXTURES
def test_media_on_object_storage_are_in_the_archive_and_come_back(tmp_path, object_storage):
    from django.core.files.base import ContentFile

    attachment = make_content()
    object_storage.save("editor/2026/园区.png", ContentFile(b"\x89PNG picture bytes"))
    names = {attachment.file.name, "editor/2026/园区.png"}
    archive = create_backup(tmp_path)
    assert {f"media/{name}" for name in names} <= archive_members(archive)
    for name in names:
        object_storage.delete(name)
    call_command("flush", interactive=False, verbosity=0)
    report = restore_backup(archive)
    assert report.media_files == 2
    assert object_storage.open("editor/2026/园区.png").read() == b"\x89PNG picture bytes"
    restored = Attachment.objects.get()
    assert restored.file.read().startswith(b"%PDF")


@NEEDS_FIXTURES
@NEEDS_GPG
def test_a_passphrase_encrypted_archive_needs_the_passphrase(tmp_path, settings, gnupg_home):
    make_content()
    expected = {table: model.objects.count() for table, model in COUNTED.items()}
    settings.BACKUP_PASSPHRASE = "correct horse battery staple"
    archive = create_backup(tmp_path / "out")
    assert archive.name.endswith(".tar.gz.gpg") and [p.name for p in archive.parent.iterdir()] == [archive.name]
    with pytest.raises(tarfile.ReadError), tarfile.open(archive, "r:gz"):
        pass
    assert b"a@example.cn" not in archive.read_bytes()
    call_command("flush", interactive=False, verbosity=0)
    for wrong in ("", "wrong passphrase"):
        settings.BACKUP_PASSPHRASE = wrong
        with pytest.raises(CommandError, match="BACKUP_PASSPHRASE"):
            call_command("restore", str(archive), "--yes", stdout=io.StringIO())
        assert Article.objects.count() == 0
    settings.BACKUP_PASSPHRASE = "correct horse battery staple"
    call_command("restore", str(archive), "--yes", stdout=io.StringIO())
    assert {table: model.objects.count() for table, model in COUNTED.items()} == expected


@NEEDS_FIXTURES
@NEEDS_GPG
def test_a_key_encrypted_archive_restores_only_where_the_private_key_is(tmp_path, settings, gnupg_home):
    gpg = ["gpg", "--batch", "--homedir", str(gnupg_home)]
    subprocess.run([*gpg, "--passphrase", "", "--quick-gen-key", "backup@example.test", "future-default", "default",
                    "never"], check=True, capture_output=True)  # fmt: skip
    ArticleFactory(title="加密备份里的资讯")
    settings.BACKUP_ENCRYPTION_RECIPIENT = "backup@example.test"
    archive = create_backup(tmp_path)
    assert archive.name.endswith(".gpg") and backup.is_encrypted(archive)
    call_command("flush", interactive=False, verbosity=0)
    restore_backup(archive)  # the private key is in this keyring
    assert Article.objects.get().title == "加密备份里的资讯"
    listing = subprocess.run([*gpg, "--with-colons", "--list-secret-keys"], check=True, capture_output=True, text=True)
    fingerprint = next(line.split(":")[9] for line in listing.stdout.splitlines() if line.startswith("fpr"))
    subprocess.run([*gpg, "--yes", "--delete-secret-keys", fingerprint], check=True, capture_output=True)
    call_command("flush", interactive=False, verbosity=0)
    with pytest.raises(backup.BackupError, match="could not be decrypted"):
        restore_backup(archive)
    assert Article.objects.count() == 0


def test_retention_deletes_older_archives_only(tmp_path, settings):
    from django.utils import timezone

    now = timezone.localtime()
    folder = tmp_path / "backups"
    folder.mkdir()
    old = [folder / f"cms-backup-{now - timedelta(days=days):%Y%m%d-%H%M%S}.tar.gz{suffix}"
           for days, suffix in [(31, ""), (45, ".gpg")]]  # fmt: skip
    kept = [folder / f"cms-backup-{now - timedelta(days=29):%Y%m%d-%H%M%S}.tar.gz", folder / "notes.txt",
            folder / "cms-backup-manual.tar.gz"]  # fmt: skip
    for path in old + kept:
        path.write_bytes(b"x")
    settings.BACKUP_RETENTION_DAYS = 30
    out = io.StringIO()
    call_command("backup", "--output", str(folder), "--dry-run", stdout=out)
    assert all(path.exists() for path in old) and len(list(folder.iterdir())) == 5  # a dry run writes nothing
    assert all(str(path) in out.getvalue() for path in old)
    out = io.StringIO()
    call_command("backup", "--output", str(folder), stdout=out, stderr=io.StringIO())
    assert not any(path.exists() for path in old)
    assert all(path.exists() for path in kept)
    new = [path for path in folder.iterdir() if path not in kept]
    assert len(new) == 1 and backup.ARCHIVE_NAME.match(new[0].name)  # the archive just written stays
    assert "2" in out.getvalue()
    call_command("backup", "--output", str(folder), "--retention-days", "0", stdout=io.StringIO(), stderr=io.StringIO())
    assert all(path.exists() for path in kept)  # 0 keeps everything


@NEEDS_FIXTURES
def test_after_a_restore_search_finds_the_content_and_the_output_says_so(client, tmp_path):
    article = ArticleFactory(title="滨江智造产业园签约落地")
    archive = create_backup(tmp_path)
    call_command("flush", interactive=False, verbosity=0)
    out = io.StringIO()
    call_command("restore", str(archive), "--yes", stdout=out)
    page = client.get("/search/", {"q": "滨江智造"})  # no rebuild_search_index
    assert page.status_code == 200 and f'href="{article.get_absolute_url()}"' in page.content.decode()
    assert "搜索索引已重建：1 篇" in out.getvalue() and "所有缓存已清除" in out.getvalue()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="runs in the suite's PostgreSQL run (CI does both)")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # pg_dump only sees committed rows
def test_after_a_pg_restore_search_finds_the_content_and_the_output_says_so(client, tmp_path, object_storage):
    from django.core.files.base import ContentFile

    from cms.search.models import SearchDocument

    article = ArticleFactory(title="滨江智造产业园签约落地")
    object_storage.save("editor/园区.png", ContentFile(b"picture"))
    archive = create_backup(tmp_path)
    assert "media/editor/园区.png" in archive_members(archive)
    object_storage.delete("editor/园区.png")
    out = io.StringIO()
    call_command("restore", str(archive), "--yes", stdout=out)  # pg_restore --clean into this very database
    assert SearchDocument.objects.count() == 1 and object_storage.exists("editor/园区.png")
    page = client.get("/search/", {"q": "滨江智造"})
    assert f'href="{article.get_absolute_url()}"' in page.content.decode()
    assert "搜索索引已重建：1 篇" in out.getvalue() and "所有缓存已清除" in out.getvalue()
