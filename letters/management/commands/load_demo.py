"""Load the demo program: two coordinators, twelve pairs, four readings, letters in every state.

The demo program meets in Copenhagen: its pages are in English for newcomers, but it
screens letters with Danish rules (phone numbers and addresses of Denmark), and it has one
example watch word.

Idempotent: when the demo program exists, nothing else is changed, except that a demo
loaded before those two settings existed gets them (a coordinator's own choice is kept).
Everything is written through the services, so the demo has the same audit trail as real use.
"""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from letters import services as letters
from letters.models import Letter
from programs import services as programs
from programs import demo_extras
from programs.pair_changes import pairs_changed
from programs.program_changes import program_created
from programs.accounts import RECOVERY_DEVICE_NAME, TOTP_DEVICE_NAME
from programs.models import AVATAR_CODES, Membership, Program, ProgramAuditEntry, WatchWord
from readings import services as readings

DEMO_SLUG = "demo"
DEMO_PASSWORD = "brevven-demo"
#: Coordinators must pass a second sign-in step. So that a newcomer without an
#: authenticator app can try the coordinator pages, the demo coordinator gets ten known
#: single-use recovery codes (scripts/run-dev prints them). Only where the demo is loaded.
DEMO_RECOVERY_CODES = [f"demo-code-{n:02d}" for n in range(1, 11)]
#: The demo coordinator's authenticator key (hex, as django-otp stores it); in base32 for an
#: app: MJZGK5TWMVXC2ZDFNVXS25DPORYC223F.
DEMO_TOTP_KEY = b"brevven-demo-totp-key-0123456789"[:20].hex()
#: The demo meets in Copenhagen: letters are screened for Danish phone numbers and addresses.
DEMO_SCREENING_COUNTRIES = ["DK"]
#: The demo's e-mail domain: reserved (RFC 2606), so nothing could ever be delivered there.
DEMO_EMAIL_DOMAIN = "demo.example.org"


def demo_email(username: str) -> str:
    """Return the demo address of `username`."""
    return f"{username}@{DEMO_EMAIL_DOMAIN}"
#: One example watch word, so the settings page shows what a coordinator can add.
DEMO_WATCH_WORD = ("sleepover", WatchWord.Severity.HOLD)

READINGS = [
    (
        "The lighthouse keeper's cat",
        "<p>Every evening the keeper climbed the hundred steps to light the lamp, and every evening "
        "the cat climbed them first. She sat on the rail and watched the ships as if she were counting them.</p>"
        "<p>One stormy night the lamp would not light. The keeper searched his pockets for matches while "
        "the cat stared at the dark sea. Then she began to yowl, louder than the wind, and a small boat "
        "turned away from the rocks just in time.</p>"
        "<p>Nobody in the village believed him. But from then on, the fishermen left a sardine on the "
        "bottom step.</p>",
        "A short story written for the Brevven demo.",
    ),
    (
        "Why do we keep diaries?",
        "<p>People have written down their days for thousands of years: sailors in logbooks, travellers "
        "in notebooks, children in diaries with tiny locks. Some write to remember. Some write to "
        "understand what they feel. Some write because a page listens without interrupting.</p>"
        "<p>A diary can be one line a day or ten pages. It can be drawings, lists, or questions with no "
        "answers yet. The only rule is that it is honest.</p>",
        "A short essay written for the Brevven demo.",
    ),
    (
        "The bridge builders",
        "<p>Two villages lived on either side of a river. For years they shouted across the water, and "
        "for years they misheard each other. One spring, a girl from the east bank and a boy from the west "
        "bank each started building a bridge from their own side.</p>"
        "<p>Their halves did not meet: one was a metre too high. Instead of starting over, they built a "
        "small staircase in the middle, and that staircase became the village's favourite place to sit.</p>",
        "A fable written for the Brevven demo.",
    ),
    (
        "A year without a phone",
        "<p>When Amal's phone broke, her parents said she could have a new one next year. At first the "
        "silence was loud. Then she noticed the bus driver who hummed, the neighbour who grew chillies "
        "on her balcony, and the way her little brother explained football to the dog.</p>"
        "<p>By winter she had filled two notebooks with things she would otherwise have scrolled past.</p>",
        "A short story written for the Brevven demo.",
    ),
]

MENTOR_NAMES = ["Captain Oak", "Blue Heron", "Maple", "Northwind", "Quill", "Harbour", "Juniper", "Lantern",
                "Compass", "Saffron", "Pebble Moon", "Kestrel"]
