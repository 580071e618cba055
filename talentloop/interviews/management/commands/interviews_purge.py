from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from talentloop.interviews.services.retention import sessions_purge_expired


class Command(BaseCommand):
    help = "Delete interview data older than INTERVIEW_RETENTION_DAYS (run it daily, e.g. from cron or a timer)."

    def handle(self, *args: Any, **options: Any) -> None:
        report = sessions_purge_expired()
        self.stdout.write(
            self.style.SUCCESS(
                f"Deleted {report.sessions} interview session(s) and {report.recordings} recording(s) older than "
                f"{settings.INTERVIEW_RETENTION_DAYS} days."
            )
        )
