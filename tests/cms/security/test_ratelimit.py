"""Rate limits count atomically (one decision per event, however many arrive at once) and never pretend when the
shared cache is down."""

import threading

import pytest
from django.test import RequestFactory, override_settings

from cms.security.ratelimit import RateLimit, RateLimitUnavailable
from tests.redis_server import RedisServer, closed_port, needs_redis_server, redis_cache_settings

PARALLEL = 20


def request_from(address: str = "203.0.113.5"):
    return RequestFactory().post("/consult/", REMOTE_ADDR=address)


def decide_in_parallel(limit: RateLimit, count: int = PARALLEL) -> list[bool]:
    start, answers = threading.Barrier(count), []

    def one():
        start.wait()
        answers.append(limit.allow(request_from()))

    threads = [threading.Thread(target=one) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers


def test_parallel_events_get_exactly_the_allowance():
    answers = decide_in_parallel(RateLimit("test-parallel", limit=5, window=3600))
    assert answers.count(True) == 5 and answers.count(False) == PARALLEL - 5


@needs_redis_server
def test_parallel_events_get_exactly_the_allowance_on_redis():
    server = RedisServer().start()
    try:
        with override_settings(CACHES=server.cache_settings()):
            answers = decide_in_parallel(RateLimit("test-parallel", limit=5, window=3600))
        assert answers.count(True) == 5
    finally:
        server.kill()


def test_counts_are_per_address_and_scope():
    limit, other = RateLimit("test-a", limit=2, window=60), RateLimit("test-b", limit=2, window=60)
    assert [limit.allow(request_from()) for _ in range(3)] == [True, True, False]
    assert limit.exceeded(request_from()) and limit.count(request_from()) == 3
    assert limit.allow(request_from("198.51.100.1")) and other.allow(request_from())


def test_a_dead_cache_raises_instead_of_counting_zero():
    limit = RateLimit("test-dead", limit=5, window=60)
    with override_settings(CACHES=redis_cache_settings(f"redis://127.0.0.1:{closed_port()}/0")):
        for method in (limit.count, limit.exceeded, limit.hit, limit.allow):
            with pytest.raises(RateLimitUnavailable):
                method(request_from())
