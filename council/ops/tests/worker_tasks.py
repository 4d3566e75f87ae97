"""Tasks for the tests: one writes a log line while it runs, one fails. They live in the
package so that a worker in another process can import them."""

from __future__ import annotations

import logging

from django_tasks import task

logger = logging.getLogger("council.ops.tests")


@task()
def say(*, text: str) -> None:
    logger.warning("the task says %s", text)


@task()
def fail(*, text: str) -> None:
    logger.warning("the task is about to fail: %s", text)
    raise RuntimeError(f"it went wrong: {text}")
