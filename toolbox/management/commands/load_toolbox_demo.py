"""Add the demo program's toolbox (load_demo runs this once, when it creates the demo)."""

from django.core.management.base import BaseCommand, CommandError

from programs.models import Program
from toolbox.demo import seed_demo_toolbox

#: The demo program's slug (letters/management/commands/load_demo.py).
DEMO_SLUG = "demo"


class Command(BaseCommand):
    help = "Add the demo program's toolbox content (nothing happens if it has some)."

    def handle(self, *args, **options):
        program = Program.objects.filter(slug=DEMO_SLUG).first()
        if program is None:
            raise CommandError("No demo loaded: run load_demo first.")
        added = seed_demo_toolbox(program)
        self.stdout.write(f"{added} demo items added to the toolbox." if added else "The demo toolbox is already there.")
