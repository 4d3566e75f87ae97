from __future__ import annotations

from django_tasks import task


@task()
def import_check_task(*, job_id: int) -> None:
    """The dry run of an import (council.imports.services.import_check_run)."""
    from council.imports.services import import_check_run

    import_check_run(job_id=job_id)


@task()
def import_run_task(*, job_id: int) -> None:
    """An import confirmed (council.imports.services.import_run)."""
    from council.imports.services import import_run

    import_run(job_id=job_id)
