from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from council.accounts.http import Viewer
from council.imports.access import importable
from council.imports.kinds import KINDS
from council.imports.models import ImportJob, ImportMode
from council.lib.spreadsheets import MAX_UPLOAD_BYTES
from council.orgs.models import Organisation

IGNORE = ""


class UploadForm(forms.Form):
    kind = forms.ChoiceField(label=_("What the file holds"))
    organisation: forms.ModelChoiceField[Organisation] = forms.ModelChoiceField(
        label=_("Import into"), queryset=Organisation.objects.none()
    )
    source = forms.CharField(
        label=_("Source"),
        max_length=80,
        help_text=_(
            "Where the file comes from, e.g. DOBRO.RF or “our spreadsheet”: the mapping of "
            "its columns is remembered per source."
        ),
    )
    file = forms.FileField(
        label=_("File"),
        help_text=_("CSV, XLSX or ODS, at most %(limit)s MB; the first row names the columns.")
        % {"limit": MAX_UPLOAD_BYTES // 1024 // 1024},
    )

    def __init__(self, *args: Any, user: Viewer, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        allowed = importable(user=user)
        kinds = [key for key, organisations in allowed.items() if organisations.exists()]
        self.fields["kind"].choices = [(key, KINDS[key].label) for key in kinds]  # type: ignore[attr-defined]
        pks: set[int] = set()
        for key in kinds:
            pks.update(allowed[key].values_list("pk", flat=True)[:500])
        field: Any = self.fields["organisation"]
        field.queryset = Organisation.objects.filter(pk__in=pks).order_by("name_en", "pk")

    @property
    def may_import(self) -> bool:
        return bool(self.fields["kind"].choices)  # type: ignore[attr-defined]


class MappingForm(forms.Form):
    """One choice per column of the file: a field of the platform, or ignore it."""

    def __init__(self, *args: Any, job: ImportJob, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kind = KINDS[job.kind]
        choices = [(IGNORE, _("— ignore this column —"))] + [
            (item.key, f"{item.label} *" if item.required else item.label) for item in kind.fields
        ]
        for index, header in enumerate(job.headers):
            samples = job.samples[index] if index < len(job.samples) else []
            self.fields[f"column_{index}"] = forms.ChoiceField(
                label=header,
                choices=choices,
                required=False,
                initial=job.mapping.get(str(index), IGNORE),
                help_text=", ".join(samples),
            )

    def mapping(self) -> dict[str, str]:
        return {
            name.removeprefix("column_"): value or ""
            for name, value in self.cleaned_data.items()
            if name.startswith("column_")
        }


class ConfirmForm(forms.Form):
    mode = forms.ChoiceField(
        label=_("How to import"),
        choices=ImportMode.choices,
        widget=forms.RadioSelect,
        initial=ImportMode.ALL_OR_NOTHING,
    )
    send_invitations = forms.BooleanField(
        label=_("Send each imported volunteer an invitation to join"), required=False
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("same", _("The same")), ("different", _("Different"))])
