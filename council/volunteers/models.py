from __future__ import annotations

import hashlib
from datetime import date
from typing import Any

from dateutil.relativedelta import relativedelta  # type: ignore[import-untyped]
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from council.lib.models import Named, one_per
from council.lib.text import text_limit, validate_plain_text
from council.reference.models import CefrLevel

SILVER_AGE = 55
ADULT_AGE = 18
YOUNG_TEEN_AGE = 14


class AgeBand(models.TextChoices):
    UNDER_14 = "under_14", _("under 14")
    TEEN = "14_17", _("14–17")
    ADULT = "adult", _("adult")
    SILVER = "silver", _("“silver” volunteer (55+)")


def age_on(birth: date, day: date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def age_band(age: int) -> str:
    if age < YOUNG_TEEN_AGE:
        return AgeBand.UNDER_14
    if age < ADULT_AGE:
        return AgeBand.TEEN
    if age >= SILVER_AGE:
        return AgeBand.SILVER
    return AgeBand.ADULT


class Availability(models.TextChoices):
    WEEKDAYS = "weekdays", _("Weekdays")
    EVENINGS = "evenings", _("Evenings")
    WEEKENDS = "weekends", _("Weekends")
    REMOTE = "remote", _("Remote")


class VolunteerProfile(models.Model):
    """A person's volunteer profile: one per user, kept across organisations and countries."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="volunteer", primary_key=True
    )
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    city = models.ForeignKey(
        "reference.City",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("city"),
    )
    skills = models.ManyToManyField(
        "reference.Skill", blank=True, related_name="+", verbose_name=_("skills")
    )
    causes: models.ManyToManyField = models.ManyToManyField(
        "reference.Cause", blank=True, related_name="+", verbose_name=_("causes")
    )
    sdg_goals: models.ManyToManyField = models.ManyToManyField(
        "reference.SdgGoal", blank=True, related_name="+", verbose_name=_("SDG goals")
    )
    availability = models.JSONField(_("availability"), default=list, blank=True)
    medical_qualification = models.BooleanField(_("medical qualification"), default=False)
    bio = models.TextField(
        _("about me"), blank=True, max_length=2000, validators=[text_limit(2000)]
    )
    discoverable = models.BooleanField(
        _("organisers may find me"),
        default=False,
        help_text=_("Organisers see your profile among suggested volunteers."),
    )
    guardian_name = models.CharField(
        _("guardian's name"), max_length=160, blank=True, validators=[validate_plain_text]
    )
    guardian_contact = models.CharField(
        _("guardian's contact"), max_length=160, blank=True, validators=[validate_plain_text]
    )
    # For a person of another node (no date of birth here): the age band their home node
    # attested for the action it sent.
    attested_age_band = models.CharField(
        _("age band"), max_length=10, choices=AgeBand.choices, blank=True, editable=False
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("volunteer profile")
        verbose_name_plural = _("volunteer profiles")
        indexes = [models.Index(fields=["discoverable", "city"])]

    def __str__(self) -> str:
        return str(self.user)

    def age(self, on: date) -> int | None:
        return age_on(self.date_of_birth, on) if self.date_of_birth else None

    def age_band(self, on: date) -> str | None:
        age = self.age(on)
        return age_band(age) if age is not None else None


class LanguageSkill(models.Model):
    profile = models.ForeignKey(VolunteerProfile, models.CASCADE, related_name="languages")
    language = models.ForeignKey(
        "reference.Language", models.PROTECT, related_name="+", verbose_name=_("language")
    )
    level = models.CharField(_("level"), max_length=6, choices=CefrLevel.choices)

    class Meta:
        verbose_name = _("language")
        verbose_name_plural = _("languages")
        constraints = [one_per("profile", "language", name="one_level_per_language")]

    def __str__(self) -> str:
        return f"{self.language} {self.level}"


CEFR_ORDER = {"A1": 1, "A2": 2, "B1": 3, "B2": 4, "C1": 5, "C2": 6, "native": 7}


# --- The organisation's contact list --------------------------------------------------------
# An imported (or hand-entered) volunteer is a contact of the organisation until they accept
# its invitation: no account, no password, and their data processed only as the
# organisation's own contact list (erasable on request and after CONTACT_RETENTION_DAYS).

# How long an invitation link stays open. Longer than a staff invitation's two weeks:
# people who never asked for an account read such mail late, if at all.
CONTACT_INVITATION_DAYS = 30


class ContactStatus(models.TextChoices):
    NOT_INVITED = "not_invited", _("Not invited")
    INVITED = "invited", _("Invited")
    ACCEPTED = "accepted", _("Accepted")
    ERASED = "erased", _("Erased")


class ErasureReason(models.TextChoices):
    ORGANISATION = "organisation", _("the organisation's decision")
    PERSON = "person", _("the person's request")
    RETENTION = "retention", _("the retention period ended")
    ACCOUNT = "account", _("the person erased their account")


def name_field(label: Any) -> models.CharField:
    return models.CharField(label, max_length=80, blank=True, validators=[validate_plain_text])


def contact_token_digest(token: str) -> str:
    """What is stored of an invitation token: its SHA-256. The token itself is only in the
    mail, so a copy of the database opens no invitation."""
    return hashlib.sha256(token.encode()).hexdigest()


class Contact(models.Model):
    """A person on an organisation's contact list (imported, or added by hand), who has not
    signed up: the organisation's own record of them, until they accept its invitation and
    give their consent. Erasing it keeps an anonymous tombstone (id, organisation, source,
    when and why)."""

    organisation = models.ForeignKey(
        "orgs.Organisation",
        models.CASCADE,
        related_name="contacts",
        verbose_name=_("organisation"),
    )
    given_name = name_field(_("given name"))
    family_name = name_field(_("family name"))
    patronymic = name_field(_("patronymic"))
    given_name_latin = name_field(_("given name in Latin"))
    family_name_latin = name_field(_("family name in Latin"))
    # Machine transliterations of the names, only as a search key (council.lib.translit).
    name_search = models.CharField(max_length=400, blank=True, editable=False)
    email = models.EmailField(_("email address"), blank=True)
    phone = models.CharField(
        _("phone number"), max_length=20, blank=True, help_text=_("In international form.")
    )
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    preferred_language = models.CharField(
        _("preferred language"), max_length=8, choices=settings.LANGUAGES, blank=True
    )
    home_country = models.ForeignKey(
        "reference.Country",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("home country"),
    )
    external_id = models.CharField(
        _("id in the source system"),
        max_length=64,
        blank=True,
        validators=[validate_plain_text],
        help_text=_("For example the person's DOBRO.RF id."),
    )
    source = models.CharField(_("source"), max_length=40, default="manual")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("added at"), default=timezone.now)
    # SHA-256 of the token in the last invitation's link (contact_token_digest); kept after
    # acceptance and erasure, so that the link then says what became of it.
    invitation_token = models.CharField(max_length=64, blank=True, editable=False)
    invited_at = models.DateTimeField(_("invited at"), null=True, blank=True)
    invitation_expires_at = models.DateTimeField(_("invitation expires at"), null=True, blank=True)
    invitation_count = models.PositiveIntegerField(_("invitations sent"), default=0)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="contacts",
        verbose_name=_("account"),
    )
    erase_after = models.DateField(_("erase after"), null=True, blank=True)
    erased_at = models.DateTimeField(_("erased at"), null=True, blank=True)
    erasure_reason = models.CharField(
        _("reason for erasure"), max_length=20, choices=ErasureReason.choices, blank=True
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        constraints = [
            one_per(
                "organisation",
                "source",
                "external_id",
                name="one_contact_per_external_id",
                condition=~Q(external_id=""),
            ),
            models.UniqueConstraint(
                fields=["invitation_token"],
                condition=~Q(invitation_token=""),
                name="contact_invitation_token_unique",
            ),
            # A contact needs a name, in some script, until it is erased.
            models.CheckConstraint(
                condition=Q(erased_at__isnull=False)
                | ~Q(given_name="", family_name="", given_name_latin="", family_name_latin=""),
                name="contact_has_a_name",
            ),
        ]
        indexes = [
            models.Index(fields=["organisation", "created_at"]),
            models.Index(fields=["organisation", "email"]),
            models.Index(
                fields=["erase_after"],
                condition=Q(erased_at__isnull=True, accepted_at__isnull=True),
                name="contact_due_for_erasure",
            ),
        ]

    def __str__(self) -> str:
        # No name here: audit events keep an object's text, and a contact's name is not the
        # organisation's to keep once the contact is erased.
        return f"contact #{self.pk}"

    @property
    def display_name(self) -> str:
        cyrillic = " ".join(n for n in (self.family_name, self.given_name, self.patronymic) if n)
        latin = f"{self.given_name_latin} {self.family_name_latin}".strip()
        return cyrillic or latin

    @property
    def latin_name(self) -> str:
        return f"{self.given_name_latin} {self.family_name_latin}".strip()

    @property
    def status(self) -> str:
        if self.erased_at is not None:
            return ContactStatus.ERASED
        if self.accepted_at is not None:
            return ContactStatus.ACCEPTED
        if self.invited_at is not None:
            return ContactStatus.INVITED
        return ContactStatus.NOT_INVITED

    def get_status_display(self) -> str:
        return str(ContactStatus(self.status).label)

    @property
    def invitation_is_open(self) -> bool:
        return (
            self.status == ContactStatus.INVITED
            and bool(self.invitation_token)
            and self.invitation_expires_at is not None
            and self.invitation_expires_at > timezone.now()
        )


# Each status as a filter on contacts.
CONTACT_STATUS_FILTERS = {
    ContactStatus.NOT_INVITED: Q(erased_at__isnull=True, accepted_at__isnull=True, invited_at=None),
    ContactStatus.INVITED: Q(
        erased_at__isnull=True, accepted_at__isnull=True, invited_at__isnull=False
    ),
    ContactStatus.ACCEPTED: Q(erased_at__isnull=True, accepted_at__isnull=False),
    ContactStatus.ERASED: Q(erased_at__isnull=False),
}


# --- Credentials ------------------------------------------------------------------------------
# A credential (first aid, working with children, interpreting) is defined by an organisation
# or, council-wide, by the secretariat; a volunteer holds it once a training module grants it
# (council.training) or an organiser confirms it. Kept here, below the projects, so that an
# opportunity can require one and applying can check it.


class Credential(Named):
    """Something a volunteer may hold for a time: its name in each language, the organisation
    that defines it (none: council-wide) and how long it is valid once earned."""

    organisation = models.ForeignKey(
        "orgs.Organisation",
        models.CASCADE,
        null=True,
        blank=True,
        related_name="credentials",
        verbose_name=_("organisation"),
        help_text=_("Empty for a credential of the whole council."),
    )
    name = models.CharField(_("name"), max_length=200, validators=[validate_plain_text])
    description = models.TextField(
        _("description"), blank=True, max_length=2000, validators=[text_limit(2000)]
    )
    validity_months = models.PositiveSmallIntegerField(
        _("valid for (months)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(240)],
        help_text=_("Leave empty for a credential that does not expire."),
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("credential")
        verbose_name_plural = _("credentials")

    def expiry_from(self, day: date) -> date | None:
        """When a credential earned on `day` expires (None: never)."""
        if not self.validity_months:
            return None
        return months_after(day, self.validity_months)


def months_after(day: date, months: int) -> date:
    """The same day `months` later (the month's last day when that month is shorter)."""
    result: date = day + relativedelta(months=months)
    return result


class CredentialSource(models.TextChoices):
    TRAINING = "training", _("training module")
    ORGANISER = "organiser", _("confirmed by an organiser")


class VolunteerCredential(models.Model):
    """A credential a volunteer holds: one row per person and credential, renewed in place
    (the audit keeps the history); valid until `expires_on` (inclusive), or for good."""

    volunteer = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="credentials"
    )
    credential = models.ForeignKey(
        Credential, models.CASCADE, related_name="holders", verbose_name=_("credential")
    )
    source = models.CharField(_("source"), max_length=10, choices=CredentialSource.choices)
    earned_on = models.DateField(_("earned on"))
    expires_on = models.DateField(_("valid until"), null=True, blank=True)
    # The organisation whose module granted it or whose organiser confirmed it.
    organisation = models.ForeignKey(
        "orgs.Organisation",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("granted by"),
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["credential__name", "pk"]
        verbose_name = _("volunteer's credential")
        verbose_name_plural = _("volunteers' credentials")
        constraints = [one_per("volunteer", "credential", name="one_row_per_held_credential")]
        indexes = [models.Index(fields=["credential", "expires_on"])]

    def __str__(self) -> str:
        return str(self.credential)

    def is_valid_on(self, day: date) -> bool:
        return self.expires_on is None or self.expires_on >= day


def valid_credentials_q(day: date, prefix: str = "") -> Q:
    """The held credentials still valid on `day`."""
    return Q(**{f"{prefix}expires_on__isnull": True}) | Q(**{f"{prefix}expires_on__gte": day})
