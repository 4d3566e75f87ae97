"""An agreement's pages: the agreement (kept by the secretariat) with its signatories,
extensions and signed copies."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.files.uploadedfile import UploadedFile
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from council.accounts.http import AuthenticatedRequest
from council.accounts.models import User
from council.cooperation import access, selectors
from council.cooperation.forms import (
    AgreementForm,
    DocumentForm,
    ExtendForm,
    SignatoryForm,
    SignForm,
)
from council.cooperation.models import Agreement, AgreementDocument
from council.cooperation.services import agreements as services
from council.cooperation.views.under_council import council_create_page
from council.lib.views import actions


def _to_agreement(agreement: Agreement) -> str:
    return reverse("cooperation:agreement", args=[agreement.pk])


def agreement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = access.get_agreement_for_viewer(user=request.user, pk=pk)
    keeper = access.keeps(user=request.user, row=agreement)
    reads_documents = access.reads_documents(user=request.user, agreement=agreement)
    context = {
        "agreement": agreement,
        "keeper": keeper,
        **selectors.agreement_page(agreement=agreement, with_documents=reads_documents),
    }
    if keeper:
        context |= {
            "sign_form": SignForm(),
            "extend_form": ExtendForm(),
            "signatory_form": SignatoryForm(agreement=agreement),
            "document_form": DocumentForm(),
        }
    return render(request, "cooperation/agreement.html", context)


agreement_create = council_create_page(
    AgreementForm,
    services.agreement_create,
    lists=("parties",),
    success=_("The agreement is saved as a draft: add its signatories, then sign it."),
    redirect_to=_to_agreement,
    heading=_("New agreement"),
    draft=True,
)


def _document_add(
    *, actor: User, agreement: Agreement, title: str, file: UploadedFile
) -> AgreementDocument:
    """The service names the signed copy's file `upload`."""
    return services.document_add(actor=actor, agreement=agreement, title=title, upload=file)


# The secretariat's steps on an agreement: its form's data to a service, back to its page.
_on_agreement = actions(access.get_agreement_for_keeper, "agreement", redirect_to=_to_agreement)
agreement_sign = _on_agreement(
    services.agreement_sign, _("The signature is recorded."), form=SignForm
)
agreement_extend = _on_agreement(
    services.agreement_extend, _("The extension is recorded."), form=ExtendForm
)
signatory_add = _on_agreement(
    services.signatory_add, _("The signatory is added."), form=SignatoryForm, form_takes_target=True
)
document_add = _on_agreement(
    _document_add, _("The signed copy is attached."), form=DocumentForm, files=True
)


@login_required
def document_download(request: AuthenticatedRequest, pk: int) -> FileResponse:
    document = access.get_document_for_reader(user=request.user, pk=pk)
    return FileResponse(
        document.file.open("rb"),
        content_type="application/pdf",
        as_attachment=False,
        filename=f"agreement-{document.agreement_id}-{document.pk}.pdf",
    )
