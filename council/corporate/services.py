"""Corporate volunteering: a company's employee programme. Employees join by invitation (the
organisation's members) or, with a verified address at the company's email domain, by
themselves; the company's opportunities marked for its members only are its programme's;
hours during paid work time (volunteer time off) are kept apart from the ILO totals."""

from __future__ import annotations

import re

from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from council.accounts.models import User
from council.audit.records import audit_in_organisation, audit_organisation, update_audited
from council.orgs.models import Membership, MembershipRole, Organisation, OrganisationKind

# Addresses anyone can get: they prove nobody's employer.
PUBLIC_MAIL_DOMAINS = frozenset(
    {
        "gmail.com",
        "googlemail.com",
        "outlook.com",
        "hotmail.com",
        "live.com",
        "yahoo.com",
        "icloud.com",
        "mail.ru",
        "bk.ru",
        "inbox.ru",
        "list.ru",
        "internet.ru",
        "yandex.ru",
        "yandex.kz",
        "ya.ru",
        "rambler.ru",
    }
)
DOMAIN = re.compile(r"^(?=.{3,120}$)(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$")


def _company(organisation: Organisation) -> None:
    if organisation.kind != OrganisationKind.COMPANY:
        raise ValidationError(_("Only a company runs an employee programme."))


@transaction.atomic
def company_domain_set(*, actor: User, company: Organisation, domain: str) -> Organisation:
    """The company's admins name the email domain of its employees (or clear it)."""
    _company(company)
    if not Membership.objects.filter(
        user=actor, organisation=company, role=MembershipRole.ADMIN
    ).exists():
        raise ValidationError(_("The company's admins set its email domain."))
    domain = domain.strip().lower().removeprefix("@")
    if domain and not DOMAIN.match(domain):
        raise ValidationError({"domain": _("Enter a domain such as company.kz.")})
    if domain in PUBLIC_MAIL_DOMAINS:
        raise ValidationError(
            {"domain": _("Anyone can have an address at %(domain)s.") % {"domain": domain}}
        )
    return update_audited(
        company,
        {"employee_email_domain": domain},
        actor=actor,
        action="organisation.email_domain_set",
        data={"domain": domain},
        audit=audit_organisation,
    )


@transaction.atomic
def employee_join(*, user: User, company: Organisation) -> Membership:
    """A person with a verified address at the company's domain joins as a member."""
    _company(company)
    domain = company.employee_email_domain
    if not domain:
        raise ValidationError(_("This company takes employees by invitation only."))
    verified = EmailAddress.objects.filter(user=user, verified=True).values_list("email", flat=True)
    if not any(email.lower().rsplit("@", 1)[-1] == domain for email in verified):
        raise ValidationError(
            _("Add and verify your work address at %(domain)s in your account first.")
            % {"domain": domain}
        )
    membership, created = Membership.objects.get_or_create(
        user=user, organisation=company, defaults={"role": MembershipRole.MEMBER}
    )
    if not created:
        raise ValidationError(_("You are in this company's programme already."))
    audit_in_organisation(user, "membership.joined_by_domain", membership, domain=domain)
    return membership
