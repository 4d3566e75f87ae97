"""Writing training modules: an organisation's organisers draft a module in one to three
languages (a text, a link to a video, the credential it grants and the pass mark), add quiz
questions and attached files, and publish it. Every change is audited under the
organisation."""

from __future__ import annotations

from typing import Unpack

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from council.accounts.models import User
from council.audit.records import audit_for
from council.lib.forms import translated_fields
from council.lib.locks import lock_row
from council.lib.mirrors import ensure_local
from council.lib.models import lines_of
from council.lib.translated import Texts
from council.orgs.models import Organisation
from council.training.models import (
    MAX_OPTIONS,
    MAX_QUESTIONS,
    ModuleAttachment,
    QuizQuestion,
    TrainingModule,
)
from council.training.uploads import checked_upload
from council.volunteers.models import Credential

MODULE_TEXTS = tuple(translated_fields("title", "body"))

_audit = audit_for(organisation="organisation_id")


class ModuleFields(Texts, total=False):
    body_ru: str | None
    body_kk: str | None
    body_en: str | None
    video_url: str
    credential: Credential | None
    pass_mark: int


def _apply(module: TrainingModule, fields: ModuleFields) -> list[str]:
    changed = []
    for name, value in fields.items():
        if name in MODULE_TEXTS or name == "video_url":
            value = str(value or "").strip()
        if getattr(module, name) != value:
            setattr(module, name, value)
            changed.append(name)
    return changed


def _check(module: TrainingModule) -> None:
    if not any(getattr(module, column) for column in translated_fields("title")):
        raise ValidationError({"title_ru": _("Give the module a title in at least one language.")})
    credential = module.credential
    if credential is not None and credential.organisation_id not in (None, module.organisation_id):
        raise ValidationError({"credential": _("Choose a credential of this organisation.")})
    module.full_clean(exclude=["organisation", "credential", "created_by"])


@transaction.atomic
def module_create(
    *, actor: User, organisation: Organisation, **fields: Unpack[ModuleFields]
) -> TrainingModule:
    """A draft module of the organisation."""
    ensure_local(organisation)
    module = TrainingModule(organisation=organisation, created_by=actor)
    _apply(module, fields)
    _check(module)
    module.save()
    _audit(actor, "training_module.created", module, title=str(module.title))
    return module


@transaction.atomic
def module_update(
    *, actor: User, module: TrainingModule, **fields: Unpack[ModuleFields]
) -> TrainingModule:
    """New texts, link, credential or pass mark; a published module stays published."""
    module = lock_row(TrainingModule, module.pk) or module
    changed = _apply(module, fields)
    _check(module)
    if changed:
        module.updated_at = timezone.now()
        module.save(update_fields=[*changed, "updated_at"])
        _audit(actor, "training_module.updated", module, fields=changed)
    return module


@transaction.atomic
def module_publish(*, actor: User, module: TrainingModule) -> TrainingModule:
    """Open the module to everyone; a module that grants a credential needs its quiz."""
    module = lock_row(TrainingModule, module.pk) or module
    if module.is_published:
        raise ValidationError(_("The module is published already."))
    if module.credential_id is not None and not module.questions.exists():
        raise ValidationError(_("Add the quiz's questions first: passing it grants a credential."))
    module.is_published = True
    module.save(update_fields=["is_published"])
    _audit(actor, "training_module.published", module)
    return module


@transaction.atomic
def module_unpublish(*, actor: User, module: TrainingModule) -> TrainingModule:
    """Back to draft: credentials already earned stay."""
    module = lock_row(TrainingModule, module.pk) or module
    if not module.is_published:
        raise ValidationError(_("The module is a draft already."))
    module.is_published = False
    module.save(update_fields=["is_published"])
    _audit(actor, "training_module.unpublished", module)
    return module


class QuestionTexts(Texts, total=False):
    text_ru: str | None
    text_kk: str | None
    text_en: str | None
    options_ru: str | None
    options_kk: str | None
    options_en: str | None


def _check_question(question: QuizQuestion) -> None:
    texts = translated_fields("text")
    if not any(getattr(question, column) for column in texts):
        raise ValidationError({"text_ru": _("Write the question in at least one language.")})
    counts = set()
    for options_column, text_column in zip(translated_fields("options"), texts, strict=True):
        options = lines_of(getattr(question, options_column) or "")
        if getattr(question, text_column) and not options:
            raise ValidationError({options_column: _("Give the answers in this language too.")})
        if options:
            counts.add(len(options))
            if not 2 <= len(options) <= MAX_OPTIONS:
                raise ValidationError(
                    {
                        options_column: _("Give from 2 to %(most)d answers, one per line.")
                        % {"most": MAX_OPTIONS}
                    }
                )
    if len(counts) > 1:
        raise ValidationError(
            {"options_ru": _("Give the same number of answers in each language.")}
        )
    if not counts or question.correct > counts.pop():
        raise ValidationError({"correct": _("The right answer's number is not among the answers.")})
    question.full_clean(exclude=["module"])


@transaction.atomic
def question_add(
    *, actor: User, module: TrainingModule, correct: int, **texts: Unpack[QuestionTexts]
) -> QuizQuestion:
    """A question at the end of the module's quiz."""
    module = lock_row(TrainingModule, module.pk) or module
    count = module.questions.count()
    if count >= MAX_QUESTIONS:
        raise ValidationError(_("A quiz has at most %(most)d questions.") % {"most": MAX_QUESTIONS})
    values = {name: str(value or "").strip() for name, value in texts.items()}
    question = QuizQuestion(module=module, position=count + 1, correct=correct, **values)
    _check_question(question)
    question.save()
    _audit(actor, "quiz_question.added", module, question=question.pk)
    return question


@transaction.atomic
def question_remove(*, actor: User, question: QuizQuestion) -> TrainingModule:
    module = lock_row(TrainingModule, question.module_id)
    assert module is not None
    if module.is_published and module.credential_id and module.questions.count() == 1:
        raise ValidationError(_("A published module that grants a credential keeps its quiz."))
    pk = question.pk
    question.delete()
    _audit(actor, "quiz_question.removed", module, question=pk)
    return module


@transaction.atomic
def attachment_add(
    *, actor: User, module: TrainingModule, title: str, upload: UploadedFile
) -> ModuleAttachment:
    """A file of the module: a PDF, a picture or an office document, up to the limit."""
    ensure_local(module.organisation)
    content_type = checked_upload(upload)
    attachment = ModuleAttachment(
        module=module,
        title=title.strip(),
        size=upload.size or 0,
        content_type=content_type,
        uploaded_by=actor,
    )
    if not attachment.title:
        raise ValidationError({"title": _("Give the file a title.")})
    attachment.full_clean(exclude=["module", "file", "uploaded_by"])
    attachment.file.save(upload.name or "file", upload, save=False)
    try:
        attachment.save()
    except Exception:
        attachment.file.delete(save=False)  # no file without its row
        raise
    _audit(actor, "training_attachment.added", module, attachment=attachment.pk)
    return attachment


@transaction.atomic
def attachment_remove(*, actor: User, attachment: ModuleAttachment) -> TrainingModule:
    module = attachment.module
    pk = attachment.pk
    storage, name = attachment.file.storage, attachment.file.name
    attachment.delete()
    # The file goes once the row is gone for good (a rolled-back removal keeps both).
    transaction.on_commit(lambda: storage.delete(name))
    _audit(actor, "training_attachment.removed", module, attachment=pk)
    return module
