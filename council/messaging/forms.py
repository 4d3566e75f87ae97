from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from council.lib.forms import translated_fields
from council.lib.text import MAX_TEXT
from council.lib.timezones import local_span
from council.projects.models import Shift

LANGUAGE_NAMES = {"ru": _("Russian"), "kk": _("Kazakh"), "en": _("English")}


class MessageForm(forms.Form):
    """Subject and text in one or more languages; who gets it is the page's audience."""

    include_waiting = forms.BooleanField(label=_("Also those on the waiting list"), required=False)

    def __init__(
        self, *args: Any, shifts: list[Shift] | None = None, zone: str = "UTC", **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if shifts is not None:
            self.fields["shift"] = forms.TypedChoiceField(
                label=_("Shift"),
                required=False,
                coerce=int,
                empty_value=None,
                choices=[
                    ("", _("Every shift")),
                    *[(shift.pk, local_span(shift.start, shift.end, zone)) for shift in shifts],
                ],
            )
        for name in translated_fields("subject"):
            language = name.rsplit("_", 1)[1]
            self.fields[name] = forms.CharField(
                label=_("Subject (%(language)s)") % {"language": LANGUAGE_NAMES[language]},
                max_length=200,
                required=False,
            )
        for name in translated_fields("body"):
            language = name.rsplit("_", 1)[1]
            self.fields[name] = forms.CharField(
                label=_("Text (%(language)s)") % {"language": LANGUAGE_NAMES[language]},
                max_length=MAX_TEXT,
                required=False,
                widget=forms.Textarea(attrs={"rows": 5}),
            )

    def texts(self) -> dict[str, str]:
        names = [*translated_fields("subject"), *translated_fields("body")]
        return {name: self.cleaned_data.get(name, "") for name in names}
