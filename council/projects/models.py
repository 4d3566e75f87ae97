from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.timezone import now
from django.utils.translation import gettext_lazy as _

from council.lib.dates import validate_plan_date
from council.lib.models import (
    Described,
    Mirrored,
    in_order,
    lines_of,
    one_mirror_per_origin,
    one_per,
)
from council.lib.text import MAX_NOTE, MAX_TEXT, text_limit, validate_plain_text
from council.lib.timezones import local_datetime
from council.reference.models import CefrLevel


class ProjectStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    COMPLETED = "completed", _("Completed")
    CANCELLED = "cancelled", _("Cancelled")


def cover_path(instance: Project, filename: str) -> str:
    return f"covers/{secrets.token_hex(8)}-{filename[-60:]}"


class Project(Described, Mirrored):
    owner = models.ForeignKey(
        "orgs.Organisation",
        models.PROTECT,
        related_name="projects",
        verbose_name=_("owner organisation"),
    )
    partners = models.ManyToManyField(
        "orgs.Organisation",
        blank=True,
        related_name="partner_projects",
        verbose_name=_("partner organisations"),
    )
    # The programmes a project belongs to are `project.programmes` (council.cooperation).
    causes: models.ManyToManyField = models.ManyToManyField(
        "reference.Cause", blank=True, related_name="+", verbose_name=_("causes")
    )
    sdg_targets: models.ManyToManyField = models.ManyToManyField(
        "reference.SdgTarget", blank=True, related_name="+", verbose_name=_("SDG targets")
    )
    start_date = models.DateField(
        _("start date"), null=True, blank=True, validators=[validate_plan_date]
    )
    end_date = models.DateField(
        _("end date"), null=True, blank=True, validators=[validate_plan_date]
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ProjectStatus.choices, default=ProjectStatus.DRAFT
    )
    is_flagship = models.BooleanField(_("flagship project"), default=False)
    # Countries of the owner and partners, kept by the services that change either; a project
    # whose organisations span more than one country is joint.
    countries = models.JSONField(_("countries"), default=list, blank=True)
    cover = models.ImageField(_("cover image"), upload_to=cover_path, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), default=now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        indexes = [
            models.Index(fields=["owner", "status"]),
            models.Index(fields=["status", "start_date"]),
        ]
        constraints = [
            one_mirror_per_origin("project"),
            in_order(
                "start_date",
                "end_date",
                name="project_starts_before_it_ends",
                unless_empty=["end_date", "start_date"],
            ),
        ]

    @property
    def is_joint(self) -> bool:
        return len(self.countries) > 1


class RestrictedCategory(models.TextChoices):
    """Work that Kazakhstan's Law 42-VI (art. 12) bars to volunteers under 18."""

    EMERGENCY = "emergency", _("Emergency and disaster response")
    OFFENDERS = "offenders", _("Work with people who have criminal records")
    HAZARDOUS = "hazardous", _("Heavy or hazardous work")


class ApplicationMode(models.TextChoices):
    INSTANT = "instant", _("Instant confirmation")
    REVIEW = "review", _("Reviewed by the organiser")


