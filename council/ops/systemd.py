"""The systemd units of the periodic jobs, written from the registry (council.ops.jobs) by
`manage.py write_timers`: one template service that runs `manage.py run_job NAME`, one timer
per job with its OnCalendar, and for a job with a lease of its own a drop-in with its
timeout."""

from __future__ import annotations

from datetime import timedelta

from council.ops.jobs import DAILY, JOBS, LEASE, Job, run_timeout

# The paths of the deployment (deploy/README.md), the same as the web and worker units'.
APP = "/srv/council/app"
PYTHON = "/srv/council/venv/bin/python"
ENVIRONMENT_FILE = "/etc/council/council.env"
USER = "council"
DATA = "/srv/council/data"

SERVICE = "council-job@.service"
# What write_timers writes besides SERVICE, as globs: it removes what no job needs any more.
WRITTEN = ("council-job@*.timer", "council-job@*.service.d/timeout.conf")
# Daily jobs start up to this late, so that several machines' timers do not fire at once.
DAILY_DELAY = "5min"
HEADER = "# Written by `manage.py write_timers` from council/ops/jobs.py: edit the registry.\n"


def span(duration: timedelta) -> str:
    """A duration as systemd writes it: `25min`, or seconds."""
    seconds = int(duration.total_seconds())
    return f"{seconds // 60}min" if seconds % 60 == 0 else f"{seconds}s"


def service_unit() -> str:
    return HEADER + (
        "[Unit]\n"
        "Description=Volunteer Council periodic job %i\n"
        f"Documentation=file://{APP}/docs/operations.md\n"
        "After=network-online.target postgresql.service\n"
        "Wants=network-online.target\n"
        "\n"
        "[Service]\n"
        "Type=oneshot\n"
        f"User={USER}\n"
        f"Group={USER}\n"
        f"WorkingDirectory={APP}\n"
        f"EnvironmentFile={ENVIRONMENT_FILE}\n"
        "Environment=PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1\n"
        f"ExecStart={PYTHON} manage.py run_job %i\n"
        "# A hung run is stopped before its lease runs out (council/ops/jobs.py: LEASE).\n"
        f"TimeoutStartSec={span(run_timeout(LEASE))}\n"
        "\n"
        "NoNewPrivileges=true\n"
        "PrivateTmp=true\n"
        "PrivateDevices=true\n"
        "ProtectSystem=strict\n"
        "ProtectHome=true\n"
        "ProtectKernelTunables=true\n"
        "ProtectKernelModules=true\n"
        "ProtectControlGroups=true\n"
        "RestrictSUIDSGID=true\n"
        f"ReadWritePaths={DATA}\n"
    )


def timer_unit(job: Job) -> str:
    delay = f"RandomizedDelaySec={DAILY_DELAY}\n" if job.every >= DAILY else ""
    return HEADER + (
        "[Unit]\n"
        # systemd reads % as the start of a specifier (%i) everywhere in a unit.
        f"Description=Volunteer Council periodic job {job.name}: {job.summary.replace('%', '%%')}\n"
        "\n"
        "[Timer]\n"
        f"OnCalendar={job.calendar}\n"
        "Persistent=true\n"
        f"{delay}"
        "\n"
        "[Install]\n"
        "WantedBy=timers.target\n"
    )


def timeout_dropin(job: Job) -> str:
    return HEADER + f"[Service]\nTimeoutStartSec={span(job.timeout)}\n"


def units() -> dict[str, str]:
    """Path under deploy/systemd/ -> text, of every unit file of the periodic jobs."""
    files = {SERVICE: service_unit()}
    for job in JOBS:
        files[f"council-job@{job.name}.timer"] = timer_unit(job)
        if job.lease != LEASE:
            files[f"council-job@{job.name}.service.d/timeout.conf"] = timeout_dropin(job)
    return files
