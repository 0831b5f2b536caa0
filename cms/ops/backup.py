"""Backups an office can restore from: the database (pg_dump on PostgreSQL, dumpdata elsewhere) plus media.

A backup is one ``.tar.gz`` holding ``database.dump`` (PostgreSQL custom format) or ``database.json``
(Django fixtures) and ``media/``: every file of the configured media storage, read through ``default_storage``
(the local folder, or the S3 bucket of ``MEDIA_S3_BUCKET``), so object storage is backed up the same way.

The archives hold applicants' personal data: with ``BACKUP_ENCRYPTION_RECIPIENT`` (a public key in GnuPG's keyring)
and/or ``BACKUP_PASSPHRASE`` set, the archive is encrypted with GnuPG (``.tar.gz.gpg``, AES-256) before it is
written to the backup folder; a plain copy never lands there. Archives older than ``BACKUP_RETENTION_DAYS`` are
deleted after each successful backup.

A restore loads the database and puts the media back through the same storage, then rebuilds the search index
(fixtures and ``pg_restore`` bypass the signals that keep it current) and ends in ``purge_all()``: no signal says
what changed, so every cached page and value (site settings, footer, menus) must go, on every server.

Not django-dbbackup: it writes the database and the media as two archives to keep matched, and its restore knows
nothing of the steps a restore here must end with (search index, cache purge, audit entry); these few functions on
``pg_dump``, fixtures, ``default_storage`` and ``gpg`` do the whole job with no new dependency.
"""

import io
import os
import posixpath
import re
import shutil
import subprocess  # nosec B404 # pg_dump, pg_restore and gpg, fixed arguments, no shell
import tarfile
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from cms.caching.pages import purge_all
from cms.search.indexing import rebuild

EXCLUDED_FROM_FIXTURES = ["contenttypes", "auth.permission", "admin.logentry", "sessions", "cms.searchdocument"]
ARCHIVE_NAME = re.compile(r"^cms-backup-(?P<stamp>\d{8}-\d{6})\.tar\.gz(\.gpg)?$")
GZIP_MAGIC = b"\x1f\x8b"


class BackupError(Exception):
    """A backup or restore that cannot go on; the message is for the operator."""


@dataclass
class RestoreReport:
    media_files: int = 0
    indexed: int | None = None  # None: the index of another database was not touched
    purged: bool = False


def _tool(name: str, package: str = "postgresql-client") -> str:
    path = shutil.which(name)
    if path is None:
        raise FileNotFoundError(f"{name} is not installed (apt-get install {package})")
    return path


def _pg_env() -> tuple[list[str], dict[str, str]]:
    db = settings.DATABASES["default"]
    args = ["--host", db.get("HOST") or "localhost", "--port", str(db.get("PORT") or 5432),
            "--username", db.get("USER") or "postgres"]  # fmt: skip
    env = {**os.environ, "PGPASSWORD": db.get("PASSWORD") or ""}
    return args, env


# -- media, through the configured storage -----------------------------------------------------------------------
def storage_files(storage=None, folder: str = ""):
    """Every file name in ``storage`` (``listdir`` walked from the top: local folders and S3 prefixes alike)."""
    storage = storage or default_storage
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:  # a local media folder not created yet
        return
    for name in sorted(files):
        yield posixpath.join(folder, name) if folder else name
    for sub in sorted(folders):
        yield from storage_files(storage, posixpath.join(folder, sub) if folder else sub)


def _add_media(tar: tarfile.TarFile) -> int:
    count = 0
    for name in storage_files():
        info = tarfile.TarInfo(f"media/{name}")
        info.size = default_storage.size(name)
        try:
            info.mtime = int(default_storage.get_modified_time(name).timestamp())
        except (NotImplementedError, OSError, AttributeError):
            info.mtime = int(time.time())
        with default_storage.open(name, "rb") as handle:
            tar.addfile(info, handle)
        count += 1
    return count


def _restore_media(folder: Path) -> int:
    """Put every file under ``folder`` back into the storage under its own name, replacing what is there."""
    count = 0
    for path in sorted(item for item in folder.rglob("*") if item.is_file()):
        name = path.relative_to(folder).as_posix()
        if default_storage.exists(name):
            default_storage.delete(name)
        with path.open("rb") as handle:
            saved = default_storage.save(name, File(handle, name=name))
        if saved != name:
            raise BackupError(f"media file {name} was stored as {saved}")
        count += 1
    return count


# -- encryption (GnuPG) ------------------------------------------------------------------------------------------
def encryption_configured() -> bool:
    return bool(settings.BACKUP_ENCRYPTION_RECIPIENT or settings.BACKUP_PASSPHRASE)


def _gpg(args: list[str], *, passphrase: str = "") -> subprocess.CompletedProcess:
    command = [_tool("gpg", "gnupg"), "--batch", "--yes", "--quiet", "--no-symkey-cache"]
    if passphrase:  # read from standard input, never on the command line
        command += ["--pinentry-mode", "loopback", "--passphrase-fd", "0"]
    return subprocess.run(  # noqa: S603 - fixed arguments, no shell
        [*command, *args], input=passphrase.encode(), capture_output=True, check=False
    )


