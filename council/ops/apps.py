from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpsConfig(AppConfig):
    name = "council.ops"
    verbose_name = _("Operations")

    def ready(self) -> None:
        # The receivers that carry a request's id into the tasks it enqueues.
        from council.ops.observability import task_context  # noqa: F401
