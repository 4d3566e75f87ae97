"""The one registry of periodic jobs: each management command that runs on a schedule, and how
often. The systemd timers in deploy/systemd/ and the development runner (`manage.py
run_periodic`) are generated from it; `manage.py run_job NAME` runs one of them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

# A run holds its job's lease this long at most (council.ops.services.job_run), so a run that
# died without releasing it blocks its job no longer than that. systemd stops a run after its
# `timeout`, before the lease can run out under it and let a second run start.
LEASE = timedelta(minutes=30)


def run_timeout(lease: timedelta) -> timedelta:
    """How long systemd lets a run with this lease go on: five sixths of it."""
    return lease * 5 / 6


@dataclass(frozen=True)
class Job:
    """A periodic management command. `every` is its period; `calendar` is the same period as a
    systemd OnCalendar expression (a daily job runs at a fixed time of day, written with UTC so
    that the server's time zone does not move it). A job that may run longer than 25 minutes
    needs a longer `lease`."""

    name: str
    every: timedelta
    calendar: str
    summary: str
    lease: timedelta = LEASE

    @property
    def timeout(self) -> timedelta:
        return run_timeout(self.lease)


MINUTE = timedelta(minutes=1)
MINUTES_5 = timedelta(minutes=5)
MINUTES_15 = timedelta(minutes=15)
HOURLY = timedelta(hours=1)
DAILY = timedelta(days=1)

JOBS: tuple[Job, ...] = (
    Job(
        "deliver_webhooks",
        MINUTE,
        "*:0/1",
        "Send the webhook deliveries that are due: new ones the queue missed, and retries.",
    ),
    # FEED (council.federation.services.sync)
    Job(
        "federation_notify",
        MINUTE,
        "*:0/1",
        "Tell live peer nodes, through the outbox, when our catalogue feed has news.",
    ),
    Job(
        "federation_pull",
        MINUTES_5,
        "*:0/5",
        "Pull every live peer node's catalogue feed into the local copies of its records.",
    ),
    Job(
        "federation_deliver",
        MINUTE,
        "*:0/1",
        "Send the federation's outbox messages to peer nodes that are due: missed and retries.",
    ),
    Job(
        "federation_status",
        MINUTE,
        "*:0/1",
        "Tell other nodes the new statuses of their people's applications and registrations.",
    ),
    Job(
        "federation_hours",
        MINUTES_5,
        "*:0/5",
        "Send verified hours of other nodes' people home, signed with this node's key.",
    ),
    Job(
        "release_unnamed_team_seats",
        MINUTES_15,
        "*:0/15",
        "Give the waiting list the seats teams still hold for members not named when the "
        "names are due.",
    ),
    Job(
        "send_shift_reminders",
        MINUTES_5,
        "*:0/5",
        "Mail each confirmed volunteer a reminder 24 hours before a shift, once per shift.",
    ),
    Job(
        "expire_forum_holds",
        MINUTES_5,
        "*:0/5",
        "Expire forum seats offered from a waiting list whose hold ran out; offer them on.",
    ),
    Job(
        "remind_forum_holds",
        MINUTES_15,
        "*:0/15",
        "Mail whoever holds an offered forum seat 12 hours before the hold expires.",
    ),
    Job(
        "mark_ended_opportunities",
        MINUTES_15,
        "*:0/15",
        "Mark opportunities whose last shift has ended, so lists of open ones skip them.",
    ),
    Job(
        "close_forgotten_checkouts",
        MINUTES_15,
        "*:0/15",
        "Close check-ins still open after their shift ended, flagged for the organiser.",
    ),
    # --- federation: aggregates (issue 21) ---
    Job(
        "federation_aggregates",
        HOURLY,
        "*:25",
        "Pull the peer nodes' published aggregates for the council's side-by-side page.",
    ),
    Job(
        "federation_erasures",
        MINUTES_15,
        "*:0/15",
        "Tell peer nodes to erase people who withdrew the cross-border consent or were erased, "
        "where that was not sent yet.",
    ),
    Job(
        "close_expired_agreements",
        DAILY,
        "*-*-* 00:10:00 UTC",
        "Agreements whose term has ended become expired, each audited once.",
    ),
    Job(
        "remind_expiring_agreements",
        DAILY,
        "*-*-* 06:00:00 UTC",
        "Mail the secretariat 90 and 30 days before an agreement ends.",
    ),
    Job(
        "remind_due_commitments",
        DAILY,
        "*-*-* 06:10:00 UTC",
        "Mail the owners of a joint-plan commitment 14 days before it is due.",
    ),
    Job(
        "expire_contacts",
        DAILY,
        "*-*-* 01:20:00 UTC",
        "Erase organisations' contacts (imported volunteers) not accepted within their "
        "retention period, keeping anonymous tombstones.",
    ),
    Job(
        "retention_sweep",
        DAILY,
        "*-*-* 01:40:00 UTC",
        "Warn the people whose accounts nobody has used for the retention period, and erase "
        "those warned a warning period ago, keeping the aggregates.",
    ),
    Job(
        "prune_db_task_results",
        DAILY,
        "*-*-* 03:00:00 UTC",
        "Delete finished background tasks (queued mail among them) older than their retention.",
    ),
    Job(
        "federation_prune",
        DAILY,
        "*-*-* 03:20:00 UTC",
        "Delete expired federation nonces, old stored answers (90 days) and calls (180 days).",
    ),
    Job(
        "find_duplicates",
        DAILY,
        "*-*-* 01:30:00 UTC",
        "Find likely duplicate people and organisations for the coordinators' duplicates queue.",
        # The first run over a national register compares millions of people.
        lease=timedelta(hours=6),
    ),
    Job(
        "backup",
        DAILY,
        "*-*-* 02:30:00 UTC",
        "Dump the database with the private files and media into BACKUP_DIR; keep BACKUP_KEEP.",
        # A national database dumps for hours, not minutes.
        lease=timedelta(hours=6),
    ),
)

JOBS_BY_NAME = {job.name: job for job in JOBS}
