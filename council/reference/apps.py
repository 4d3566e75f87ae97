from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReferenceConfig(AppConfig):
    name = "council.reference"
    verbose_name = _("Reference data")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from council.lib.memo import memo_clear

        # An edit in the admin is seen at once in this process (others within the TTL).
        for model in self.get_models():
            post_save.connect(memo_clear, sender=model, dispatch_uid=f"memo-{model.__name__}")
            post_delete.connect(memo_clear, sender=model, dispatch_uid=f"memo-d-{model.__name__}")
