"""What each page of the project answers to each persona of world.py.

Columns, in world.PERSONAS' order: anonymous, volunteer_ru, volunteer_kz, organiser_ru,
organiser_kz, member_ru, coordinator_ru, coordinator_kz, secretariat, company_admin.

Every persona is asked about the objects of the other country's side (the read-only member
about its own organisation's and its own council's), and everyone about the objects of a
council of two other countries. The answers:

- `ok` (2xx): a public page (home, search, lists, public project, opportunity, forum,
  council, programme, exchange and deployment pages, certificate verification, open
  statistics), a page about one's own account, or a role's own business (the secretariat
  keeps every council; the national coordinators see the council's reports);
- `login`: the sign-in redirect for the anonymous caller; `admin`: the admin's sign-in;
- `404`: another party's object, or a page of a role one does not have;
- `403`: a read-only member's write, or a write on a page one may only read;
- `405`: the wrong method; `400`: an empty form of one's own (validation comes after access);
- `3xx`: another redirect: one's own write went through (or was refused with a message on
  the page it leads back to), or a signed-in person sent on from a sign-in page.

A `get` row for every route; a `post` row for every route that takes a form (sent with an
empty body, or BODIES'). Admin routes: ADMIN_ROW for all (no persona is staff).
API operations are in matrix_api.py; the API's own pages are here.
"""

from __future__ import annotations

ADMIN_ROW = " ".join(["admin"] * 10)
# The admin's own doors: its sign-in page sends to the site's sign-in (two-factor, rate
# limits) and refuses whoever is signed in without being staff; signing out sends non-staff
# to the admin's index (which then asks them to sign in).
ADMIN_PAGES: dict[str, dict[str, str]] = {
    "admin/login/": {"get": " ".join(["login"] + ["403"] * 9)},
    "admin/logout/": {"get": " ".join(["3xx"] * 10)},
}

# The API's pages (the operations are in matrix_api.py).
API_PAGES = {"api/v1/openapi.json", "api/v1/docs", "api/v1/", "api/v1/^(?P<path>.*)$"}

# The pages open to everyone, signed in or not: the only routes whose row may answer `ok`
# to the anonymous caller (test_every_route_is_in_the_matrix holds the two together).
PUBLIC = {
    "",
    "healthz",
    "accounts/login/",
    "accounts/inactive/",
    "accounts/signup/",
    "accounts/confirm-email/",
    "accounts/password/reset/",
    "accounts/^confirm-email/(?P<key>[-:\\w]+)/$",
    "accounts/password/reset/key/done/",
    "accounts/^password/reset/key/(?P<uidb36>[0-9A-Za-z]+)-(?P<key>.+)/$",
    "accounts/password/reset/done/",
    "orgs/",
    "orgs/<int:pk>/",
    "projects/",
    "projects/<int:pk>/",
    "opportunities/<int:pk>/",
    "calendar/<str:token>.ics",
    "search/",
    "hours/signing-keys.json",
    "verify/",
    "verify/<str:code>/",
    "forums/",
    "forums/<int:pk>/",
    "councils/",
    "councils/<int:pk>/",
    "programmes/<int:pk>/",
    "exchanges/",
    "exchanges/<int:pk>/",
    "deployments/",
    "deployments/<int:pk>/",
    "statistics/",
    "statistics/table.<str:export_format>",
    "api/v1/openapi.json",
    "api/v1/docs",
}

# The writes that may change the object they name even with an empty body: a role's own
# business. Any other write must leave it as it was, whatever it answers.
MAY_CHANGE: set[tuple[str, str, str]] = set()

# Writes sent with a body rather than empty.
BODIES: dict[str, dict[str, str]] = {"reports/exports/": {"kind": "hours", "format": "csv"}}

# Cells that the matrix states correctly but that are open today: none (keep the mechanism
# for a hole found before its fix lands).
KNOWN_OPEN: set[tuple[str, str, str]] = set()

