"""Training and credentials over the API: the published modules and a module with its quiz
(never its right answers), taking the quiz, a credential and the caller's credentials; and the
organisers' writes — modules, quiz questions, publishing, credentials, and confirming a
credential for a volunteer — with the rules of the pages (council/training/)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status
from pydantic import ConfigDict

from council.accounts.http import AuthenticatedRequest
from council.api.actions import Arguments, acts_on
from council.api.auth import PUBLIC
from council.api.pagination import CursorParams, page_of, paginate
from council.api.schemas import Id, LongText, Names, PlainText, StrictId, translated_text
from council.lib.forms import valid_data
from council.training import access, selectors
from council.training.forms import ConfirmForm, CredentialForm, ModuleForm, QuestionForm
from council.training.models import QuizAttempt, QuizQuestion, TrainingModule
from council.training.services import credentials as credential_services
from council.training.services import modules as services
from council.training.services.quiz import quiz_submit
from council.volunteers.models import Credential, VolunteerCredential
from council.volunteers.selectors import credentials_held

router = Router(tags=["training"])


class CredentialOut(Schema):
    id: int
    organisation: int | None = Field(
        None, alias="organisation_id", description="Null: a credential of the whole council"
    )
    name: str
    names: Names
    description: str
    descriptions: Names
    validity_months: int | None = Field(description="Null: it does not expire")

    resolve_name, resolve_names = translated_text("name")
    resolve_description, resolve_descriptions = translated_text("description")


class HeldCredentialOut(Schema):
    credential: CredentialOut
    source: str = Field(description="training or organiser")
    granted_by: int | None = Field(None, alias="organisation_id")
    earned_on: date
    expires_on: date | None = Field(description="Null: no expiry")
    valid: bool = Field(description="Valid today")


class QuestionOut(Schema):
    id: int
    text: str
    texts: Names
    options: list[str] = Field(description="The answers, numbered from 1 in this order")

    resolve_text, resolve_texts = translated_text("text")

    @staticmethod
    def resolve_options(obj: QuizQuestion) -> list[str]:
        return obj.option_lines()


class AttachmentOut(Schema):
    id: int
    title: str
    size: int
    url: str

    @staticmethod
    def resolve_url(obj: Any) -> str:
        return reverse("training:attachment", args=[obj.pk])


class ModuleOut(Schema):
    id: int
    organisation: int = Field(alias="organisation_id")
    title: str
    titles: Names
    credential: int | None = Field(None, alias="credential_id")
    pass_mark: int = Field(description="Percent of right answers needed to pass")
    is_published: bool

    resolve_title, resolve_titles = translated_text("title")


class ModuleDetailOut(ModuleOut):
    body: str
    bodies: Names
    video_url: str = Field(description="A link to the video on its own site")
    questions: list[QuestionOut]
    attachments: list[AttachmentOut]

    resolve_body, resolve_bodies = translated_text("body")

    @staticmethod
    def resolve_questions(obj: TrainingModule) -> list[Any]:
        return list(obj.questions.order_by("position", "pk"))

    @staticmethod
    def resolve_attachments(obj: TrainingModule) -> list[Any]:
        return list(obj.attachments.all())


class AttemptIn(Schema):
    model_config = ConfigDict(extra="forbid")

    answers: dict[Id, Id] = Field(
        description="Each question's id → the number of the chosen answer (from 1)"
    )


class AttemptOut(Schema):
    id: int
    module: int = Field(alias="module_id")
    score: int = Field(description="Percent of right answers")
    passed: bool
    created_at: datetime


class ModuleIn(Schema):
    model_config = ConfigDict(extra="forbid")

    title_ru: PlainText | None = Field(None, max_length=200)
    title_kk: PlainText | None = Field(None, max_length=200)
    title_en: PlainText | None = Field(None, max_length=200)
    body_ru: LongText | None = None
    body_kk: LongText | None = None
    body_en: LongText | None = None
    video_url: str | None = Field(None, max_length=500)
    credential: StrictId | None = None
    pass_mark: int = Field(80, ge=1, le=100)


class QuestionIn(Schema):
    model_config = ConfigDict(extra="forbid")

    text_ru: PlainText | None = Field(None, max_length=500)
    text_kk: PlainText | None = Field(None, max_length=500)
    text_en: PlainText | None = Field(None, max_length=500)
    options_ru: str | None = Field(None, max_length=2000, description="One answer per line")
    options_kk: str | None = Field(None, max_length=2000)
    options_en: str | None = Field(None, max_length=2000)
    correct: int = Field(ge=1, le=6, description="The number of the right answer")


class CredentialIn(Schema):
    model_config = ConfigDict(extra="forbid")

    name_ru: PlainText | None = Field(None, max_length=200)
    name_kk: PlainText | None = Field(None, max_length=200)
    name_en: PlainText | None = Field(None, max_length=200)
    description_ru: str | None = Field(None, max_length=2000)
    description_kk: str | None = Field(None, max_length=2000)
    description_en: str | None = Field(None, max_length=2000)
    validity_months: int | None = Field(None, ge=1, le=240)


class CredentialConfirmIn(Schema):
    model_config = ConfigDict(extra="forbid")

    email: str = Field(max_length=254, description="The volunteer's account address")
    credential: StrictId
    expires_on: date | None = Field(None, description="Null: the credential's validity from today")


def _data(payload: Schema) -> dict[str, Any]:
    return {name: "" if value is None else value for name, value in payload.model_dump().items()}


@router.get("/training/modules", response=page_of(ModuleOut), auth=PUBLIC)
def module_list(request: HttpRequest, page: Query[CursorParams]) -> dict[str, Any]:
    """The published modules of every organisation."""
    return paginate(selectors.published_modules(), key="pk", params=page)


@router.get("/training/modules/{module_id}", response=ModuleDetailOut, auth=PUBLIC)
def module_detail(request: HttpRequest, module_id: Id) -> TrainingModule:
    """A module with its quiz (without the right answers) and its files: public once
    published; before, its organisation's."""
    return access.get_module_for_viewer(user=request.user, pk=module_id)


