from typing import Any

from django.core.management.base import BaseCommand

from talentloop.cli.demo import demo_load


class Command(BaseCommand):
    help = "Load the demo company, people and accounts (safe to run again) and print the accounts."

    def handle(self, *args: Any, **options: Any) -> None:
        accounts = demo_load()
        self.stdout.write(self.style.SUCCESS("Demo data is loaded. Sign in with any of these accounts:"))
        width = max(len(account.username) for account in accounts)
        for account in accounts:
            self.stdout.write(f"  {account.username:<{width}}  {account.password}  {account.name} — {account.role}")
