"""Load benchmark: gunicorn + production settings on PostgreSQL and Redis, driven by wrk on loopback.

    make bench                       # full run: 100,000 articles, 5,000 policies, 15 s at 32 and 60 s at 64 connections
    BENCH_QUICK=1 make bench         # a short smoke run (5 s each)

Prints one table (requests/s, p50, p99, non-2xx, socket errors, ratio to the hashed static file) and checks the
targets of issue 8, and of issue 16: a request with a made-up session cookie is answered from the page cache at the
rate of an anonymous one (within 10 %, measured one after the other at 64 connections). Then runs the scale-out
scenario: a second app server on another port with the same PostgreSQL and Redis; an article published through the
admin of one is visible on the other within one second. Last, the soak (bench/soak.py): 64 connections of cached
pages, unique searches and form posts, zero 5xx and the Redis memory bounded. Only loopback addresses are used.
Environment: BENCH_DATABASE_URL, BENCH_REDIS_URL, BENCH_ARTICLES, BENCH_POLICIES, BENCH_DURATION, BENCH_LONG_DURATION.
"""

import http.client
import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
QUICK = os.environ.get("BENCH_QUICK") == "1"
DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/cms_bench")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/7")
ARTICLES = int(os.environ.get("BENCH_ARTICLES", "100000"))
POLICIES = int(os.environ.get("BENCH_POLICIES", "5000"))
DURATION = int(os.environ.get("BENCH_DURATION", "5" if QUICK else "15"))
LONG_DURATION = int(os.environ.get("BENCH_LONG_DURATION", "5" if QUICK else "60"))
CACHED_PORT, MISS_PORT, SECOND_PORT = 8101, 8102, 8103
HOST = "127.0.0.1"
#: A session cookie with no session behind it (a crawler replaying one, a visitor whose session ended).
BOGUS_SESSION = {"Cookie": "sessionid=bogus0session0key0that0matches0nothing"}


def log(message: str) -> None:
    print(message, flush=True)


def run(*args: str, env: dict | None = None, quiet: bool = False) -> str:
    result = subprocess.run(args, cwd=ROOT, env=env, check=True, capture_output=True, text=True)
    if not quiet and result.stdout.strip():
        log(result.stdout.strip().splitlines()[-1])
    return result.stdout


def base_env(**extra) -> dict:
    return {
        **os.environ,
        "DATABASE_URL": DATABASE_URL,
        "REDIS_URL": REDIS_URL,
        "DJANGO_SETTINGS_MODULE": "cms.settings.prod",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": HOST,
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DJANGO_LOG_LEVEL": "WARNING",
        "SITE_URL": f"http://{HOST}:{CACHED_PORT}",
        **extra,
    }


def ensure_wrk() -> str:
    if not shutil.which("wrk"):
        log("installing wrk (Debian package)…")
        sudo = [] if os.geteuid() == 0 else ["sudo", "-n"]
        subprocess.run([*sudo, "apt-get", "install", "-y", "-q", "wrk"], check=True, capture_output=True)
    return shutil.which("wrk")


