"""The running release: part of every cached page and fragment key, so a deploy never serves old markup.

``RELEASE`` comes from the environment (e.g. the commit a deploy ships); otherwise it is a fingerprint of the
project's templates and Python code and of the collected static files' manifest (pages name hashed CSS files),
computed once per process. Page-cache *tag* versions do not include it: a
purge on a server of one release still reaches the pages cached by the other during a rolling deploy.
"""

import hashlib
from pathlib import Path

from django.conf import settings

from cms.settings.env import env_str

SOURCES = ("templates", "cms", "articles", "policies", "submissions")
SUFFIXES = {".html", ".txt", ".py"}


def _fingerprint() -> str:
    digest = hashlib.sha1(usedforsecurity=False)
    for folder in SOURCES:
        for path in sorted((Path(settings.BASE_DIR) / folder).rglob("*")):
            if path.suffix in SUFFIXES and path.is_file() and "migrations" not in path.parts:
                digest.update(path.name.encode())
                digest.update(path.read_bytes())
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    if manifest.is_file():
        digest.update(manifest.read_bytes())
    return digest.hexdigest()[:12]


RELEASE = env_str("RELEASE") or _fingerprint()
