from typing import Any

from django.core.management.base import BaseCommand

from talentloop.assessments.services.calibrations import calibrations_refit_all


class Command(BaseCommand):
    help = (
        "Refit every score calibration from the human ratings (after re-scoring, or after changing "
        "TALENTLOOP_CALIBRATION_MIN_RATINGS). Ratings refit their own scopes as they are recorded."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        count = calibrations_refit_all()
        self.stdout.write(self.style.SUCCESS(f"{count} calibration(s) fitted."))
