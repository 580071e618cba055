from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from talentloop.core.exceptions import ApplicationError
from talentloop.integrations.wecom.contact_sync import ContactsPlan, contacts_sync_apply, contacts_sync_preview


class Command(BaseCommand):
    help = (
        "Bring WeCom's departments and members into the organisation: --preview says what would change (the "
        "default), --apply changes it (atomic, audited; running it again changes nothing). Nothing is deleted."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        mode = parser.add_mutually_exclusive_group()
        mode.add_argument("--preview", action="store_true", help="Show what would change (the default).")
        mode.add_argument("--apply", action="store_true", help="Apply the changes.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            plan = contacts_sync_apply(actor=None) if options["apply"] else contacts_sync_preview()
        except ApplicationError as error:
            raise CommandError(error.message) from error
        self._print(plan, applied=bool(options["apply"]))

    def _print(self, plan: ContactsPlan, *, applied: bool) -> None:
        for row in plan.departments_create:
            self.stdout.write(f"+ department {row['name']} (wecom {row['wecom_id']})")
        for row in plan.departments_rename:
            self.stdout.write(f"~ department {row['old']} → {row['new']}")
        for row in plan.departments_move:
            self.stdout.write(f"~ department {row['name']}: {row['old_parent'] or '—'} → {row['parent_name'] or '—'}")
        for row in plan.departments_missing:
            self.stdout.write(f"? department {row['name']}: no longer in WeCom (kept)")
        for row in plan.people_create:
            self.stdout.write(f"+ person {row['name']} ({row['userid']})")
        for row in plan.people_link:
            self.stdout.write(f"= link {row['person']} ↔ {row['userid']}")
        for row in plan.people_missing:
            self.stdout.write(f"? person {row['name']} ({row['userid']}): no longer in WeCom (kept)")
        for row in plan.conflicts:
            self.stdout.write(f"! conflict {row['name']} ({row['userid']}): {row['reason']}")
        summary = " ".join(f"{name}={count}" for name, count in plan.counts().items())
        verb = "Applied" if applied else "Preview"
        self.stdout.write(self.style.SUCCESS(f"{verb}: {summary}"))
