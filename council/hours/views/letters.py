"""Letters of recommendation: the organisation's letters and the form that writes one, the
letter's PDF (for the volunteer and the organisation), and revoking one."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from council.accounts.http import AuthenticatedRequest
from council.hours import access
from council.hours.documents import letter_pdf
from council.hours.forms import LetterForm, RevokeForm
from council.hours.selectors import letters_of_organisation, volunteer_by_email
from council.hours.services import letters as services
from council.lib.downloads import pdf_download
from council.lib.views import action_view, saved_or_page


@login_required
def organisation_letters(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    organisation = access.get_organisation_for_verifier(user=request.user, pk=pk)
    form = LetterForm(request.POST or None)
    return saved_or_page(
        request,
        form,
        lambda: services.letter_issue(
            actor=request.user,
            organisation=organisation,
            volunteer=volunteer_by_email(email=form.cleaned_data["email"]),
            text=form.cleaned_data["text"],
            language=form.cleaned_data["language"],
        ),
        _("The letter is issued and sent to the volunteer."),
        redirect_to=lambda _letter: reverse("hours:org_letters", args=[organisation.pk]),
        template="hours/org_letters.html",
        organisation=organisation,
        letters=letters_of_organisation(organisation=organisation),
        revoke_form=RevokeForm(),
    )


@login_required
def letter_download(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    letter = access.get_letter_for_reader(user=request.user, pk=pk)
    return pdf_download(letter_pdf(letter), f"letter-{letter.code}.pdf")


letter_revoke = action_view(
    access.get_letter_for_issuer,
    services.letter_revoke,
    "letter",
    data=lambda request, _letter: {"reason": RevokeForm(request.POST).checked_reason()},
    success=gettext_lazy("The letter is revoked."),
    redirect_to=lambda letter: reverse("hours:org_letters", args=[letter.organisation_id]),
)


urlpatterns = [
    path("hours/orgs/<int:pk>/letters/", organisation_letters, name="org_letters"),
    path("hours/letters/<int:pk>.pdf", letter_download, name="letter_pdf"),
    path("hours/letters/<int:pk>/revoke/", letter_revoke, name="letter_revoke"),
]
