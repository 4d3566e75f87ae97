"""Forums: seats divided into quotas, individual registration with a waiting list and
time-limited holds, sessions, delegations of the member networks."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.timezone import localdate, now
from django.utils.translation import gettext_lazy as _

from council.lib.dates import validate_plan_date
from council.lib.models import (
    Described,
    Mirrored,
    Titled,
    in_order,
    lines_of,
    one_mirror_per_origin,
    one_per,
)
from council.lib.text import MAX_NOTE, MAX_TEXT, text_limit, validate_plain_text
from council.lib.timezones import place_zone

DEFAULT_HOLD = timedelta(hours=48)


class ForumStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    CANCELLED = "cancelled", _("Cancelled")


class Forum(Described, Mirrored):
    host = models.ForeignKey(
        "orgs.Organisation",
        models.PROTECT,
        related_name="hosted_forums",
        verbose_name=_("host organisation"),
    )
    co_hosts = models.ManyToManyField(
        "orgs.Organisation",
        blank=True,
        related_name="co_hosted_forums",
        verbose_name=_("co-hosts"),
    )
    city = models.ForeignKey(
        "reference.City", models.PROTECT, related_name="+", verbose_name=_("city")
    )
    venue = models.CharField(
        _("venue"), max_length=300, blank=True, validators=[validate_plain_text]
    )
    timezone = models.CharField(_("time zone"), max_length=64, default="UTC")
    starts_on = models.DateField(_("first day"), validators=[validate_plan_date])
    ends_on = models.DateField(_("last day"), validators=[validate_plan_date])
    languages: models.ManyToManyField = models.ManyToManyField(
        "reference.Language", blank=True, related_name="+", verbose_name=_("languages")
    )
    capacity = models.PositiveIntegerField(_("total capacity"))
    registration_opens = models.DateTimeField(
        _("registration opens"), validators=[validate_plan_date]
    )
    registration_closes = models.DateTimeField(
        _("registration closes"), validators=[validate_plan_date]
    )
    substitution_deadline = models.DateTimeField(
        _("substitutions until"),
        null=True,
        blank=True,
        help_text=_("Delegations may replace a member until then."),
        validators=[validate_plan_date],
    )
    hold_hours = models.PositiveSmallIntegerField(
        _("hold for (hours)"),
        default=48,
        help_text=_("How long a freed seat is kept for the next person on the waiting list."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ForumStatus.choices, default=ForumStatus.DRAFT
    )
    # The forum's own volunteer team: a project of the host whose opportunities and shifts
    # are the forum's volunteer roles.
    volunteer_project = models.OneToOneField(
        "projects.Project",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="forum",
        verbose_name=_("volunteer team project"),
    )
    created_at = models.DateTimeField(_("created at"), default=now)

    class Meta:
        ordering = ["starts_on", "pk"]
        verbose_name = _("forum")
        verbose_name_plural = _("forums")
        indexes = [models.Index(fields=["status", "starts_on"])]
        constraints = [
            one_mirror_per_origin("forum"),
            in_order("starts_on", "ends_on", name="forum_starts_before_it_ends"),
            in_order(
                "registration_opens",
                "registration_closes",
                name="forum_registration_window_in_order",
                strict=True,
            ),
        ]

    @property
    def hold_duration(self) -> timedelta:
        return timedelta(hours=self.hold_hours)

    def local_today(self) -> date:
        """Today on the forum's own clock."""
        return localdate(timezone=place_zone(self.timezone))

    def has_ended(self) -> bool:
        """Its last day is over on its own clock."""
        return self.ends_on < self.local_today()

    def registration_state(self, at: datetime | None = None) -> str:
        """Where individual registration stands at that moment: "open", "not_open" (before
        the window), "closed" (after it), "ended" (the forum is over) or "unpublished" (a
        draft or a cancelled forum)."""
        moment = at or now()
        if self.status != ForumStatus.PUBLISHED:
            return "unpublished"
        if self.has_ended():
            return "ended"
        if moment >= self.registration_closes:
            return "closed"
        if moment < self.registration_opens:
            return "not_open"
        return "open"


class QuotaKind(models.TextChoices):
    COUNTRY = "country", _("A country's delegation")
    ORGANISATION = "organisation", _("An organisation's delegation")
    OPEN = "open", _("Open to individual registration")


