"""Reads of training: the published modules, an organisation's modules and credentials, a
module's quiz and a learner's attempts, and where each credential is earned."""

from __future__ import annotations

from collections.abc import Sequence

from django.db.models import Count, Prefetch, Q, QuerySet
from django.urls import reverse

from council.accounts.http import Viewer
from council.orgs.models import Organisation
from council.training.models import QuizAttempt, QuizQuestion, TrainingModule
from council.volunteers.models import Credential, VolunteerCredential


def published_modules() -> QuerySet[TrainingModule]:
    return (
        TrainingModule.objects.filter(is_published=True)
        .select_related("organisation", "credential")
        .annotate(question_count=Count("questions"))
        .order_by("title", "pk")
    )


def organisation_modules(*, organisation: Organisation) -> QuerySet[TrainingModule]:
    """Every module of the organisation, drafts too (for its members)."""
    return (
        TrainingModule.objects.filter(organisation=organisation)
        .select_related("credential")
        .annotate(question_count=Count("questions"))
        .order_by("-is_published", "title", "pk")
    )


def organisation_credentials(*, organisation: Organisation) -> QuerySet[Credential]:
    """The organisation's own credentials, with how many people hold each."""
    return (
        Credential.objects.filter(organisation=organisation)
        .annotate(holder_count=Count("holders"))
        .order_by("name", "pk")
    )


def credentials_usable_by(*, organisation: Organisation) -> QuerySet[Credential]:
    """What the organisation's modules grant and its organisers confirm or require: its own
    credentials and the council-wide ones."""
    return Credential.objects.filter(
        Q(organisation=organisation) | Q(organisation__isnull=True)
    ).order_by("organisation_id", "name", "pk")


def organisation_holders(*, organisation: Organisation) -> QuerySet[VolunteerCredential]:
    """The credentials the organisation granted or confirmed, latest first."""
    return (
        VolunteerCredential.objects.filter(organisation=organisation)
        .select_related("volunteer", "credential")
        .order_by("-updated_at", "-pk")
    )


def module_questions(*, module: TrainingModule) -> list[QuizQuestion]:
    return list(module.questions.order_by("position", "pk"))


def module_page(*, pk: int) -> TrainingModule:
    """A module with its questions and attachments."""
    return (
        TrainingModule.objects.select_related("organisation", "credential")
        .prefetch_related(
            Prefetch("questions", QuizQuestion.objects.order_by("position", "pk")),
            "attachments",
        )
        .get(pk=pk)
    )


def last_attempt(*, user: Viewer, module: TrainingModule) -> QuizAttempt | None:
    if not user.is_authenticated:
        return None
    return QuizAttempt.objects.filter(volunteer=user, module=module).first()


def modules_granting(*, credential: Credential) -> QuerySet[TrainingModule]:
    return (
        TrainingModule.objects.filter(credential=credential, is_published=True)
        .select_related("organisation")
        .order_by("title", "pk")
    )


def earn_links(credential_ids: Sequence[int]) -> dict[int, str]:
    """For each credential, the page of the oldest published module that grants it, else the
    credential's own page (an organiser confirms it): one query."""
    links = {pk: reverse("training:credential", args=[pk]) for pk in credential_ids}
    granting = (
        TrainingModule.objects.filter(credential_id__in=credential_ids, is_published=True)
        .order_by("-pk")
        .values_list("credential_id", "pk")
    )
    modules = dict(granting)  # the oldest module of each credential wins (last in the list)
    for pk, module in modules.items():
        if pk is not None:
            links[pk] = reverse("training:module", args=[module])
    return links
