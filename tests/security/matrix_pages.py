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

from pathlib import Path

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
    "readyz",
    # Open to the addresses of METRICS_ALLOWED_NETWORKS, the test client's 127.0.0.1 among
    # them (council/ops/tests/test_metrics.py asks from others).
    "metrics",
    # The phone app's shell (council/push): its manifest, service worker and offline page.
    "manifest.webmanifest",
    "service-worker.js",
    "offline/",
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
    # An invited contact's link: its token is the key (council/volunteers/views/invitation.py).
    "volunteer/invitation/<str:token>/",
    "volunteer/invitation/<str:token>/erase/",
    "projects/",
    "projects/<int:pk>/",
    "opportunities/<int:pk>/",
    "calendar/<str:token>.ics",
    # A team member's invitation link: its token is the key (council/projects/views/teams.py).
    "teams/join/<str:token>/",
    # A colleague's link to a shift offered to them: its token is the key.
    "handovers/take/<str:token>/",
    # A mail's one-click unsubscribe link (RFC 8058): its signed token is the key.
    "me/unsubscribe/<str:token>/",
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
    "news/",
    "training/",
    "training/modules/<int:pk>/",
    "training/attachments/<int:pk>/",
    "training/credentials/<int:pk>/",
    "news/<int:pk>/",
    "news/orgs/<int:organisation_pk>/",
    "news/orgs/<int:organisation_pk>/<str:language>/rss/",
    "news/orgs/<int:organisation_pk>/<str:language>/atom/",
    "news/councils/<int:council_pk>/",
    "news/councils/<int:council_pk>/<str:language>/rss/",
    "news/councils/<int:council_pk>/<str:language>/atom/",
}

# The writes that may change the object they name even with an empty body: a role's own
# business. Any other write must leave it as it was, whatever it answers.
MAY_CHANGE: set[tuple[str, str, str]] = {
    # The secretariat's retry queues the failed task again and removes the failed row.
    ("ops/tasks/<uuid:pk>/retry/", "post", "secretariat"),
    # The secretariat runs every import: it starts the dry run again, then cancels it.
    ("imports/<int:pk>/check/", "post", "secretariat"),
    ("imports/<int:pk>/cancel/", "post", "secretariat"),
}

# Writes sent with a body rather than empty.
BODIES: dict[str, dict[str, str]] = {"reports/exports/": {"kind": "hours", "format": "csv"}}

# Cells that the matrix states correctly but that are open today: none (keep the mechanism
# for a hole found before its fix lands).
KNOWN_OPEN: set[tuple[str, str, str]] = set()


EMPTY_ROUTE = '""'  # how matrix_pages.txt writes the route of the home page


def _pages(path: Path) -> dict[str, dict[str, str]]:
    """The rows of matrix_pages.txt: `<route> <method> <ten answers>` (`""` for the empty
    route), comment lines starting with #."""
    pages: dict[str, dict[str, str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        route, method, row = line.split(" ", 2)
        pages.setdefault("" if route == EMPTY_ROUTE else route, {})[method] = row
    return pages


# The answers by route and method: matrix_pages.txt.
PAGES = _pages(Path(__file__).with_name("matrix_pages.txt"))
