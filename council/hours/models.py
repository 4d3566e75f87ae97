"""Verified hours: check-in and check-out, hours entries, certificates, and the wage table that
values volunteer work by the ILO replacement-cost method."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.timezone import now
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from council.lib.codes import short_code
from council.lib.dates import validate_past_date
from council.lib.models import in_order, one_per
from council.lib.text import MAX_NOTE, text_limit
from council.reference.models import InRegion


class EntryStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Awaiting verification")
    VERIFIED = "verified", _("Verified")
    REJECTED = "rejected", _("Rejected")
    DISPUTED = "disputed", _("Disputed")


class EntryMode(models.TextChoices):
    ORGANISATION = "organisation", _("Through an organisation")
    DIRECT = "direct", _("Directly, for people outside the household")


class EntrySource(models.TextChoices):
    VOLUNTEER = "volunteer", _("Logged by the volunteer")
    ORGANISER = "organiser", _("Logged by the organiser")
    CHECK_IN = "check_in", _("Check-in and check-out")
    # Brought in from elsewhere (a spreadsheet import, another registry's exchange file):
    # `HoursEntry.origin` says from where.
    IMPORTED = "imported", _("Imported")


class ValuationLevel(models.TextChoices):
    """Which wage valued the hours: the occupation's own group, a broader one, or the
    country's average wage (ILO Manual on the Measurement of Volunteer Work, ch. 5)."""

    SUB_MAJOR = "sub_major", _("ISCO-08 sub-major group")
    MAJOR = "major", _("ISCO-08 major group")
    COUNTRY = "country", _("Country average")


# The sources of the demo tables the platform ships, shown in the reader's language; a source
# someone loads (a statistics office's table, a central bank's rate) is shown as written.
DEMO_WAGE_SOURCE = gettext_noop("Demo table (not official)")
DEMO_RATE_SOURCE = gettext_noop("Illustrative round rate for the demo, not an official rate")
SHIPPED_SOURCES = frozenset({DEMO_WAGE_SOURCE, DEMO_RATE_SOURCE})


def source_text(source: str) -> str:
    return gettext(source) if source in SHIPPED_SOURCES else source


class StatedFigure(models.Model):
    """An amount in a currency, with the source it was taken from."""

    currency = models.CharField(_("currency"), max_length=3)
    source = models.CharField(_("source"), max_length=300)

    class Meta:
        abstract = True

    @property
    def source_text(self) -> str:
        return source_text(self.source)


