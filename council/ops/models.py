from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class JobRun(models.Model):
    """The last run of one periodic job (council.ops.jobs), one row per job: what an operator
    and the metrics endpoint read to tell that the timers still run."""

    name = models.CharField(_("job"), max_length=80, primary_key=True)
    last_started_at = models.DateTimeField(_("last started"), null=True, blank=True)
    last_succeeded_at = models.DateTimeField(_("last succeeded"), null=True, blank=True)
    last_failed_at = models.DateTimeField(_("last failed"), null=True, blank=True)
    last_count = models.IntegerField(_("done in the last run"), null=True, blank=True)
    last_duration_ms = models.IntegerField(_("duration of the last run, ms"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    successes = models.PositiveIntegerField(_("successful runs"), default=0)
    failures = models.PositiveIntegerField(_("failed runs"), default=0)
    # Held while a run is going on (council.ops.services.job_run); a crashed run's lease runs
    # out on its own.
    lease_until = models.DateTimeField(_("running, lease until"), null=True, blank=True)

    class Meta:
        verbose_name = _("periodic job run")
        verbose_name_plural = _("periodic job runs")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