class Quota(Mirrored):
    forum = models.ForeignKey(Forum, models.CASCADE, related_name="quotas")
    kind = models.CharField(_("kind"), max_length=12, choices=QuotaKind.choices)
    name = models.CharField(_("name"), max_length=120, validators=[validate_plain_text])
    country = models.ForeignKey(
        "reference.Country",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("country"),
    )
    organisation = models.ForeignKey(
        "orgs.Organisation",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="forum_quotas",
        verbose_name=_("organisation"),
        help_text=_("The organisation (or national network) that sends the delegation."),
    )
    size = models.PositiveIntegerField(
        _("seats"), null=True, blank=True, help_text=_("Leave empty for no limit.")
    )
    close_when_full = models.BooleanField(
        _("close when sold out"),
        default=False,
        help_text=_("No waiting list: once full, registration for this quota closes."),
    )
    # On a mirrored quota: the seats its owner node had taken as of `origin_synced_at`.
    remote_taken = models.PositiveIntegerField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["forum", "kind", "name"]
        verbose_name = _("quota")
        verbose_name_plural = _("quotas")
        constraints = [
            one_mirror_per_origin("quota"),
            models.CheckConstraint(
                condition=(Q(kind="country") & Q(country__isnull=False))
                | (Q(kind="organisation") & Q(organisation__isnull=False))
                | Q(kind="open"),
                name="quota_names_its_country_or_organisation",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.forum}: {self.name}"


class QuestionKind(models.TextChoices):
    TEXT = "text", _("Text")
    CHOICE = "choice", _("Choice")
    YES_NO = "yes_no", _("Yes or no")


class Question(models.Model):
    forum = models.ForeignKey(Forum, models.CASCADE, related_name="questions")
    text = models.CharField(_("question"), max_length=300, validators=[validate_plain_text])
    kind = models.CharField(_("kind"), max_length=8, choices=QuestionKind.choices)
    choices = models.TextField(
        _("choices"),
        blank=True,
        help_text=_("One choice per line."),
        max_length=MAX_TEXT,
        validators=[text_limit(MAX_TEXT)],
    )
    required = models.BooleanField(_("required"), default=False)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["forum", "position", "pk"]
        verbose_name = _("registration question")
        verbose_name_plural = _("registration questions")

    def __str__(self) -> str:
        return str(self.text)

    @property
    def choice_list(self) -> list[str]:
        return lines_of(self.choices)


class RegistrationStatus(models.TextChoices):
    # Made on the person's home node for another node's forum, not yet answered by it.
    SENT = "sent", _("On its way to the organiser")
    CONFIRMED = "confirmed", _("Confirmed")
    WAITLISTED = "waitlisted", _("On the waiting list")
    OFFERED = "offered", _("Seat offered")
    CANCELLED = "cancelled", _("Cancelled")
    EXPIRED = "expired", _("Offer expired")


# Statuses that hold (or wait for) a seat: one such registration per person and forum.
LIVE_REGISTRATION = (
    RegistrationStatus.SENT,
    RegistrationStatus.CONFIRMED,
    RegistrationStatus.WAITLISTED,
    RegistrationStatus.OFFERED,
)
# Statuses that take a seat of the quota: confirmed, and a live hold.
SEAT_TAKING = (RegistrationStatus.CONFIRMED, RegistrationStatus.OFFERED)


class Registration(models.Model):
    forum = models.ForeignKey(Forum, models.CASCADE, related_name="registrations")
    quota = models.ForeignKey(Quota, models.PROTECT, related_name="registrations")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="forum_registrations"
    )
    status = models.CharField(_("status"), max_length=10, choices=RegistrationStatus.choices)
    answers = models.JSONField(_("answers"), default=list, blank=True)
    hold_expires_at = models.DateTimeField(_("offer valid until"), null=True, blank=True)
    hold_reminded_at = models.DateTimeField(null=True, blank=True, editable=False)
    badge_code = models.CharField(max_length=12, unique=True, null=True, blank=True)
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)
    created_at = models.DateTimeField(_("registered at"), default=now)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            one_per(
                "forum",
                "person",
                name="one_live_registration_per_forum",
                condition=Q(status__in=LIVE_REGISTRATION),
            )
        ]
        indexes = [
            models.Index(fields=["quota", "status", "created_at"]),
            models.Index(fields=["forum", "status"]),
            models.Index(
                fields=["hold_expires_at"],
                condition=Q(status="offered"),
                name="forums_registration_holds",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} → {self.forum}"


class ForumSession(Titled, Mirrored):
    forum = models.ForeignKey(Forum, models.CASCADE, related_name="sessions")
    title = models.CharField(_("title"), max_length=200, validators=[validate_plain_text])
    track = models.CharField(
        _("track"), max_length=100, blank=True, validators=[validate_plain_text]
    )
    room = models.CharField(_("room"), max_length=100, blank=True, validators=[validate_plain_text])
    start = models.DateTimeField(_("start"), validators=[validate_plan_date])
    end = models.DateTimeField(_("end"), validators=[validate_plan_date])
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Leave empty for no limit.")
    )

    class Meta:
        ordering = ["start", "pk"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        constraints = [
            one_mirror_per_origin("forumsession"),
            in_order("start", "end", name="session_in_order", strict=True),
        ]


class SessionSignup(models.Model):
    session = models.ForeignKey(ForumSession, models.CASCADE, related_name="signups")
    registration = models.ForeignKey(Registration, models.CASCADE, related_name="session_signups")
    created_at = models.DateTimeField(default=now)

    class Meta:
        verbose_name = _("session sign-up")
        verbose_name_plural = _("session sign-ups")
        constraints = [one_per("session", "registration", name="one_signup_per_session")]

    def __str__(self) -> str:
        return f"{self.registration_id} → {self.session_id}"


class Delegation(models.Model):
    """The people an organisation (usually a national network) sends to a forum in its quota;
    its head forms it, the forum's host approves each member."""

    forum = models.ForeignKey(Forum, models.CASCADE, related_name="delegations")
    quota = models.OneToOneField(Quota, models.PROTECT, related_name="delegation")
    organisation = models.ForeignKey(
        "orgs.Organisation", models.PROTECT, related_name="delegations"
    )
    head = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        related_name="headed_delegations",
        verbose_name=_("head of delegation"),
    )
    created_at = models.DateTimeField(default=now)

    class Meta:
        ordering = ["forum", "pk"]
        verbose_name = _("delegation")
        verbose_name_plural = _("delegations")

    def __str__(self) -> str:
        return f"{self.organisation} → {self.forum}"