class WageRate(StatedFigure):
    """The hourly wage of an occupation group in a country and year; no group = the average
    over all occupations."""

    country = models.ForeignKey(
        "reference.Country", models.PROTECT, related_name="+", verbose_name=_("country")
    )
    isco_group = models.ForeignKey(
        "reference.IscoGroup",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("occupation group (ISCO-08)"),
        help_text=_("Leave empty for the average wage over all occupations."),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    hourly_rate = models.DecimalField(_("hourly rate"), max_digits=12, decimal_places=2)

    class Meta:
        ordering = ["country", "year", "isco_group"]
        verbose_name = _("wage rate")
        verbose_name_plural = _("wage rates")
        constraints = [
            one_per("country", "isco_group", "year", name="one_wage_per_group_and_year"),
            one_per(
                "country",
                "year",
                name="one_country_average_per_year",
                condition=Q(isco_group__isnull=True),
            ),
            models.CheckConstraint(condition=Q(hourly_rate__gt=0), name="wage_rate_positive"),
        ]

    def __str__(self) -> str:
        group = self.isco_group_id or "*"
        return f"{self.country_id} {group} {self.year}: {self.hourly_rate} {self.currency}"


class ExchangeRate(StatedFigure):
    """A stated rate for showing values from different currencies in one: `rate` units of
    `to_currency` for one unit of `currency`, as of a date, with its source. Values are kept
    in local currencies; a report converts only to print a total, and prints the rate."""

    to_currency = models.CharField(_("into currency"), max_length=3)
    rate = models.DecimalField(_("rate"), max_digits=18, decimal_places=8)
    as_of = models.DateField(_("as of"))

    class Meta:
        ordering = ["to_currency", "currency", "-as_of"]
        verbose_name = _("exchange rate")
        verbose_name_plural = _("exchange rates")
        constraints = [
            one_per("currency", "to_currency", "as_of", name="one_exchange_rate_per_day"),
            models.CheckConstraint(condition=Q(rate__gt=0), name="exchange_rate_positive"),
        ]

    def __str__(self) -> str:
        return f"1 {self.currency} = {self.rate} {self.to_currency} ({self.as_of})"


class HoursEntry(InRegion):
    """Hours of volunteer work for a project, as logged and as verified by its organisation.
    Where the work was done (`InRegion`): the country whose wages value it, and its region."""

    # PROTECT: accounts are erased by anonymising them, never deleted with their hours, so
    # the hours reports (council.hours.services.rollups) stay equal to a recount.
    volunteer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        related_name="hours_entries",
        verbose_name=_("volunteer"),
        db_index=False,
    )
    organisation = models.ForeignKey(
        "orgs.Organisation",
        models.PROTECT,
        related_name="hours_entries",
        verbose_name=_("organisation"),
        db_index=False,
    )
    project = models.ForeignKey(
        "projects.Project",
        models.PROTECT,
        related_name="hours_entries",
        verbose_name=_("project"),
        db_index=False,
    )
    opportunity = models.ForeignKey(
        "projects.Opportunity",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="hours_entries",
        verbose_name=_("opportunity"),
    )
    shift = models.ForeignKey(
        "projects.Shift",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="hours_entries",
        verbose_name=_("shift"),
    )
    date = models.DateField(_("date"), validators=[validate_past_date])
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=2)
    description = models.TextField(
        _("what was done"), blank=True, max_length=2000, validators=[text_limit(2000)]
    )
    mode = models.CharField(
        _("mode"), max_length=12, choices=EntryMode.choices, default=EntryMode.ORGANISATION
    )
    during_paid_work = models.BooleanField(
        _("during paid work time"),
        default=False,
        help_text=_(
            "Employer-supported volunteering: kept, but not counted as volunteer work in the "
            "ILO totals."
        ),
    )
    isco_group = models.ForeignKey(
        "reference.IscoGroup",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("occupation group (ISCO-08)"),
    )
    sdg_targets: models.ManyToManyField = models.ManyToManyField(
        "reference.SdgTarget", blank=True, related_name="+", verbose_name=_("SDG targets")
    )
    # The causes the work served, as the project named them when the hours were logged.
    causes: models.ManyToManyField = models.ManyToManyField(
        "reference.Cause", blank=True, related_name="+", verbose_name=_("causes")
    )
    # The volunteer's age band on the day of the work, set when the hours are verified
    # ("" when the person gave no date of birth).
    age_band = models.CharField(_("age band"), max_length=10, blank=True)
    source = models.CharField(_("source"), max_length=10, choices=EntrySource.choices)
    # Where an imported entry came from ("" for the platform's own): "import:<id>" for a
    # spreadsheet import (council.imports), "exchange:<issuer>" for an exchange-format file
    # (council.interchange, docs/exchange-format.md). `external_id` is the record's id there,
    # so that importing the same record again updates it instead of adding it twice.
    origin = models.CharField(_("origin"), max_length=120, blank=True)
    external_id = models.CharField(_("id at the origin"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=EntryStatus.choices, default=EntryStatus.SUBMITTED
    )
    started_at = models.DateTimeField(_("checked in at"), null=True, blank=True)
    ended_at = models.DateTimeField(_("checked out at"), null=True, blank=True)
    closed_automatically = models.BooleanField(
        _("closed automatically"),
        default=False,
        help_text=_("Nobody checked out: the entry was closed at the end of the shift."),
    )
    reason = models.TextField(
        _("reason for rejection"),
        blank=True,
        max_length=MAX_NOTE,
        validators=[text_limit(MAX_NOTE)],
    )
    dispute = models.TextField(
        _("dispute"), blank=True, max_length=MAX_NOTE, validators=[text_limit(MAX_NOTE)]
    )
    disputed_at = models.DateTimeField(_("disputed at"), null=True, blank=True)
    feedback = models.TextField(
        _("organiser's feedback"), blank=True, max_length=2000, validators=[text_limit(2000)]
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("logged at"), default=now)
    # The value of the hours at verification (replacement cost, local currency).
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2, null=True, blank=True)
    currency = models.CharField(_("currency"), max_length=3, blank=True)
    wage_rate = models.ForeignKey(
        WageRate, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    valuation_level = models.CharField(
        _("valued at"), max_length=10, choices=ValuationLevel.choices, blank=True
    )

    class Meta:
        # No single-column indexes on volunteer, organisation and project: the composite
        # indexes below lead with each.
        ordering = ["-date", "-pk"]
        verbose_name = _("hours entry")
        verbose_name_plural = _("hours entries")
        indexes = [
            models.Index(fields=["organisation", "status", "date"]),
            models.Index(fields=["volunteer", "status", "date"]),
            models.Index(fields=["project", "status"]),
            models.Index(
                fields=["organisation", "external_id"],
                condition=~Q(external_id=""),
                name="hours_entry_external_id",
            ),
        ]
        constraints = [
            one_per(
                "origin",
                "external_id",
                name="one_entry_per_external_id",
                condition=~Q(external_id=""),
            ),
            models.CheckConstraint(
                condition=Q(hours__gt=0) & Q(hours__lte=24), name="hours_within_a_day"
            ),
            in_order(
                "started_at",
                "ended_at",
                name="hours_check_in_before_check_out",
                strict=True,
                unless_empty=["ended_at", "started_at"],
            ),
        ]

    def __str__(self) -> str:
        return f"{self.volunteer} {self.date:%d.%m.%Y}"

    @property
    def peer_node(self) -> str:
        """The national node whose organisation verified these hours and sent them here
        (council.federation: origin "peer:<node>"); "" for hours of this node."""
        return self.origin.removeprefix("peer:") if self.origin.startswith("peer:") else ""

    @property
    def counts_as_volunteer_work(self) -> bool:
        """Verified, and not during paid work time (the ILO definition excludes it)."""
        return self.status == EntryStatus.VERIFIED and not self.during_paid_work


class CheckIn(models.Model):
    """A confirmed volunteer's ticket for a shift: the personal code their QR code carries,
    and the times the organiser checked them in and out."""

    application = models.OneToOneField(
        "projects.Application", models.CASCADE, related_name="check_in"
    )
    code = models.CharField(_("code"), max_length=12, unique=True, default=short_code)
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    checked_out_at = models.DateTimeField(_("checked out at"), null=True, blank=True)
    checked_out_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    closed_automatically = models.BooleanField(_("closed automatically"), default=False)
    entry = models.OneToOneField(
        HoursEntry, models.SET_NULL, null=True, blank=True, related_name="check_in"
    )

    class Meta:
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")
        indexes = [
            models.Index(
                fields=["checked_in_at"],
                condition=Q(checked_in_at__isnull=False, checked_out_at__isnull=True),
                name="hours_checkin_open",
            )
        ]

    def __str__(self) -> str:
        return self.code


class CertificateKind(models.TextChoices):
    PROJECT = "project", _("Participation in a project")
    HOURS = "hours", _("Volunteer hours over a period")


class Certificate(models.Model):
    """A certificate anyone can verify by its code; what it certifies is kept as issued."""

    code = models.CharField(_("code"), max_length=12, unique=True, default=short_code)
    kind = models.CharField(_("kind"), max_length=10, choices=CertificateKind.choices)
    volunteer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.CASCADE,
        related_name="certificates",
        verbose_name=_("volunteer"),
    )
    # The name as printed: the person may change it later, the certificate does not.
    volunteer_name = models.CharField(_("name"), max_length=170)
    organisation = models.ForeignKey(
        "orgs.Organisation",
        models.PROTECT,
        related_name="certificates",
        verbose_name=_("issued by"),
    )
    project = models.ForeignKey(
        "projects.Project",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="certificates",
        verbose_name=_("project"),
    )
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("to"))
    hours = models.DecimalField(_("verified hours"), max_digits=8, decimal_places=2)
    language = models.CharField(_("language"), max_length=5)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    issued_at = models.DateTimeField(_("issued at"), default=now)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    revocation_reason = models.TextField(
        _("reason for revocation"),
        blank=True,
        max_length=MAX_NOTE,
        validators=[text_limit(MAX_NOTE)],
    )

    class Meta:
        ordering = ["-issued_at", "-pk"]
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        indexes = [
            models.Index(fields=["volunteer", "issued_at"]),
            models.Index(fields=["organisation", "issued_at"]),
        ]
        constraints = [
            in_order("period_start", "period_end", name="certificate_period_in_order"),
            models.CheckConstraint(condition=Q(hours__gte=0), name="certificate_hours_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.volunteer_name}"

    @property
    def is_valid(self) -> bool:
        return self.revoked_at is None


class SigningKey(models.Model):
    """The platform's Ed25519 key for signed record books, when the environment does not
    provide one (`SIGNING_PRIVATE_KEY`). Kept so that documents signed earlier still verify."""

    key_id = models.CharField(max_length=16, unique=True)
    public_key = models.CharField(max_length=64)
    private_key = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=now)

    class Meta:
        verbose_name = _("signing key")
        verbose_name_plural = _("signing keys")

    def __str__(self) -> str:
        return self.key_id


ZERO = Decimal("0")

# The columns of an entry that a verification or a rejection sets (the services only).
DECISION_FIELDS = ("decided_by", "decided_at")
VALUATION_FIELDS = ("value", "currency", "wage_rate", "valuation_level")


# --- Incrementally maintained aggregates (council.hours.services.rollups) -----------------
# Derived data: each row is the sum over verified entries with its key, kept up to date in the
# transaction that verifies, rejects or deletes an entry, and rebuilt from the entries by
# `manage.py rollups_rebuild`. Key columns are plain values (0 / "" for "none") so that an
# upsert can name them in ON CONFLICT on both PostgreSQL and SQLite.


class RollupKind(models.TextChoices):
    ALL = "all", _("all")
    REGION = "region", _("region")
    ORGANISATION = "organisation", _("organisation")
    PROJECT = "project", _("project")
    CAUSE = "cause", _("cause")
    GOAL = "goal", _("SDG goal")
    TARGET = "target", _("SDG target")
    AGE = "age", _("age band")
    CAUSE_GOAL = "cause_goal", _("cause and SDG goal")
    CAUSE_AGE = "cause_age", _("cause and age band")
    GOAL_AGE = "goal_age", _("SDG goal and age band")
    CAUSE_GOAL_AGE = "cause_goal_age", _("cause, SDG goal and age band")


class HoursRollup(models.Model):
    """Verified hours per month, organisation, project, place, paid-time flag and currency."""

    month = models.DateField()
    country = models.CharField(max_length=2)
    region = models.IntegerField(default=0)
    organisation = models.IntegerField()
    project = models.IntegerField()
    during_paid_work = models.BooleanField()
    currency = models.CharField(max_length=3, blank=True)
    entries = models.IntegerField(default=0)
    hours = models.DecimalField(max_digits=14, decimal_places=2, default=ZERO)
    value = models.DecimalField(max_digits=18, decimal_places=2, default=ZERO)

    class Meta:
        constraints = [
            one_per(
                "month",
                "country",
                "region",
                "organisation",
                "project",
                "during_paid_work",
                "currency",
                name="one_hours_rollup_per_key",
            )
        ]
        indexes = [
            models.Index(fields=["organisation", "month"]),
            # Counting a country's projects with hours reads this index only.
            models.Index(fields=["country", "month", "project"]),
            # A national network's organisations by hours: an index-only scan on PostgreSQL.
            models.Index(
                fields=["country", "month", "organisation"],
                include=["hours"],
                condition=Q(during_paid_work=False),
                name="hours_rollup_org_work",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.month} {self.country} project {self.project}: {self.hours} h"


class HoursFacetRollup(models.Model):
    """Verified hours per month, place and one facet of the work: all of it, a cause, an SDG
    goal, an SDG target, the volunteers' age band, or a cause and a goal together (key
    "cause|goal"). An entry for two targets of one goal counts once for the goal."""

    month = models.DateField()
    country = models.CharField(max_length=2)
    region = models.IntegerField(default=0)
    kind = models.CharField(max_length=20, choices=RollupKind.choices)
    key = models.CharField(max_length=100, blank=True)
    during_paid_work = models.BooleanField()
    currency = models.CharField(max_length=3, blank=True)
    entries = models.IntegerField(default=0)
    hours = models.DecimalField(max_digits=14, decimal_places=2, default=ZERO)
    value = models.DecimalField(max_digits=18, decimal_places=2, default=ZERO)

    class Meta:
        constraints = [
            one_per(
                "kind",
                "month",
                "country",
                "region",
                "key",
                "during_paid_work",
                "currency",
                name="one_hours_facet_per_key",
            )
        ]

    def __str__(self) -> str:
        return f"{self.month} {self.country} {self.kind} {self.key}: {self.hours} h"


class PeriodKind(models.TextChoices):
    MONTH = "M", _("month")
    YEAR = "Y", _("year")


class VolunteerCount(models.Model):
    """How many people did verified volunteer work (not in paid work time) in a month or a
    year, in a country or one of its regions (`region` 0 is the whole country): overall, by
    cause, SDG goal, age band, a pair of them (keys "cause|goal", "cause|band", "goal|band")
    or all three ("cause|goal|band"); and, for the whole country only, by organisation,
    project or SDG target. Distinct people do not add up across months or regions, so each
    keeps its own count. A row exists only while its count is above zero, so the project rows
    of a period are also its projects with hours."""

    period = models.CharField(max_length=1, choices=PeriodKind.choices)
    start = models.DateField()
    country = models.CharField(max_length=2)
    region = models.IntegerField(default=0)
    kind = models.CharField(max_length=20, choices=RollupKind.choices)
    key = models.CharField(max_length=100, blank=True)
    volunteers = models.IntegerField(default=0)

    class Meta:
        constraints = [
            one_per(
                "period",
                "start",
                "kind",
                "country",
                "region",
                "key",
                name="one_volunteer_count_per_key",
            )
        ]

    def __str__(self) -> str:
        return (
            f"{self.period} {self.start} {self.country} {self.region} {self.kind} {self.key}: "
            f"{self.volunteers}"
        )


# References both ways and letters of recommendation live in their own module (issue 22).
from council.hours.reference_models import ExperienceRating as ExperienceRating  # noqa: E402
from council.hours.reference_models import RecommendationLetter as RecommendationLetter  # noqa: E402
from council.hours.reference_models import Reference as Reference  # noqa: E402
