"""The transport base every messaging channel builds on, and the in-app channel.

A channel lives in its own folder (``talentloop/integrations/<channel>/transport.py``) and is plugged in by the
``NOTIFICATION_TRANSPORTS`` setting ({channel: "dotted.path.Transport"}), so no domain code imports a channel. A
transport's ``send`` either returns (delivered) or raises ``TransportError``: ``RetryableError`` when trying again
later may work (a timeout, a full queue), ``PermanentError`` when it never will (no address, a revoked account).
See docs/decisions/0020-notification-centre-and-transports.md and CONTRIBUTING ("Adding a messaging channel").
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, ClassVar

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

if TYPE_CHECKING:
    from talentloop.notifications.models import Delivery


class TransportError(Exception):
    """A delivery failed. ``permanent`` says whether trying again can help."""

    permanent: ClassVar[bool] = True

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class PermanentError(TransportError):
    permanent = True


class RetryableError(TransportError):
    permanent = False


class Transport:
    """Sends one delivery. Subclasses set ``channel`` and implement ``send``; they must not write to the database
    (the delivery service records every outcome)."""

    channel: ClassVar[str] = ""

    def send(self, delivery: Delivery) -> None:
        raise NotImplementedError


class InAppTransport(Transport):
    """The notification centre: the stored notification is the message, so there is nothing more to send."""

    channel = "in_app"

    def send(self, delivery: Delivery) -> None:
        return None


@cache
def _transport(dotted_path: str) -> Transport:
    transport_class = import_string(dotted_path)
    if not (isinstance(transport_class, type) and issubclass(transport_class, Transport)):
        raise ImproperlyConfigured(f"NOTIFICATION_TRANSPORTS: {dotted_path} is not a Transport.")
    return transport_class()


def transport_channels() -> list[str]:
    """The channels this installation has a transport for."""
    return list(settings.NOTIFICATION_TRANSPORTS)


def transport_get(channel: str) -> Transport | None:
    """The configured transport of ``channel``, or None when the installation has none."""
    dotted_path = settings.NOTIFICATION_TRANSPORTS.get(channel)
    return _transport(dotted_path) if dotted_path else None