class MemberStatus(models.TextChoices):
    INVITED = "invited", _("Invited")
    NOMINATED = "nominated", _("Nominated: waiting for the host")
    CONFIRMED = "confirmed", _("Confirmed by the host")
    REJECTED = "rejected", _("Not approved by the host")
    DECLINED = "declined", _("Declined the invitation")
    REPLACED = "replaced", _("Replaced")
    WITHDRAWN = "withdrawn", _("Withdrew from the delegation")


# Members who hold one of the delegation's seats; a confirmed member's seat is their
# confirmed registration, the others' is counted from here.
MEMBER_SEAT_TAKING = (MemberStatus.INVITED, MemberStatus.NOMINATED, MemberStatus.CONFIRMED)
MEMBER_PENDING = (MemberStatus.INVITED, MemberStatus.NOMINATED)


class Transport(models.TextChoices):
    AIR = "air", _("Air")
    RAIL = "rail", _("Rail")
    ROAD = "road", _("Road")
    OTHER = "other", _("Other")


class DelegationMember(models.Model):
    delegation = models.ForeignKey(Delegation, models.CASCADE, related_name="members")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="delegation_memberships"
    )
    status = models.CharField(_("status"), max_length=10, choices=MemberStatus.choices)
    reason = models.TextField(
        _("reason"), blank=True, max_length=MAX_NOTE, validators=[text_limit(MAX_NOTE)]
    )
    replaces = models.OneToOneField(
        "self",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="replaced_by",
        verbose_name=_("replaces"),
    )
    registration = models.OneToOneField(
        Registration, models.SET_NULL, null=True, blank=True, related_name="delegation_member"
    )
    arrival = models.DateTimeField(
        _("arrival"), null=True, blank=True, validators=[validate_plan_date]
    )
    departure = models.DateTimeField(
        _("departure"), null=True, blank=True, validators=[validate_plan_date]
    )
    transport = models.CharField(
        _("transport"), max_length=6, choices=Transport.choices, blank=True
    )
    accommodation_needed = models.BooleanField(_("needs accommodation"), default=False)
    visa_support_needed = models.BooleanField(_("needs visa support"), default=False)
    invited_at = models.DateTimeField(_("invited at"), default=now)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        ordering = ["delegation", "invited_at", "pk"]
        verbose_name = _("delegation member")
        verbose_name_plural = _("delegation members")
        constraints = [
            one_per(
                "delegation",
                "person",
                name="one_live_membership_per_delegation",
                condition=Q(status__in=MEMBER_SEAT_TAKING),
            ),
            in_order(
                "arrival",
                "departure",
                name="delegate_arrives_before_leaving",
                unless_empty=["arrival", "departure"],
            ),
        ]
        indexes = [models.Index(fields=["delegation", "status"])]

    def __str__(self) -> str:
        return str(self.person)
