from __future__ import annotations

from typing import Any, ClassVar

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from council.accounts.models import User
from council.hours.models import CertificateKind, EntryMode, EntryStatus
from council.hours.reference_models import MAX_LETTER, MAX_REFERENCE
from council.lib.dates import EARLIEST_DATE, today_somewhere
from council.lib.forms import PastDateField, PlanDateField, note_field
from council.projects.models import ApplicationStatus, Opportunity, Project
from council.reference.models import IscoGroup, SdgTarget


class DateInput(forms.DateInput):
    input_type = "date"


class LogHoursForm(forms.Form):
    project: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Project"), queryset=Project.objects.none()
    )
    opportunity: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Role"), queryset=Opportunity.objects.none(), required=False
    )
    day = PastDateField(label=pgettext_lazy("day", "Date"), widget=DateInput)
    hours = forms.DecimalField(
        label=_("Hours"), min_value=0.01, max_value=24, decimal_places=2, max_digits=5
    )
    description = forms.CharField(
        label=_("What did you do?"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )
    mode = forms.ChoiceField(
        label=_("How was it done?"), choices=EntryMode.choices, initial=EntryMode.ORGANISATION
    )
    during_paid_work = forms.BooleanField(
        label=_("During paid work time (volunteering supported by my employer)"), required=False
    )
    isco_group: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Occupation group (ISCO-08)"),
        queryset=IscoGroup.objects.all(),
        required=False,
        help_text=_("Leave empty for the role's own."),
    )
    sdg_targets: forms.ModelMultipleChoiceField = forms.ModelMultipleChoiceField(
        label=_("SDG targets"),
        queryset=SdgTarget.objects.all(),
        required=False,
        help_text=_("Leave empty for the project's own."),
    )

    def __init__(self, *args: Any, volunteer: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        places = {
            "opportunities__applications__volunteer_id": volunteer.pk,
            "opportunities__applications__status": ApplicationStatus.CONFIRMED,
        }
        self.fields["project"].queryset = Project.objects.filter(**places).distinct()  # type: ignore[attr-defined]
        self.fields["opportunity"].queryset = Opportunity.objects.filter(  # type: ignore[attr-defined]
            applications__volunteer_id=volunteer.pk,
            applications__status=ApplicationStatus.CONFIRMED,
        ).distinct()
        self.fields["day"].initial = timezone.localdate()
        # The browser's date picker offers the days the service accepts.
        self.fields["day"].widget.attrs.update(
            {"min": EARLIEST_DATE.isoformat(), "max": today_somewhere().isoformat()}
        )


class ReasonForm(forms.Form):
    """A reason the action needs; without a valid one the action is refused with `refusal`."""

    refusal: ClassVar[Promise]

    def checked_reason(self) -> str:
        if not self.is_valid():
            raise ValidationError({"reason": self.refusal})
        return str(self.cleaned_data["reason"])


class RejectForm(ReasonForm):
    refusal = _("Give a reason for the rejection.")

    reason = note_field(_("Reason"), required=True)


class VerifyForm(forms.Form):
    feedback = note_field(_("Feedback for the volunteer"))

    def feedback_or_none(self) -> str:
        """The feedback given, or none when it cannot be read (the hours are verified)."""
        return str(self.cleaned_data["feedback"]) if self.is_valid() else ""


class DisputeForm(forms.Form):
    text = forms.CharField(
        label=_("Why should these hours count?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )

    def checked_text(self) -> str:
        if not self.is_valid():
            raise ValidationError(list(self.errors["text"]))
        return str(self.cleaned_data["text"])


class QueueFilterForm(forms.Form):
    DEFAULT_STATUS = EntryStatus.SUBMITTED

    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("Any status")), *EntryStatus.choices],
        required=False,
    )
    project: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Project"), queryset=Project.objects.none(), required=False
    )

    def __init__(self, *args: Any, organisation_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = Project.objects.filter(owner_id=organisation_id)  # type: ignore[attr-defined]

    def filters(self) -> dict[str, Any]:
        """The queue's filters: submitted hours until the reader chooses (an empty status
        chosen is any status); invalid choices are ignored."""
        if not self.is_bound:
            return {"status": self.DEFAULT_STATUS, "project_id": None}
        data = self.cleaned_data if self.is_valid() else {}
        project = data.get("project")
        return {"status": data.get("status"), "project_id": project.pk if project else None}


class ShiftHoursForm(forms.Form):
    hours = forms.DecimalField(
        label=_("Hours for each volunteer"),
        min_value=0.01,
        max_value=24,
        decimal_places=2,
        max_digits=5,
        required=False,
        help_text=_("Leave empty for the length of the shift."),
    )
    description = forms.CharField(label=_("What was done"), max_length=2000, required=False)

    def checked(self) -> dict[str, Any]:
        """The hours and description, or the errors of the hours (the only field that can
        be wrong but for an over-long description)."""
        if not self.is_valid():
            raise ValidationError(list(self.errors.get("hours") or [_("Check the hours.")]))
        return {
            "hours": self.cleaned_data["hours"],
            "description": self.cleaned_data["description"],
        }


class ScanForm(forms.Form):
    ACTIONS = [("in", _("Check in")), ("out", _("Check out"))]

    action = forms.ChoiceField(label=_("Action"), choices=ACTIONS, initial="in")
    code = forms.CharField(label=_("Code"), max_length=40, required=False)
    application = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)
    at = forms.DateTimeField(required=False, widget=forms.HiddenInput)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("code") and not data.get("application"):
            self.add_error("code", _("Enter the code from the volunteer's ticket."))
        return data

    def checked(self) -> dict[str, Any]:
        """What the scan service takes: the action, the code or the application, the time."""
        if not self.is_valid():
            raise ValidationError(
                {field: errors for field, errors in self.errors.items() if field != "__all__"}
                or _("Enter the code from the volunteer's ticket.")
            )
        data = self.cleaned_data
        return {
            "action": data["action"],
            "code": data["code"] or None,
            "application_id": data["application"],
            "at": data["at"],
        }


