from __future__ import annotations

from django_tasks import task


@task()
def export_run(*, job_id: int) -> None:
    """Write a requested export (council.reports.services.export_write)."""
    from council.reports.services import export_write

    export_write(job_id=job_id)
