from django.core.management.base import BaseCommand

from indicators.reference.loader import load_reference_data


class Command(BaseCommand):
    help = "Load regions, municipalities, pathways, target groups, the EVA catalogue, key facts and cases."

    def handle(self, *args: object, **options: object) -> None:
        report = load_reference_data()
        self.stdout.write(self.style.SUCCESS(f"Reference data loaded ({report})."))
