from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from council.accounts.consents import consent_text
from council.accounts.models import ConsentPurpose, User
from council.accounts.services import PROFILE_FIELDS, consent_give, user_update_profile
from council.lib.client_ip import client_ip
from council.lib.forms import PlainTextField, set_queryset
from council.reference.models import Country


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = list(PROFILE_FIELDS)
        help_texts = {
            "given_name_latin": _("As in your passport, if you have one."),
            "family_name_latin": _("As in your passport, if you have one."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["given_name"].required = True
        self.fields["family_name"].required = True
        self.fields["home_country"].required = True
        set_queryset(self, "home_country", Country.objects.order_by("name"))


class SignupExtraForm(forms.Form):
    """Fields that allauth's sign-up form gains (ACCOUNT_SIGNUP_FORM_CLASS)."""

    given_name = PlainTextField(label=_("Given name"), max_length=80)
    family_name = PlainTextField(label=_("Family name"), max_length=80)
    given_name_latin = PlainTextField(
        label=_("Given name in Latin"),
        max_length=80,
        required=False,
        help_text=_("As in your passport, if you have one."),
    )
    family_name_latin = PlainTextField(
        label=_("Family name in Latin"), max_length=80, required=False
    )
    home_country: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Home country"), queryset=Country.objects.order_by("name")
    )
    consent_processing = forms.BooleanField(label=_("I agree to the processing of my data"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["consent_processing"].help_text = str(consent_text(ConsentPurpose.PROCESSING))
        country = {"kk": "KZ", "ru": "RU"}.get(get_language() or "")
        if country and not self.is_bound:
            self.fields["home_country"].initial = country

    def signup(self, request: HttpRequest, user: User) -> None:
        language = get_language() or settings.LANGUAGE_CODE
        user_update_profile(
            user=user,
            actor=user,
            given_name=self.cleaned_data["given_name"].strip(),
            family_name=self.cleaned_data["family_name"].strip(),
            given_name_latin=self.cleaned_data["given_name_latin"].strip(),
            family_name_latin=self.cleaned_data["family_name_latin"].strip(),
            home_country=self.cleaned_data["home_country"],
            preferred_language=language if language in settings.LANGUAGE_CODES else "ru",
        )
        consent_give(user=user, purpose=ConsentPurpose.PROCESSING, ip_address=client_ip(request))


class GuardianConsentForm(forms.Form):
    guardian_name = PlainTextField(label=_("Guardian's full name"), max_length=160)


class EraseForm(forms.Form):
    email = forms.EmailField(
        label=_("Type your email address to confirm"),
        help_text=_("This cannot be undone."),
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if email != self.user.email.lower():
            raise forms.ValidationError(_("This is not the email address of your account."))
        return email
