from typing import Any

from django.core.management.base import BaseCommand

from talentloop.interviews.services.recordings import recordings_retranscribe


class Command(BaseCommand):
    help = "Transcribe again the voice answers that could not be transcribed (no engine, or a broken set-up)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--include-failed", action="store_true", help="also retry recordings whose audio failed")

    def handle(self, *args: Any, **options: Any) -> None:
        count = recordings_retranscribe(include_failed=options["include_failed"])
        self.stdout.write(self.style.SUCCESS(f"Queued {count} recording(s) for transcription."))
