"""The learner's pages: the published modules, a module with its quiz, taking the quiz, an
attached file, and a credential's page (what it is and the modules that grant it)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from council.accounts.http import AuthenticatedRequest
from council.lib.forms import add_service_errors
from council.training import access, selectors
from council.training.forms import QuizForm
from council.training.models import QuizAttempt, TrainingModule
from council.training.services.quiz import quiz_submit


def module_list(request: HttpRequest) -> HttpResponse:
    return render(request, "training/list.html", {"modules": list(selectors.published_modules())})


def _module_page(
    request: HttpRequest, module: TrainingModule, form: QuizForm | None = None, status: int = 200
) -> HttpResponse:
    module = selectors.module_page(pk=module.pk)
    questions = list(module.questions.all())
    context = {
        "module": module,
        "form": form or QuizForm(questions=questions),
        "attempt": selectors.last_attempt(user=request.user, module=module),
        "trains": access.trains_for(user=request.user, organisation_id=module.organisation_id),
    }
    return render(request, "training/module.html", context, status=status)


def module_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _module_page(request, access.get_module_for_viewer(user=request.user, pk=pk))


def _result(attempt: QuizAttempt) -> str:
    if not attempt.passed:
        return _(
            "You scored %(score)d%%; the pass mark is %(mark)d%%. Read the module again and retry."
        ) % {
            "score": attempt.score,
            "mark": attempt.module.pass_mark,
        }
    if attempt.module.credential_id:
        return _("You passed with %(score)d%% and earned the credential “%(credential)s”.") % {
            "score": attempt.score,
            "credential": attempt.module.credential,
        }
    return _("You passed with %(score)d%%.") % {"score": attempt.score}


@login_required
@require_POST
def module_attempt(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    module = access.get_module_for_viewer(user=request.user, pk=pk)
    form = QuizForm(request.POST, questions=selectors.module_questions(module=module))
    if form.is_valid():
        try:
            attempt = quiz_submit(volunteer=request.user, module=module, answers=form.answers())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            (messages.success if attempt.passed else messages.warning)(request, _result(attempt))
            return redirect("training:module", pk=module.pk)
    return _module_page(request, module, form, status=400)


def attachment_download(request: HttpRequest, pk: int) -> FileResponse:
    attachment = access.get_attachment_for_reader(user=request.user, pk=pk)
    extension = attachment.file.name.rsplit(".", 1)[-1]
    response = FileResponse(
        attachment.file.open("rb"),
        content_type=attachment.content_type,
        as_attachment=True,
        filename=f"module-{attachment.module_id}-{attachment.pk}.{extension}",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


def credential_detail(request: HttpRequest, pk: int) -> HttpResponse:
    credential = access.get_credential_for_viewer(pk=pk)
    context = {
        "credential": credential,
        "modules": list(selectors.modules_granting(credential=credential)),
        "writes": access.writes_credential(user=request.user, credential=credential),
    }
    return render(request, "training/credential.html", context)
