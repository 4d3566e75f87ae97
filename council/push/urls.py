from django.urls import path

from council.push.views import app, devices

app_name = "push"

urlpatterns = [
    path("manifest.webmanifest", app.manifest, name="manifest"),
    path("service-worker.js", app.service_worker, name="service_worker"),
    path("offline/", app.offline, name="offline"),
    path("me/push/subscribe/", devices.subscribe, name="subscribe"),
    path("me/push/unsubscribe/", devices.unsubscribe, name="unsubscribe"),
]
