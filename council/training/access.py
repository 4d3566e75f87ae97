"""Who may read and write training modules and credentials. A published module is open to
everyone; a draft is its organisation's (its members read it, its admins and coordinators
write it). An organisation's credentials are written by its organisers, the council-wide ones
by the secretariat. Another organisation's object is a 404; a plain member's write a 403."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from council.accounts.http import Viewer
from council.lib.found import found_if
from council.lib.mirrors import local_or_404
from council.orgs.access import memberships
from council.orgs.models import ORGANISER_ROLES, Organisation
from council.training.models import ModuleAttachment, QuizQuestion, TrainingModule
from council.volunteers.models import Credential


def role_in(user: Viewer, organisation_id: int) -> str | None:
    return memberships(user, organisations=[organisation_id]).values_list("role", flat=True).first()


def trains_for(*, user: Viewer, organisation_id: int) -> bool:
    """An admin or coordinator of the organisation (its organisers) writes its training."""
    return role_in(user, organisation_id) in ORGANISER_ROLES


def _organisation(user: Viewer, pk: int) -> tuple[Organisation, str]:
    organisation: Organisation = get_object_or_404(Organisation, pk=pk)
    role = role_in(user, pk)
    found_if(role is not None, organisation)
    assert role is not None
    return local_or_404(organisation), role


def get_organisation_for_member(*, user: Viewer, pk: int) -> Organisation:
    """The organisation's training page: its members (an outsider gets a 404)."""
    return _organisation(user, pk)[0]


def get_organisation_for_trainer(*, user: Viewer, pk: int) -> Organisation:
    """An organisation whose modules and credentials this person writes, and whose
    volunteers' credentials they confirm: a plain member gets a 403."""
    organisation, role = _organisation(user, pk)
    if role not in ORGANISER_ROLES:
        raise PermissionDenied
    return organisation


def _module(pk: int) -> TrainingModule:
    rows = TrainingModule.objects.select_related("organisation", "credential")
    return get_object_or_404(rows, pk=pk)


def reads_draft(user: Viewer, module: TrainingModule) -> bool:
    return role_in(user, module.organisation_id) is not None


def get_module_for_viewer(*, user: Viewer, pk: int) -> TrainingModule:
    module = _module(pk)
    return found_if(module.is_published or reads_draft(user, module), module)


def get_module_for_editor(*, user: Viewer, pk: int) -> TrainingModule:
    module = _module(pk)
    found_if(reads_draft(user, module), module)
    if not trains_for(user=user, organisation_id=module.organisation_id):
        raise PermissionDenied
    local_or_404(module.organisation)
    return module


def get_question_for_editor(*, user: Viewer, pk: int) -> QuizQuestion:
    question: QuizQuestion = get_object_or_404(QuizQuestion, pk=pk)
    get_module_for_editor(user=user, pk=question.module_id)
    return question


def get_attachment_for_reader(*, user: Viewer, pk: int) -> ModuleAttachment:
    attachment: ModuleAttachment = get_object_or_404(ModuleAttachment, pk=pk)
    get_module_for_viewer(user=user, pk=attachment.module_id)
    return attachment


def get_attachment_for_editor(*, user: Viewer, pk: int) -> ModuleAttachment:
    attachment: ModuleAttachment = get_object_or_404(ModuleAttachment, pk=pk)
    get_module_for_editor(user=user, pk=attachment.module_id)
    return attachment


def get_credential_for_viewer(*, pk: int) -> Credential:
    """A credential's page (what it is, the modules that grant it): public."""
    return get_object_or_404(Credential.objects.select_related("organisation"), pk=pk)


def writes_credential(*, user: Viewer, credential: Credential) -> bool:
    if credential.organisation_id is None:
        return bool(user.is_authenticated and user.is_secretariat)
    return trains_for(user=user, organisation_id=credential.organisation_id)


def get_credential_for_editor(*, user: Viewer, pk: int) -> Credential:
    credential = get_credential_for_viewer(pk=pk)
    if credential.organisation_id is None:
        return found_if(writes_credential(user=user, credential=credential), credential)
    found_if(role_in(user, credential.organisation_id) is not None, credential)
    if not writes_credential(user=user, credential=credential):
        raise PermissionDenied
    return credential


def get_council_for_secretariat(*, user: Viewer) -> None:
    """The council-wide credentials are the secretariat's (a 404 for anyone else)."""
    found_if(bool(user.is_authenticated and user.is_secretariat), None)
