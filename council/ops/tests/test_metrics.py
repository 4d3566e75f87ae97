"""/metrics: django-prometheus's request, database and cache metrics and the queue's, for the
allowed addresses only; every gunicorn worker's figures in multiprocess mode."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from prometheus_client.parser import text_string_to_metric_families

from council.ops import gunicorn_hooks
from council.ops.jobs import JOBS
from council.ops.models import JobRun
from council.ops.tests.conftest import DATABASE_TASKS
from council.ops.tests.worker_tasks import fail, say


def scrape(client: Client | None = None, **headers: Any) -> dict[tuple[str, tuple], float]:
    response = (client or Client(REMOTE_ADDR="127.0.0.1")).get("/metrics", **headers)
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"].startswith("text/plain; version=")
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(response.content.decode())
        for sample in family.samples
    }


def test_only_allowed_addresses_are_answered(db: Any, settings: Any) -> None:
    assert Client(REMOTE_ADDR="127.0.0.1").get("/metrics").status_code == 200
    assert Client(REMOTE_ADDR="::1").get("/metrics").status_code == 200
    assert Client(REMOTE_ADDR="203.0.113.9").get("/metrics").status_code == 404
    # A forwarded address counts only from a trusted proxy, and then it is the client's.
    settings.TRUSTED_PROXIES = ["10.0.0.1"]
    settings.METRICS_ALLOWED_NETWORKS = ["192.0.2.0/24"]
    proxy = Client(REMOTE_ADDR="10.0.0.1")
    assert proxy.get("/metrics", HTTP_X_FORWARDED_FOR="192.0.2.7").status_code == 200
    assert proxy.get("/metrics", HTTP_X_FORWARDED_FOR="203.0.113.9").status_code == 404
    stranger = Client(REMOTE_ADDR="203.0.113.9")
    assert stranger.get("/metrics", HTTP_X_FORWARDED_FOR="192.0.2.7").status_code == 404


def test_requests_per_view_and_database_timings_are_counted(db: Any) -> None:
    client = Client(REMOTE_ADDR="127.0.0.1")
    before = scrape(client)
    client.get("/healthz")
    client.get("/orgs/")
    after = scrape(client)
    views = {
        dict(labels)["view"]
        for (name, labels), value in after.items()
        if name == "django_http_responses_total_by_status_view_method_total"
    }
    assert {"healthz", "orgs:list"} <= views
    latency = [
        value
        for (name, labels), value in after.items()
        if name == "django_http_requests_latency_seconds_by_view_method_count"
        and dict(labels)["view"] == "orgs:list"
    ]
    assert latency and latency[0] >= 1
    queries = sum(
        value
        for (name, _labels), value in after.items()
        if name == "django_db_query_duration_seconds_count"
    )
    queries_before = sum(
        value
        for (name, _labels), value in before.items()
        if name == "django_db_query_duration_seconds_count"
    )
    assert queries > queries_before


def test_the_queue_and_the_jobs_are_read_at_scrape_time(db: Any, settings: Any) -> None:
    settings.TASKS = DATABASE_TASKS
    figures = scrape()
    assert figures[("council_tasks_ready", ())] == 0
    assert figures[("council_tasks_oldest_ready_age_seconds", ())] == 0
    assert figures[("council_tasks_failed", ())] == 0
    assert figures[("council_metrics_database_up", ())] == 1
    assert (
        figures[("council_job_last_success_timestamp_seconds", (("job", "send_shift_reminders"),))]
        == 0
    )

    first = say.enqueue(text="one")
    say.enqueue(text="two")
    say.using(run_after=timezone.now() + timedelta(hours=1)).enqueue(text="later")
    DBTaskResult.objects.filter(pk=first.id).update(
        enqueued_at=timezone.now() - timedelta(minutes=10)
    )
    failed = fail.enqueue(text="x")
    DBTaskResult.objects.filter(pk=failed.id).update(status="FAILED", finished_at=timezone.now())
    succeeded_at = timezone.now() - timedelta(minutes=3)
    JobRun.objects.create(name="send_shift_reminders", last_succeeded_at=succeeded_at)

    figures = scrape()
    assert figures[("council_tasks_ready", ())] == 2  # not the deferred one, nor the failed
    assert 600 <= figures[("council_tasks_oldest_ready_age_seconds", ())] < 700
    assert figures[("council_tasks_failed", ())] == 1
    jobs = {
        dict(labels)["job"]: value
        for (name, labels), value in figures.items()
        if name == "council_job_last_success_timestamp_seconds"
    }
    assert jobs["send_shift_reminders"] == pytest.approx(succeeded_at.timestamp())
    assert jobs["prune_db_task_results"] == 0
    assert len(jobs) == len(JOBS)


def test_the_redis_cache_is_counted_and_timed(db: Any, settings: Any) -> None:
    from django.core.cache import cache

    settings.CACHES = {
        "default": {
            "BACKEND": "council.ops.observability.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/0",
            "KEY_PREFIX": f"i19-obs-test-{os.getpid()}",
        }
    }
    before = scrape()
    cache.set("greeting", "hello", 30)
    assert cache.get("greeting") == "hello"
    assert cache.get("nothing") is None
    cache.delete("greeting")
    after = scrape()

    def grew(name: str, labels: tuple = ()) -> float:
        return after.get((name, labels), 0) - before.get((name, labels), 0)

    redis = (("backend", "native_redis"),)
    assert grew("django_cache_get_total", redis) >= 2
    assert grew("django_cache_get_hits_total", redis) >= 1
    assert grew("django_cache_get_misses_total", redis) >= 1
    assert grew("council_cache_operation_duration_seconds_count", (("operation", "set"),)) >= 1
    assert grew("council_cache_operation_duration_seconds_count", (("operation", "delete"),)) == 1


WORKER = textwrap.dedent(
    """
    import django, os
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "council.settings")
    django.setup()
    from django_prometheus.middleware import Metrics
    Metrics.get_instance().requests_total.inc(7)
    """
)
SCRAPER = textwrap.dedent(
    """
    import django, os
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "council.settings")
    django.setup()
    from council.ops.observability.metrics import exposition
    print(exposition().decode())
    """
)


def test_in_multiprocess_mode_one_scrape_sums_every_worker(tmp_path: Path, settings: Any) -> None:
    environment = {
        **os.environ,
        "PROMETHEUS_MULTIPROC_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'none.sqlite3'}",
    }

    def run(code: str) -> str:
        return subprocess.run(  # noqa: S603 (our own code, written above)
            [sys.executable, "-c", code],
            cwd=settings.BASE_DIR,
            env=environment,
            capture_output=True,
            text=True,
            check=True,
            timeout=120,
        ).stdout

    gunicorn_hooks.on_starting(None)  # without the variable here: leaves everything alone
    run(WORKER)
    run(WORKER)
    assert len(list(tmp_path.glob("counter_*.db"))) == 2
    text = run(SCRAPER)
    assert "django_http_requests_before_middlewares_total 14.0" in text
    # The queue's figures come with them; this database has no tables (a 0, not a failure).
    assert "council_metrics_database_up 0.0" in text

    os.environ["PROMETHEUS_MULTIPROC_DIR"] = str(tmp_path)
    try:
        gunicorn_hooks.on_starting(None)
    finally:
        del os.environ["PROMETHEUS_MULTIPROC_DIR"]
    assert list(tmp_path.glob("*.db")) == []