def prepare_database() -> None:
    name = urllib.parse.urlparse(DATABASE_URL).path.lstrip("/")
    admin_url = DATABASE_URL.rsplit("/", 1)[0] + "/postgres"
    exists = subprocess.run(
        ["psql", admin_url, "-tAc", f"SELECT 1 FROM pg_database WHERE datname = '{name}'"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    if not exists:
        run("psql", admin_url, "-qc", f"CREATE DATABASE {name}", quiet=True)
    env = {**os.environ, "DATABASE_URL": DATABASE_URL, "DJANGO_SETTINGS_MODULE": "cms.settings.dev"}
    run(PYTHON, "manage.py", "migrate", "--noinput", "-v", "0", env=env)
    run(PYTHON, "manage.py", "load_demo", env=env, quiet=True)
    log(f"generating content ({ARTICLES} articles, {POLICIES} policies; kept for the next run)…")
    run(PYTHON, "manage.py", "bench_content", "--articles", str(ARTICLES), "--policies", str(POLICIES), env=env)


def django_value(expression: str) -> str:
    """Evaluate ``expression`` in the benchmark database (a one-line Django shell)."""
    env = base_env()
    output = run(PYTHON, "manage.py", "shell", "-v", "0", "-c", f"print({expression})", env=env, quiet=True)
    return output.strip().splitlines()[-1]


@contextmanager
def app_server(port: int, **extra_env):
    env = base_env(GUNICORN_BIND=f"{HOST}:{port}", **extra_env)
    process = subprocess.Popen(
        [PYTHON, "-m", "gunicorn", "-c", "cms/gunicorn.conf.py", "--log-level", "warning", "cms.wsgi:application"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    try:
        for _attempt in range(100):
            try:
                if get(port, "/healthz")[0] == 200:
                    break
            except OSError:
                time.sleep(0.2)
        else:
            raise RuntimeError(f"gunicorn on port {port} did not start")
        yield process
    finally:
        process.terminate()
        process.wait(timeout=30)


def get(port: int, path: str, headers: dict | None = None) -> tuple[int, dict, bytes]:
    connection = http.client.HTTPConnection(HOST, port, timeout=10)
    connection.request("GET", path, headers=headers or {})
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, {k.lower(): v for k, v in response.getheaders()}, body


@dataclass
class Result:
    name: str
    connections: int
    rps: float
    p50: float
    p99: float
    non_2xx: int
    errors: int


def wrk(name: str, port: int, path: str, connections: int, duration: int, headers: dict | None = None) -> Result:
    url = f"http://{HOST}:{port}{path}"
    header_args = [arg for key, value in (headers or {}).items() for arg in ("-H", f"{key}: {value}")]
    output = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency", "--timeout", "5s", *header_args, url],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip

    def latency(label: str) -> float:
        match = re.search(rf"^\s*{label}%\s+([\d.]+)(us|ms|s)\s*$", output, re.MULTILINE)
        value, unit = float(match.group(1)), match.group(2)
        return value * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", output))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return Result(
        name=name, connections=connections, rps=float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        p50=latency("50"), p99=latency("99"), non_2xx=int(non_2xx.group(1)) if non_2xx else 0, errors=errors,
    )  # fmt: skip


def targets() -> dict[str, str]:
    static_file = json.loads((ROOT / "staticfiles" / "staticfiles.json").read_text())["paths"]["cms/css/site.css"]
    article = django_value("__import__('articles.models').models.Article.objects.published().latest('publish_at').pk")
    policy = django_value("__import__('policies.models').models.Policy.objects.published().latest('issued_on').pk")
    industry = django_value("__import__('policies.models').models.Industry.objects.first().slug")
    support = django_value("__import__('policies.models').models.SupportType.objects.first().slug")
    query = urllib.parse.quote("人工智能 项目签约")
    return {
        "static file (ceiling)": f"/static/{static_file}",
        "home": "/",
        "/news/": "/news/",
        "news detail": f"/news/{article}/",
        "/policies/ + 2 facets": f"/policies/?industry={industry}&support={support}",
        "policy detail": f"/policies/{policy}/",
        "search": f"/search/?q={query}",
    }


def print_table(results: list[Result], ceilings: dict[int, float]) -> None:
    log(f"\n{'page':<28}{'conns':>6}{'req/s':>10}{'p50 ms':>9}{'p99 ms':>9}{'non-2xx':>9}{'errors':>8}{'ratio':>8}")
    for r in results:
        ratio = r.rps / ceilings[r.connections]
        log(f"{r.name:<28}{r.connections:>6}{r.rps:>10.0f}{r.p50:>9.2f}{r.p99:>9.2f}{r.non_2xx:>9}{r.errors:>8}"
            f"{ratio:>7.0%}")  # fmt: skip


def bogus_cookie(path: str) -> list[Result]:
    """An anonymous request and one with a made-up session cookie on the same cached page, one after the other."""
    status, headers, _body = get(CACHED_PORT, path, BOGUS_SESSION)
    if status != 200 or headers.get("x-page-cache") != "hit":
        raise RuntimeError(f"{path} with a made-up session cookie: {status}, not served from the page cache")
    return [
        wrk("news detail (anonymous)", CACHED_PORT, path, 64, DURATION),
        wrk("news detail (bogus cookie)", CACHED_PORT, path, 64, DURATION, headers=BOGUS_SESSION),
    ]


def check_targets(cached32, miss32, long64, ceilings, bogus) -> bool:
    checks = []
    for r in cached32[1:]:
        checks.append((f"cached {r.name}: ≥ 80% of static and p99 ≤ 30 ms at 32", r.rps >= 0.8 * ceilings[32]
                       and r.p99 <= 30))  # fmt: skip
    for r in miss32:
        checks.append((f"{r.name}: ≥ 25% of static", r.rps >= 0.25 * ceilings[32]))
    for r in long64:
        checks.append(
            (f"{r.name} at 64 for {LONG_DURATION} s: zero errors and non-2xx", not r.errors and not r.non_2xx)
        )
    anonymous, made_up = bogus
    checks.append((
        f"{made_up.name}: within 10% of the anonymous rate ({made_up.rps:.0f} against {anonymous.rps:.0f} req/s), "
        "zero errors and non-2xx",
        made_up.rps >= 0.9 * anonymous.rps and not made_up.errors and not made_up.non_2xx,
    ))  # fmt: skip
    log("")
    for label, ok in checks:
        log(f"{'PASS' if ok else 'FAIL'}  {label}")
    return all(ok for _label, ok in checks)


def login(port: int, username: str, password: str) -> dict:
    """Log in to the admin over HTTP; returns the headers that carry the session and CSRF token."""
    origin = f"https://{HOST}:{port}"  # production settings trust X-Forwarded-Proto from loopback
    proxy = {"X-Forwarded-Proto": "https", "Origin": origin, "Referer": f"{origin}/admin/login/"}
    _status, headers, body = get(port, "/admin/login/", proxy)
    csrf_cookie = re.search(r"csrftoken=([^;]+)", headers["set-cookie"]).group(1)
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1).decode()
    form = urllib.parse.urlencode({"username": username, "password": password, "csrfmiddlewaretoken": token})
    connection = http.client.HTTPConnection(HOST, port, timeout=10)
    form_headers = {**proxy, "Cookie": f"csrftoken={csrf_cookie}", "Content-Type": "application/x-www-form-urlencoded"}
    connection.request("POST", "/admin/login/", body=form, headers=form_headers)
    response = connection.getresponse()
    response.read()
    cookies = dict(re.findall(r"(sessionid|csrftoken)=([^;]+)", response.getheader("Set-Cookie", "")))
    if response.status != 302 or "sessionid" not in cookies:
        raise RuntimeError(f"admin login failed with status {response.status}")
    cookies.setdefault("csrftoken", csrf_cookie)
    return {**proxy, "Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items()), "X-CSRFToken": cookies["csrftoken"]}


def scale_out() -> bool:
    """Publish on one app server, see it on the other within one second (shared Redis cache)."""
    title = f"扩容演示资讯{secrets.token_hex(3)}"
    pk = django_value(
        f"__import__('articles.models').models.Article.objects.create(title='{title}', "
        "column=__import__('articles.models').models.Column.objects.first(), body='<p>两台应用服务器共享缓存。</p>').pk"
    )
    with app_server(SECOND_PORT):
        # Let every worker of the new server render once (a cold worker's first page takes a second or so).
        with ThreadPoolExecutor(max_workers=8) as pool:
            list(pool.map(lambda page: get(SECOND_PORT, f"/news/?page={page}"), [1, 2, 3, 4, 5, 6, 7, 8] * 4))
        shown_before = title in get(SECOND_PORT, "/news/")[2].decode()
        cached = get(SECOND_PORT, "/news/")[1].get("x-page-cache") == "hit"
        headers = login(CACHED_PORT, "reviewer", "zhaoshang-demo-2026")
        connection = http.client.HTTPConnection(HOST, CACHED_PORT, timeout=10)
        token = headers["X-CSRFToken"]
        connection.request("POST", f"/admin/articles/article/{pk}/workflow/publish/",
                           body=f"csrfmiddlewaretoken={token}&comment=", headers={
                               **headers, "Content-Type": "application/x-www-form-urlencoded"})  # fmt: skip
        status = connection.getresponse().status
        published_at = time.perf_counter()
        while time.perf_counter() - published_at < 5:
            if title in get(SECOND_PORT, "/news/")[2].decode():
                break
            time.sleep(0.02)
        seen_after = time.perf_counter() - published_at
    ok = not shown_before and cached and status == 302 and seen_after <= 1
    log(
        f"{'PASS' if ok else 'FAIL'}  scale-out: /news/ cached on :{SECOND_PORT} ({cached}); published through the "
        f"admin of :{CACHED_PORT} (HTTP {status}); visible on :{SECOND_PORT} after {seen_after * 1000:.0f} ms"
    )
    return ok


def main() -> int:
    ensure_wrk()
    prepare_database()
    run(PYTHON, "manage.py", "collectstatic", "--noinput", "-v", "0", env=base_env(), quiet=True)
    pages = targets()
    subprocess.run(["redis-cli", "-u", REDIS_URL, "FLUSHDB"], check=True, capture_output=True)
    cached32, miss32, long64 = [], [], []
    with app_server(CACHED_PORT), app_server(MISS_PORT, PAGE_CACHE_ENABLED="false"):
        for path in pages.values():
            status = get(CACHED_PORT, path)[0]
            if status != 200:
                raise RuntimeError(f"{path} answered {status}")
        log(f"\nwrk: {DURATION} s at 32 connections, {LONG_DURATION} s at 64; workers per server: "
            f"{os.cpu_count() * 2 + 1}")  # fmt: skip
        for name, path in pages.items():
            cached32.append(wrk(name, CACHED_PORT, path, 32, DURATION))
        for name in ("/news/", "news detail"):
            miss32.append(wrk(f"{name} (cache miss)", MISS_PORT, pages[name], 32, DURATION))
        for name, path in pages.items():
            long64.append(wrk(name, CACHED_PORT, path, 64, LONG_DURATION))
        bogus = bogus_cookie(pages["news detail"])
        ceilings = {32: cached32[0].rps, 64: long64[0].rps}
        print_table([*cached32, *miss32, *long64, *bogus], ceilings)
        ok = check_targets(cached32, miss32, long64, ceilings, bogus)
        ok = scale_out() and ok
    from soak import soak  # bench/soak.py: mixed traffic with unique searches, on a server of its own

    ok = soak(pages) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
