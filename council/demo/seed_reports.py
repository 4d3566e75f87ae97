"""`seed_demo`, last part: a year of verified hours for the reports — every demo volunteer
worked a few hours a month on projects of their home country from January 2026 to the month
before this one, verified by the project's organisation (through the hours services, so the
reports' aggregates are kept as in real use) — and the stated exchange rates the reports
convert with.

Illustrative: the hours are invented, and the rates are round figures, not official ones.
Idempotent: made once, when no entry of 2026-01 exists.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from decimal import Decimal

from django.utils import timezone

from council.accounts.models import User
from council.demo.people import organiser_of
from council.hours.models import DEMO_RATE_SOURCE, ExchangeRate, HoursEntry
from council.hours.services.entries import hours_verify, volunteer_entry
from council.orgs.models import MembershipRole
from council.projects.models import Project, ProjectStatus

FIRST_MONTH = date(2026, 1, 1)
# What a volunteer writes about their work, in their own language.
HISTORY = {
    "ru": "Волонтерская работа (демо-история)",
    "kk": "Еріктілік жұмыс (демо-тарих)",
    "en": "Volunteer work (demo history)",
}
RATES = (("RUB", "USD", "0.0110"), ("KZT", "USD", "0.0020"), ("KZT", "RUB", "0.1800"))


def ensure_exchange_rates(created: Counter[str]) -> None:
    for currency, into, rate in RATES:
        _rate, made = ExchangeRate.objects.get_or_create(
            currency=currency,
            to_currency=into,
            as_of=FIRST_MONTH,
            defaults={
                "rate": Decimal(rate),
                "source": DEMO_RATE_SOURCE,
            },
        )
        created["exchange rates"] += made


def ensure_report_history(created: Counter[str]) -> None:
    if HoursEntry.objects.filter(date__gte=FIRST_MONTH, date__lt=date(2026, 2, 1)).exists():
        return
    today = timezone.localdate()
    months = [date(2026, m, 1) for m in range(1, 13) if date(2026, m, 1) < today.replace(day=1)]
    projects: dict[str, list[Project]] = {}
    for project in (
        Project.objects.filter(status=ProjectStatus.PUBLISHED)
        .select_related("owner")
        .order_by("pk")
    ):
        projects.setdefault(project.owner.country_id, []).append(project)
    volunteers = (
        User.objects.filter(volunteer__isnull=False, home_country_id__in=list(projects))
        .exclude(is_secretariat=True)
        .order_by("pk")
    )
    for number, person in enumerate(volunteers):
        own = projects.get(person.home_country_id or "", [])
        if not own:
            continue
        for index, month in enumerate(months):
            # Not everyone every month: each person skips a different few.
            if (number + index) % 4 == 3:
                continue
            project = own[(number + index) % len(own)]
            verifier = organiser_of(project.owner_id, MembershipRole.ADMIN) or organiser_of(
                project.owner_id, MembershipRole.COORDINATOR
            )
            if verifier is None or verifier.pk == person.pk:
                continue
            # `hours_log` wants a confirmed place in the project; this history has none, so the
            # entry is made as the hours services make a volunteer's own entry
            # (`volunteer_entry`) and then verified through `hours_verify`, which keeps the
            # aggregates.
            entry = volunteer_entry(
                person,
                project,
                month.replace(day=1 + (number * 3 + index) % 27),
                Decimal(2 + (number + index) % 5),
                HISTORY.get(person.preferred_language, HISTORY["ru"]),
                actor=person,
                during_paid_work=(number + index) % 11 == 0,
            )
            hours_verify(actor=verifier, entry=entry)
            created["hours entries"] += 1
