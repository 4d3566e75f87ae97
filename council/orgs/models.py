from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from council.lib.models import Mirrored, Named, one_mirror_per_origin, one_per
from council.lib.text import MAX_NOTE, MAX_TEXT, text_limit, validate_plain_text
from council.reference.models import InRegion


class OrganisationKind(models.TextChoices):
    NATIONAL_NETWORK = "national_network", _("National volunteer network")
    VOLUNTEER_CENTRE = "volunteer_centre", _("Volunteer centre")
    NGO = "ngo", _("Non-governmental organisation")
    COMPANY = "company", _("Company")
    GOVERNMENT = "government", _("Government body")
    EDUCATION = "education", _("Educational institution")
    INTERNATIONAL = "international", _("UN agency or international organisation")
    INFORMAL_GROUP = "informal_group", _("Informal group")


class OrganisationStatus(models.TextChoices):
    PENDING = "pending", _("Pending verification")
    VERIFIED = "verified", _("Verified")
    REJECTED = "rejected", _("Rejected")


def logo_path(instance: Organisation, filename: str) -> str:
    return f"logos/{secrets.token_hex(8)}-{filename[-60:]}"


class Organisation(Named, InRegion, Mirrored):
    kind = models.CharField(_("kind"), max_length=20, choices=OrganisationKind.choices)
    name = models.CharField(_("name"), max_length=200, validators=[validate_plain_text])
    description = models.TextField(
        _("description"), blank=True, max_length=MAX_TEXT, validators=[text_limit(MAX_TEXT)]
    )
    city = models.ForeignKey(
        "reference.City",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("city"),
    )
    parent = models.ForeignKey(
        "self",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent network"),
    )
    registration_number = models.CharField(
        _("registration number"),
        max_length=40,
        blank=True,
        help_text=_("For example OGRN in Russia or BIN in Kazakhstan."),
    )
    tax_number = models.CharField(
        _("taxpayer number"), max_length=40, blank=True, help_text=_("For example INN in Russia.")
    )
    website = models.URLField(_("website"), blank=True)
    employee_email_domain = models.CharField(
        _("employees' email domain"),
        max_length=120,
        blank=True,
        help_text=_(
            "For a company: people with a verified address at this domain join its employee "
            "programme themselves."
        ),
    )
    email = models.EmailField(_("contact email"), blank=True)
    logo = models.ImageField(_("logo"), upload_to=logo_path, blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=OrganisationStatus.choices,
        default=OrganisationStatus.PENDING,
    )
    rejection_reason = models.TextField(
        _("reason for rejection"),
        blank=True,
        max_length=MAX_NOTE,
        validators=[text_limit(MAX_NOTE)],
    )
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("registered at"), default=timezone.now)

    class Meta:
        constraints = [one_mirror_per_origin("organisation")]
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        indexes = [
            models.Index(fields=["country", "status", "kind"]),
            models.Index(fields=["status", "created_at"]),
            models.Index(fields=["parent"]),
        ]

    @property
    def is_verified(self) -> bool:
        return self.status == OrganisationStatus.VERIFIED


class MembershipRole(models.TextChoices):
    ADMIN = "admin", _("Administrator")
    COORDINATOR = "coordinator", _("Coordinator")
    MEMBER = "member", _("Member")


# The roles that organise for an organisation, its staff: admins and coordinators.
ORGANISER_ROLES = (MembershipRole.ADMIN, MembershipRole.COORDINATOR)


class Membership(models.Model):
    organisation = models.ForeignKey(Organisation, models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=12, choices=MembershipRole.choices)
    created_at = models.DateTimeField(_("since"), default=timezone.now)

    class Meta:
        ordering = ["organisation_id", "role", "created_at"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [one_per("organisation", "user", name="one_membership_per_user")]
        indexes = [models.Index(fields=["user", "role"])]

    def __str__(self) -> str:
        return f"{self.user} — {self.organisation} ({self.get_role_display()})"

    @property
    def is_staff_role(self) -> bool:
        return self.role in (MembershipRole.ADMIN, MembershipRole.COORDINATOR)


def invitation_token() -> str:
    return secrets.token_urlsafe(32)


def invitation_expiry() -> datetime:
    return timezone.now() + timedelta(days=14)


class Invitation(models.Model):
    organisation = models.ForeignKey(Organisation, models.CASCADE, related_name="invitations")
    email = models.EmailField(_("email address"))
    role = models.CharField(_("role"), max_length=12, choices=MembershipRole.choices)
    token = models.CharField(max_length=64, unique=True, default=invitation_token)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("sent at"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires at"), default=invitation_expiry)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        indexes = [models.Index(fields=["organisation", "accepted_at"])]

    def __str__(self) -> str:
        return f"{self.email} → {self.organisation}"

    @property
    def is_open(self) -> bool:
        return (
            self.accepted_at is None
            and self.revoked_at is None
            and self.expires_at > timezone.now()
        )
