"""The metrics endpoint's registry: django-prometheus's request, database and cache metrics
(from every gunicorn worker in multiprocess mode), and the queue and periodic jobs read from
the database at scrape time."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator

from django.db import DatabaseError
from django.utils import timezone
from prometheus_client import REGISTRY, CollectorRegistry, generate_latest, multiprocess
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.metrics_core import Metric
from prometheus_client.registry import Collector

from council.ops import task_selectors

logger = logging.getLogger(__name__)


class QueueCollector(Collector):
    """Two queries per scrape: the queue's figures (one aggregate) and the jobs' last runs."""

    def collect(self) -> Iterator[Metric]:
        up = GaugeMetricFamily(
            "council_metrics_database_up",
            "1 when the scrape could read the task queue and the jobs' runs, else 0.",
        )
        try:
            figures = task_selectors.queue_figures()
            runs = task_selectors.job_last_runs()
        except DatabaseError:
            logger.warning("metrics: the database could not be read", exc_info=True)
            up.add_metric([], 0)
            yield up
            return
        up.add_metric([], 1)
        yield up
        yield GaugeMetricFamily(
            "council_tasks_ready", "Background tasks ready to run.", value=figures.ready
        )
        age = 0.0
        if figures.oldest_ready_at is not None:
            age = max(0.0, (timezone.now() - figures.oldest_ready_at).total_seconds())
        yield GaugeMetricFamily(
            "council_tasks_oldest_ready_age_seconds",
            "Seconds since the oldest ready task became ready (0 when none is waiting).",
            value=age,
        )
        yield GaugeMetricFamily(
            "council_tasks_failed",
            "Failed background tasks kept in the queue (not yet retried or pruned).",
            value=figures.failed,
        )
        last_success = GaugeMetricFamily(
            "council_job_last_success_timestamp_seconds",
            "When each periodic job last succeeded, as a unix time (0: never).",
            labels=["job"],
        )
        for entry in runs:
            succeeded = entry.run.last_succeeded_at if entry.run is not None else None
            last_success.add_metric([entry.job.name], succeeded.timestamp() if succeeded else 0)
        yield last_success


def multiprocess_dir() -> str | None:
    return os.environ.get("PROMETHEUS_MULTIPROC_DIR") or None


def exposition() -> bytes:
    """The text the endpoint serves. With PROMETHEUS_MULTIPROC_DIR (gunicorn's workers) the
    process metrics are every worker's, merged from that directory; otherwise this process's."""
    registry = CollectorRegistry(auto_describe=False)
    if multiprocess_dir():
        multiprocess.MultiProcessCollector(registry)
    else:
        registry.register(REGISTRY)
    registry.register(QueueCollector())
    return generate_latest(registry)
