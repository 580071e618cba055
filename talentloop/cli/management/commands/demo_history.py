from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from talentloop.cli.demo_history import demo_history_load
from talentloop.org.models import Company


class Command(BaseCommand):
    help = (
        "Add months of synthetic hiring history for the three demo roles (applicants, scored AI interviews), "
        "deterministic for a seed; running it again adds nothing. Needs the demo data (talentloop demo)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seed", type=int, default=7)
        parser.add_argument("--months", type=int, default=6)

    def handle(self, *args: Any, **options: Any) -> None:
        if not 1 <= options["months"] <= 24:
            raise CommandError("--months must be between 1 and 24.")
        company = Company.objects.filter(slug="demo").first()
        if company is None:
            raise CommandError("Load the demo first (talentloop manage demo_load).")
        summary = demo_history_load(company=company, seed=options["seed"], months=options["months"])
        self.stdout.write(
            self.style.SUCCESS(
                f"Hiring history: {summary.created} applications added, {summary.existing} already there "
                f"({summary.seconds:.1f} s)."
            )
        )