MENTEE_NAMES = ["Star Fox", "Rocket", "Tiny Dragon", "Moss", "Comet", "Sparrow", "Pixel", "Nova", "Otter",
                "Cloud Runner", "Zebra", "Marigold"]

# Letters are plain text, as members type them.
MENTEE_LETTER = ("I liked the story about the cat a lot. I think she knew about the boat before anyone. "
                 "My favourite part was the sardine on the bottom step. Do you have a pet?")
FLAGGED_SENTENCE = "\n\nCan we talk more? Add me on snap, I am starfox_22."
MENTOR_LETTER = ("Thank you for your letter! I do not have a cat, but my neighbour's cat visits me every "
                 "morning. I think animals notice more than we do. What would you have done in the storm?")


class Command(BaseCommand):
    help = "Create the demo program and its three demo logins (nothing happens if it exists)."

    def handle(self, *args, **options):
        existing = Program.objects.filter(slug=DEMO_SLUG).first()
        if existing is not None:
            with transaction.atomic():
                changed = self._screening_settings(existing)
                changed = self._give_emails(existing) or changed
            self.stdout.write(
                "The demo program is already loaded; its screening settings are brought up to date."
                if changed else "The demo program is already loaded; nothing changed."
            )
            return
        with transaction.atomic():
            self._load()
            self._avatars(Program.objects.get(slug=DEMO_SLUG))
            # The apps above letters (spaces, toolbox, timeline, goals) add their part (programs.demo_extras).
            demo_extras.seed_extras(Program.objects.get(slug=DEMO_SLUG))
        self.stdout.write(self.style.SUCCESS(
            "Demo loaded. Logins (password %s): demo-coordinator, demo-mentor, demo-mentee." % DEMO_PASSWORD
        ))

    def _user(self, username: str, *, can_log_in: bool):
        # An address on a reserved domain: the demo's e-mail only ever lands in var/mail/,
        # where a newcomer can see what reminders look like.
        user = get_user_model().objects.create_user(username=username, email=demo_email(username))
        if can_log_in:
            user.set_password(DEMO_PASSWORD)
        else:
            user.set_unusable_password()
        user.save()
        return user

    def _give_emails(self, program: Program) -> bool:
        """Give the demo's people without an e-mail address their demo address; return True if any changed.

        Demos loaded before the people had addresses get them on the next `make demo`.
        """
        changed = False
        for user in get_user_model().objects.filter(memberships__program=program, email=""):
            user.email = demo_email(user.username)
            user.save(update_fields=["email"])
            changed = True
        return changed

    def _avatars(self, program: Program) -> None:
        """Give the demo's mentors and mentees a picture each, so pages show what members choose."""
        members = Membership.objects.filter(program=program).exclude(role=Membership.Role.COORDINATOR).order_by("pk")
        for index, member in enumerate(members):
            member.avatar = AVATAR_CODES[index % len(AVATAR_CODES)]
            member.save(update_fields=["avatar"])

    def _give_recovery_codes(self, user) -> None:
        from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
        from django_otp.plugins.otp_totp.models import TOTPDevice

        TOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, confirmed=True, key=DEMO_TOTP_KEY)
        device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True)
        StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in DEMO_RECOVERY_CODES)

    def _screening_settings(self, program: Program) -> bool:
        """Give the demo its Danish screening and example watch word, unless it has settings of its own.

        Returns True if anything changed. A demo whose coordinator chose countries or added
        watch words keeps them: this runs on every `make demo`.
        """
        coordinator = Membership.objects.get(program=program, user__username="demo-coordinator").user
        changed = False
        if not program.screening_countries:
            programs.set_screening_countries(coordinator, program=program, countries=DEMO_SCREENING_COUNTRIES)
            changed = True
        ever_had_watch_words = program.audit_entries.filter(
            action__in=[ProgramAuditEntry.Action.WATCH_WORD_ADDED, ProgramAuditEntry.Action.WATCH_WORD_REMOVED]
        ).exists()
        if not ever_had_watch_words:
            term, severity = DEMO_WATCH_WORD
            programs.add_watch_word(coordinator, program=program, term=term, severity=severity)
            changed = True
        return changed

    def _load(self) -> None:
        now = timezone.now()
        today = timezone.localdate()
        program = Program.objects.create(
            name="Reading Together (demo)", slug=DEMO_SLUG, language="en", time_zone="Europe/Copenhagen",
            starts_on=today - timedelta(days=60), ends_on=today + timedelta(days=120), min_letter_chars=20,
        )
        program_created(program)  # the apps above give it what every program has (oversight: default topics)
        # The first coordinator is enrolled directly: nobody coordinates the program yet to enrol them.
        coordinator = self._user("demo-coordinator", can_log_in=True)
        Membership.objects.create(user=coordinator, program=program, role=Membership.Role.COORDINATOR,
                                  pseudonym="Coordinator Ada")
        self._give_recovery_codes(coordinator)
        self._screening_settings(program)
        programs.add_member(coordinator, program=program, user=self._user("demo-coordinator-2", can_log_in=False),
                            role=Membership.Role.COORDINATOR, pseudonym="Coordinator Ben")
        pairs = []
        for index, (mentor_name, mentee_name) in enumerate(zip(MENTOR_NAMES, MENTEE_NAMES, strict=True)):
            first = index == 0
            mentor = programs.add_member(
                coordinator, program=program, role=Membership.Role.MENTOR, pseudonym=mentor_name,
                user=self._user("demo-mentor" if first else f"demo-mentor-{index + 1:02d}", can_log_in=first),
                bio="Volunteer reader who loves lighthouses and long walks.",
            )
            mentee = programs.add_member(
                coordinator, program=program, role=Membership.Role.MENTEE, pseudonym=mentee_name,
                user=self._user("demo-mentee" if first else f"demo-mentee-{index + 1:02d}", can_log_in=first),
            )
            pairs.append(programs.create_pair(coordinator, program=program, mentor=mentor, mentee=mentee))

        library = [
            readings.create_reading(coordinator, program=program, title=title, body=body, credit=credit)
            for title, body, credit in READINGS
        ]
        schedule = [(-45, -31), (-30, -16), (-5, 9), (10, 24)]  # past, past, current, upcoming (days from now)
        assignments = [
            readings.schedule_assignment(
                coordinator, program=program, reading=reading, opens_at=now + timedelta(days=opens),
                due_at=now + timedelta(days=due), prompt="What would you have done in this story? Tell your partner why.",
            )
            for reading, (opens, due) in zip(library, schedule, strict=True)
        ]
        self._write_letters(coordinator, pairs, assignments)

    def _write_letters(self, coordinator, pairs, assignments) -> None:
        """Give the pairs letters in every state, so every screen has something to show."""
        past, _second, current, _upcoming = assignments
        for number, pair in enumerate(pairs):
            mentee, mentor = pair.mentee.user, pair.mentor.user
            first = letters.save_draft(mentee, pair=pair, body=MENTEE_LETTER, assignment=past)
            letters.submit_letter(mentee, letter=first)
            # The demo coordinator has read these letters, findings and all, as on the review page.
            letters.approve_letter(coordinator, letter=first, findings_seen=True)
            if number % 3 == 0:
                letters.mark_read(mentor, letter=first)
                reply = letters.save_draft(mentor, pair=pair, body=MENTOR_LETTER, in_reply_to=first)
                letters.submit_letter(mentor, letter=reply)
                letters.approve_letter(coordinator, letter=reply, findings_seen=True)
            new = letters.save_draft(mentee, pair=pair, body=MENTEE_LETTER.replace("cat", "lighthouse"),
                                     assignment=current)
            if number % 4 == 1:
                letters.submit_letter(mentee, letter=new)  # waits in the review queue
            elif number % 4 == 2:
                letters.submit_letter(mentee, letter=new)
                letters.request_changes(coordinator, letter=new, note="Lovely letter! Could you say a bit more about why?")
            elif number == 3:
                letters.submit_letter(mentee, letter=new)
                letters.withhold_letter(coordinator, letter=new, reason="Demo: shows how a withheld letter looks.")
            elif number == 7:
                # Screening flags the handle, so the review page has a finding to highlight.
                letters.submit_letter(mentee, letter=new, body=MENTEE_LETTER + FLAGGED_SENTENCE)
            # Other pairs keep their new letter as a draft.
        # Make the history look lived-in: the first letters were delivered weeks ago, and the
        # mentors who answered did so within their reply window (the others' replies are overdue).
        now = timezone.now()
        Letter.objects.filter(assignment=past).update(
            is_late=False, submitted_at=now - timedelta(days=33), delivered_at=now - timedelta(days=32)
        )
        Letter.objects.filter(in_reply_to__assignment=past).update(
            is_late=False, submitted_at=now - timedelta(days=30), delivered_at=now - timedelta(days=29)
        )
        # The moments changed behind the services' backs: judge the pairs' health again, as they would.
        pairs_changed(pairs)
