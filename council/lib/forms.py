from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.http import HttpRequest
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from council.lib.dates import validate_day, validate_past_date, validate_plan_date
from council.lib.memo import memo
from council.lib.text import validate_plain_text
from council.lib.timezones import place_zone, zone_label

# "Title in Russian" where modeltranslation's own label says "Title [ru]".
IN_LANGUAGE = {
    "ru": gettext_noop("%(field)s in Russian"),
    "kk": gettext_noop("%(field)s in Kazakh"),
    "en": gettext_noop("%(field)s in English"),
}
TEXT_LANGUAGES = tuple(IN_LANGUAGE)


def _in_language(field: Any, code: str) -> str:
    return _(IN_LANGUAGE[code]) % {"field": capfirst(str(field))}


# Lazy: forms are built at import, labels are read in the request's language.
in_language = lazy(_in_language, str)


def translated_labels(model: Any, *names: str) -> dict[str, Any]:
    """Labels for a ModelForm's Meta: each language's field of the translated fields named,
    after the model field's verbose name ("Title in Kazakh")."""
    return {
        f"{name}_{code}": in_language(model._meta.get_field(name).verbose_name, code)
        for name in names
        for code in TEXT_LANGUAGES
    }


def translated_meta(model: Any, fields: Sequence[str], **options: Any) -> Any:
    """A ModelForm's `Meta` for `model`, its `fields` named as on the model: each field the
    model keeps in every language (its app's `translation.py`) stands for its languages'
    columns (which may also be listed as such), labelled "Title in Kazakh". `options` are the other
    attributes of Meta (widgets, labels of other fields…)."""
    from modeltranslation.translator import translator

    translated = sorted(translator.get_options_for_model(model).all_fields)
    columns = [
        column
        for name in fields
        for column in (translated_fields(name) if name in translated else [name])
    ]
    labels = {**translated_labels(model, *translated), **options.pop("labels", {})}
    return type("Meta", (), {"model": model, "fields": columns, "labels": labels, **options})


def translated_fields(*names: str) -> list[str]:
    """Each language's column of the translated fields named, from the languages setting:
    `translated_fields("title", "summary")` is `["title_ru", "title_kk", "title_en",
    "summary_ru", …]`. Forms' `Meta.fields` and services' field lists both use it."""
    return [f"{name}_{code}" for name in names for code in settings.MODELTRANSLATION_LANGUAGES]


def translated_textareas(*names: str, rows: int = 3) -> dict[str, forms.Widget]:
    """A textarea of `rows` rows for each language's column of each translated field named."""
    return {name: forms.Textarea(attrs={"rows": rows}) for name in translated_fields(*names)}


def translated_values(**texts: Sequence[str]) -> dict[str, Any]:
    """Keyword arguments for each language's column, from one text a language in the order of
    the languages setting: `translated_values(title=("Т", "Т", "T"))` is `{"title_ru": "Т",
    "title_kk": "Т", "title_en": "T"}`."""
    languages = settings.MODELTRANSLATION_LANGUAGES
    return {
        f"{name}_{code}": text
        for name, values in texts.items()
        for code, text in zip(languages, values, strict=True)
    }


def valid_data(form: forms.BaseForm) -> dict[str, Any]:
    """The form's cleaned data, or its errors as a ValidationError naming each field (for the
    views that show errors as messages after a redirect)."""
    if not form.is_valid():
        raise ValidationError({name: list(errors) for name, errors in form.errors.items()})
    return dict(form.cleaned_data)


def add_service_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's ValidationError on the form, each message under the field it names."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            target = field if field in form.fields else None
            for item in errors:
                form.add_error(target, item.messages)
    else:
        form.add_error(None, error.messages)


class ReferenceChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    """A ModelChoiceField over reference data: the chosen row is looked up among the rows of
    the queryset kept in `council.lib.memo`, not with a query per form.

    The rows (and FastSelect's options) are kept under the SQL of the queryset, or under the
    name given with `set_queryset(..., key=…)`, which spares compiling the SQL on every form."""

    _named: tuple[Any, str] | None = None

    def name_queryset(self, queryset: Any, key: str) -> None:
        self.queryset = queryset
        # The key holds for this very query object only: assigning another forgets it.
        self._named = (self.queryset.query, key)

    def reference_key(self) -> str:
        query = self.queryset.query
        if self._named is not None and self._named[0] is query:
            return self._named[1]
        return str(query)

    def to_python(self, value: Any) -> Any:
        if value in self.empty_values:
            return None
        key_field = self.to_field_name or "pk"
        if isinstance(value, self.queryset.model):
            value = getattr(value, key_field)
        queryset = self.queryset
        rows = memo(
            ("reference rows", self.reference_key(), key_field),
            lambda: {str(getattr(row, key_field)): row for row in queryset},
        )
        row = rows.get(str(value))
        if row is None:
            raise ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": value},
            )
        return row


__all__ = ["NON_FIELD_ERRORS", "ReferenceChoiceField", "add_service_errors"]


