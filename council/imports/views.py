"""The import journey: upload → mapping → dry run → confirm → progress → report, undo."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from council.accounts.http import AuthenticatedRequest
from council.imports import access, selectors, services
from council.imports.forms import ConfirmForm, DecisionForm, MappingForm, UploadForm
from council.imports.models import ImportJob, ImportKind, ImportStatus
from council.lib import tables
from council.lib.forms import add_service_errors
from council.lib.views import post_action

ISSUES_PER_PAGE = 50
IMPORTS_PER_PAGE = 25


def _to(job: ImportJob) -> str:
    return reverse("imports:detail", args=[job.pk])


@login_required
@require_safe
def import_list(request: AuthenticatedRequest) -> HttpResponse:
    page = Paginator(selectors.imports_for(user=request.user), IMPORTS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(request, "imports/list.html", {"page": page, "jobs": page.object_list})


@login_required
def import_new(request: AuthenticatedRequest) -> HttpResponse:
    form = UploadForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            job = services.import_upload(
                actor=request.user,
                organisation=form.cleaned_data["organisation"],
                kind=form.cleaned_data["kind"],
                source=form.cleaned_data["source"],
                upload=upload,
                filename=upload.name,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect(_to(job))
    status = 400 if request.method == "POST" else 200
    return render(request, "imports/new.html", {"form": form}, status=status)


def _report(request: AuthenticatedRequest, job: ImportJob) -> dict[str, Any]:
    page = Paginator(selectors.issues_of(job), ISSUES_PER_PAGE).get_page(request.GET.get("page"))
    duplicates = list(selectors.duplicates_of(job)[:200])
    selectors.describe_candidates(job, duplicates)
    for duplicate in duplicates:
        duplicate.reasons_shown = selectors.reasons_shown(duplicate.reasons)  # type: ignore[attr-defined]
    return {
        "page": page,
        "issues": [selectors.issue_shown(job, issue) for issue in page.object_list],
        "duplicates": duplicates,
    }


@login_required
@require_safe
def import_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    job = access.get_import_for_viewer(user=request.user, pk=pk)
    context: dict[str, Any] = {"job": job, "runs": access.may_run(user=request.user, job=job)}
    if request.headers.get("HX-Request") == "true":
        response = render(request, "imports/status.html", context)
        if not job.is_busy:
            # The step is over: the whole page again, with its report and the next step.
            response["HX-Refresh"] = "true"
        return response
    if job.status in (ImportStatus.UPLOADED, ImportStatus.MAPPED):
        context["mapping"] = MappingForm(job=job)
    if job.status == ImportStatus.CHECKED:
        context["confirm"] = ConfirmForm()
        context["invites"] = job.kind == ImportKind.VOLUNTEERS
    if not job.is_busy:
        context.update(_report(request, job))
    return render(request, "imports/detail.html", context)


@login_required
@require_POST
def import_mapping(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    job = access.get_import_for_runner(user=request.user, pk=pk)
    form = MappingForm(request.POST, job=job)
    form.is_valid()  # every field is optional: the service checks the mapping
    return post_action(
        request,
        lambda: services.import_map(actor=request.user, job=job, mapping=form.mapping()),
        success=_("The dry run has started."),
        redirect_to=_to(job),
    )


def _job_action(service: Any, success: Any) -> Any:
    @login_required
    @require_POST
    def view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
        job = access.get_import_for_runner(user=request.user, pk=pk)
        return post_action(
            request,
            lambda: service(actor=request.user, job=job),
            success=success,
            redirect_to=_to(job),
        )

    view.__name__ = service.__name__
    return view


import_check = _job_action(services.import_check, gettext_lazy("The dry run has started."))
import_cancel = _job_action(
    services.import_cancel,
    gettext_lazy("Cancelled. An import being written stops after the batch it is writing."),
)
import_undo = _job_action(
    services.import_undo, gettext_lazy("Undone: the rows this import created are deleted.")
)


@login_required
@require_POST
def import_confirm(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    job = access.get_import_for_runner(user=request.user, pk=pk)
    return post_action(
        request,
        lambda data: services.import_confirm(actor=request.user, job=job, **data),
        form=ConfirmForm(request.POST),
        success=None,
        redirect_to=_to(job),
    )


@login_required
@require_POST
def duplicate_decide(request: AuthenticatedRequest, pk: int, duplicate_pk: int) -> HttpResponse:
    duplicate = access.get_duplicate_for_runner(user=request.user, job_pk=pk, pk=duplicate_pk)
    return post_action(
        request,
        lambda data: services.duplicate_decide(actor=request.user, duplicate=duplicate, **data),
        form=DecisionForm(request.POST),
        success=None,
        redirect_to=reverse("imports:detail", args=[pk]) + f"#duplicate-{duplicate.pk}",
    )


@login_required
@require_safe
def rejected_download(
    request: AuthenticatedRequest, pk: int, export_format: str
) -> HttpResponseBase:
    job = access.get_import_for_viewer(user=request.user, pk=pk)
    if export_format not in tables.FORMATS:
        raise Http404
    headers, rows = selectors.rejected_table(job)
    name = f"rejected-rows-{job.pk}.{export_format}"
    return tables.table_response(
        headers, rows, filename=name, export_format=export_format, title=_("Rejected rows")
    )
