from typing import Any

from django.core.management.base import BaseCommand

from talentloop.integrations.wecom_robot.services import robot_posts_attempt_queued


class Command(BaseCommand):
    help = (
        "Send every group-robot post still queued (a WeCom outage without a broker, or posts queued while the "
        "workers were down). Safe to run at any time."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        counts = robot_posts_attempt_queued()
        self.stdout.write(
            self.style.SUCCESS(f"Sent {counts['sent']}, still queued {counts['queued']}, failed {counts['failed']}.")
        )
