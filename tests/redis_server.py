"""A throw-away redis-server of the test's own on a free loopback port: killed, paused and restarted at will.

Tests never touch the shared Redis (a CI run may be using it); a "dead" Redis is a closed port (``closed_port``).
"""

import shutil
import signal
import socket
import subprocess
import time
from contextlib import closing

import pytest

needs_redis_server = pytest.mark.skipif(
    not shutil.which("redis-server"), reason="needs redis-server (apt-get install redis-server)"
)


def free_port() -> int:
    """A loopback port nothing listens on (now)."""
    with closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


closed_port = free_port


class RedisServer:
    def __init__(self, *options: str):
        self.port = free_port()
        self.options = options
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> "RedisServer":
        command = ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
        self.process = subprocess.Popen([*command, *self.options], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _attempt in range(100):
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.1) as connection:
                    connection.sendall(b"PING\r\n")
                    if connection.recv(16).startswith(b"+PONG"):
                        return self
            except OSError:
                pass
            time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def kill(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)

    def pause(self) -> None:
        """Hung, not gone: connections are accepted by the kernel, nothing is answered; the data stays."""
        self.process.send_signal(signal.SIGSTOP)

    def resume(self) -> None:
        self.process.send_signal(signal.SIGCONT)

    def cache_settings(self, **options) -> dict:
        return redis_cache_settings(self.url, **options)


def redis_cache_settings(url: str, **options) -> dict:
    """CACHES for the site's Redis backend at ``url``, with short timeouts."""
    return {
        "default": {
            "BACKEND": "cms.caching.redis.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": "cms-test",
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2, **options},
        }
    }
