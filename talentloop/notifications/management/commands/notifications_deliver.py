from typing import Any

from django.core.management.base import BaseCommand

from talentloop.notifications.services import deliveries_attempt_queued


class Command(BaseCommand):
    help = (
        "Attempt every delivery still queued (a mail outage without a broker, or deliveries queued while the workers "
        "were down). Safe to run at any time; run it every few minutes next to the worker."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        counts = deliveries_attempt_queued()
        self.stdout.write(
            self.style.SUCCESS(
                f"Sent {counts['sent']}, still queued {counts['queued']}, failed or fell back {counts['failed']}."
            )
        )
