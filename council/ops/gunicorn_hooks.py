"""Gunicorn server hooks for the metrics of several worker processes (prometheus_client's
multiprocess mode). The gunicorn config imports them:

    from council.ops.gunicorn_hooks import child_exit, on_starting  # noqa: F401

with PROMETHEUS_MULTIPROC_DIR set in gunicorn's environment (one directory per gunicorn
instance; docs/operations.md, "Observability"). Importing this module loads no Django."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from prometheus_client import multiprocess


def on_starting(server: Any) -> None:
    """Start from an empty metrics directory: files of an earlier run's processes would add
    their counts to this run's."""
    directory = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if directory:
        Path(directory).mkdir(parents=True, exist_ok=True)
        for stale in Path(directory).glob("*.db"):
            stale.unlink()


def child_exit(server: Any, worker: Any) -> None:
    """A worker has exited: its live gauges stop counting (its counters stay summed)."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        multiprocess.mark_process_dead(worker.pid)
