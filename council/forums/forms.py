from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from council.forums.models import Forum, Question, QuestionKind, Transport


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
            questions = list(forum.questions.order_by("position", "pk"))
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


class HeadForm(forms.Form):
    email = forms.EmailField(
        label=_("Head of delegation (email address)"),
        help_text=_("Leave as is to lead the delegation yourself."),
    )


class RespondForm(forms.Form):
    cross_border_consent = forms.BooleanField(
        label=_(
            "I agree that my name, contacts and travel details are shared with the host of "
            "this forum in another country."
        ),
        required=False,
    )


class DecisionForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        required=False,
    )


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"


class TravelForm(forms.Form):
    arrival = forms.DateTimeField(label=_("Arrival"), widget=DateTimeInput, required=False)
    departure = forms.DateTimeField(label=_("Departure"), widget=DateTimeInput, required=False)
    transport = forms.ChoiceField(
        label=_("Transport"), choices=[("", "—"), *Transport.choices], required=False
    )
    accommodation_needed = forms.BooleanField(label=_("Needs accommodation"), required=False)
    visa_support_needed = forms.BooleanField(label=_("Needs visa support"), required=False)
