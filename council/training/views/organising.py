"""The organisers' pages: an organisation's training (its modules, credentials and the
credentials it granted), a module's editor with its quiz and files, the credentials' forms,
and confirming a credential for a volunteer."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from council.accounts.http import AuthenticatedRequest
from council.accounts.models import User
from council.lib.views import actions, page, saved_or_page
from council.orgs.models import Organisation
from council.training import access, selectors
from council.training.forms import (
    AttachmentForm,
    ConfirmForm,
    CredentialForm,
    ModuleForm,
    QuestionForm,
)
from council.training.models import ModuleAttachment, TrainingModule
from council.training.services import credentials as credential_services
from council.training.services import modules as services
from council.volunteers.models import Credential, VolunteerCredential

HOLDERS_SHOWN = 50

_to_editor = page("training:module_edit")
_to_credential = page("training:credential")


def _posted(request: HttpRequest) -> Any:
    """The posted data, bound even when empty (an empty post is refused, not shown blank)."""
    return request.POST if request.method == "POST" else None


@login_required
def organisation_training(request: AuthenticatedRequest, organisation_pk: int) -> HttpResponse:
    organisation = access.get_organisation_for_member(user=request.user, pk=organisation_pk)
    context = {
        "organisation": organisation,
        "modules": list(selectors.organisation_modules(organisation=organisation)),
        "credentials": list(selectors.organisation_credentials(organisation=organisation)),
        "holders": list(selectors.organisation_holders(organisation=organisation)[:HOLDERS_SHOWN]),
        "trains": access.trains_for(user=request.user, organisation_id=organisation.pk),
    }
    return render(request, "training/organisation.html", context)


@login_required
def module_create(request: AuthenticatedRequest, organisation_pk: int) -> HttpResponse:
    organisation = access.get_organisation_for_trainer(user=request.user, pk=organisation_pk)
    form = ModuleForm(_posted(request), organisation=organisation)

    def save() -> TrainingModule:
        return services.module_create(
            actor=request.user, organisation=organisation, **form.cleaned_data
        )

    return saved_or_page(
        request,
        form,
        save,
        _("The module is saved as a draft: add its quiz, then publish it."),
        redirect_to=_to_editor,
        template="training/module_form.html",
        organisation=organisation,
    )


@login_required
def module_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    module = access.get_module_for_editor(user=request.user, pk=pk)
    form = ModuleForm(_posted(request), instance=module, organisation=module.organisation)

    def save() -> TrainingModule:
        return services.module_update(actor=request.user, module=module, **form.cleaned_data)

    return saved_or_page(
        request,
        form,
        save,
        _("The module is saved."),
        redirect_to=_to_editor,
        template="training/module_form.html",
        organisation=module.organisation,
        module=module,
        questions=selectors.module_questions(module=module),
        attachments=list(module.attachments.all()),
        question_form=QuestionForm(),
        attachment_form=AttachmentForm(),
    )


def _attachment_add(
    *, actor: User, module: TrainingModule, title: str, file: UploadedFile
) -> ModuleAttachment:
    """The service names the uploaded file `upload`."""
    return services.attachment_add(actor=actor, module=module, title=title, upload=file)


# The organiser's steps on a module, back to its editor.
_on_module = actions(access.get_module_for_editor, "module", redirect_to=_to_editor)
module_publish = _on_module(services.module_publish, _("The module is published."))
module_unpublish = _on_module(services.module_unpublish, _("The module is back to draft."))
question_add = _on_module(services.question_add, _("The question is added."), form=QuestionForm)
attachment_add = _on_module(
    _attachment_add, _("The file is attached."), form=AttachmentForm, files=True
)
question_remove = actions(
    access.get_question_for_editor,
    "question",
    redirect_to=page("training:module_edit", "module_id"),
)(services.question_remove, _("The question is removed."))
attachment_remove = actions(
    access.get_attachment_for_editor,
    "attachment",
    redirect_to=page("training:module_edit", "module_id"),
)(services.attachment_remove, _("The file is removed."))


def _credential_form_page(
    request: AuthenticatedRequest, form: CredentialForm, save: Any, **context: Any
) -> HttpResponse:
    return saved_or_page(
        request,
        form,
        save,
        _("The credential is saved."),
        redirect_to=_to_credential,
        template="training/credential_form.html",
        **context,
    )


def _credential_create(
    request: AuthenticatedRequest, organisation: Organisation | None
) -> HttpResponse:
    form = CredentialForm(_posted(request))

    def save() -> Credential:
        return credential_services.credential_create(
            actor=request.user, organisation=organisation, **form.cleaned_data
        )

    return _credential_form_page(request, form, save, organisation=organisation, creating=True)


@login_required
def credential_create(request: AuthenticatedRequest, organisation_pk: int) -> HttpResponse:
    organisation = access.get_organisation_for_trainer(user=request.user, pk=organisation_pk)
    return _credential_create(request, organisation)


@login_required
def council_credential_create(request: AuthenticatedRequest) -> HttpResponse:
    """A credential of the whole council (the secretariat)."""
    access.get_council_for_secretariat(user=request.user)
    return _credential_create(request, None)


@login_required
def credential_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    credential = access.get_credential_for_editor(user=request.user, pk=pk)
    form = CredentialForm(_posted(request), instance=credential)

    def save() -> Credential:
        return credential_services.credential_update(
            actor=request.user, credential=credential, **form.cleaned_data
        )

    return _credential_form_page(
        request, form, save, organisation=credential.organisation, credential=credential
    )


@login_required
def credential_confirm(request: AuthenticatedRequest, organisation_pk: int) -> HttpResponse:
    """Confirm that a volunteer holds a credential (a certificate the organiser has seen)."""
    organisation = access.get_organisation_for_trainer(user=request.user, pk=organisation_pk)
    form = ConfirmForm(_posted(request), organisation=organisation)

    def save() -> VolunteerCredential:
        return credential_services.credential_confirm(
            actor=request.user, organisation=organisation, **form.cleaned_data
        )

    return saved_or_page(
        request,
        form,
        save,
        _("The credential is confirmed and the volunteer is told by mail."),
        redirect_to=lambda _held: reverse("training:organisation", args=[organisation.pk]),
        template="training/confirm.html",
        organisation=organisation,
    )
