from typing import Any

from django.core.management.base import BaseCommand

from talentloop.integrations.wecom.services import inbound_messages_process_received


class Command(BaseCommand):
    help = (
        "Process every WeCom callback still received (a WeCom outage without a broker, or callbacks stored while "
        "the workers were down). Safe to run at any time."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        counts = inbound_messages_process_received()
        self.stdout.write(self.style.SUCCESS(f"Processed {counts['done']}, still waiting {counts['waiting']}."))
