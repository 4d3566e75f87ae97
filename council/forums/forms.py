from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from council.accounts.models import User
from council.accounts.selectors import person_by_email
from council.forums.models import (
    DelegationMember,
    Forum,
    ForumSession,
    Question,
    QuestionKind,
    Quota,
    Transport,
)
from council.forums.selectors import forum_questions
from council.lib.forms import (
    LocalDateTimeField,
    note_field,
    on_local_clock,
    translated_meta,
    translated_textareas,
    valid_data,
)
from council.lib.timezones import place_zone
from council.orgs.models import Organisation, OrganisationKind, OrganisationStatus
from council.reference.models import City, Country, Language


class RegistrationForm(forms.Form):
    """The forum's own questions (`answer_<id>`) and, for a forum abroad, the consent to share
    the registration with its host."""

    def __init__(
        self,
        *args: Any,
        forum: Forum,
        abroad: bool,
        questions: list[Question] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if questions is None:
            questions = list(forum_questions(forum=forum))
        for question in questions:
            name = f"answer_{question.pk}"
            if question.kind == QuestionKind.CHOICE:
                choices = [("", "—"), *((choice, choice) for choice in question.choice_list)]
                self.fields[name] = forms.ChoiceField(
                    label=question.text, choices=choices, required=question.required
                )
            elif question.kind == QuestionKind.YES_NO:
                self.fields[name] = forms.ChoiceField(
                    label=question.text,
                    choices=[("", "—"), ("yes", _("Yes")), ("no", _("No"))],
                    required=question.required,
                )
            else:
                self.fields[name] = forms.CharField(
                    label=question.text, max_length=2000, required=question.required
                )
        if abroad:
            self.fields["cross_border_consent"] = forms.BooleanField(
                label=_(
                    "I agree that my name, contacts and answers are shared with the host of "
                    "this forum in another country."
                ),
                required=False,
            )

    def answers(self) -> dict[int, str]:
        return {
            int(name.removeprefix("answer_")): value
            for name, value in self.cleaned_data.items()
            if name.startswith("answer_")
        }


class PersonByEmailForm(forms.Form):
    email = forms.EmailField(label=_("Email address"))

    # Said under `email` when the address is missing or malformed.
    missing = _("Enter a valid email address.")

    def person(self) -> User:
        """The active person with the address given, or a ValidationError on `email`."""
        if not self.is_valid():
            raise ValidationError({"email": self.missing})
        return person_by_email(self.cleaned_data["email"])


class HeadForm(PersonByEmailForm):
    email = forms.EmailField(
        label=_("Head of delegation (email address)"),
        help_text=_("Leave as is to lead the delegation yourself."),
    )

    missing = _("Enter the head's email address.")


def _active_person() -> forms.ModelChoiceField:  # type: ignore[type-arg]
    """An active person named by their user id (the API's way of naming someone)."""
    return forms.ModelChoiceField(
        queryset=User.objects.filter(is_active=True),
        error_messages={"invalid_choice": _("There is no such person.")},
    )


class PersonIdForm(forms.Form):
    person = _active_person()


class HeadIdForm(forms.Form):
    head = _active_person()


class RespondForm(forms.Form):
    cross_border_consent = forms.BooleanField(
        label=_(
            "I agree that my name, contacts and travel details are shared with the host of "
            "this forum in another country."
        ),
        required=False,
    )

    def answer(self) -> dict[str, bool]:
        """The member's answer (`answer=accept` in the data) and their consent, none if the
        form does not validate."""
        consent = self.cleaned_data["cross_border_consent"] if self.is_valid() else False
        return {"accept": self.data.get("answer") == "accept", "cross_border_consent": consent}


class DecisionForm(forms.Form):
    reason = note_field(_("Reason"))

    def decision(self) -> dict[str, Any]:
        """The host's decision (`decision=approve` in the data) and the reason given."""
        reason = self.cleaned_data["reason"] if self.is_valid() else ""
        return {"approve": self.data.get("decision") == "approve", "reason": reason}


class TravelForm(forms.Form):
    arrival = LocalDateTimeField(label=_("Arrival"), required=False)
    departure = LocalDateTimeField(label=_("Departure"), required=False)
    transport = forms.ChoiceField(
        label=_("Transport"), choices=[("", "—"), *Transport.choices], required=False
    )
    accommodation_needed = forms.BooleanField(label=_("Needs accommodation"), required=False)
    visa_support_needed = forms.BooleanField(label=_("Needs visa support"), required=False)

    def __init__(self, *args: Any, zone: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        on_local_clock(self, zone, "arrival", "departure")

    @classmethod
    def for_member(cls, member: DelegationMember, data: Any = None) -> TravelForm:
        """The member's travel details as saved, on the forum's clock: the form shows them
        again, and `changed_data` names what a submission changes."""
        return cls(
            data,
            zone=member.delegation.forum.timezone,
            initial={name: getattr(member, name) for name in cls.base_fields},
            auto_id=f"id_travel_{member.pk}_%s",
        )

    def changes(self) -> dict[str, Any]:
        """Only what the person changed (the rest stays as saved), or the form's errors as a
        ValidationError."""
        data = valid_data(self)
        return {name: data[name] for name in self.changed_data}


class _Day(forms.DateInput):
    input_type = "date"


# Forums are co-hosted by networks, agencies and ministries, not by every organisation.
CO_HOST_KINDS = (
    OrganisationKind.NATIONAL_NETWORK,
    OrganisationKind.INTERNATIONAL,
    OrganisationKind.GOVERNMENT,
)
LOCAL_TIMES = ("registration_opens", "registration_closes", "substitution_deadline")


class ForumForm(forms.ModelForm):
    """The host's forum; times are entered on the forum's clock (its time zone)."""

    Meta = translated_meta(
        Forum,
        [
            "title",
            "description",
            "co_hosts",
            "city",
            "venue",
            "starts_on",
            "ends_on",
            "languages",
            "capacity",
            "registration_opens",
            "registration_closes",
            "substitution_deadline",
            "hold_hours",
        ],
        widgets={
            "starts_on": _Day,
            "ends_on": _Day,
            "co_hosts": forms.CheckboxSelectMultiple,
            "languages": forms.CheckboxSelectMultiple,
            **translated_textareas("description", rows=4),
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["city"].queryset = City.objects.filter(  # type: ignore[attr-defined]
            country__is_council_member=True
        ).order_by("country_id", "-population")
        self.fields["co_hosts"].queryset = (  # type: ignore[attr-defined]
            Organisation.objects.filter(status=OrganisationStatus.VERIFIED, kind__in=CO_HOST_KINDS)
            .exclude(pk=self.instance.host_id)
            .order_by("country_id", "name")
        )
        self.fields["co_hosts"].help_text = _(
            "Their admins and coordinators manage the forum with the host's."
        )
        self.fields["languages"].queryset = Language.objects.order_by(  # type: ignore[attr-defined]
            "position", "code"
        )
        # A saved forum shows its times on its own clock; a new one reads them on the clock
        # of the city chosen (see clean).
        if self.instance.pk:
            on_local_clock(self, self.instance.timezone, *LOCAL_TIMES)
        else:
            on_local_clock(
                self, "UTC", *LOCAL_TIMES, help_text=_("Local time of the forum's city.")
            )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        city = cleaned.get("city")
        if city is not None:
            zone = place_zone(city.timezone)
            for name in LOCAL_TIMES:
                value = cleaned.get(name)
                field = self.fields[name]
                if value is not None and isinstance(field, LocalDateTimeField):
                    wall_clock = timezone.make_naive(value, place_zone(field.zone))
                    cleaned[name] = timezone.make_aware(wall_clock, zone)
        return cleaned

    def _post_clean(self) -> None:
        # The service validates the whole forum (dates in order, capacity) and saves it.
        return None


class QuotaForm(forms.ModelForm):
    Meta = translated_meta(
        Quota, ["kind", "name", "country", "organisation", "size", "close_when_full"]
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["country"].queryset = Country.objects.filter(  # type: ignore[attr-defined]
            is_council_member=True
        )
        self.fields["organisation"].queryset = Organisation.objects.filter(  # type: ignore[attr-defined]
            status=OrganisationStatus.VERIFIED
        ).order_by("country_id", "name")

    def _post_clean(self) -> None:
        return None


class SessionForm(forms.ModelForm):
    Meta = translated_meta(ForumSession, ["title", "track", "room", "start", "end", "capacity"])

    def __init__(self, *args: Any, zone: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        on_local_clock(self, zone, "start", "end")

    def _post_clean(self) -> None:
        return None


class QuestionForm(forms.ModelForm):
    Meta = translated_meta(
        Question,
        ["text", "kind", "choices", "required"],
        widgets={
            f"choices_{code}": forms.Textarea(attrs={"rows": 3}) for code in ("ru", "kk", "en")
        },
    )

    def _post_clean(self) -> None:
        return None
