"""The council's pages: the council with its countries side by side, its agreements (kept by
the secretariat) and its programmes."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from council.accounts.http import AuthenticatedRequest
from council.accounts.selectors import person_by_email
from council.cooperation import access
from council.cooperation.forms import (
    AgreementForm,
    CouncilForm,
    CouncilMemberForm,
    CouncilRoleForm,
    DocumentForm,
    ExtendForm,
    ProgrammeForm,
    SignatoryForm,
    SignForm,
)
from council.cooperation.models import Council, Programme
from council.cooperation.selectors import council_overview
from council.cooperation.services import agreements as services
from council.cooperation.services import councils as council_services
from council.cooperation.services.programmes import programme_create as programme_service
from council.forums import access as forum_access
from council.lib.forms import add_service_errors, flash_errors, valid_data


def council_list(request: HttpRequest) -> HttpResponse:
    councils = Council.objects.prefetch_related("members__organisation__country").order_by("pk")
    return render(request, "cooperation/council_list.html", {"councils": councils})


def council_detail(request: HttpRequest, pk: int) -> HttpResponse:
    council = access.get_council(pk=pk)
    keeper = access.is_secretariat(user=request.user)
    overview = council_overview(council=council)
    delegations = [d for column in overview["columns"] for d in column.delegations]
    context = {
        "council": council,
        "is_secretariat": keeper,
        "member_form": CouncilMemberForm() if keeper else None,
        "role_form": CouncilRoleForm(council=council) if keeper else None,
        # A delegation links to its own page for those who may open it, else to its forum.
        "delegations_seen": forum_access.delegations_seen_by(
            user=request.user, delegations=delegations
        ),
        **overview,
    }
    return render(request, "cooperation/council.html", context)


def agreement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = access.get_agreement_for_viewer(user=request.user, pk=pk)
    keeper = access.is_secretariat(user=request.user)
    context = {
        "agreement": agreement,
        "keeper": keeper,
        "parties": agreement.parties.select_related("country").order_by("country_id", "name"),
        "signatories": agreement.signatories.select_related("organisation"),
        "extensions": agreement.extensions.order_by("created_at", "pk"),
        "documents": (
            agreement.documents.order_by("uploaded_at", "pk")
            if access.reads_documents(user=request.user, agreement=agreement)
            else None
        ),
        "programmes": agreement.programmes.order_by("pk"),
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
    form = AgreementForm(request.POST or None, council=council)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        parties = list(data.pop("parties"))
        try:
            agreement = services.agreement_create(
                actor=request.user, council=council, parties=parties, **data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("The agreement is saved as a draft: add its signatories, then sign it.")
            )
            return redirect("cooperation:agreement", pk=agreement.pk)
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "council": council}
    return render(
        request,
        "cooperation/form_page.html",
        {**context, "heading": _("New agreement"), "draft": True},
        status=status,
    )


@login_required
@require_POST
def agreement_sign(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    agreement = access.get_agreement_for_keeper(user=request.user, pk=pk)
    form = SignForm(request.POST)
    try:
        data = valid_data(form)
        services.agreement_sign(actor=request.user, agreement=agreement, **data)
        messages.success(request, _("The signature is recorded."))
    except ValidationError as error:
        flash_errors(request, error, form)
    return redirect("cooperation:agreement", pk=agreement.pk)


@login_required
@require_POST
def agreement_extend(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    agreement = access.get_agreement_for_keeper(user=request.user, pk=pk)
    form = ExtendForm(request.POST)
    try:
        data = valid_data(form)
        services.agreement_extend(actor=request.user, agreement=agreement, **data)
        messages.success(request, _("The extension is recorded."))
    except ValidationError as error:
        flash_errors(request, error, form)
    return redirect("cooperation:agreement", pk=agreement.pk)


@login_required
@require_POST
def signatory_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    agreement = access.get_agreement_for_keeper(user=request.user, pk=pk)
    form = SignatoryForm(request.POST, agreement=agreement)
    try:
        data = valid_data(form)
        services.signatory_add(actor=request.user, agreement=agreement, **data)
        messages.success(request, _("The signatory is added."))
    except ValidationError as error:
        flash_errors(request, error, form)
    return redirect("cooperation:agreement", pk=agreement.pk)


@login_required
@require_POST
def document_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    agreement = access.get_agreement_for_keeper(user=request.user, pk=pk)
    form = DocumentForm(request.POST, request.FILES)
    try:
        data = valid_data(form)
        services.document_add(
            actor=request.user, agreement=agreement, title=data["title"], upload=data["file"]
        )
        messages.success(request, _("The signed copy is attached."))
    except ValidationError as error:
        flash_errors(request, error, form)
    return redirect("cooperation:agreement", pk=agreement.pk)


@login_required
def document_download(request: AuthenticatedRequest, pk: int) -> FileResponse:
    document = access.get_document_for_reader(user=request.user, pk=pk)
    return FileResponse(
        document.file.open("rb"),
        content_type="application/pdf",
        as_attachment=False,
        filename=f"agreement-{document.agreement_id}-{document.pk}.pdf",
    )


def programme_detail(request: HttpRequest, pk: int) -> HttpResponse:
    programme = Programme.objects.select_related("council", "agreement").filter(pk=pk).first()
    if programme is None:
        raise Http404
    context = {
        "programme": programme,
        "exchanges": programme.exchanges.exclude(status="draft").order_by("-starts_on", "pk"),
        "assignments": programme.assignments.exclude(status="draft").order_by("-starts_on", "pk"),
        "countries": programme.countries.order_by("code"),
        "organisations": programme.organisations.select_related("country").order_by(
            "country_id", "name"
        ),
        "projects": programme.projects.select_related("owner").order_by(
            "-is_flagship", "-start_date", "pk"
        ),
    }
    return render(request, "cooperation/programme.html", context)


@login_required
def programme_create(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    council = access.get_council_for_keeper(user=request.user, pk=pk)
    form = ProgrammeForm(request.POST or None, council=council)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            programme = programme_service(
                actor=request.user,
                council=council,
                countries=list(data.pop("countries")),
                organisations=list(data.pop("organisations")),
                projects=list(data.pop("projects")),
                **data,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The programme is recorded."))
            return redirect("cooperation:programme", pk=programme.pk)
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "council": council}
    return render(
        request,
        "cooperation/form_page.html",
        {**context, "heading": _("New programme")},
        status=status,
    )


@login_required
def council_create(request: AuthenticatedRequest) -> HttpResponse:
    if not access.is_secretariat(user=request.user):
        raise Http404
    form = CouncilForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            council = council_services.council_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The council is recorded: add its organisations."))
            return redirect("cooperation:council", pk=council.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "cooperation/form_page.html",
        {"form": form, "heading": _("New council")},
        status=status,
    )


@login_required
@require_POST
def council_member_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    council = access.get_council_for_keeper(user=request.user, pk=pk)
    try:
        data = valid_data(CouncilMemberForm(request.POST))
        council_services.council_member_add(actor=request.user, council=council, **data)
        messages.success(request, _("The organisation joins the council."))
    except ValidationError as error:
        flash_errors(request, error)
    return redirect("cooperation:council", pk=council.pk)


@login_required
@require_POST
def council_role_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    council = access.get_council_for_keeper(user=request.user, pk=pk)
    try:
        data = valid_data(CouncilRoleForm(request.POST, council=council))
        person = person_by_email(data.pop("email"))
        council_services.council_role_add(
            actor=request.user, council=council, person=person, **data
        )
        messages.success(request, _("Saved."))
    except ValidationError as error:
        flash_errors(request, error)
    return redirect("cooperation:council", pk=council.pk)
