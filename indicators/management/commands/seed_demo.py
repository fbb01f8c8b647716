from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from indicators.reference.demo import DEMO_PASSWORD, clear_demo, seed_demo
from recruitment.models import Municipality


class Command(BaseCommand):
    help = "Create the demo users and synthetic interventions for all municipalities (deterministic)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--force", action="store_true", help="Run even with DEBUG off.")
        parser.add_argument("--clear", action="store_true", help="Remove the demo interventions instead.")

    def handle(self, *args: object, force: bool, clear: bool, **options: object) -> None:
        if not settings.DEBUG and not force:
            raise CommandError("Refusing to create demo users with DEBUG off; pass --force if you mean it.")
        if clear:
            self.stdout.write(f"Removed {clear_demo()} demo rows.")
            return
        if not Municipality.objects.exists():
            raise CommandError("No municipalities: run `manage.py load_reference_data` first.")
        report = seed_demo()
        if report.already_loaded:
            self.stdout.write("Demo interventions already loaded; left as they are.")
        else:
            self.stdout.write(self.style.SUCCESS(f"Created {report.interventions_created} demo interventions."))
        if report.users_created:
            self.stdout.write(f"Created {report.users_created} demo users (password {DEMO_PASSWORD}).")
