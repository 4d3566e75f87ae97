"""The federation's routes: the node's well-known document and signed node-to-node endpoints
(`/.well-known/volunteer-council-node`, `/federation/v1/…`), and the pages of the node's
secretariat and of a person (`/federation/…`)."""

from django.urls import URLPattern, URLResolver, path

from council.federation import inbound
from council.federation.views import abroad, council, home, secretariat

app_name = "federation"

urlpatterns: list[URLPattern | URLResolver] = []

# --- TRANSPORT: the well-known document, the signed endpoint, the secretariat's pages -----
urlpatterns += [
    path(".well-known/volunteer-council-node", inbound.well_known, name="well_known"),
    path("federation/v1/<str:name>", inbound.endpoint, name="endpoint"),
    path("federation/", secretariat.overview, name="overview"),
    path("federation/peers/add/", secretariat.peer_add, name="peer_add"),
    path("federation/peers/<int:pk>/", secretariat.peer_detail, name="peer"),
    path("federation/peers/<int:pk>/accept/", secretariat.peer_accept, name="peer_accept"),
    path("federation/peers/<int:pk>/suspend/", secretariat.peer_suspend, name="peer_suspend"),
    path("federation/peers/<int:pk>/resume/", secretariat.peer_resume, name="peer_resume"),
    path("federation/peers/<int:pk>/send-now/", secretariat.peer_send_now, name="peer_send_now"),
    path("federation/calls/", secretariat.calls, name="calls"),
]
# --- HOME: a person acting on another node's catalogue; the transfer log ------------------
urlpatterns += home.urlpatterns
# --- HOME2: forum registrations, exchange applications and candidacies abroad -------------
urlpatterns += abroad.urlpatterns
# --- AGGREGATES: the council's page of member countries side by side ---
urlpatterns += [
    path("federation/council/", council.council_side_by_side, name="council_side_by_side"),
]
