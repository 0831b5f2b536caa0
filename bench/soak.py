"""The soak of ``make bench`` (issue 16): 64 connections for BENCH_LONG_DURATION s (60) of mixed traffic — cached
pages, searches with unique queries, consultation posts (bench/soak.lua) — from 256 client addresses, against an app
server of its own (production settings, trusting one proxy for the addresses). Passes with zero 5xx and socket
errors and the Redis memory bounded: result pages of unique searches never reach Redis, so the benchmark database
gains at most SOAK_MAX_NEW_KEYS keys (rate-limit counters of the 256 addresses, a few pages and values). Prints the
responses by class, Redis ``used_memory`` and the database's key count before and after.
"""

import re
import subprocess
import time
import urllib.parse

from run import HOST, LONG_DURATION, REDIS_URL, ROOT, app_server, get, log

SOAK_PORT = 8104
SOAK_MAX_NEW_KEYS = 5000
SKIPPED = {"static file (ceiling)", "search"}  # the soak makes its own searches


def redis_memory() -> tuple[int, int]:
    """(``used_memory`` of the whole Redis instance in bytes, keys in the benchmark's database)."""
    info = subprocess.run(["redis-cli", "-u", REDIS_URL, "INFO", "memory"], capture_output=True, text=True, check=True)
    used = int(re.search(r"^used_memory:(\d+)", info.stdout, re.MULTILINE).group(1))
    size = subprocess.run(["redis-cli", "-u", REDIS_URL, "DBSIZE"], capture_output=True, text=True, check=True)
    return used, int(size.stdout.strip().split()[-1])


def consult_post() -> tuple[str, str]:
    """A filled-in consultation form as a browser posts it (body, Cookie header), rendered long enough ago."""
    status, headers, body = get(SOAK_PORT, "/consult/")
    if status != 200:
        raise RuntimeError(f"/consult/ answered {status}")
    cookie = re.search(r"csrftoken=([^;]+)", headers["set-cookie"]).group(1)
    hidden = re.findall(rb'<input type="hidden" name="([^"]+)" value="([^"]*)"', body)
    fields = {name.decode(): value.decode() for name, value in hidden}
    fields.update({"topic": "policy", "name": "压测访客", "phone": "13800138000", "consent": "on", "website": ""})
    time.sleep(3.5)  # the form's minimum fill time
    return urllib.parse.urlencode(fields), f"csrftoken={cookie}"


def soak(pages: dict[str, str]) -> bool:
    with app_server(SOAK_PORT, DJANGO_TRUSTED_PROXY_COUNT="1"):
        cached = [path for name, path in pages.items() if name not in SKIPPED]
        for path in cached:
            get(SOAK_PORT, path)
        body, cookie = consult_post()
        used_before, keys_before = redis_memory()
        script = str(ROOT / "bench" / "soak.lua")
        command = ["wrk", "-t2", "-c64", f"-d{LONG_DURATION}s", "--timeout", "5s", "-s", script,
                   f"http://{HOST}:{SOAK_PORT}/", "--", *cached, "POST", body, cookie]  # fmt: skip
        output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
        used_after, keys_after = redis_memory()
    summary = re.search(r"^soak: .*5xx (\d+)$", output, re.MULTILINE)
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", output))
    new_keys = keys_after - keys_before
    log(f"\n{summary.group(0)}; socket errors {errors}; {rps:.0f} req/s")
    log(f"soak: Redis used_memory {used_before / 2**20:.1f} MiB before, {used_after / 2**20:.1f} MiB after; keys in "
        f"the benchmark database {keys_before} before, {keys_after} after")  # fmt: skip
    ok = int(summary.group(1)) == 0 and not errors and new_keys <= SOAK_MAX_NEW_KEYS
    log(
        f"{'PASS' if ok else 'FAIL'}  soak at 64 for {LONG_DURATION} s (cached pages, unique searches, posts): "
        f"zero 5xx and socket errors, at most {SOAK_MAX_NEW_KEYS} new Redis keys ({new_keys})"
    )
    return ok