PAGES: dict[str, dict[str, str]] = {
    "": {"get": "ok ok ok ok ok ok ok ok ok ok"},
    "i18n/setlang/": {
        "get": "405 405 405 405 405 405 405 405 405 405",
        "post": "3xx 3xx 3xx 3xx 3xx 3xx 3xx 3xx 3xx 3xx",
    },
    "healthz": {"get": "ok ok ok ok ok ok ok ok ok ok"},
    "accounts/login/": {
        "get": "ok 3xx 3xx 3xx 3xx 3xx 3xx 3xx 3xx 3xx",
        "post": "ok 3xx 3xx 3xx 3xx 3xx 3xx 3xx 3xx 3xx",
    },
    "accounts/logout/": {"get": "3xx ok ok ok ok ok ok ok ok ok"},
    "accounts/inactive/": {
        "get": "ok ok ok ok ok ok ok ok ok ok",
        "post": "405 405 405 405 405 405 405 405 405 405",
    },
    "accounts/signup/": {
        "get": "ok 3xx 3xx 3xx 3xx 3xx 3xx 3xx 3xx 3xx",
        "post": "ok 3xx 3xx 3xx 3xx 3xx 3xx 3xx 3xx 3xx",
    },
    "accounts/reauthenticate/": {
        "get": "login ok ok ok ok ok ok ok ok ok",
        "post": "login ok ok ok ok ok ok ok ok ok",
    },
    "accounts/email/": {
        "get": "login ok ok ok ok ok ok ok ok ok",
        "post": "login 3xx 3xx 3xx 3xx 3xx 3xx 3xx 3xx 3xx",
    },
    "accounts/confirm-email/": {"get": "ok ok ok ok ok ok ok ok ok ok"},
    "accounts/password/change/": {
        "get": "login ok ok ok ok ok ok ok ok ok",
        "post": "login ok ok ok ok ok ok ok ok ok",
    },
    "accounts/password/set/": {
        "get": "login 3xx 3xx 3xx 3xx 3xx 3xx 3xx 3xx 3xx",
        "post": "login 3xx 3xx 3xx 3xx 3xx 3xx 3xx 3xx 3xx",
    },
    "accounts/password/reset/": {
        "get": "ok ok ok ok ok ok ok ok ok ok",
        "post": "ok ok ok ok ok ok ok ok ok ok",
    },
    "accounts/login/code/confirm/": {
        "get": "login 3xx 3xx 3xx 3xx 3xx 3xx 3xx 3xx 3xx",
        "post": "login 3xx 3xx 3xx 3xx 3xx 3xx 3xx 3xx 3xx",
    },
    "accounts/^confirm-email/(?P<key>[-:\\w]+)/$": {
        "get": "ok ok ok ok ok ok ok ok ok ok",
        "post": "404 404 404 404 404 404 404 404 404 404",
    },
    "accounts/password/reset/key/done/": {
        "get": "ok ok ok ok ok ok ok ok ok ok",
        "post": "405 405 405 405 405 405 405 405 405 405",
    },
    "accounts/^password/reset/key/(?P<uidb36>[0-9A-Za-z]+)-(?P<key>.+)/$": {
        "get": "ok ok ok ok ok ok ok ok ok ok",
        "post": "ok ok ok ok ok ok ok ok ok ok",
    },
    "accounts/password/reset/done/": {
        "get": "ok ok ok ok ok ok ok ok ok ok",
        "post": "405 405 405 405 405 405 405 405 405 405",
    },
    "accounts/2fa/": {
        "get": "login ok ok ok ok ok ok ok ok ok",
        "post": "login 405 405 405 405 405 405 405 405 405",
    },
    "accounts/2fa/authenticate/": {
        "get": "login 3xx 3xx 3xx 3xx 3xx 3xx 3xx 3xx 3xx",
        "post": "login 3xx 3xx 3xx 3xx 3xx 3xx 3xx 3xx 3xx",
    },
    "accounts/2fa/reauthenticate/": {
        "get": "login 3xx 3xx 3xx 3xx 3xx 3xx 3xx 3xx 3xx",
        "post": "login 3xx 3xx 3xx 3xx 3xx 3xx 3xx 3xx 3xx",
    },
    "accounts/2fa/totp/activate/": {
        "get": "login 3xx 3xx 3xx 3xx 3xx 3xx 3xx 3xx 3xx",
        "post": "login 3xx 3xx 3xx 3xx 3xx 3xx 3xx 3xx 3xx",
    },
    "accounts/2fa/totp/deactivate/": {
        "get": "login 404 404 404 404 404 404 404 404 404",
        "post": "login 404 404 404 404 404 404 404 404 404",
    },
    "accounts/2fa/recovery-codes/": {
        "get": "login 404 404 404 404 404 404 404 404 404",
        "post": "login 405 405 405 405 405 405 405 405 405",
    },
    "accounts/2fa/recovery-codes/generate/": {
        "get": "login 3xx 3xx 3xx 3xx 3xx 3xx 3xx 3xx 3xx",
        "post": "login 3xx 3xx 3xx 3xx 3xx 3xx 3xx 3xx 3xx",
    },
    "accounts/2fa/recovery-codes/download/": {
        "get": "login 404 404 404 404 404 404 404 404 404",
        "post": "login 404 404 404 404 404 404 404 404 404",
    },
    "me/": {"get": "login ok ok ok ok ok ok ok ok ok", "post": "login ok ok ok ok ok ok ok ok ok"},
    "me/consents/": {
        "get": "login ok ok ok ok ok ok ok ok ok",
        "post": "login ok ok ok ok ok ok ok ok ok",
    },
    "me/data/": {"get": "login ok ok ok ok ok ok ok ok ok"},
    "me/data/export.json": {"get": "login ok ok ok ok ok ok ok ok ok"},
    "me/data/erase/": {"get": "login 405 405 405 405 405 405 405 405 405"},
    "orgs/": {"get": "ok ok ok ok ok ok ok ok ok ok"},
    "orgs/mine/": {"get": "login ok ok ok ok ok ok ok ok ok"},
    "orgs/new/": {
        "get": "login ok ok ok ok ok ok ok ok ok",
        "post": "login ok ok ok ok ok ok ok ok ok",
    },
    "orgs/verification/": {"get": "login 404 404 404 404 404 ok ok ok 404"},
    "orgs/invitations/<str:token>/": {
        "get": "login ok ok ok ok ok ok ok ok ok",
        "post": "login 400 400 400 400 400 400 400 400 400",
    },
    "orgs/<int:pk>/": {"get": "ok ok ok ok ok ok ok ok ok ok"},
    "orgs/<int:pk>/edit/": {
        "get": "login 404 404 404 404 403 404 404 404 404",
        "post": "login 404 404 404 404 403 404 404 404 404",
    },
    "orgs/<int:pk>/verify/": {
        "get": "login 405 405 405 405 405 405 405 405 405",
        "post": "login 404 404 404 404 404 404 404 3xx 404",
    },
    "orgs/<int:pk>/members/": {"get": "login 404 404 404 404 ok 404 404 404 404"},
    "orgs/<int:pk>/members/invite/": {
        "get": "login 405 405 405 405 405 405 405 405 405",
        "post": "login 404 404 404 404 403 404 404 404 404",
    },
    "orgs/<int:pk>/members/<int:membership_pk>/role/": {
        "get": "login 405 405 405 405 405 405 405 405 405",
        "post": "login 404 404 404 404 403 404 404 404 404",
    },
    "orgs/<int:pk>/members/<int:membership_pk>/remove/": {
        "get": "login 405 405 405 405 405 405 405 405 405",
        "post": "login 404 404 404 404 403 404 404 404 404",
    },
    "orgs/<int:pk>/invitations/<int:invitation_pk>/revoke/": {
        "get": "login 405 405 405 405 405 405 405 405 405",
        "post": "login 404 404 404 404 403 404 404 404 404",
    },
    "orgs/<int:pk>/audit/": {"get": "login 404 404 404 404 403 404 404 404 404"},
    "volunteer/": {
        "get": "login ok ok ok ok ok ok ok ok ok",
        "post": "login 400 400 400 400 400 400 400 400 400",
    },
    "volunteer/guardian/": {
        "get": "login 405 405 405 405 405 405 405 405 405",
        "post": "login 400 400 400 400 400 400 400 400 400",
    },
    "volunteer/guardian/withdraw/": {
        "get": "login 405 405 405 405 405 405 405 405 405",
        "post": "login 3xx 3xx 3xx 3xx 3xx 3xx 3xx 3xx 3xx",
    },
    "projects/": {"get": "ok ok ok ok ok ok ok ok ok ok"},
    "projects/mine/": {"get": "login ok ok ok ok ok ok ok ok ok"},
    "projects/new/": {
        "get": "login 403 403 ok ok 403 ok ok 403 ok",
        "post": "login 403 403 ok ok 403 ok ok 403 ok",
    },
    "projects/<int:pk>/": {"get": "ok ok ok ok ok ok ok ok ok ok"},
    "projects/<int:pk>/manage/": {"get": "login 404 404 404 404 403 404 404 404 404"},
    "projects/<int:pk>/edit/": {
        "get": "login 404 404 404 404 403 404 404 404 404",
        "post": "login 404 404 404 404 403 404 404 404 404",
    },
    "projects/<int:pk>/publish/": {
        "get": "login 405 405 405 405 405 405 405 405 405",
        "post": "login 404 404 404 404 403 404 404 404 404",
    },
    "projects/<int:pk>/complete/": {
        "get": "login 405 405 405 405 405 405 405 405 405",
        "post": "login 404 404 404 404 403 404 404 404 404",
    },
    "projects/<int:pk>/cancel/": {
        "get": "login 405 405 405 405 405 405 405 405 405",
        "post": "login 404 404 404 404 403 404 404 404 404",
    },
    "projects/<int:pk>/opportunities/new/": {"get": "login 404 404 404 404 403 404 404 404 404"},
    "opportunities/<int:pk>/edit/": {"get": "login 404 404 404 404 403 404 404 404 404"},
    "opportunities/<int:pk>/shifts/": {"get": "login 404 404 404 404 403 404 404 404 404"},
    "opportunities/<int:pk>/shifts/new/": {
        "get": "login 405 405 405 405 405 405 405 405 405",
        "post": "login 404 404 404 404 403 404 404 404 404",
    },
    "opportunities/<int:pk>/shifts/series/": {
        "get": "login 405 405 405 405 405 405 405 405 405",
        "post": "login 404 404 404 404 403 404 404 404 404",
    },
    "shifts/<int:pk>/edit/": {
        "get": "login 404 404 404 404 403 404 404 404 404",
        "post": "login 404 404 404 404 403 404 404 404 404",
    },
    "shifts/<int:pk>/delete/": {
        "get": "login 405 405 405 405 405 405 405 405 405",
        "post": "login 404 404 404 404 403 404 404 404 404",
    },
    "opportunities/<int:pk>/": {"get": "ok ok ok ok ok ok ok ok ok ok"},
    "opportunities/<int:pk>/apply/": {
        "get": "login 405 405 405 405 405 405 405 405 405",
        "post": "login 400 400 400 400 400 400 400 400 400",
    },
    "opportunities/<int:pk>/applications/": {"get": "login 404 404 404 404 403 404 404 404 404"},
    "opportunities/<int:pk>/applications/accept/": {
        "get": "login 405 405 405 405 405 405 405 405 405",
        "post": "login 404 404 404 404 403 404 404 404 404",
    },
    "applications/<int:pk>/decide/": {
        "get": "login 405 405 405 405 405 405 405 405 405",
        "post": "login 404 404 404 404 403 404 404 404 404",
    },
    "me/applications/": {"get": "login ok ok ok ok ok ok ok ok ok"},
    "me/applications/<int:pk>/withdraw/": {
        "get": "login 405 405 405 405 405 405 405 405 405",
        "post": "login 404 404 404 404 404 404 404 404 404",
    },
    "me/calendar/": {
        "get": "login ok ok ok ok ok ok ok ok ok",
        "post": "login 3xx 3xx 3xx 3xx 3xx 3xx 3xx 3xx 3xx",
    },
    # The secret address of someone's calendar: whoever holds it reads the feed (no login).
    "calendar/<str:token>.ics": {"get": "ok ok ok ok ok ok ok ok ok ok"},
    "search/": {"get": "ok ok ok ok ok ok ok ok ok ok"},
    "for-you/": {"get": "login ok ok ok ok ok ok ok ok ok"},
    "opportunities/<int:pk>/suggestions/": {"get": "login 404 404 404 404 403 404 404 404 404"},
    "hours/": {"get": "login ok ok ok ok ok ok ok ok ok"},
    "hours/log/": {
        "get": "login ok ok ok ok ok ok ok ok ok",
        "post": "login 400 400 400 400 400 400 400 400 400",
    },
    "hours/<int:pk>/dispute/": {
        "get": "login 405 405 405 405 405 405 405 405 405",
        "post": "login 404 404 404 404 404 404 404 404 404",
    },
    "hours/record-book/": {"get": "login ok ok ok ok ok ok ok ok ok"},
    "hours/record-book.pdf": {"get": "login ok ok ok ok ok ok ok ok ok"},
    "hours/record-book.json": {"get": "login ok ok ok ok ok ok ok ok ok"},
    "hours/signing-keys.json": {"get": "ok ok ok ok ok ok ok ok ok ok"},
    "hours/tickets/<int:pk>/": {"get": "login 404 404 404 404 404 404 404 404 404"},
    "hours/certificates/": {"get": "login ok ok ok ok ok ok ok ok ok"},
    "hours/certificates/<int:pk>.pdf": {"get": "login 404 404 404 404 404 404 404 404 404"},
    "hours/certificates/<int:pk>/revoke/": {
        "get": "login 405 405 405 405 405 405 405 405 405",
        "post": "login 404 404 404 404 403 404 404 404 404",
    },
    "hours/orgs/<int:pk>/": {"get": "login 404 404 404 404 403 404 404 404 404"},
    "hours/orgs/<int:pk>/verify/": {
        "get": "login 405 405 405 405 405 405 405 405 405",
        "post": "login 404 404 404 404 403 404 404 404 404",
    },
    "hours/orgs/<int:pk>/certificates/": {
        "get": "login 404 404 404 404 403 404 404 404 404",
        "post": "login 404 404 404 404 403 404 404 404 404",
    },
    "hours/entries/<int:pk>/verify/": {
        "get": "login 405 405 405 405 405 405 405 405 405",
        "post": "login 404 404 404 404 403 404 404 404 404",
    },
    "hours/entries/<int:pk>/reject/": {
        "get": "login 405 405 405 405 405 405 405 405 405",
        "post": "login 404 404 404 404 403 404 404 404 404",
    },
    "hours/entries/<int:pk>/delete/": {
        "get": "login 405 405 405 405 405 405 405 405 405",
        "post": "login 404 404 404 404 404 404 404 404 404",
    },
    "hours/shifts/<int:pk>/check-in/": {"get": "login 404 404 404 404 403 404 404 404 404"},
    "hours/shifts/<int:pk>/scan/": {
        "get": "login 405 405 405 405 405 405 405 405 405",
        "post": "login 404 404 404 404 403 404 404 404 404",
    },
    "hours/shifts/<int:pk>/log/": {
        "get": "login 405 405 405 405 405 405 405 405 405",
        "post": "login 404 404 404 404 403 404 404 404 404",
    },
    "verify/": {"get": "ok ok ok ok ok ok ok ok ok ok"},
    "verify/<str:code>/": {"get": "ok ok ok ok ok ok ok ok ok ok"},
    "forums/": {"get": "ok ok ok ok ok ok ok ok ok ok"},
    "forums/new/": {
        "get": "login 3xx 3xx ok ok 3xx ok ok 3xx ok",
        "post": "login 3xx 3xx 400 400 3xx 400 400 3xx 400",
    },
    "forums/<int:pk>/edit/": {
        "get": "login 404 404 404 404 404 404 404 404 404",
        "post": "login 404 404 404 404 404 404 404 404 404",
    },
    "forums/<int:pk>/publish/": {
        "get": "login 405 405 405 405 405 405 405 405 405",
        "post": "login 404 404 404 404 404 404 404 404 404",
    },
    "forums/<int:pk>/quotas/": {
        "get": "login 405 405 405 405 405 405 405 405 405",
        "post": "login 404 404 404 404 404 404 404 404 404",
    },
    "forums/<int:pk>/sessions/": {
        "get": "login 405 405 405 405 405 405 405 405 405",
        "post": "login 404 404 404 404 404 404 404 404 404",
    },
    "forums/<int:pk>/questions/": {
        "get": "login 405 405 405 405 405 405 405 405 405",
        "post": "login 404 404 404 404 404 404 404 404 404",
    },
    "forums/questions/<int:pk>/remove/": {
        "get": "login 405 405 405 405 405 405 405 405 405",
        "post": "login 404 404 404 404 404 404 404 404 404",
    },
    "forums/<int:pk>/volunteer-team/": {
        "get": "login 405 405 405 405 405 405 405 405 405",
        "post": "login 404 404 404 404 404 404 404 404 404",
    },
    "forums/<int:pk>/": {"get": "ok ok ok ok ok ok ok ok ok ok"},
    "forums/<int:pk>/register/": {
        "get": "login 405 405 405 405 405 405 405 405 405",
        "post": "login 400 400 400 400 400 400 400 400 400",
    },
    "forums/registrations/<int:pk>/cancel/": {
        "get": "login 405 405 405 405 405 405 405 405 405",
        "post": "login 404 404 404 404 404 404 404 404 404",
    },
    "forums/registrations/<int:pk>/accept/": {
        "get": "login 405 405 405 405 405 405 405 405 405",
        "post": "login 404 404 404 404 404 404 404 404 404",
    },
    "forums/<int:pk>/host/": {"get": "login 404 404 404 404 404 404 404 404 404"},
    "forums/quotas/<int:pk>/delegation/": {
        "get": "login 405 405 405 405 405 405 405 405 405",
        "post": "login 404 404 404 404 404 404 404 404 404",
    },
    "forums/delegations/<int:pk>/": {"get": "login 404 404 404 404 404 404 404 404 404"},
    "forums/delegations/<int:pk>/invite/": {
        "get": "login 405 405 405 405 405 405 405 405 405",
        "post": "login 404 404 404 404 404 404 404 404 404",
    },
    "forums/delegations/<int:pk>/roster.csv": {"get": "login 404 404 404 404 404 404 404 404 404"},
    "forums/members/<int:pk>/substitute/": {
        "get": "login 405 405 405 405 405 405 405 405 405",
        "post": "login 404 404 404 404 404 404 404 404 404",
    },
    "forums/members/<int:pk>/respond/": {
        "get": "login 405 405 405 405 405 405 405 405 405",
        "post": "login 404 404 404 404 404 404 404 404 404",
    },
    "forums/members/<int:pk>/travel/": {
        "get": "login 405 405 405 405 405 405 405 405 405",
        "post": "login 404 404 404 404 404 404 404 404 404",
    },
    "forums/members/<int:pk>/withdraw/": {
        "get": "login 405 405 405 405 405 405 405 405 405",
        "post": "login 404 404 404 404 404 404 404 404 404",
    },
    "forums/members/<int:pk>/decide/": {
        "get": "login 405 405 405 405 405 405 405 405 405",
        "post": "login 404 404 404 404 404 404 404 404 404",
    },
    "forums/members/<int:pk>/invitation.pdf": {"get": "login 404 404 404 404 404 404 404 404 404"},
    "forums/registrations/<int:pk>/badge.pdf": {"get": "login 404 404 404 404 404 404 404 404 404"},
    "forums/<int:pk>/check-in/": {"get": "login 404 404 404 404 404 404 404 404 404"},
    "forums/<int:pk>/scan/": {
        "get": "login 405 405 405 405 405 405 405 405 405",
        "post": "login 404 404 404 404 404 404 404 404 404",
    },
    "forums/<int:pk>/check-in/counts.json": {"get": "login 404 404 404 404 404 404 404 404 404"},
    "forums/sessions/<int:pk>/": {
        "get": "login 405 405 405 405 405 405 405 405 405",
        "post": "login 3xx 3xx 3xx 3xx 3xx 3xx 3xx 3xx 3xx",
    },
    "forums/delegations/<int:pk>/roster.xlsx": {"get": "login 404 404 404 404 404 404 404 404 404"},
    "councils/": {"get": "ok ok ok ok ok ok ok ok ok ok"},
    "councils/new/": {
        "get": "login 404 404 404 404 404 404 404 ok 404",
        "post": "login 404 404 404 404 404 404 404 400 404",
    },
    "councils/<int:pk>/": {"get": "ok ok ok ok ok ok ok ok ok ok"},
    "councils/<int:pk>/members/": {
        "get": "login 405 405 405 405 405 405 405 405 405",
        "post": "login 404 404 404 404 404 404 404 3xx 404",
    },
    "councils/<int:pk>/roles/": {
        "get": "login 405 405 405 405 405 405 405 405 405",
        "post": "login 404 404 404 404 404 404 404 3xx 404",
    },
    "councils/<int:pk>/agreements/new/": {
        "get": "login 404 404 404 404 404 404 404 ok 404",
        "post": "login 404 404 404 404 404 404 404 400 404",
    },
    "agreements/<int:pk>/": {"get": "404 404 404 404 404 ok 404 404 ok 404"},
    "agreements/<int:pk>/sign/": {
        "get": "login 405 405 405 405 405 405 405 405 405",
        "post": "login 404 404 404 404 404 404 404 3xx 404",
    },
    "agreements/<int:pk>/extend/": {
        "get": "login 405 405 405 405 405 405 405 405 405",
        "post": "login 404 404 404 404 404 404 404 3xx 404",
    },
    "agreements/<int:pk>/signatories/": {
        "get": "login 405 405 405 405 405 405 405 405 405",
        "post": "login 404 404 404 404 404 404 404 3xx 404",
    },
    "agreements/<int:pk>/documents/": {
        "get": "login 405 405 405 405 405 405 405 405 405",
        "post": "login 404 404 404 404 404 404 404 3xx 404",
    },
    # The signed copy: the parties' admins and coordinators and the secretariat only.
    "agreements/documents/<int:pk>/": {"get": "login 404 404 404 404 404 404 404 ok 404"},
    "programmes/<int:pk>/": {"get": "ok ok ok ok ok ok ok ok ok ok"},
    "councils/<int:pk>/programmes/new/": {
        "get": "login 404 404 404 404 404 404 404 ok 404",
        "post": "login 404 404 404 404 404 404 404 400 404",
    },
    "councils/<int:pk>/plan/": {"get": "login ok ok ok ok ok ok ok ok ok"},
    "councils/<int:pk>/commitments/": {
        "get": "login 405 405 405 405 405 405 405 405 405",
        "post": "login 404 404 404 404 404 404 404 3xx 404",
    },
    "commitments/<int:pk>/": {"get": "login 404 404 404 404 ok 404 404 ok 404"},
    "commitments/<int:pk>/status/": {
        "get": "login 405 405 405 405 405 405 405 405 405",
        "post": "login 404 404 404 404 404 404 404 3xx 404",
    },
    "councils/<int:pk>/meetings/": {
        "get": "login 405 405 405 405 405 405 405 405 405",
        "post": "login 404 404 404 404 404 404 404 3xx 404",
    },
    "meetings/<int:pk>/": {"get": "login 404 404 404 404 ok 404 404 ok 404"},
    "meetings/<int:pk>/decisions/": {
        "get": "login 405 405 405 405 405 405 405 405 405",
        "post": "login 404 404 404 404 404 404 404 3xx 404",
    },
    "exchanges/": {"get": "ok ok ok ok ok ok ok ok ok ok"},
    "exchanges/<int:pk>/": {"get": "ok ok ok ok ok ok ok ok ok ok"},
    "exchanges/<int:pk>/apply/": {
        "get": "login 405 405 405 405 405 405 405 405 405",
        "post": "login 3xx 3xx 3xx 3xx 3xx 3xx 3xx 3xx 3xx",
    },
    "councils/<int:pk>/exchanges/new/": {
        "get": "login 404 404 404 404 404 404 404 ok 404",
        "post": "login 404 404 404 404 404 404 404 400 404",
    },
    "exchanges/<int:pk>/manage/": {"get": "login 404 404 404 404 404 404 404 ok 404"},
    "exchanges/<int:pk>/manage/<slug:step>/": {
        "get": "login 405 405 405 405 405 405 405 405 405",
        "post": "login 404 404 404 404 404 404 404 3xx 404",
    },
    "exchanges/<int:pk>/nominations/": {"get": "login 404 404 404 404 404 404 404 404 404"},
    "exchange-applications/<int:pk>/nominate/": {
        "get": "login 405 405 405 405 405 405 405 405 405",
        "post": "login 404 404 404 404 404 404 404 404 404",
    },
    "exchanges/<int:pk>/panel/": {"get": "login 404 404 404 404 404 404 404 404 404"},
    "exchange-applications/<int:pk>/score/": {
        "get": "login 405 405 405 405 405 405 405 405 405",
        "post": "login 404 404 404 404 404 404 404 404 404",
    },
    "exchanges/<int:pk>/ranking/": {"get": "login 404 404 404 404 404 404 404 ok 404"},
    "deployments/": {"get": "ok ok ok ok ok ok ok ok ok ok"},
    "deployments/pool/": {
        "get": "login ok ok ok ok ok ok ok ok ok",
        "post": "login 400 400 400 400 400 400 400 400 400",
    },
    "deployments/<int:pk>/": {"get": "ok ok ok ok ok ok ok ok ok ok"},
    "councils/<int:pk>/deployments/new/": {
        "get": "login 404 404 404 404 404 404 404 ok 404",
        "post": "login 404 404 404 404 404 404 404 400 404",
    },
    "deployments/<int:pk>/open/": {
        "get": "login 405 405 405 405 405 405 405 405 405",
        "post": "login 404 404 404 404 404 404 404 3xx 404",
    },
    "deployments/<int:pk>/apply/": {
        "get": "login 405 405 405 405 405 405 405 405 405",
        "post": "login 3xx 3xx 3xx 3xx 3xx 3xx 3xx 3xx 3xx",
    },
    # Only a national network's admins and coordinators nominate: the others are refused
    # before their form is read.
    "deployments/<int:pk>/nominate/": {
        "get": "login 405 405 405 405 405 405 405 405 405",
        "post": "login 403 403 403 403 403 3xx 3xx 403 403",
    },
    "deployments/<int:pk>/longlist/": {"get": "login 404 404 404 404 404 404 404 ok 404"},
    "companies/<int:pk>/programme/": {"get": "login ok ok ok ok ok ok ok ok ok"},
    "companies/<int:pk>/programme/join/": {
        "get": "login 405 405 405 405 405 405 405 405 405",
        "post": "login 3xx 3xx 3xx 3xx 3xx 3xx 3xx 3xx 3xx",
    },
    "companies/<int:pk>/programme/domain/": {
        "get": "login 405 405 405 405 405 405 405 405 405",
        "post": "login 404 404 404 404 404 404 404 404 404",
    },
    "companies/<int:pk>/programme/totals.csv": {"get": "login 404 404 404 404 404 404 404 ok 404"},
    "candidacies/<int:pk>/move/": {
        "get": "login 405 405 405 405 405 405 405 405 405",
        "post": "login 404 404 404 404 404 404 404 3xx 404",
    },
    "candidacies/<int:pk>/report/": {
        "get": "login 405 405 405 405 405 405 405 405 405",
        "post": "login 404 404 404 404 404 404 404 404 404",
    },
    "reports/": {"get": "login 404 404 404 404 404 ok ok ok 404"},
    "reports/sdg/": {"get": "login 404 404 404 404 404 ok ok ok 404"},
    "reports/council.pdf": {"get": "login 404 404 404 404 404 ok ok ok 404"},
    "reports/iyv-2026.pdf": {"get": "login 404 404 404 404 404 ok ok ok 404"},
    "reports/me/": {"get": "login ok ok ok ok ok ok ok ok ok"},
    "reports/orgs/<int:pk>/": {"get": "login 404 404 404 404 404 404 404 404 404"},
    "reports/networks/<int:pk>/": {"get": "login 404 404 404 404 404 404 404 404 404"},
    "reports/companies/<int:pk>/": {"get": "login 404 404 404 404 404 404 404 404 404"},
    "reports/tables/<str:kind>.<str:export_format>": {
        "get": "login 404 404 404 404 404 ok ok ok 404"
    },
    "reports/orgs/<int:pk>/projects.<str:export_format>": {
        "get": "login 404 404 404 404 404 404 404 404 404"
    },
    "reports/networks/<int:pk>/<str:table>.<str:export_format>": {
        "get": "login 404 404 404 404 404 404 404 404 404"
    },
    "reports/companies/<int:pk>/projects.<str:export_format>": {
        "get": "login 404 404 404 404 404 404 404 404 404"
    },
    # A national coordinator's export holds their own country's entries only (the test
    # looks at the export made, see _export_beyond_country).
    "reports/exports/": {
        "get": "login 405 405 405 405 405 405 405 405 405",
        "post": "login 404 404 404 404 404 3xx 3xx 3xx 404",
    },
    "reports/exports/<int:pk>/": {"get": "login 404 404 404 404 404 404 404 404 404"},
    "reports/exports/<int:pk>/file": {"get": "login 404 404 404 404 404 404 404 404 404"},
    "statistics/": {"get": "ok ok ok ok ok ok ok ok ok ok"},
    "statistics/table.<str:export_format>": {"get": "ok ok ok ok ok ok ok ok ok ok"},
    "tokens/": {"get": "login ok ok ok ok ok ok ok ok ok"},
    "tokens/new/": {
        "get": "login 405 405 405 405 405 405 405 405 405",
        "post": "login 400 400 400 400 400 400 400 400 400",
    },
    "tokens/<int:pk>/revoke/": {
        "get": "login 405 405 405 405 405 405 405 405 405",
        "post": "login 404 404 404 404 404 404 404 404 404",
    },
    "api/v1/openapi.json": {"get": "ok ok ok ok ok ok ok ok ok ok"},
    "api/v1/docs": {"get": "ok ok ok ok ok ok ok ok ok ok"},
    "api/v1/": {
        "get": "404 404 404 404 404 404 404 404 404 404",
        "post": "404 404 404 404 404 404 404 404 404 404",
    },
    "api/v1/^(?P<path>.*)$": {"get": "404 404 404 404 404 404 404 404 404 404"},
    "media/<path:path>": {"get": "404 404 404 404 404 404 404 404 404 404"},
}
