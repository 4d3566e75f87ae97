from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from council.lib.forms import DayField, translated_fields, translated_meta, translated_textareas
from council.orgs.models import Organisation
from council.training.models import MAX_OPTIONS, QuizQuestion, TrainingModule
from council.training.selectors import credentials_usable_by
from council.volunteers.models import Credential


class ServiceChecked(forms.ModelForm):
    """Checks its fields only: the service validates the whole row and saves it."""

    def _post_clean(self) -> None:
        return None


class ModuleForm(ServiceChecked):
    video_url = forms.URLField(
        label=_("Video link"),
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text=_("A link to the video (https://…); it opens on the video's own site."),
    )
    pass_mark = forms.IntegerField(
        label=_("Pass mark (%)"),
        min_value=1,
        max_value=100,
        initial=80,
        help_text=_("The share of right answers needed to pass."),
    )

    Meta = translated_meta(
        TrainingModule,
        ["title", "body", "video_url", "credential", "pass_mark"],
        widgets=translated_textareas("body", rows=10),
    )

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["credential"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = credentials_usable_by(organisation=organisation)
        field.empty_label = _("None")


class CredentialForm(ServiceChecked):
    Meta = translated_meta(
        Credential,
        ["name", "description", "validity_months"],
        widgets=translated_textareas("description", rows=3),
    )


class QuestionForm(ServiceChecked):
    Meta = translated_meta(
        QuizQuestion,
        ["text", "options", "correct"],
        widgets=translated_textareas("options", rows=4),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in translated_fields("options"):
            self.fields[name].help_text = _(
                "One answer per line, in the same order in each language."
            )
        self.fields["correct"].help_text = _("From 1 to %(most)d.") % {"most": MAX_OPTIONS}


class AttachmentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    file = forms.FileField(label=_("File (PDF, PNG, JPEG, DOCX or PPTX, up to 10 MB)"))


class ConfirmForm(forms.Form):
    email = forms.EmailField(label=_("Volunteer's email address"))
    credential: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Credential"), queryset=Credential.objects.none()
    )
    expires_on = DayField(
        label=_("Valid until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Leave empty to count the credential's validity from today."),
    )

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["credential"].queryset = credentials_usable_by(  # type: ignore[attr-defined]
            organisation=organisation
        )


class QuizForm(forms.Form):
    """One single choice per question of the quiz, named `q<question id>`."""

    def __init__(self, *args: Any, questions: list[QuizQuestion], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            self.fields[f"q{question.pk}"] = forms.TypedChoiceField(
                label=str(question.text),
                choices=[
                    (number, option)
                    for number, option in enumerate(question.option_lines(), start=1)
                ],
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": _("Choose an answer.")},
            )

    def answers(self) -> dict[int, int]:
        return {question.pk: self.cleaned_data[f"q{question.pk}"] for question in self.questions}