class IssueForProjectForm(forms.Form):
    project: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Project"), queryset=Project.objects.none()
    )

    def __init__(self, *args: Any, organisation_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = Project.objects.filter(owner_id=organisation_id)  # type: ignore[attr-defined]


class IssueForPeriodForm(forms.Form):
    email = forms.EmailField(label=_("Volunteer's email address"))
    kind = forms.ChoiceField(
        label=_("Certificate for"), choices=CertificateKind.choices, initial=CertificateKind.HOURS
    )
    project: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Project"), queryset=Project.objects.none(), required=False
    )
    period_start = PlanDateField(label=_("From"), widget=DateInput, required=False)
    period_end = PlanDateField(label=_("To"), widget=DateInput, required=False)

    def __init__(self, *args: Any, organisation_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = Project.objects.filter(owner_id=organisation_id)  # type: ignore[attr-defined]


class RevokeForm(ReasonForm):
    refusal = _("Give a reason for the revocation.")

    reason = note_field(_("Reason for revocation"), required=True)


class VerifyCodeForm(forms.Form):
    code = forms.CharField(label=_("Code of the certificate or letter"), max_length=40)


# --- References, ratings of the experience and letters of recommendation ---------------------

RATINGS = [(stars, str(stars)) for stars in range(5, 0, -1)]


class ReferenceForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("Rating (1 to 5)"), choices=RATINGS, coerce=int, widget=forms.RadioSelect
    )
    no_show = forms.BooleanField(label=_("The volunteer did not come"), required=False)
    punctual = forms.BooleanField(label=_("The volunteer came on time"), required=False)
    text = note_field(
        _("Reference"),
        max_length=MAX_REFERENCE,
        help_text=_("At most 1000 characters. The volunteer decides whether it is shown."),
    )


class ExperienceForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("How was it? (1 to 5)"), choices=RATINGS, coerce=int, widget=forms.RadioSelect
    )
    comment = note_field(
        _("Comment"),
        max_length=MAX_REFERENCE,
        help_text=_("The organisation sees the comment without your name."),
    )


class LetterForm(forms.Form):
    email = forms.EmailField(label=_("Volunteer's email address"))
    language = forms.ChoiceField(
        label=_("Language of the letter"),
        choices=[("", _("The volunteer's language")), *settings.LANGUAGES],
        required=False,
    )
    text = forms.CharField(
        label=_("Text of the letter"),
        max_length=MAX_LETTER,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Leave an empty line between paragraphs."),
    )
