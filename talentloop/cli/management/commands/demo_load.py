from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.test.utils import override_settings

from talentloop.cli.demo import demo_load
from talentloop.core.exceptions import ApplicationError


class Command(BaseCommand):
    help = (
        "Load the demo company, people, accounts and interview content (safe to run again), then print the "
        "accounts and the demo candidates' interview links."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--history-months",
            type=int,
            default=None,
            help="Months of synthetic hiring history for analytics, seed 7 (0: none; default "
            "TALENTLOOP_DEMO_HISTORY_MONTHS, 6).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        months = options["history_months"]
        if months is None:
            months = settings.TALENTLOOP_DEMO_HISTORY_MONTHS
        if not 0 <= months <= 24:
            raise CommandError("--history-months must be between 0 and 24.")
        try:
            # The demo's history is not news: what its services email while loading (HR's reply to a demo candidate,
            # a result card for the demo manager) goes to demo addresses and is kept in memory, not printed over the
            # accounts list. Emails after loading go out as configured.
            with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
                summary = demo_load(history_months=months)
        except ApplicationError as error:
            raise CommandError(f"The demo data could not be loaded: {error.message}") from error
        self.stdout.write(self.style.SUCCESS("Demo data is loaded. Sign in with any of these accounts:"))
        width = max(len(account.username) for account in summary.accounts)
        for account in summary.accounts:
            self.stdout.write(f"  {account.username:<{width}}  {account.password}  {account.name} — {account.role}")
        if summary.interview_links:
            self.stdout.write("")
            self.stdout.write(self.style.SUCCESS("Interview links for the demo candidates (no sign-in needed):"))
            for username, interview in sorted(summary.interview_links.items()):
                candidate = interview.candidate
                self.stdout.write(
                    f"  {username:<{width}}  {candidate.person.full_name} — {candidate.applied_position.title}"
                )
                self.stdout.write(f"  {'':<{width}}  {interview.link}")
        if summary.history is not None:
            self.stdout.write("")
            self.stdout.write(
                self.style.SUCCESS(
                    f"Hiring history for analytics: {summary.history.created} applications added, "
                    f"{summary.history.existing} already there ({summary.history.seconds:.1f} s)."
                )
            )
        if summary.completed_interviews:
            self.stdout.write("")
            self.stdout.write(
                self.style.SUCCESS("Completed and scored interviews (HR: sign in as hr, then open the link):")
            )
            for completed in summary.completed_interviews:
                candidate, score = completed.candidate, completed.score
                if score is None:
                    result = "not scored yet"
                else:
                    verdict = "passed" if score.passed else "not passed"
                    result = f"{score.overall:.1f} / pass {score.threshold:.0f}, {verdict}"
                sign_in = f", signs in as {completed.username}" if completed.username else ""
                self.stdout.write(
                    f"  {candidate.person.full_name} — {candidate.applied_position.title}: {result}{sign_in}"
                )
                self.stdout.write(f"    {completed.console_url}")