class Opportunity(Described, Mirrored):
    """A role to fill within a project, onsite or online, with shifts or one overall capacity."""

    project = models.ForeignKey(Project, models.CASCADE, related_name="opportunities")
    skills = models.ManyToManyField(
        "reference.Skill", blank=True, related_name="+", verbose_name=_("required skills")
    )
    credentials: models.ManyToManyField = models.ManyToManyField(
        "volunteers.Credential",
        blank=True,
        related_name="opportunities",
        verbose_name=_("required credentials"),
        help_text=_("Volunteers must hold each of these, valid on the day, to apply."),
    )
    min_age = models.PositiveSmallIntegerField(_("minimum age"), default=0)
    medical_required = models.BooleanField(_("medical qualification required"), default=False)
    restricted_category = models.CharField(
        _("not for minors"),
        max_length=12,
        choices=RestrictedCategory.choices,
        blank=True,
        help_text=_("Work barred to volunteers under 18."),
    )
    members_only = models.BooleanField(
        _("for the owner's members only"),
        default=False,
        help_text=_(
            "A company's employee programme: only the members (employees) of the owner "
            "organisation see the opportunity and apply."
        ),
    )
    is_online = models.BooleanField(_("online"), default=False)
    city = models.ForeignKey(
        "reference.City",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("city"),
    )
    address = models.CharField(
        _("address"), max_length=300, blank=True, validators=[validate_plain_text]
    )
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    timezone = models.CharField(_("time zone"), max_length=64, default="UTC")
    application_mode = models.CharField(
        _("application mode"),
        max_length=8,
        choices=ApplicationMode.choices,
        default=ApplicationMode.REVIEW,
    )
    capacity = models.PositiveIntegerField(
        _("capacity"), default=0, help_text=_("Used when the opportunity has no shifts.")
    )
    questions = models.TextField(
        _("questions for applicants"),
        blank=True,
        help_text=_("One question per line."),
        max_length=MAX_TEXT,
        validators=[text_limit(MAX_TEXT)],
    )
    isco_group = models.ForeignKey(
        "reference.IscoGroup",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("occupation group (ISCO-08)"),
        help_text=_("What kind of work this is; it values the volunteers' hours."),
    )
    # Denormalised from the project and its shifts by the services, for search filters.
    country = models.ForeignKey(
        "reference.Country",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("country"),
    )
    region = models.ForeignKey(
        "reference.Region",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("region"),
    )
    is_published = models.BooleanField(_("published"), default=False)
    first_start = models.DateTimeField(_("first shift starts"), null=True, blank=True)
    last_end = models.DateTimeField(_("last shift ends"), null=True, blank=True)
    # Set once `last_end` has passed (by `opportunity_refresh` and the periodic
    # `mark_ended_opportunities`), cleared when a later shift is added. It only narrows what
    # searches read: False does not promise that the opportunity is still open.
    has_ended = models.BooleanField(_("has ended"), default=False)
    # What "for you" ranks it on (skills, languages, its project's causes and SDG goals), in
    # the row: see council/projects/match_signals.py. Written by `opportunity_refresh`.
    match_signals = models.JSONField(_("match signals"), default=dict, blank=True, editable=False)
    # On a mirrored opportunity without shifts: the seats its owner node had taken as of
    # `origin_synced_at`.
    remote_taken = models.PositiveIntegerField(null=True, blank=True, editable=False)
    team_max_size = models.PositiveSmallIntegerField(
        _("largest team"),
        default=0,
        help_text=_("Teams of up to this many people may sign up together; 0 allows no teams."),
    )
    team_split_allowed = models.BooleanField(
        _("teams may be split"),
        default=False,
        help_text=_(
            "When there are fewer free seats than a team needs, give the team the seats there "
            "are and keep the rest on the waiting list."
        ),
    )
    handover_needs_approval = models.BooleanField(
        _("handing a shift on needs approval"),
        default=False,
        help_text=_(
            "A volunteer who offers their confirmed shift to a colleague waits for an "
            "organiser to approve the swap."
        ),
    )
    team_names_days = models.PositiveSmallIntegerField(
        _("names due (days before)"),
        default=2,
        help_text=_(
            "Team leaders name their members up to this many days before the shift; seats "
            "still unnamed then are given to the waiting list."
        ),
    )
    created_at = models.DateTimeField(_("created at"), default=now)

    class Meta:
        constraints = [one_mirror_per_origin("opportunity")]
        ordering = ["first_start", "pk"]
        verbose_name = _("opportunity")
        verbose_name_plural = _("opportunities")
        indexes = [
            models.Index(fields=["is_published", "country", "first_start"]),
            models.Index(fields=["is_published", "city"]),
            models.Index(fields=["is_published", "latitude", "longitude"]),
            models.Index(fields=["is_published", "last_end"]),
            # The list in date order: read in index order over rows not marked ended (the
            # rest of `open_opportunities` is checked on `last_end` inside the index on
            # PostgreSQL), so a page costs its rows, not a sort of every open one.
            models.Index(
                fields=["first_start", "id"],
                include=["last_end"],
                condition=Q(is_published=True, has_ended=False),
                name="projects_opportunity_by_date",
            ),
            models.Index(fields=["project"]),
        ]

    @property
    def question_list(self) -> list[str]:
        return lines_of(self.questions)

    @property
    def is_over(self) -> bool:
        """Every shift of it is past (one without shifts never is)."""
        return self.last_end is not None and self.last_end <= now()


