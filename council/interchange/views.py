"""The exchange format's page: export a scope as a file, and import a file — checked first,
with a report to read, then confirmed."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from council.accounts.http import AuthenticatedRequest
from council.interchange import access, selectors
from council.interchange.forms import ExportForm, ImportForm
from council.interchange.models import ImportStatus
from council.interchange.services.exports import export_start
from council.interchange.services.importer import count_labels
from council.interchange.services.imports import import_check, import_confirm
from council.interchange.validation import SCHEMA_NAMES
from council.lib.forms import flash_errors


def _page(
    request: AuthenticatedRequest,
    reach: access.Reach,
    export_form: ExportForm | None = None,
    import_form: ImportForm | None = None,
    status: int = 200,
) -> HttpResponse:
    imports = selectors.exchange_imports_recent(user=request.user)
    return render(
        request,
        "interchange/index.html",
        {
            "export_form": export_form or ExportForm(reach=reach),
            "import_form": import_form or ImportForm(),
            "imports": imports,
            "schemas": SCHEMA_NAMES,
        },
        status=status,
    )


def _form_error(form: ExportForm | ImportForm, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


@login_required
@require_GET
def index(request: AuthenticatedRequest) -> HttpResponse:
    return _page(request, access.require_reach(user=request.user))


@login_required
@require_POST
def export(request: AuthenticatedRequest) -> HttpResponseBase:
    reach = access.require_reach(user=request.user)
    form = ExportForm(request.POST, reach=reach)
    if form.is_valid():
        try:
            return export_start(
                actor=request.user,
                reach=reach,
                scope=form.export_scope(),
                export_format=form.cleaned_data["format"],
            ).response()
        except ValidationError as error:
            _form_error(form, error)
    return _page(request, reach, export_form=form, status=400)


@login_required
@require_POST
def import_upload(request: AuthenticatedRequest) -> HttpResponse:
    reach = access.require_reach(user=request.user)
    form = ImportForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            job = import_check(
                actor=request.user,
                reach=reach,
                upload=form.cleaned_data["file"],
                issuer_key=form.cleaned_data["issuer_key"],
            )
        except ValidationError as error:
            _form_error(form, error)
        else:
            return redirect("interchange:import", pk=job.pk)
    return _page(request, reach, import_form=form, status=400)


@login_required
@require_GET
def import_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    job = access.get_import_for_requester(user=request.user, pk=pk)
    return render(
        request,
        "interchange/import.html",
        {
            "job": job,
            "waiting": job.status == ImportStatus.CHECKED,
            "counts": count_labels(job.report.get("counts", {})),
        },
    )


@login_required
@require_POST
def import_confirmed(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    job = access.get_import_for_requester(user=request.user, pk=pk)
    reach = access.require_reach(user=request.user)
    try:
        import_confirm(actor=request.user, reach=reach, job=job)
    except ValidationError as error:
        flash_errors(request, error)
    return redirect("interchange:import", pk=job.pk)
