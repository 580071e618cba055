import uuid
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from talentloop.core.tasks import echo_task


class Command(BaseCommand):
    help = "Send a task through the broker and wait for a worker to answer (checks the task pipeline end to end)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--timeout", type=float, default=10.0)

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.CELERY_TASK_ALWAYS_EAGER:
            # The task would run right here and "answer", proving nothing about any worker.
            raise CommandError("CELERY_BROKER_URL is not set: tasks run in-process, so there is no worker to ping.")
        token = uuid.uuid4().hex
        try:
            # Expires with the wait, so an unanswered ping does not linger in the queue for the next worker.
            answer = echo_task.apply_async((token,), expires=options["timeout"]).get(timeout=options["timeout"])
        except Exception as error:
            raise CommandError(f"No worker answered within {options['timeout']}s: {error}") from error
        if answer != token:
            raise CommandError("A worker answered with the wrong token.")
        self.stdout.write(self.style.SUCCESS("A worker received the task and answered."))
