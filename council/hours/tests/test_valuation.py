"""The ILO replacement-cost valuation: the worked example of docs/valuation.md, the fallback
levels, hours during paid work time, and sums across currencies."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from council.hours.models import EntryStatus, HoursEntry, ValuationLevel, WageRate
from council.hours.services.entries import hours_verify
from council.hours.services.valuation import (
    MixedCurrencies,
    hours_value,
    value_total,
    wage_rates_import,
)


@pytest.fixture
def demo_wages(isco: Any, russia: Any, kazakhstan: Any) -> None:
    call_command("load_wage_rates", stdout=io.StringIO())


def test_the_worked_example_of_the_docs(demo_wages: None) -> None:
    # docs/valuation.md: 6 h of first aid (ISCO-08 32) at the Astana marathon in 2026.
    # The demo table has no rate for 32 in Kazakhstan: the major group 3 values it.
    first_aid = hours_value(hours=Decimal("6"), country_id="KZ", isco_code="32", year=2026)
    assert first_aid.value == Decimal("15900.00")
    assert first_aid.currency == "KZT"
    assert first_aid.level == ValuationLevel.MAJOR
    assert first_aid.rate is not None and first_aid.rate.hourly_rate == Decimal("2650.00")
    # 4.5 h of care for older people (ISCO-08 53) in Moscow in 2026: the group's own rate.
    care = hours_value(hours=Decimal("4.5"), country_id="RU", isco_code="53", year=2026)
    assert (care.value, care.currency, care.level) == (
        Decimal("1485.00"),
        "RUB",
        ValuationLevel.SUB_MAJOR,
    )
    # Added up only at a stated rate: 1 RUB = 5.60 KZT (the example's assumption).
    with pytest.raises(MixedCurrencies):
        value_total([(first_aid.value, "KZT"), (care.value, "RUB")])
    total = value_total(
        [(first_aid.value, "KZT"), (care.value, "RUB")],
        currency="KZT",
        rates={"RUB": Decimal("5.60")},
    )
    assert total == (Decimal("24216.00"), "KZT")


def test_without_the_group_or_its_major_group_the_country_average_values_it(
    demo_wages: None,
) -> None:
    clerks = hours_value(hours=Decimal("2"), country_id="KZ", isco_code="41", year=2026)
    assert (clerks.value, clerks.level) == (Decimal("5000.00"), ValuationLevel.COUNTRY)
    unknown = hours_value(hours=Decimal("2"), country_id="KZ", isco_code=None, year=2026)
    assert unknown.level == ValuationLevel.COUNTRY


def test_a_year_without_rates_is_not_valued(demo_wages: None) -> None:
    valuation = hours_value(hours=Decimal("3"), country_id="KZ", isco_code="32", year=2019)
    assert valuation.value is None
    assert valuation.level == ""


def test_one_currency_adds_up_without_a_rate() -> None:
    assert value_total([(Decimal("10.50"), "RUB"), (Decimal("4.50"), "RUB")]) == (
        Decimal("15.00"),
        "RUB",
    )


def test_a_missing_rate_for_one_currency_refuses_the_sum() -> None:
    with pytest.raises(MixedCurrencies):
        value_total(
            [(Decimal("1"), "RUB"), (Decimal("1"), "USD")],
            currency="KZT",
            rates={"RUB": Decimal("5")},
        )


def test_verified_hours_keep_their_value_and_the_level_used(
    demo_wages: None, org_admin: Any, volunteer: Any, place: Any, past_shift: Any
) -> None:
    from council.hours.services.checkin import check_in, check_out
    from council.hours.tests.conftest import at

    check_in(actor=org_admin, shift=past_shift, application_id=place.pk, at=at(19))
    check_out(actor=org_admin, shift=past_shift, application_id=place.pk, at=at(23, 30))
    entry = HoursEntry.objects.get(volunteer=volunteer)
    assert entry.status == EntryStatus.VERIFIED
    assert entry.hours == Decimal("4.50")
    assert (entry.value, entry.currency, entry.valuation_level) == (
        Decimal("11925.00"),
        "KZT",
        ValuationLevel.MAJOR,
    )


def test_hours_during_paid_work_time_are_left_out_of_the_volunteer_totals(
    demo_wages: None, org_admin: Any, volunteer: Any, place: Any, project: Any
) -> None:
    from datetime import date

    from council.hours.selectors import record_book_for, verified_hours
    from council.hours.services.entries import hours_log

    # Logged for the role, the work takes the role's occupation group (32); for the project
    # alone it has none, and the country average values it.
    own = hours_log(
        volunteer=volunteer,
        project=project,
        opportunity=place.opportunity,
        day=date(2026, 3, 12),
        hours="3",
        description="Training",
    )
    paid = hours_log(
        volunteer=volunteer,
        project=project,
        day=date(2026, 3, 13),
        hours="5",
        description="Company volunteering day",
        during_paid_work=True,
    )
    hours_verify(actor=org_admin, entry=own)
    hours_verify(actor=org_admin, entry=paid)
    assert verified_hours(volunteer_id=volunteer.pk) == Decimal("3.00")
    book = record_book_for(user=volunteer)
    assert book.total == Decimal("3.00")
    assert book.paid_work_time == Decimal("5.00")
    assert book.values == {"KZT": Decimal("7950.00")}


def test_the_csv_import_names_the_row_and_column_and_keeps_nothing(
    isco: Any, russia: Any, kazakhstan: Any
) -> None:
    bad = io.StringIO(
        "country,isco_group,year,currency,hourly_rate,source\n"
        "KZ,,2026,KZT,2500,Demo\n"
        "KZ,32,2026,KZT,-4,Demo\n"
    )
    with pytest.raises(ValidationError) as caught:
        wage_rates_import(actor=None, stream=bad)
    assert caught.value.messages == ["Row 3, column hourly_rate: “-4” is not a positive amount."]
    assert not WageRate.objects.exists()


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("XX,,2026,KZT,1,Demo", "Row 2, column country: unknown country code “XX”."),
        ("KZ,77,2026,KZT,1,Demo", "Row 2, column isco_group: unknown ISCO-08 group “77”."),
        ("KZ,,20x6,KZT,1,Demo", "Row 2, column year: “20x6” is not a year."),
        ("KZ,,2026,TENGE,1,Demo", "Row 2, column currency: “TENGE” is not an ISO 4217 code."),
        ("KZ,,2026,KZT,abc,Demo", "Row 2, column hourly_rate: “abc” is not a positive amount."),
        ("KZ,,2026,KZT,1,", "Row 2, column source: say where the figure comes from."),
    ],
)
def test_each_bad_value_is_named(
    isco: Any, russia: Any, kazakhstan: Any, row: str, message: str
) -> None:
    stream = io.StringIO("country,isco_group,year,currency,hourly_rate,source\n" + row + "\n")
    with pytest.raises(ValidationError) as caught:
        wage_rates_import(actor=None, stream=stream)
    assert caught.value.messages == [message]


def test_missing_columns_are_named(db: Any) -> None:
    with pytest.raises(ValidationError) as caught:
        wage_rates_import(actor=None, stream=io.StringIO("country,year\nKZ,2026\n"))
    assert "isco_group, currency, hourly_rate, source" in caught.value.messages[0]


def test_loading_again_updates_rather_than_duplicates(demo_wages: None) -> None:
    count = WageRate.objects.count()
    call_command("load_wage_rates", stdout=io.StringIO())
    assert WageRate.objects.count() == count == 26
