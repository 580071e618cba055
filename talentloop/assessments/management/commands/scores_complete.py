from typing import Any

from django.core.management.base import BaseCommand

from talentloop.assessments.services.scores import sessions_score_unscored


class Command(BaseCommand):
    help = (
        "Score every submitted interview that has no score yet (voice answers whose transcript arrived late, or "
        "interviews submitted while the workers were down). Run it every few minutes next to the worker."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        count = sessions_score_unscored()
        self.stdout.write(self.style.SUCCESS(f"Scored {count} interview(s)."))
