from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from council.forums.models import Forum, QuestionKind


class RegistrationForm(forms.Form):
    """The forum's own questions (`answer_<id>`) and, for a forum abroad, the consent to share
    the registration with its host."""

    def __init__(self, *args: Any, forum: Forum, abroad: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for question in forum.questions.all():
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