class OpportunityLanguage(models.Model):
    opportunity = models.ForeignKey(Opportunity, models.CASCADE, related_name="languages")
    language = models.ForeignKey(
        "reference.Language", models.PROTECT, related_name="+", verbose_name=_("language")
    )
    min_level = models.CharField(_("minimum level"), max_length=6, choices=CefrLevel.choices)

    class Meta:
        verbose_name = _("language requirement")
        verbose_name_plural = _("language requirements")
        constraints = [one_per("opportunity", "language", name="one_requirement_per_language")]

    def __str__(self) -> str:
        return f"{self.language} ≥ {self.min_level}"


class ShiftSeries(models.Model):
    """Shifts on the days of a recurrence rule (an iCalendar RRULE, see
    council/lib/recurrence.py), each from `start_time` to `end_time` on the opportunity's
    local clock (council/projects/services/series.py). A shift changed or deleted alone
    leaves the series and its day becomes one of the `exceptions`."""

    opportunity = models.ForeignKey(Opportunity, models.CASCADE, related_name="series")
    rule = models.CharField(_("recurrence rule"), max_length=500)
    first_date = models.DateField(_("first day"), validators=[validate_plan_date])
    start_time = models.TimeField(_("start time"))
    end_time = models.TimeField(_("end time"))
    # Local days (ISO dates) the rule gives but the series skips.
    exceptions = models.JSONField(_("exceptions"), default=list, blank=True)
    capacity = models.PositiveIntegerField(_("capacity of each shift"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), default=now)

    class Meta:
        ordering = ["first_date", "pk"]
        verbose_name = _("series of shifts")
        verbose_name_plural = _("series of shifts")
        constraints = [
            in_order("start_time", "end_time", name="series_starts_before_end", strict=True)
        ]

    def __str__(self) -> str:
        return f"{self.opportunity} · {self.rule}"


class Shift(Mirrored):
    opportunity = models.ForeignKey(Opportunity, models.CASCADE, related_name="shifts")
    start = models.DateTimeField(_("start"), validators=[validate_plan_date])
    end = models.DateTimeField(_("end"), validators=[validate_plan_date])
    capacity = models.PositiveIntegerField(_("capacity"))
    reminder_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    series = models.ForeignKey(
        ShiftSeries,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="shifts",
        verbose_name=_("series"),
    )
    # On a mirrored shift: the seats its owner node had taken as of `origin_synced_at`.
    remote_taken = models.PositiveIntegerField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["start", "pk"]
        verbose_name = _("shift")
        verbose_name_plural = _("shifts")
        indexes = [models.Index(fields=["opportunity", "start"]), models.Index(fields=["start"])]
        constraints = [
            one_mirror_per_origin("shift"),
            in_order("start", "end", name="shift_starts_before_end", strict=True),
        ]

    def __str__(self) -> str:
        # On the place's clock (the audit trail keeps this text): "… 08.12.2026 11:00".
        start = local_datetime(
            self.start, self.opportunity.timezone, format_name="SHORT_DATETIME_FORMAT"
        )
        return f"{self.opportunity} {start}"

    @property
    def is_past(self) -> bool:
        return self.end <= now()


class ApplicationStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting review")
    # Made on the volunteer's home node for another node's opportunity, and not yet answered
    # by it (council.federation keeps it in the outbox until it is).
    SENT = "sent", _("On its way to the organiser")
    CONFIRMED = "confirmed", _("Confirmed")
    WAITLISTED = "waitlisted", _("On the waiting list")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


LIVE_STATUSES = (
    ApplicationStatus.SENT,
    ApplicationStatus.PENDING,
    ApplicationStatus.CONFIRMED,
    ApplicationStatus.WAITLISTED,
)


class TeamKind(models.TextChoices):
    SCHOOL_CLASS = "class", _("A school class")
    COMPANY = "company", _("A company team")
    FAMILY = "family", _("A family")
    UNIVERSITY = "university", _("A university group")
    OTHER = "other", _("Another group")


class Team(models.Model):
    """Seats taken together by a leader for a group (council/projects/services/teams.py).

    The team's confirmed seats are its members' confirmed applications plus `seats_held`,
    the confirmed seats not yet given to a named member; the seat pool counts both.
    `size` is what the leader asked for, the leader's own seat included."""

    leader = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="led_teams", db_index=False
    )
    opportunity = models.ForeignKey(
        Opportunity, models.CASCADE, related_name="teams", db_index=False
    )
    shift = models.ForeignKey(
        Shift, models.CASCADE, null=True, blank=True, related_name="teams", db_index=False
    )
    name = models.CharField(_("team name"), max_length=120, validators=[validate_plain_text])
    kind = models.CharField(_("kind of team"), max_length=12, choices=TeamKind.choices)
    size = models.PositiveSmallIntegerField(_("seats"))
    seats_held = models.PositiveSmallIntegerField(_("seats not yet named"), default=0)
    status = models.CharField(_("status"), max_length=10, choices=ApplicationStatus.choices)
    reason = models.TextField(
        _("reason"), blank=True, max_length=MAX_NOTE, validators=[text_limit(MAX_NOTE)]
    )
    created_at = models.DateTimeField(_("applied at"), default=now)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        indexes = [
            models.Index(fields=["shift", "status", "created_at"]),
            models.Index(fields=["opportunity", "status", "created_at"]),
            models.Index(fields=["leader", "status"]),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(size__gte=1), name="team_of_one_or_more"),
            models.CheckConstraint(
                condition=Q(seats_held__lte=models.F("size")), name="team_holds_its_size_at_most"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Application(models.Model):
    # No single-column indexes on the three keys: the composite indexes below lead with each
    # (one index fewer to write per application, and fewer for the planner to weigh).
    volunteer = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="applications", db_index=False
    )
    opportunity = models.ForeignKey(
        Opportunity, models.CASCADE, related_name="applications", db_index=False
    )
    shift = models.ForeignKey(
        Shift, models.CASCADE, null=True, blank=True, related_name="applications", db_index=False
    )
    status = models.CharField(_("status"), max_length=10, choices=ApplicationStatus.choices)
    motivation = models.TextField(
        _("motivation"), blank=True, max_length=4000, validators=[text_limit(4000)]
    )
    answers = models.JSONField(_("answers"), default=list, blank=True)
    reason = models.TextField(
        _("reason"), blank=True, max_length=MAX_NOTE, validators=[text_limit(MAX_NOTE)]
    )
    created_at = models.DateTimeField(_("applied at"), default=now)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # A member's seat of a team: it follows the team's seats, never the waiting list alone.
    team = models.ForeignKey(
        Team,
        models.CASCADE,
        null=True,
        blank=True,
        related_name="members",
        verbose_name=_("team"),
    )

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        constraints = [
            one_per(
                "volunteer",
                "shift",
                name="one_live_application_per_shift",
                condition=Q(status__in=LIVE_STATUSES) & Q(shift__isnull=False),
            ),
            one_per(
                "volunteer",
                "opportunity",
                name="one_live_application_per_opportunity",
                condition=Q(status__in=LIVE_STATUSES) & Q(shift__isnull=True),
            ),
        ]
        indexes = [
            models.Index(fields=["shift", "status", "created_at"]),
            models.Index(fields=["opportunity", "status", "created_at"]),
            models.Index(fields=["volunteer", "status"]),
        ]

    def __str__(self) -> str:
        return f"{self.volunteer} → {self.opportunity}"


