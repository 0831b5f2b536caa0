"""Where a rendered page spends its time: requests one path N times through Django's WSGI handler, in process.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/cms_bench REDIS_URL=redis://127.0.0.1:6379/7 \
        python bench/profile_page.py /news/ [--requests 300] [--page-cache] [--sort tottime] [--top 40]

Uses the production settings with the page cache off (unless --page-cache), so each request is a cache miss the
way `make bench` measures it. Prints the mean time per request, the queries per request and a cProfile table.
"""

import argparse
import cProfile
import io
import os
import pstats
import secrets
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def environ(path: str) -> dict:
    path, _, query = path.partition("?")
    return {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8000",
        "HTTP_HOST": "127.0.0.1",
        "REMOTE_ADDR": "127.0.0.1",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path")
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--page-cache", action="store_true", help="keep the whole-page cache on")
    parser.add_argument("--sort", default="cumulative")
    parser.add_argument("--top", type=int, default=40)
    args = parser.parse_args()

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.prod")
    os.environ.setdefault("DJANGO_SECRET_KEY", secrets.token_urlsafe(50))
    os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "127.0.0.1")
    os.environ.setdefault("SITE_URL", "http://127.0.0.1:8000")
    os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "false")
    os.environ.setdefault("DJANGO_CONN_MAX_AGE", "600")
    os.environ["PAGE_CACHE_ENABLED"] = "true" if args.page_cache else "false"

    from django.core.wsgi import get_wsgi_application
    from django.db import connection

    application = get_wsgi_application()

    def request() -> int:
        status = []
        body = application(environ(args.path), lambda s, h, *a: status.append(s))
        b"".join(body)
        body.close()
        return int(status[0].split()[0])

    for _warm in range(20):
        if (code := request()) != 200:
            raise SystemExit(f"{args.path} answered {code}")
    queries = []

    def record(execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            queries.append((time.perf_counter() - started, sql))

    with connection.execute_wrapper(record):
        request()

    started = time.perf_counter()
    for _ in range(args.requests):
        request()
    elapsed = time.perf_counter() - started
    print(f"{args.path}: {elapsed / args.requests * 1000:.2f} ms per request, {len(queries)} queries")
    for seconds, sql in queries:
        print(f"  {seconds * 1000:7.2f} ms  {sql[:160]}")

    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(args.requests):
        request()
    profiler.disable()
    pstats.Stats(profiler).strip_dirs().sort_stats(args.sort).print_stats(args.top)


if __name__ == "__main__":
    main()
