"""A live site for fault tests: gunicorn on a migrated database of a throw-away PostgreSQL cluster
(tests/faults/postgres.py), a small browser that keeps cookies, and the forms a visitor fills in.

Only for tests that need a real server process (stopping its database, killing its worker); they run in CI with
``CMS_OUTAGE_TESTS=1``.
"""

import http.client
import re
import secrets
import subprocess
import sys
import time
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

from submissions.protection import sign_render_time

ROOT = Path(__file__).resolve().parents[2]
BODY = "停机时写下的投稿正文。" * 120  # 1,200 characters: a valid contribution


@dataclass
class LiveSite:
    cluster: object
    port: int
    env: dict
    server: subprocess.Popen  # the gunicorn master

    def worker_pids(self) -> list[int]:
        """The master's worker processes (one, with ``--workers 1``)."""
        found = subprocess.run(["pgrep", "-P", str(self.server.pid)], capture_output=True, text=True, check=False)
        return [int(pid) for pid in found.stdout.split()]


def rendering() -> dict[str, str]:
    """The hidden fields of a form rendered ten seconds ago; each call another rendering (one submission each)."""
    return {"website": "", "rendered_at": sign_render_time(time.time() - 10), "token": secrets.token_hex(16)}


def consultation(**fields) -> dict[str, str]:
    return {"topic": "policy", "name": "停机时的访客", "phone": "13800138000", "company": "云海智能科技有限公司",
            "email": "", "industry": "", "policy": "", "message": "停机时提交的咨询内容", "consent": "on",
            **rendering(), **fields}  # fmt: skip


def contribution(**fields) -> dict[str, str]:
    return {"title": "停机时的投稿", "kind": "plan", "body": BODY, "unit": "滨江科创园", "author": "赵明",
            "email": "zhao@example.cn", "phone": "", "agree": "on", **rendering(), **fields}  # fmt: skip


class Browser:
    """A visitor's browser against the gunicorn of the throw-away cluster: keeps cookies, posts forms."""

    def __init__(self, port: int):
        self.port, self.cookies = port, {}

    def request(self, method: str, path: str, data: dict | None = None) -> tuple[int, str]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=20)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())} if self.cookies else {}
        body = None
        if data is not None:
            body = urllib.parse.urlencode(data)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        html = response.read().decode()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _sep, rest = value.partition("=")
                cookie = rest.split(";", 1)[0]
                if cookie and "max-age=0" not in value.lower():
                    self.cookies[name] = cookie
                else:
                    self.cookies.pop(name, None)
        connection.close()
        return response.status, html

    def csrf_token(self, path: str) -> str:
        status, html = self.request("GET", path)
        assert status == 200, (path, status)
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)[1]


def stored(env, expression: str) -> str:
    code = f"from submissions.models import *; print({expression})"
    result = subprocess.run([sys.executable, "manage.py", "shell", "-c", code], cwd=ROOT, env=env, check=True,
                            capture_output=True, text=True, timeout=120)  # fmt: skip
    return result.stdout.strip().splitlines()[-1]
