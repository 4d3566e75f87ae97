"""The organiser's form of a series of shifts: days of the week until a date or for a number of
shifts, or a recurrence rule written out (iCalendar RRULE); local times; days skipped.

The form parses and types the input and turns the days of the week into a rule; the rules
(what a rule may say, how many shifts, times on the place's clock) live in
`council.projects.services.series`, whose field-named errors the views put back on the form.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django import forms
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext_lazy as _

from council.lib.forms import PlanDateField
from council.lib.recurrence import MAX_OCCURRENCES, MAX_RULE_LENGTH, weekly_rule
from council.lib.timezones import zone_label
from council.projects.forms.applications import ApplyForm
from council.projects.models import Opportunity, ShiftSeries
from council.projects.services.organising import MAX_CAPACITY

WEEKDAY_CHOICES = [(number, WEEKDAYS[number]) for number in range(7)]
_DATE_FORMATS = ("%Y-%m-%d", "%d.%m.%Y")
MAX_EXCEPTIONS = 200


def _date_input() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _time_input() -> forms.TimeInput:
    return forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class ExceptionDatesField(forms.CharField):
    """Dates, one per line or separated by commas (2027-03-08 or 08.03.2027)."""

    def to_python(self, value: Any) -> list[date]:  # type: ignore[override]
        text = super().to_python(value)
        days = []
        for item in text.replace(",", "\n").split():
            for layout in _DATE_FORMATS:
                try:
                    days.append(datetime.strptime(item, layout).date())
                    break
                except ValueError:
                    continue
            else:
                raise forms.ValidationError(
                    _("“%(value)s” is not a date; write dates as 2027-03-08."),
                    params={"value": item[:20]},
                )
        if len(days) > MAX_EXCEPTIONS:
            raise forms.ValidationError(
                _("Give at most %(number)d days."), params={"number": MAX_EXCEPTIONS}
            )
        return sorted(set(days))


class ShiftSeriesForm(forms.Form):
    weekdays = forms.TypedMultipleChoiceField(
        label=_("Days of the week"),
        choices=WEEKDAY_CHOICES,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    first_date = PlanDateField(
        label=_("From"),
        widget=_date_input(),
        help_text=_("The series starts on the first chosen day on or after this date."),
    )
    until = PlanDateField(
        label=_("Until"),
        widget=_date_input(),
        required=False,
        help_text=_("The last day of the series (or give the number of shifts)."),
    )
    count = forms.IntegerField(
        label=_("Number of shifts"), min_value=1, max_value=MAX_OCCURRENCES, required=False
    )
    start_time = forms.TimeField(label=_("Start time"), widget=_time_input())
    end_time = forms.TimeField(label=_("End time"), widget=_time_input())
    exceptions = ExceptionDatesField(
        label=_("Except on"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Days without a shift (holidays), one per line, as 2027-03-08."),
    )
    rule = forms.CharField(
        label=_("Or a recurrence rule (iCalendar RRULE)"),
        required=False,
        max_length=MAX_RULE_LENGTH,
        help_text=_(
            "For experts, instead of the days above: for example "
            "FREQ=MONTHLY;BYDAY=1SA;COUNT=6 (the first Saturday of each month, six times)."
        ),
    )
    capacity = forms.IntegerField(
        label=_("Capacity of each shift"), min_value=1, max_value=MAX_CAPACITY, initial=10
    )

    def __init__(self, *args: Any, zone: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["start_time"].help_text = _("Local time, %(zone)s.") % {
            "zone": zone_label(zone)
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (data.get("rule") or "").strip():
            return data
        if not data.get("weekdays") and "weekdays" not in self.errors:
            self.add_error("weekdays", _("Choose at least one day of the week."))
        until, count = data.get("until"), data.get("count")
        if (until is None) == (count is None) and not {"until", "count"} & set(self.errors):
            self.add_error("until", _("Give either the last day or the number of shifts."))
        if not self.errors:
            data["rule"] = weekly_rule(weekdays=data["weekdays"], until=until, count=count)
        return data

    def service_kwargs(self) -> dict[str, Any]:
        """The cleaned data as the series services take it."""
        names = ("rule", "first_date", "start_time", "end_time", "capacity", "exceptions")
        return {name: self.cleaned_data[name] for name in names}


def series_initial(series: ShiftSeries, first_date: date) -> dict[str, Any]:
    """The form's values for changing the series from `first_date` on: its rule written out."""
    return {
        "first_date": first_date,
        "start_time": series.start_time,
        "end_time": series.end_time,
        "capacity": series.capacity,
        "rule": series.rule,
        "exceptions": "\n".join(day for day in series.exceptions if day >= first_date.isoformat()),
    }


class SeriesSignUpForm(ApplyForm):
    """Applying for every upcoming shift of a series: the series instead of one shift."""

    series = forms.IntegerField(min_value=1, widget=forms.HiddenInput)

    def __init__(self, *args: Any, opportunity: Opportunity, **kwargs: Any) -> None:
        super().__init__(*args, opportunity=opportunity, **kwargs)
        del self.fields["shift"]
