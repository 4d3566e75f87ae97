"""An agreement's pages: the agreement (kept by the secretariat) with its signatories,
extensions and signed copies."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from council.accounts.http import AuthenticatedRequest
from council.cooperation import access, selectors
from council.cooperation.forms import (
    AgreementForm,
    DocumentForm,
    ExtendForm,
    SignatoryForm,
    SignForm,
)
from council.cooperation.services import agreements as services
from council.cooperation.views.form_page import form_page
from council.lib.views import post_action


def _to_agreement(agreement_id: int) -> str:
    return reverse("cooperation:agreement", args=[agreement_id])


def agreement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = access.get_agreement_for_viewer(user=request.user, pk=pk)
    keeper = access.is_secretariat(user=request.user)
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


@login_required
def agreement_create(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    council = access.get_council_for_keeper(user=request.user, pk=pk)
    return form_page(
        request,
        AgreementForm(request.POST or None, council=council),
        save=lambda data: services.agreement_create(
            actor=request.user, council=council, parties=list(data.pop("parties")), **data
        ),
        success=_("The agreement is saved as a draft: add its signatories, then sign it."),
        redirect_to=lambda agreement: _to_agreement(agreement.pk),
        heading=_("New agreement"),
        context={"council": council, "draft": True},
    )


@login_required
@require_POST
def agreement_sign(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    agreement = access.get_agreement_for_keeper(user=request.user, pk=pk)
    return post_action(
        request,
        lambda data: services.agreement_sign(actor=request.user, agreement=agreement, **data),
        success=_("The signature is recorded."),
        redirect_to=_to_agreement(agreement.pk),
        form=SignForm(request.POST),
    )


@login_required
@require_POST
def agreement_extend(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    agreement = access.get_agreement_for_keeper(user=request.user, pk=pk)
    return post_action(
        request,
        lambda data: services.agreement_extend(actor=request.user, agreement=agreement, **data),
        success=_("The extension is recorded."),
        redirect_to=_to_agreement(agreement.pk),
        form=ExtendForm(request.POST),
    )


@login_required
@require_POST
def signatory_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    agreement = access.get_agreement_for_keeper(user=request.user, pk=pk)
    return post_action(
        request,
        lambda data: services.signatory_add(actor=request.user, agreement=agreement, **data),
        success=_("The signatory is added."),
        redirect_to=_to_agreement(agreement.pk),
        form=SignatoryForm(request.POST, agreement=agreement),
    )


@login_required
@require_POST
def document_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    agreement = access.get_agreement_for_keeper(user=request.user, pk=pk)
    return post_action(
        request,
        lambda data: services.document_add(
            actor=request.user, agreement=agreement, title=data["title"], upload=data["file"]
        ),
        success=_("The signed copy is attached."),
        redirect_to=_to_agreement(agreement.pk),
        form=DocumentForm(request.POST, request.FILES),
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
