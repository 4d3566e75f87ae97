from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FederationConfig(AppConfig):
    name = "council.federation"
    verbose_name = _("Federation of national nodes")

    def ready(self) -> None:
        from council.dedup.services.moves import drop_duplicates, register_policy

        # A merge keeps the survivor's choice of what to share abroad. Two accounts that both
        # shared data with the same peer are not merged (the default): the peer knows each by
        # its own reference, and only a separate erasure could join them there.
        register_policy("federation.sharingchoice.user", drop_duplicates)

        # Modules that register protocol handlers (protocol.register_write/_read) and outbox
        # answer handlers (services.outbox.register_reply/_refusal) when imported.
        from council.federation import (
            aggregates,  # noqa: F401
            feed,  # noqa: F401
        )
        from council.federation.services import (  # noqa: F401
            owner,
            peering,
            sync,
        )
        from council.federation.services.home.wiring import wire

        owner.connect()
        wire()

        # The mark of mirrored rows says when their node cannot be reached (or is suspended).
        from django.db.models.signals import post_save

        from council.federation.models import Peer
        from council.federation.node_states import node_states
        from council.lib.mirrors import register_node_states

        register_node_states(node_states)
        post_save.connect(_forget_node_states, sender=Peer, dispatch_uid="federation-node-states")


def _forget_node_states(**_kwargs: object) -> None:
    from council.federation.node_states import forget_node_states

    forget_node_states()
