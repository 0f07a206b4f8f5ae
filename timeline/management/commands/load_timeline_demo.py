"""Add the demo program's timeline (load_demo runs this once, when it creates the demo)."""

from django.core.management.base import BaseCommand, CommandError

from programs.models import Program
from timeline.demo import seed_demo_timeline

#: The demo program's slug (letters/management/commands/load_demo.py).
DEMO_SLUG = "demo"


class Command(BaseCommand):
    help = "Add the demo program's timeline content (nothing happens if it has some)."

    def handle(self, *args, **options):
        program = Program.objects.filter(slug=DEMO_SLUG).first()
        if program is None:
            raise CommandError("No demo loaded: run load_demo first.")
        added = seed_demo_timeline(program)
        self.stdout.write(f"{added} demo items added to the timeline." if added else "The demo timeline is already there.")
