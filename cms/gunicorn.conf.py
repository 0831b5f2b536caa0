"""gunicorn settings for `make serve` and the benchmark. Every value can be overridden on the command line."""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Two workers per core plus one: requests spend part of their time waiting on PostgreSQL and Redis.
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
worker_class = "sync"
# Behind a load balancer, keep connections from it open a little longer than its idle timeout.
keepalive = 5
timeout = 30
graceful_timeout = 20
# Recycle workers now and then so that a slow leak never grows unbounded (rarely: a fresh worker starts with an
# empty in-memory page cache and cold templates).
max_requests = 200000
max_requests_jitter = 20000
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
