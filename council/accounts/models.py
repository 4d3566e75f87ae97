from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from council.lib.models import one_per
from council.lib.text import validate_plain_text


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **fields: Any) -> User:
        if not email:
            raise ValueError("email is required")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields: Any) -> User:
        fields.setdefault("is_staff", True)
        fields.setdefault("is_superuser", True)
        return self.create_user(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    """One identity across all organisations and countries; the email address is the login.

    Names are kept as the person entered them (usually Cyrillic) and in Latin as the person
    writes it (passport spelling). `name_search` holds machine transliterations, only as a
    search key.
    """

    email = models.EmailField(_("email address"), unique=True)
    given_name = models.CharField(
        _("given name"), max_length=80, blank=True, validators=[validate_plain_text]
    )
    family_name = models.CharField(
        _("family name"), max_length=80, blank=True, validators=[validate_plain_text]
    )
    given_name_latin = models.CharField(
        _("given name in Latin"), max_length=80, blank=True, validators=[validate_plain_text]
    )
    family_name_latin = models.CharField(
        _("family name in Latin"), max_length=80, blank=True, validators=[validate_plain_text]
    )
    name_search = models.CharField(max_length=400, blank=True, editable=False)
    preferred_language = models.CharField(
        _("preferred language"), max_length=8, choices=settings.LANGUAGES, default="ru"
    )
    home_country = models.ForeignKey(
        "reference.Country",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("home country"),
    )
    is_secretariat = models.BooleanField(
        _("council secretariat"),
        default=False,
        help_text=_("Keeps agreements, programmes and the joint plan; sees every country."),
    )
    is_staff = models.BooleanField(_("Django admin access"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)
    erased_at = models.DateTimeField(_("erased at"), null=True, blank=True)
    # When the person was told that the account, unused for ACCOUNT_RETENTION_YEARS, will be
    # erased (council.accounts.retention); cleared when they sign in again.
    retention_warned_at = models.DateTimeField(null=True, blank=True, editable=False)
    # A person of another national node known here only as a minimal remote record
    # (council.federation): the node's id. Such an account cannot sign in here.
    home_node = models.CharField(
        _("home node"), max_length=40, blank=True, default="", editable=False, db_index=True
    )

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        indexes = [
            models.Index(fields=["home_country", "date_joined"]),
            # The retention sweep's filters (council.accounts.retention).
            models.Index(fields=["last_login"], name="accounts_user_last_login"),
            models.Index(
                fields=["retention_warned_at"],
                condition=models.Q(retention_warned_at__isnull=False),
                name="accounts_user_warned",
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        name = f"{self.given_name} {self.family_name}".strip()
        return name or self.email

    def get_full_name(self) -> str:
        return self.display_name

    def get_short_name(self) -> str:
        return self.given_name or self.email


class ConsentPurpose(models.TextChoices):
    PROCESSING = "processing", _("Processing of personal data")
    CROSS_BORDER = "cross_border", _("Cross-border sharing of personal data")
    GUARDIAN = "guardian", _("Guardian consent for a minor")


class Consent(models.Model):
    """A consent is a row, never a checkbox column: purpose, text version, time, withdrawal."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="consents", verbose_name=_("person")
    )
    purpose = models.CharField(_("purpose"), max_length=20, choices=ConsentPurpose.choices)
    text_version = models.CharField(_("text version"), max_length=20)
    given_at = models.DateTimeField(_("given at"), default=timezone.now)
    given_ip = models.GenericIPAddressField(_("given from IP address"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    # For guardian consent: who gave it on the minor's behalf.
    guardian_name = models.CharField(
        _("guardian's name"), max_length=160, blank=True, validators=[validate_plain_text]
    )

    class Meta:
        ordering = ["-given_at"]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        constraints = [
            one_per(
                "user",
                "purpose",
                name="one_live_consent_per_purpose",
                condition=models.Q(withdrawn_at__isnull=True),
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} ({self.text_version})"

    @property
    def is_live(self) -> bool:
        return self.withdrawn_at is None


class NotificationKind(models.TextChoices):
    """What a notification is about; a person turns each kind off per channel. Mail about the
    account itself (sign-in, password, consents, erasure) has no kind and cannot be turned
    off."""

    MESSAGES = "messages", _("Messages from organisers")
    REMINDERS = "reminders", _("Reminders before a shift")
    WAITING_LIST = "waiting_list", _("Places freed up from a waiting list")
    UPDATES = "updates", _("Updates on my applications, teams and registrations")


class NotificationChannel(models.TextChoices):
    EMAIL = "email", _("Email")
    PUSH = "push", _("Notifications on my devices")


class NotificationOptOut(models.Model):
    """A kind of notification a person turned off on a channel (every kind is on until
    then)."""

    user = models.ForeignKey(User, models.CASCADE, related_name="notification_opt_outs")
    kind = models.CharField(_("kind"), max_length=16, choices=NotificationKind.choices)
    channel = models.CharField(_("channel"), max_length=8, choices=NotificationChannel.choices)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("notification turned off")
        verbose_name_plural = _("notifications turned off")
        constraints = [one_per("user", "kind", "channel", name="one_opt_out_per_kind_channel")]

    def __str__(self) -> str:
        return f"{self.user} − {self.kind}/{self.channel}"
