"""Backups an office can restore from: the database (pg_dump on PostgreSQL, dumpdata elsewhere) plus media.

A backup is one ``.tar.gz`` holding ``database.dump`` (PostgreSQL custom format) or ``database.json``
(Django fixtures) and ``media/``. A restore ends in ``purge_all()``: ``pg_restore`` bypasses Django entirely, so no
signal says what changed, and every cached page and value (site settings, footer, menus) must go, on every server.
"""

import io
import os
import shutil
import subprocess  # nosec B404 # pg_dump and pg_restore, fixed arguments, no shell
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection

from cms.caching.pages import purge_all

EXCLUDED_FROM_FIXTURES = ["contenttypes", "auth.permission", "admin.logentry", "sessions", "cms.searchdocument"]


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise FileNotFoundError(f"{name} is not installed (apt-get install postgresql-client)")
    return path


def _pg_env() -> tuple[list[str], dict[str, str]]:
    db = settings.DATABASES["default"]
    args = ["--host", db.get("HOST") or "localhost", "--port", str(db.get("PORT") or 5432),
            "--username", db.get("USER") or "postgres"]  # fmt: skip
    env = {**os.environ, "PGPASSWORD": db.get("PASSWORD") or ""}
    return args, env


def create_backup(destination: Path) -> Path:
    """Write a backup archive into ``destination`` (a folder) and return its path."""
    from django.utils import timezone

    destination.mkdir(parents=True, exist_ok=True)
    archive = destination / f"cms-backup-{timezone.localtime():%Y%m%d-%H%M%S}.tar.gz"
    with tempfile.TemporaryDirectory() as work:
        work_path = Path(work)
        if connection.vendor == "postgresql":
            args, env = _pg_env()
            subprocess.run(  # noqa: S603 - fixed arguments, no shell
                [_tool("pg_dump"), *args, "--format=custom", "--no-owner", "--file", str(work_path / "database.dump"),
                 settings.DATABASES["default"]["NAME"]],
                check=True, env=env,
            )  # fmt: skip
        else:
            with open(work_path / "database.json", "w", encoding="utf-8") as handle:
                call_command("dumpdata", natural_foreign=True, exclude=EXCLUDED_FROM_FIXTURES, stdout=handle)
        with tarfile.open(archive, "w:gz") as tar:
            for item in work_path.iterdir():
                tar.add(item, arcname=item.name)
            media = Path(settings.MEDIA_ROOT)
            if media.exists():
                tar.add(media, arcname="media")
    return archive


def restore_backup(archive: Path, *, database: str | None = None) -> None:
    """Load a backup into the database (PostgreSQL: ``database``, default the configured one), restore media and
    purge every cached page and value."""
    with tempfile.TemporaryDirectory() as work:
        work_path = Path(work)
        with tarfile.open(archive, "r:gz") as tar:
            tar.extractall(work_path, filter="data")
        if (work_path / "database.dump").exists():
            args, env = _pg_env()
            subprocess.run(  # noqa: S603 - fixed arguments, no shell
                [_tool("pg_restore"), *args, "--no-owner", "--clean", "--if-exists", "--dbname",
                 database or settings.DATABASES["default"]["NAME"], str(work_path / "database.dump")],
                check=True, env=env,
            )  # fmt: skip
        else:  # fixtures load into a migrated database (``manage.py migrate`` first on a new one)
            call_command("loaddata", str(work_path / "database.json"), verbosity=0, stdout=io.StringIO())
        if (work_path / "media").exists():
            shutil.copytree(work_path / "media", settings.MEDIA_ROOT, dirs_exist_ok=True)
    ContentType.objects.clear_cache()  # content type ids may differ from the ones this process cached
    purge_all()  # a new generation: this process's own copies are dropped at once too
