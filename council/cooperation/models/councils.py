"""Councils of member organisations, their members and the roles people hold in them."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.utils.timezone import now
from django.utils.translation import gettext_lazy as _

from council.lib.dates import validate_plan_date
from council.lib.models import Mirrored, Named, one_mirror_per_origin, one_per
from council.lib.text import MAX_TEXT, text_limit, validate_plain_text


class Council(Named, Mirrored):
    name = models.CharField(_("name"), max_length=200, validators=[validate_plain_text])
    description = models.TextField(
        _("description"), blank=True, max_length=MAX_TEXT, validators=[text_limit(MAX_TEXT)]
    )
    founded_on = models.DateField(
        _("founded on"), null=True, blank=True, validators=[validate_plan_date]
    )
    founded_at = models.CharField(
        _("founded at"), max_length=200, blank=True, validators=[validate_plain_text]
    )
    organisations: models.ManyToManyField = models.ManyToManyField(
        "orgs.Organisation",
        through="CouncilMember",
        related_name="councils",
        verbose_name=_("member organisations"),
    )
    created_at = models.DateTimeField(default=now, editable=False)

    class Meta:
        constraints = [one_mirror_per_origin("council")]
        ordering = ["pk"]
        verbose_name = _("council")
        verbose_name_plural = _("councils")


class CouncilMember(models.Model):
    council = models.ForeignKey(Council, models.CASCADE, related_name="members")
    organisation = models.ForeignKey(
        "orgs.Organisation", models.PROTECT, related_name="+", verbose_name=_("organisation")
    )
    joined_on = models.DateField(
        _("joined on"), default=date.today, validators=[validate_plan_date]
    )

    class Meta:
        ordering = ["council", "joined_on", "pk"]
        verbose_name = _("member organisation")
        verbose_name_plural = _("member organisations")
        constraints = [one_per("council", "organisation", name="one_membership_per_council")]

    def __str__(self) -> str:
        return f"{self.organisation} ∈ {self.council}"


class CouncilRoleKind(models.TextChoices):
    CO_CHAIR = "co_chair", _("Co-chair")
    REPRESENTATIVE = "representative", _("Representative")


class CouncilRole(models.Model):
    """A person's place in a council, representing one of its organisations. (The secretariat,
    who keeps agreements, programmes and the joint plan of every council, is a flag of the
    person: `User.is_secretariat`.)"""

    council = models.ForeignKey(Council, models.CASCADE, related_name="roles")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="council_roles")
    role = models.CharField(_("role"), max_length=14, choices=CouncilRoleKind.choices)
    organisation = models.ForeignKey(
        "orgs.Organisation",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("represents"),
    )

    class Meta:
        ordering = ["council", "role", "pk"]
        verbose_name = _("council role")
        verbose_name_plural = _("council roles")
        constraints = [one_per("council", "user", "role", name="one_role_of_a_kind_per_person")]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()}"
