from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from council.lib.forms import clean_picture, set_queryset, translated_meta, translated_textareas
from council.orgs.models import MembershipRole, Organisation, OrganisationKind, OrganisationStatus
from council.orgs.services import EDITABLE_FIELDS
from council.reference.models import City, Country, Region

MAX_LOGO_BYTES = 2 * 1024 * 1024


class OrganisationForm(forms.ModelForm):
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")

    Meta = translated_meta(
        Organisation, list(EDITABLE_FIELDS), widgets=translated_textareas("description", rows=4)
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["name_ru"].help_text = _(
            "Enter the name in at least one language; the others fall back to it."
        )
        set_queryset(self, "country", Country.objects.order_by("name"))
        set_queryset(
            self, "region", Region.objects.select_related("country").order_by("country_id", "name")
        )
        set_queryset(
            self, "city", City.objects.filter(country__is_council_member=True).order_by("name")
        )
        parents = Organisation.objects.filter(status=OrganisationStatus.VERIFIED)
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        set_queryset(self, "parent", parents.order_by("name"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not any(data.get(f) for f in ("name_ru", "name_kk", "name_en")):
            self.add_error("name_ru", _("Enter the name in at least one language."))
        country = data.get("country")
        region = data.get("region")
        city = data.get("city")
        if country and region and region.country_id != country.pk:
            self.add_error("region", _("This region is not in the chosen country."))
        if country and city and city.country_id != country.pk:
            self.add_error("city", _("This city is not in the chosen country."))
        return data

    def clean_logo(self) -> Any:
        return clean_picture(self.cleaned_data.get("logo"), max_bytes=MAX_LOGO_BYTES)


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for rejection"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The applicant receives this reason by email."),
        max_length=2000,
    )


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("Email address"))
    role = forms.ChoiceField(
        label=_("Role"), choices=MembershipRole.choices, initial=MembershipRole.MEMBER
    )


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=MembershipRole.choices)


class OrganisationFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    country: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Country"),
        queryset=Country.objects.filter(is_council_member=True),
        required=False,
        to_field_name="code",
    )
    kind = forms.ChoiceField(label=_("Kind"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kind = self.fields["kind"]
        assert isinstance(kind, forms.ChoiceField)
        kind.choices = [("", _("All kinds")), *OrganisationKind.choices]
