"""The volunteer's own profile pages; the organisation's contact list is in `contacts.py`, the
invitation a contact accepts in `invitation.py`."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from council.accounts.http import AuthenticatedRequest
from council.lib.client_ip import client_ip
from council.lib.views import saved
from council.volunteers.forms import (
    BaseLanguageFormSet,
    GuardianConsentForm,
    VolunteerProfileForm,
    language_formset,
)
from council.volunteers.milestones import milestones_for
from council.volunteers.models import ADULT_AGE, YOUNG_TEEN_AGE, VolunteerProfile
from council.volunteers.selectors import (
    credentials_held,
    volunteer_age_band,
    volunteer_guardian_consent_live,
    volunteer_profile_for,
)
from council.volunteers.services import (
    volunteer_guardian_consent,
    volunteer_guardian_consent_withdraw,
    volunteer_profile_update,
)


@login_required
def profile(request: AuthenticatedRequest) -> HttpResponse:
    volunteer = volunteer_profile_for(user=request.user)
    data = request.POST if request.method == "POST" else None
    form = VolunteerProfileForm(data, initial=VolunteerProfileForm.initial_for(volunteer))
    languages = language_formset(volunteer, data)
    if data is None or "add_language" in data:
        return _render(request, volunteer, form, languages, GuardianConsentForm())
    done = saved(
        form,
        lambda: volunteer_profile_update(
            user=request.user, actor=request.user, languages=languages.pairs(), **form.cleaned_data
        ),
        valid=form.is_valid() and languages.is_valid(),
    )
    if done is not None:
        messages.success(request, _("Your volunteer profile has been saved."))
        return redirect("volunteers:profile")
    return _render(request, volunteer, form, languages, GuardianConsentForm(), status=400)


@login_required
@require_POST
def guardian_consent(request: AuthenticatedRequest) -> HttpResponse:
    form = GuardianConsentForm(request.POST)
    consent = saved(
        form,
        lambda: volunteer_guardian_consent(
            user=request.user,
            guardian_name=form.cleaned_data["guardian_name"],
            guardian_contact=form.cleaned_data["guardian_contact"],
            ip_address=client_ip(request),
        ),
    )
    if consent is not None:
        messages.success(request, _("Your guardian's consent has been recorded."))
        return redirect("volunteers:profile")
    volunteer = volunteer_profile_for(user=request.user)
    profile_form = VolunteerProfileForm(initial=VolunteerProfileForm.initial_for(volunteer))
    return _render(request, volunteer, profile_form, language_formset(volunteer), form, status=400)


@login_required
@require_POST
def guardian_consent_withdraw(request: AuthenticatedRequest) -> HttpResponse:
    if volunteer_guardian_consent_withdraw(user=request.user) is not None:
        messages.success(request, _("Your guardian's consent has been withdrawn."))
    return redirect("volunteers:profile")


def _render(
    request: AuthenticatedRequest,
    volunteer: VolunteerProfile,
    form: VolunteerProfileForm,
    languages: BaseLanguageFormSet,
    guardian_form: GuardianConsentForm,
    status: int = 200,
) -> HttpResponse:
    today = timezone.localdate()
    age = volunteer.age(today)
    is_minor = age is not None and age < ADULT_AGE
    context = {
        "profile": volunteer,
        "form": form,
        "languages": languages,
        "guardian_form": guardian_form,
        "age": age,
        "age_band": volunteer_age_band(profile=volunteer, on=today),
        "is_minor": is_minor,
        "is_under_14": age is not None and age < YOUNG_TEEN_AGE,
        # Gathered from hours and forums, which register their milestones.
        "milestones": milestones_for(user=request.user),
        "credentials": credentials_held(user=request.user),
        "guardian_consent": volunteer_guardian_consent_live(user=request.user)
        if is_minor
        else None,
    }
    return render(request, "volunteers/profile.html", context, status=status)
