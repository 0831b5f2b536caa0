"""Fixtures of the fault suite."""

import os
import subprocess
import sys
import time

import pytest

from .live import ROOT, Browser, LiveSite
from .postgres import free_port, throwaway_cluster


@pytest.fixture
def stopped_server_site():
    """gunicorn (test settings, no page cache, one worker) on a migrated database of a throw-away cluster: a site
    whose database the test may stop and whose worker it may kill, touching nothing shared."""
    with throwaway_cluster() as cluster:
        cluster.create_database("cms")
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "cms.settings.test", "DATABASE_URL": cluster.database_url("cms"),
               "PAGE_CACHE_ENABLED": "false", "DJANGO_LOG_LEVEL": "CRITICAL"}  # fmt: skip
        manage = [sys.executable, "manage.py"]
        subprocess.run([*manage, "migrate", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True, timeout=300)
        setup = (
            "from django.contrib.auth.models import User; from submissions.models import ContributionTerms;"
            "User.objects.create_user('editor', password='pw-for-tests-only', is_staff=True);"
            "ContributionTerms.objects.create(title='投稿须知', body='<p>请投原创稿件。</p>')"
        )
        subprocess.run([*manage, "shell", "-c", setup], cwd=ROOT, env=env, check=True, timeout=120)
        port = free_port()
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "--bind", f"127.0.0.1:{port}", "--workers", "1", "--log-level",
             "critical", "cms.wsgi:application"], cwd=ROOT, env=env,
        )  # fmt: skip
        try:
            for _attempt in range(100):
                try:
                    if Browser(port).request("GET", "/healthz")[0] == 200:
                        break
                except OSError:
                    time.sleep(0.1)
            yield LiveSite(cluster, port, env, server)
        finally:
            server.terminate()
            server.wait(timeout=30)