def _encrypt(plain: Path, encrypted: Path) -> None:
    args = ["--cipher-algo", "AES256", "--output", str(encrypted)]
    if settings.BACKUP_ENCRYPTION_RECIPIENT:
        args += ["--encrypt", "--trust-model", "always", "--recipient", settings.BACKUP_ENCRYPTION_RECIPIENT]
    if settings.BACKUP_PASSPHRASE:
        args += ["--symmetric"]
    result = _gpg([*args, str(plain)], passphrase=settings.BACKUP_PASSPHRASE)
    if result.returncode != 0:
        raise BackupError(f"gpg could not encrypt the archive: {result.stderr.decode(errors='replace').strip()}")


def _decrypt(encrypted: Path, plain: Path) -> None:
    result = _gpg(["--output", str(plain), "--decrypt", str(encrypted)], passphrase=settings.BACKUP_PASSPHRASE)
    if result.returncode != 0:
        raise BackupError(
            "the archive is encrypted and could not be decrypted: set BACKUP_PASSPHRASE or import the private key "
            f"of BACKUP_ENCRYPTION_RECIPIENT (gpg: {result.stderr.decode(errors='replace').strip()})"
        )


def is_encrypted(archive: Path) -> bool:
    with archive.open("rb") as handle:
        return handle.read(2) != GZIP_MAGIC


# -- backup ------------------------------------------------------------------------------------------------------
def create_backup(destination: Path) -> Path:
    """Write a backup archive into ``destination`` (a folder) and return its path (``.tar.gz``, or ``.tar.gz.gpg``
    when encryption is configured)."""
    destination.mkdir(parents=True, exist_ok=True)
    name = f"cms-backup-{timezone.localtime():%Y%m%d-%H%M%S}.tar.gz"
    with tempfile.TemporaryDirectory() as work:
        work_path = Path(work)
        database = work_path / "database"
        database.mkdir()
        if connection.vendor == "postgresql":
            args, env = _pg_env()
            subprocess.run(  # noqa: S603 - fixed arguments, no shell
                [_tool("pg_dump"), *args, "--format=custom", "--no-owner", "--file", str(database / "database.dump"),
                 settings.DATABASES["default"]["NAME"]],
                check=True, env=env,
            )  # fmt: skip
        else:
            with open(database / "database.json", "w", encoding="utf-8") as handle:
                call_command("dumpdata", natural_foreign=True, exclude=EXCLUDED_FROM_FIXTURES, stdout=handle)
        plain = work_path / name
        with tarfile.open(plain, "w:gz") as tar:
            for item in database.iterdir():
                tar.add(item, arcname=item.name)
            _add_media(tar)
        if encryption_configured():
            name += ".gpg"
            ready = work_path / name
            _encrypt(plain, ready)
        else:
            ready = plain
        partial = destination / f".{name}.partial"  # never a half-written archive under the final name
        shutil.copyfile(ready, partial)
        archive = destination / name
        partial.replace(archive)
    return archive


def prune_backups(folder: Path, *, keep_days: int, now: datetime | None = None, dry_run: bool = False) -> list[Path]:
    """Delete the archives in ``folder`` made more than ``keep_days`` days before ``now`` (by the time in their
    name); 0 keeps everything. Other files are never touched. Returns the archives deleted (or to delete)."""
    if keep_days <= 0 or not folder.is_dir():
        return []
    now = timezone.localtime(now)
    cutoff = now - timedelta(days=keep_days)
    old = []
    for path in sorted(folder.iterdir()):
        match = ARCHIVE_NAME.match(path.name)
        if not match or not path.is_file():
            continue
        made = timezone.make_aware(datetime.strptime(match["stamp"], "%Y%m%d-%H%M%S"))
        if made < cutoff:
            old.append(path)
    if not dry_run:
        for path in old:
            path.unlink()
    return old


# -- restore -----------------------------------------------------------------------------------------------------
def restore_backup(archive: Path, *, database: str | None = None) -> RestoreReport:
    """Load a backup into the database (PostgreSQL: ``database``, default the configured one), restore media,
    rebuild the search index and purge every cached page and value."""
    report = RestoreReport()
    with tempfile.TemporaryDirectory() as work:
        work_path = Path(work)
        if is_encrypted(archive):
            plain = work_path / "archive.tar.gz"
            _decrypt(archive, plain)
            archive = plain
        extracted = work_path / "extracted"
        with tarfile.open(archive, "r:gz") as tar:
            tar.extractall(extracted, filter="data")
        if (extracted / "database.dump").exists():
            args, env = _pg_env()
            subprocess.run(  # noqa: S603 - fixed arguments, no shell
                [_tool("pg_restore"), *args, "--no-owner", "--clean", "--if-exists", "--dbname",
                 database or settings.DATABASES["default"]["NAME"], str(extracted / "database.dump")],
                check=True, env=env,
            )  # fmt: skip
        else:  # fixtures load into a migrated database (``manage.py migrate`` first on a new one)
            call_command("loaddata", str(extracted / "database.json"), verbosity=0, stdout=io.StringIO())
        if (extracted / "media").is_dir():
            report.media_files = _restore_media(extracted / "media")
    ContentType.objects.clear_cache()  # content type ids may differ from the ones this process cached
    if database in (None, settings.DATABASES["default"]["NAME"]):
        report.indexed = sum(indexed for _label, indexed, _removed, _last in rebuild())
    purge_all()  # a new generation: this process's own copies are dropped at once too
    report.purged = True
    return report
