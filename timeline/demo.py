"""The demo program's timeline: a reading café soon and a closing party when the program ends.

Registered with programs.demo_extras (AppConfig.ready), which load_demo runs once when it creates the demo.
"""

from datetime import time, timedelta

from django.utils import timezone

from programs.models import Membership, Program
from timeline import services
from timeline.models import Event, EventKind


def seed_demo_timeline(program: Program) -> int:
    """Add the demo's two events to `program` as its first coordinator; return how many were added (0 if it has events)."""
    if Event.objects.filter(program=program).exists():
        return 0
    coordinator = (
        Membership.objects.filter(program=program, role=Membership.Role.COORDINATOR).order_by("pk").first().user
    )
    services.create_event(
        coordinator, program=program, kind=EventKind.MEETING, title="Reading café at the library",
        day=timezone.localdate() + timedelta(days=10), starts=time(16, 0), ends=time(17, 30),
        place="Main library, children's corner",
        description="Mentees and mentors meet for cocoa and a reading aloud. Coordinators are there the whole time.",
    )
    services.create_event(
        coordinator, program=program, kind=EventKind.CLOSING_PARTY, title="Closing party",
        day=program.ends_on, starts=time(15, 0), ends=time(17, 0), place="The program's meeting room",
        description="We celebrate a year of letters together.",
    )
    return 2
