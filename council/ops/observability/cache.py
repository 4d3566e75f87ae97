"""Django's own Redis cache, counted and timed for Prometheus.

django-prometheus's wrapper of this backend (`django_prometheus.cache.backends.redis.
NativeRedisCache`) lives in a module that imports django-redis, which the platform does not
use; this is the same wrapper on Django's RedisCache, counting into django-prometheus's own
metrics (django_cache_get_total, _get_hits_total, _get_misses_total, _get_fail_total, labelled
backend="native_redis" as upstream), plus the time each operation takes, which upstream does
not measure: council_cache_operation_duration_seconds{operation}."""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django_prometheus.cache.metrics import (
    django_cache_get_fail_total,
    django_cache_get_total,
    django_cache_hits_total,
    django_cache_misses_total,
)
from prometheus_client import Histogram

BACKEND = "native_redis"
operation_seconds = Histogram(
    "council_cache_operation_duration_seconds",
    "Time of one cache operation, by operation.",
    ["operation"],
    buckets=(0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1.0, float("inf")),
)

F = TypeVar("F", bound=Callable[..., Any])


def timed(operation: str) -> Callable[[F], F]:
    def decorate(method: F) -> F:
        @wraps(method)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return method(*args, **kwargs)
            finally:
                operation_seconds.labels(operation).observe(time.perf_counter() - started)

        return wrapper  # type: ignore[return-value]

    return decorate


class RedisCache(DjangoRedisCache):
    @timed("get")
    def get(self, key: Any, default: Any = None, version: int | None = None) -> Any:
        django_cache_get_total.labels(backend=BACKEND).inc()
        try:
            result = super().get(key, default=None, version=version)
        except Exception:
            django_cache_get_fail_total.labels(backend=BACKEND).inc()
            raise
        if result is not None:
            django_cache_hits_total.labels(backend=BACKEND).inc()
            return result
        django_cache_misses_total.labels(backend=BACKEND).inc()
        return default

    set = timed("set")(DjangoRedisCache.set)
    add = timed("add")(DjangoRedisCache.add)
    delete = timed("delete")(DjangoRedisCache.delete)
    get_many = timed("get_many")(DjangoRedisCache.get_many)
    set_many = timed("set_many")(DjangoRedisCache.set_many)
    delete_many = timed("delete_many")(DjangoRedisCache.delete_many)
    incr = timed("incr")(DjangoRedisCache.incr)
    touch = timed("touch")(DjangoRedisCache.touch)
    has_key = timed("has_key")(DjangoRedisCache.has_key)
