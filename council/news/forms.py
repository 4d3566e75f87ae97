from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from council.cooperation.forms import ServiceCheckedForm
from council.cooperation.models import Council
from council.lib.forms import LocalDateTimeField, translated_meta, translated_textareas
from council.news.models import NewsItem
from council.news.selectors import link_choices
from council.news.services import LINKS
from council.orgs.models import Organisation


class NewsForm(ServiceCheckedForm):
    """An item's texts in each language and what it is about; the service checks the rest."""

    Meta = translated_meta(
        NewsItem,
        ["title", "summary", "body", *LINKS],
        widgets={
            **translated_textareas("summary", rows=2),
            **translated_textareas("body", rows=10),
            **dict.fromkeys(LINKS, forms.CheckboxSelectMultiple),
        },
    )

    def __init__(
        self,
        *args: Any,
        organisation: Organisation | None = None,
        council: Council | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        for name, rows in link_choices(organisation=organisation, council=council).items():
            self.fields[name].queryset = rows  # type: ignore[attr-defined]

    def service_data(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        return {**data, **{name: list(data.get(name) or []) for name in LINKS}}


class ScheduleForm(forms.Form):
    published_at = LocalDateTimeField(label=_("Publication time"))

    def __init__(self, *args: Any, zone: str = "UTC", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["published_at"]
        assert isinstance(field, LocalDateTimeField)
        field.zone = zone