def invite_token() -> str:
    return secrets.token_urlsafe(24)


class TeamInvite(models.Model):
    """A leader naming a member: the person with this address takes a seat of the team by
    following the link while the team has one and the names are not yet due."""

    team = models.ForeignKey(Team, models.CASCADE, related_name="invites")
    email = models.EmailField(_("email"))
    token = models.CharField(max_length=64, unique=True, default=invite_token, editable=False)
    accepted_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("team invitation")
        verbose_name_plural = _("team invitations")
        constraints = [
            one_per(
                "team",
                "email",
                name="one_open_invite_per_address",
                condition=Q(accepted_at__isnull=True, cancelled_at__isnull=True),
            )
        ]

    def __str__(self) -> str:
        return self.email

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None and self.cancelled_at is None


class HandoverStatus(models.TextChoices):
    OFFERED = "offered", _("Offered to a colleague")
    ACCEPTED = "accepted", _("Accepted, awaiting the organiser")
    DONE = "done", _("Handed on")
    DECLINED = "declined", _("Declined")
    CANCELLED = "cancelled", _("Cancelled")


OPEN_HANDOVER = (HandoverStatus.OFFERED, HandoverStatus.ACCEPTED)


class Handover(models.Model):
    """A confirmed volunteer's offer of their seat on a shift to a named colleague
    (council/projects/services/handovers.py). The swap itself is one transaction: the
    giver's application is closed and the colleague's confirmed under the seat pool's
    lock, so the seats taken never move."""

    application = models.ForeignKey(
        Application, models.CASCADE, related_name="handovers", verbose_name=_("application")
    )
    email = models.EmailField(_("colleague's email"))
    token = models.CharField(max_length=64, unique=True, default=invite_token, editable=False)
    status = models.CharField(
        _("status"), max_length=10, choices=HandoverStatus.choices, default=HandoverStatus.OFFERED
    )
    taker = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    taken_application = models.ForeignKey(
        Application, models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    created_at = models.DateTimeField(default=now)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("shift handed on")
        verbose_name_plural = _("shifts handed on")
        constraints = [
            one_per(
                "application",
                name="one_open_handover_per_application",
                condition=Q(status__in=OPEN_HANDOVER),
            )
        ]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self) -> str:
        return f"{self.application} → {self.email}"


def calendar_token() -> str:
    return secrets.token_urlsafe(24)


class CalendarFeed(models.Model):
    """The secret address of a person's iCal feed of confirmed shifts."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="calendar_feed"
    )
    token = models.CharField(max_length=64, unique=True, default=calendar_token)
    created_at = models.DateTimeField(default=now)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return f"{self.user}"


class _TsVector(models.Field):  # type: ignore[type-arg]
    """PostgreSQL's tsvector, read through expressions only."""

    def db_type(self, connection: object) -> str:
        return "tsvector"


class OpportunitySearchRow(models.Model):
    """A row of the PostgreSQL full-text index (see council/projects/search_backend.py),
    joined by searches to match and rank in one pass. The table belongs to the search
    backend, not to the ORM; on SQLite the index is an FTS5 table this model never reads."""

    opportunity = models.OneToOneField(
        Opportunity,
        primary_key=True,
        on_delete=models.DO_NOTHING,
        related_name="search_row",
        db_constraint=False,
    )
    document = _TsVector()
    filters = _TsVector(null=True)
    titles = _TsVector(null=True)

    class Meta:
        managed = False
        db_table = "projects_opportunity_search"

    def __str__(self) -> str:
        return f"index row of opportunity {self.pk}"
