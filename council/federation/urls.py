"""The federation's routes: the node's well-known document and signed node-to-node endpoints
(`/.well-known/volunteer-council-node`, `/federation/v1/…`), and the pages of the node's
secretariat and of a person (`/federation/…`)."""

from django.urls import URLPattern, URLResolver, path

from council.federation.views import council

app_name = "federation"

urlpatterns: list[URLPattern | URLResolver] = []

# --- AGGREGATES: the council's page of member countries side by side ---
urlpatterns += [
    path("federation/council/", council.council_side_by_side, name="council_side_by_side"),
]
