"""The federation's routes: the node's well-known document and signed node-to-node endpoints
(`/.well-known/volunteer-council-node`, `/federation/v1/…`), and the pages of the node's
secretariat and of a person (`/federation/…`)."""

from django.urls import URLPattern, URLResolver

from council.federation.views import home

app_name = "federation"

urlpatterns: list[URLPattern | URLResolver] = []

# --- HOME: a person acting on another node's catalogue; the transfer log ------------------
urlpatterns += home.urlpatterns