@router.post("/training/modules/{module_id}/attempts", response={201: AttemptOut})
def module_attempt(
    request: AuthenticatedRequest, module_id: Id, payload: AttemptIn
) -> Status[QuizAttempt]:
    """Take the quiz: every question answered. Passing a module that grants a credential
    grants it, valid for the credential's months from today."""
    module = access.get_module_for_viewer(user=request.user, pk=module_id)
    attempt = quiz_submit(volunteer=request.user, module=module, answers=payload.answers)
    return Status(201, attempt)


@router.get("/credentials/{credential_id}", response=CredentialOut, auth=PUBLIC)
def credential_detail(request: HttpRequest, credential_id: Id) -> Credential:
    return access.get_credential_for_viewer(pk=credential_id)


@router.get("/me/credentials", response=list[HeldCredentialOut])
def my_credentials(request: AuthenticatedRequest) -> list[VolunteerCredential]:
    """The caller's credentials, expired ones too (`valid` says which)."""
    return credentials_held(user=request.user)


@router.post("/organisations/{organisation_id}/training/modules", response={201: ModuleOut})
def module_create(
    request: AuthenticatedRequest, organisation_id: Id, payload: ModuleIn
) -> Status[TrainingModule]:
    """A draft module of the organisation (its admins and coordinators)."""
    organisation = access.get_organisation_for_trainer(user=request.user, pk=organisation_id)
    form = ModuleForm(data=_data(payload), organisation=organisation)
    module = services.module_create(
        actor=request.user, organisation=organisation, **valid_data(form)
    )
    return Status(201, module)


@router.put("/training/modules/{module_id}", response=ModuleOut)
def module_update(request: AuthenticatedRequest, module_id: Id, payload: ModuleIn) -> Any:
    """Replace the module's texts, link, credential and pass mark."""
    module = access.get_module_for_editor(user=request.user, pk=module_id)
    form = ModuleForm(data=_data(payload), instance=module, organisation=module.organisation)
    return services.module_update(actor=request.user, module=module, **valid_data(form))


@router.post("/training/modules/{module_id}/questions", response={201: QuestionOut})
def question_add(
    request: AuthenticatedRequest, module_id: Id, payload: QuestionIn
) -> Status[QuizQuestion]:
    """A single-choice question at the end of the quiz."""
    module = access.get_module_for_editor(user=request.user, pk=module_id)
    data = valid_data(QuestionForm(data=_data(payload)))
    return Status(201, services.question_add(actor=request.user, module=module, **data))


@router.post("/training/modules/{module_id}/publish", response=ModuleOut)
@acts_on(access.get_module_for_editor, services.module_publish, "module")
def module_publish() -> Arguments:
    """Open the module to everyone (one that grants a credential needs its quiz)."""
    return {}


@router.post("/training/modules/{module_id}/unpublish", response=ModuleOut)
@acts_on(access.get_module_for_editor, services.module_unpublish, "module")
def module_unpublish() -> Arguments:
    """Back to draft; credentials already earned stay."""
    return {}


@router.post("/organisations/{organisation_id}/credentials", response={201: CredentialOut})
def credential_create(
    request: AuthenticatedRequest, organisation_id: Id, payload: CredentialIn
) -> Status[Credential]:
    """A credential of the organisation (its admins and coordinators)."""
    organisation = access.get_organisation_for_trainer(user=request.user, pk=organisation_id)
    data = valid_data(CredentialForm(data=_data(payload)))
    credential = credential_services.credential_create(
        actor=request.user, organisation=organisation, **data
    )
    return Status(201, credential)


@router.put("/credentials/{credential_id}", response=CredentialOut)
def credential_update(
    request: AuthenticatedRequest, credential_id: Id, payload: CredentialIn
) -> Credential:
    """Replace the credential's names, description and validity."""
    credential = access.get_credential_for_editor(user=request.user, pk=credential_id)
    data = valid_data(CredentialForm(data=_data(payload), instance=credential))
    return credential_services.credential_update(actor=request.user, credential=credential, **data)


@router.post(
    "/organisations/{organisation_id}/credentials/confirm", response={201: HeldCredentialOut}
)
def credential_confirm(
    request: AuthenticatedRequest, organisation_id: Id, payload: CredentialConfirmIn
) -> Status[VolunteerCredential]:
    """Confirm that a volunteer (by their account's address) holds a credential of the
    organisation or of the council, until `expires_on`; the volunteer is told by mail."""
    organisation = access.get_organisation_for_trainer(user=request.user, pk=organisation_id)
    form = ConfirmForm(data=_data(payload), organisation=organisation)
    held = credential_services.credential_confirm(
        actor=request.user, organisation=organisation, **valid_data(form)
    )
    held.valid = held.is_valid_on(timezone.localdate())  # type: ignore[attr-defined]
    return Status(201, held)
