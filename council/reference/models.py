"""Reference data: places, languages, SDGs, causes, skills and ISCO-08 groups.

Names are stored in ru/kk/en through django-modeltranslation (see translation.py); the loader
(`manage.py load_reference`) is idempotent and keyed on the natural codes below.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from council.lib.models import Named


class Country(Named):
    code = models.CharField(_("ISO 3166-1 alpha-2 code"), max_length=2, primary_key=True)
    code3 = models.CharField(_("ISO 3166-1 alpha-3 code"), max_length=3, unique=True)
    numeric = models.CharField(_("ISO 3166-1 numeric code"), max_length=3, blank=True)
    name = models.CharField(_("name"), max_length=120)
    is_council_member = models.BooleanField(_("council member"), default=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("country")
        verbose_name_plural = _("countries")


class Region(Named):
    code = models.CharField(_("code"), max_length=10, unique=True, help_text=_("ISO 3166-2"))
    country = models.ForeignKey(Country, models.PROTECT, related_name="regions")
    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(_("kind"), max_length=40, blank=True)
    geonames_admin1 = models.CharField(_("GeoNames admin1 code"), max_length=10, blank=True)

    class Meta:
        ordering = ["country_id", "name"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        indexes = [models.Index(fields=["country", "geonames_admin1"])]


class City(Named):
    geonames_id = models.PositiveIntegerField(_("GeoNames id"), unique=True)
    country = models.ForeignKey(Country, models.PROTECT, related_name="cities")
    region = models.ForeignKey(Region, models.PROTECT, related_name="cities", null=True, blank=True)
    name = models.CharField(_("name"), max_length=120)
    latitude = models.FloatField(_("latitude"))
    longitude = models.FloatField(_("longitude"))
    population = models.PositiveIntegerField(_("population"), default=0)
    timezone = models.CharField(_("time zone"), max_length=64)

    class Meta:
        ordering = ["-population"]
        verbose_name = _("city")
        verbose_name_plural = _("cities")
        indexes = [models.Index(fields=["country", "-population"])]


class InRegion(models.Model):
    """A row of a country and, when it is known, of one of its regions."""

    country = models.ForeignKey(
        "reference.Country", models.PROTECT, related_name="+", verbose_name=_("country")
    )
    region = models.ForeignKey(
        "reference.Region",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("region"),
    )

    class Meta:
        abstract = True


class Language(Named):
    code = models.CharField(_("BCP 47 tag"), max_length=16, primary_key=True)
    name = models.CharField(_("name"), max_length=80)
    position = models.PositiveSmallIntegerField(_("position"), default=100)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("language")
        verbose_name_plural = _("languages")


class CefrLevel(models.TextChoices):
    """Common European Framework of Reference for Languages, plus native speakers."""

    A1 = "A1", _("A1 — beginner")
    A2 = "A2", _("A2 — elementary")
    B1 = "B1", _("B1 — intermediate")
    B2 = "B2", _("B2 — upper intermediate")
    C1 = "C1", _("C1 — advanced")
    C2 = "C2", _("C2 — proficient")
    NATIVE = "native", _("native")


class SdgGoal(models.Model):
    number = models.PositiveSmallIntegerField(_("number"), primary_key=True)
    short_name = models.CharField(_("short name"), max_length=80)
    colour = models.CharField(_("colour"), max_length=7)

    class Meta:
        ordering = ["number"]
        verbose_name = _("SDG goal")
        verbose_name_plural = _("SDG goals")

    def __str__(self) -> str:
        return f"{self.number}. {self.short_name}"


class SdgTarget(models.Model):
    code = models.CharField(_("code"), max_length=6, unique=True)
    goal = models.ForeignKey(SdgGoal, models.PROTECT, related_name="targets")
    position = models.PositiveSmallIntegerField(_("position"))
    title = models.CharField(_("title"), max_length=200)

    class Meta:
        ordering = ["goal_id", "position"]
        verbose_name = _("SDG target")
        verbose_name_plural = _("SDG targets")

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class Catalogued(Named):
    """An entry of a short list kept in a set order (causes, skill groups)."""

    slug = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=80)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        abstract = True
        ordering = ["position"]


class Cause(Catalogued):
    sdg_goals = models.ManyToManyField(SdgGoal, blank=True, related_name="causes")

    class Meta(Catalogued.Meta):
        verbose_name = _("cause")
        verbose_name_plural = _("causes")


class IscoGroup(models.Model):
    """ISCO-08 major (1 digit) and sub-major (2 digits) groups."""

    code = models.CharField(_("ISCO-08 code"), max_length=4, primary_key=True)
    parent = models.ForeignKey(
        "self", models.PROTECT, null=True, blank=True, related_name="children"
    )
    name = models.CharField(_("name"), max_length=160)

    class Meta:
        ordering = ["code"]
        verbose_name = _("ISCO-08 group")
        verbose_name_plural = _("ISCO-08 groups")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def level(self) -> int:
        return len(self.code)


class SkillGroup(Catalogued):
    class Meta(Catalogued.Meta):
        verbose_name = _("skill group")
        verbose_name_plural = _("skill groups")


class Skill(Named):
    slug = models.SlugField(_("code"), max_length=60, unique=True)
    group = models.ForeignKey(SkillGroup, models.PROTECT, related_name="skills")
    name = models.CharField(_("name"), max_length=100)
    isco_major = models.ForeignKey(
        IscoGroup, models.PROTECT, related_name="skills", verbose_name=_("ISCO-08 major group")
    )

    class Meta:
        ordering = ["group__position", "slug"]
        verbose_name = _("skill")
        verbose_name_plural = _("skills")