def set_queryset(form: forms.BaseForm, name: str, queryset: Any, key: str = "") -> None:
    """Narrow the choices of a ModelChoiceField (typed access for the stubs). For a
    ReferenceChoiceField, `key` names this queryset for the reference-data cache: it must
    differ between querysets that select different rows."""
    field = form.fields[name]
    assert isinstance(field, forms.ModelChoiceField)
    if key and isinstance(field, ReferenceChoiceField):
        field.name_queryset(queryset, key)
    else:
        field.queryset = queryset


def clean_model_fields(instance: Any, *names: str) -> None:
    """Run the model's own checks (validators, lengths, choices) on the named fields only: for
    the services that save a few fields without `full_clean`. A ValidationError names each
    field."""
    others = [field.name for field in instance._meta.concrete_fields if field.name not in names]
    instance.clean_fields(exclude=others)


# The picture formats a page shows (logos, covers): Pillow opens many more (BMP, TIFF, ICO,
# PSD…), which browsers do not show and whose decoders are a larger surface.
PICTURE_FORMATS = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP"}


def clean_picture(picture: Any, *, max_bytes: int) -> Any:
    """An uploaded picture (already opened by Django's ImageField): one of PICTURE_FORMATS and
    at most `max_bytes`; an unchanged stored picture passes."""
    if not picture or not hasattr(picture, "image"):
        return picture
    if getattr(picture, "size", 0) > max_bytes:
        raise ValidationError(
            _("The picture must be smaller than %(size)s MB.")
            % {"size": max_bytes // (1024 * 1024)},
            code="too_big",
        )
    if getattr(picture.image, "format", None) not in PICTURE_FORMATS:
        raise ValidationError(
            _("Upload a picture in one of these formats: %(formats)s.")
            % {"formats": ", ".join(PICTURE_FORMATS.values())},
            code="format",
        )
    return picture


class PlainTextField(forms.CharField):
    """A name or title: it shows something and carries no text-direction controls
    (`council.lib.text`)."""

    default_validators = [validate_plain_text]


def flash_errors(
    request: HttpRequest, error: ValidationError, form: forms.BaseForm | None = None
) -> None:
    """Show a service's ValidationError as flash messages on the page redirected to; given
    the form, each message is headed by the label of the field it names."""
    from django.contrib import messages

    if form is None or not hasattr(error, "error_dict"):
        for message in error.messages:
            messages.error(request, message)
        return
    for name, errors in error.error_dict.items():
        field = form.fields.get(name)
        for item in errors:
            for message in item.messages:
                if field is not None and field.label:
                    message = _("%(field)s: %(message)s") % {
                        "field": field.label,
                        "message": message,
                    }
                messages.error(request, message)


class DayField(forms.DateField):
    """Any date a form takes (a filter, a date of birth): between EARLIEST_DAY and LATEST_DAY,
    so that no arithmetic on it overflows (`council.lib.dates`)."""

    default_validators = [validate_day]


class PlanDateField(DayField):
    """The date of a plan or record: from 2000 to ten years ahead (`council.lib.dates`)."""

    default_validators = [validate_plan_date]


class PastDateField(DayField):
    """The date of something done (hours worked): from 2000 to today (`council.lib.dates`);
    services check the place's own today."""

    default_validators = [validate_past_date]


def note_field(
    label: Any, *, required: bool = False, max_length: int = 2000, **options: Any
) -> forms.CharField:
    """A short free text (a reason, a note, feedback): two rows of a text area."""
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        widget=forms.Textarea(attrs={"rows": 2}),
        **options,
    )


def bounded_formset(
    form: type[forms.Form], formset: type[forms.BaseFormSet], *, limit: int, **options: Any
) -> Any:
    """`formset_factory` for at most `limit` forms, however many a request sends."""
    return forms.formset_factory(
        form, formset=formset, max_num=limit, validate_max=True, absolute_max=limit, **options
    )


def on_local_clock(form: forms.BaseForm, zone: str, *names: str, help_text: Any = None) -> None:
    """Read and show the named date-times on the clock of `zone`: a ModelForm's own field
    becomes a LocalDateTimeField with its label and whether it is required; the help text
    says the zone ("Local time, Almaty") unless `help_text` is given."""
    for name in names:
        field = form.fields[name]
        if not isinstance(field, LocalDateTimeField):
            field = LocalDateTimeField(label=field.label, required=field.required)
            form.fields[name] = field
        field.zone = zone
        field.help_text = (
            help_text
            if help_text is not None
            else _("Local time, %(zone)s.") % {"zone": zone_label(zone)}
        )


class LocalDateTimeField(forms.DateTimeField):
    """A date and time on the clock of a place, whatever the visitor's time zone; within the
    window of plans (`council.lib.dates`)."""

    default_validators = [validate_plan_date]
    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("input_formats", ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"])
        super().__init__(*args, **kwargs)
        self.zone = "UTC"

    def to_python(self, value: Any) -> datetime | None:
        with timezone.override(place_zone(self.zone)):
            moment = super().to_python(value)
        if moment is not None:
            validate_day(moment.date())
        return moment

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, datetime) and timezone.is_aware(value):
            return timezone.make_naive(value, place_zone(self.zone))
        return value
