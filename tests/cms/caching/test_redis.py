"""The Redis backend degrades instead of failing: misses and no-ops, one connection attempt per breaker interval,
a log line per interval, counters that refuse to pretend; and the deployment check of its eviction policy."""

import logging
import socket
import threading

import pytest
from django.test import override_settings

from cms.caching.checks import check_redis_eviction
from cms.caching.redis import CacheUnavailable, CircuitBreaker, RedisCache
from tests.redis_server import RedisServer, closed_port, needs_redis_server, redis_cache_settings


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def test_the_breaker_skips_calls_for_an_interval_then_lets_one_probe():
    clock = Clock()
    breaker = CircuitBreaker("test", retry_seconds=5, clock=clock)
    assert breaker.allow() and not breaker.is_open
    breaker.failed(ConnectionError("refused"))
    assert breaker.is_open and not breaker.allow()
    clock.now += 4.9
    assert not breaker.allow()
    clock.now += 0.2
    assert breaker.allow()  # the probe
    assert not breaker.allow()  # everybody else keeps skipping while it runs
    breaker.succeeded()
    assert not breaker.is_open and breaker.allow()


def test_the_breaker_logs_once_per_interval(caplog):
    clock = Clock()
    breaker = CircuitBreaker("test", retry_seconds=1, clock=clock)
    with caplog.at_level(logging.WARNING, logger="cms.caching.redis"):
        for _call in range(100):
            breaker.failed(ConnectionError("refused"))
            clock.now += 0.1
        assert len([r for r in caplog.records if "unavailable" in r.message]) == 1
        clock.now += 60
        breaker.failed(ConnectionError("refused"))
        assert "100 failed calls" in caplog.records[-1].message
        breaker.succeeded()
        assert "answers again" in caplog.records[-1].message


@pytest.fixture
def tarpit():
    """A "Redis" that accepts connections and never answers; counts them."""
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(64)
    server.settimeout(0.05)
    held, done = [], threading.Event()

    def serve():
        while not done.is_set():
            try:
                held.append(server.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield server.getsockname()[1], held
    done.set()
    thread.join()
    for connection in held:
        connection.close()
    server.close()


def test_a_hung_redis_costs_one_timeout_per_interval_not_one_per_call(tarpit):
    port, connections = tarpit
    settings = redis_cache_settings(f"redis://127.0.0.1:{port}/0", socket_timeout=0.1, circuit_breaker_seconds=30)
    backend = RedisCache(settings["default"]["LOCATION"], settings["default"])
    for index in range(50):
        assert backend.get(f"key{index}", "missing") == "missing"
        backend.set(f"key{index}", 1)
    assert len(connections) == 1 and backend.degraded


def test_every_call_degrades_on_a_closed_port():
    settings = redis_cache_settings(f"redis://127.0.0.1:{closed_port()}/0")
    backend = RedisCache(settings["default"]["LOCATION"], settings["default"])
    assert backend.get("key") is None and backend.get("key", 7) == 7
    assert backend.add("key", 1) is False and backend.set("key", 1) is None
    assert backend.get_many(["a", "b"]) == {} and backend.set_many({"a": 1}) == ["a"]
    assert backend.delete("key") is False and backend.has_key("key") is False
    assert backend.get_or_set("key", 3) == 3
    assert backend.ping() is False and backend.degraded
    with pytest.raises(CacheUnavailable):
        backend.incr("key")
    with pytest.raises(CacheUnavailable):
        backend.decr("key")


@needs_redis_server
def test_counters_are_atomic_and_strict_against_a_live_redis():
    server = RedisServer().start()
    try:
        settings = server.cache_settings()
        backend = RedisCache(server.url, settings["default"])
        with pytest.raises(ValueError):
            backend.incr("missing")
        assert backend.add("counter", 0, timeout=60)
        threads = [threading.Thread(target=lambda: [backend.incr("counter") for _ in range(50)]) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert backend.get("counter") == 400 and backend.ping() and not backend.degraded
    finally:
        server.kill()


def check_messages(server_url: str):
    with override_settings(CACHES=redis_cache_settings(server_url)):
        return check_redis_eviction()


def test_the_check_stays_silent_without_redis():
    assert check_redis_eviction() == []  # the test settings use the local-memory cache


def test_the_check_only_informs_when_redis_is_unreachable():
    messages = check_messages(f"redis://127.0.0.1:{closed_port()}/0")
    assert [message.id for message in messages] == ["cms.I002"]
    assert "allkeys-lru" in messages[0].hint


@needs_redis_server
@pytest.mark.parametrize(
    "options,expected",
    [
        (("--maxmemory", "64mb", "--maxmemory-policy", "allkeys-lru"), []),
        (("--maxmemory", "64mb", "--maxmemory-policy", "noeviction"), ["cms.W002"]),
        (("--maxmemory-policy", "allkeys-lru"), ["cms.W003"]),  # no maxmemory: never evicts
        (("--maxmemory", "64mb", "--rename-command", "CONFIG", ""), ["cms.I002"]),  # CONFIG disabled (managed Redis)
    ],
    ids=["allkeys-lru", "noeviction", "no-maxmemory", "config-disabled"],
)
def test_the_check_warns_about_noeviction(options, expected):
    server = RedisServer(*options).start()
    try:
        assert [message.id for message in check_messages(server.url)] == expected
    finally:
        server.kill()


def test_the_check_runs_with_the_deploy_checks_only():
    from django.core.checks.registry import registry

    assert check_redis_eviction in registry.get_checks(include_deployment_checks=True)
    assert check_redis_eviction not in registry.get_checks(include_deployment_checks=False)
