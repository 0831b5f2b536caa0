"""The running release: part of every cached page and fragment key, so a deploy never serves old markup.

``RELEASE`` comes from the environment (e.g. the commit a deploy ships); otherwise it is a fingerprint of the
project's templates and Python code and of the collected static files' manifest (pages name hashed CSS files),
computed once per process. Page-cache *tag* versions do not include it: a
purge on a server of one release still reaches the pages cached by the other during a rolling deploy.
"""

import hashlib
from pathlib import Path

from django.apps import apps
from django.conf import settings

from cms.settings.env import env_str

SUFFIXES = {".html", ".txt", ".py"}


def _source_folders() -> list[Path]:
    """The project's templates and every installed app of the project itself (not the libraries)."""
    base = Path(settings.BASE_DIR)
    own_apps = sorted(Path(app.path) for app in apps.get_app_configs() if Path(app.path).is_relative_to(base))
    return [base / "templates", *own_apps]


def _fingerprint() -> str:
    digest = hashlib.sha1(usedforsecurity=False)
    for folder in _source_folders():
        for path in sorted(folder.rglob("*")):
            if path.suffix in SUFFIXES and path.is_file() and "migrations" not in path.parts:
                digest.update(path.name.encode())
                digest.update(path.read_bytes())
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    if manifest.is_file():
        digest.update(manifest.read_bytes())
    return digest.hexdigest()[:12]


RELEASE = env_str("RELEASE") or _fingerprint()
