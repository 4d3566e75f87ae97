"""Figures, money, countries and time zones as the reader's language writes them.

`{% load council_format %}` then `{{ hours|number }}`, `{{ amount|money:currency }}`,
`{{ codes|country_names }}`, `{{ opportunity.timezone|zone_name }}`."""

from __future__ import annotations

from collections.abc import Iterable

from django import template

from council.lib.numbers import format_money, format_number, format_rate
from council.lib.timezones import zone_label
from council.reference.models import Country
from council.reference.selectors import reference_rows

register = template.Library()


@register.filter
def number(value: object, decimals: int = 2) -> str:
    """`{{ hours|number }}` → "1 234,50" (ru, kk), "1,234.50" (en)."""
    return format_number(value, int(decimals))


@register.filter
def rate(value: object) -> str:
    """`{{ rate.rate|rate }}` → "0,011" (ru, kk), "0.011" (en): an exchange rate's places."""
    return format_rate(value)


@register.filter
def money(amount: object, currency: str) -> str:
    """`{{ amount|money:currency }}` → "77 500,00 KZT"."""
    return format_money(amount, currency)


@register.filter
def zone_name(name: str) -> str:
    """`{{ "Asia/Almaty"|zone_name }}` → "Алматы (UTC+5)"."""
    return zone_label(name)


@register.filter
def country_names(codes: Iterable[str] | None) -> str:
    """`{{ ["KZ", "RU"]|country_names }}` → "Казахстан, Россия", in the language read."""
    # The cached reference rows: no query per project in a list of them.
    countries = reference_rows(Country, "code")
    codes = [code for code in codes or () if code]
    return ", ".join(str(countries[code].name) if code in countries else code for code in codes)
