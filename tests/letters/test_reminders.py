"""Reminders through a program's calendar, with the clock driven by time-machine.

The calendar test sweeps at every hour of two weeks (twice each hour, to prove a second
sweep at the same moment sends nothing) and checks exactly which message went to whom,
when, and in which language.
"""

from datetime import datetime, timedelta, timezone as dt_timezone
from zoneinfo import ZoneInfo
import math

import pytest
import time_machine
from django.core import mail

from letters import reminders
from letters.reminders import delivery, planning
from letters import services as letter_services
from letters.models import Finding, Notification, Reminder
from programs import services as program_services
from programs.models import Membership
from readings import services as reading_services
from tests import factories

UTC = dt_timezone.utc
CPH = ZoneInfo("Europe/Copenhagen")
T0 = datetime(2025, 3, 3, 10, 0, tzinfo=UTC)  # a Monday; Copenhagen is UTC+1 all fortnight


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2025, 3, day, hour, minute, tzinfo=UTC)


def person(program, coordinator, role, name, language=""):
    user = factories.make_user(name, email=f"{name}@example.org", language=language)
    return program_services.add_member(coordinator, program=program, user=user, role=role, pseudonym=name.title())


class Calendar:
    """A small program: one coordinator, two pairs, one reading, and what each person does when."""

    def __init__(self):
        self.program = factories.make_program(time_zone="Europe/Copenhagen", language="nb")
        self.coordinator = factories.make_user("coord", email="coord@example.org", language="fr")
        Membership.objects.create(user=self.coordinator, program=self.program, role="coordinator", pseudonym="Coordinator")
        c = self.coordinator
        self.pair1 = program_services.create_pair(
            c, program=self.program, mentor=person(self.program, c, "mentor", "oak"),
            mentee=person(self.program, c, "mentee", "fox", language="da"))
        self.pair2 = program_services.create_pair(
            c, program=self.program, mentor=person(self.program, c, "mentor", "heron", language="en"),
            mentee=person(self.program, c, "mentee", "otter"))
        reading = reading_services.create_reading(c, program=self.program, title="The bridge builders",
                                                  body="<p>Two villages.</p>")
        self.assignment = reading_services.schedule_assignment(
            c, program=self.program, reading=reading, opens_at=at(4, 10), due_at=at(8, 20, 30))
        # Fox's first letter (no reading) is delivered to Oak at T0.
        first = factories.make_letter(self.pair1, status="delivered", coordinator=c)
        assert first.delivered_at == T0

    def act(self, now):
        """Do what the people of this program do at `now` (before the sweep of that hour)."""
        c = self.coordinator
        if now == at(5, 12):
            self.otter_letter = letter_services.save_draft(self.pair2.mentee.user, pair=self.pair2,
                                                           assignment=self.assignment, body=factories.LETTER_TEXT)
            letter_services.submit_letter(self.pair2.mentee.user, letter=self.otter_letter)
        elif now == at(6, 12):
            letter_services.approve_letter(c, letter=self.otter_letter)
        elif now == at(8, 12):
            self.heron_reply = letter_services.save_draft(self.pair2.mentor.user, pair=self.pair2,
                                                          in_reply_to=self.otter_letter, body=factories.LETTER_TEXT)
            letter_services.submit_letter(self.pair2.mentor.user, letter=self.heron_reply)
        elif now == at(9, 15):
            letter_services.approve_letter(c, letter=self.heron_reply)


def run_hourly(calendar, start, hours):
    """Sweep twice at every hour from `start`; return [(username, kind, sent at, email)]."""
    sent = []
    with time_machine.travel(start, tick=False) as traveller:
        for hour in range(hours + 1):
            now = start + timedelta(hours=hour)
            traveller.move_to(now)
            calendar.act(now)
            before = len(mail.outbox)
            reminders.sweep(now)
            assert reminders.sweep(now) == {"sent": 0, "cancelled": 0}, f"second sweep at {now} sent again"
            for email in mail.outbox[before:]:
                reminder = Reminder.objects.get(pk=int(email.extra_headers["X-Brevven-Reminder"]))
                sent.append((reminder.recipient.username, reminder.kind, now, email))
    return sent


@pytest.mark.django_db
def test_two_weeks_of_a_program_send_exactly_the_expected_reminders(settings):
    settings.SITE_URL = "https://brevven.example"
    with time_machine.travel(T0, tick=False):
        calendar = Calendar()
    sent = run_hourly(calendar, T0, hours=14 * 24)
    assert [(user, kind, when) for user, kind, when, _email in sent] == [
        ("oak", "letter_delivered", at(3, 10)),
        ("fox", "reading_open", at(4, 10)),
        ("otter", "reading_open", at(4, 10)),
        ("heron", "letter_delivered", at(6, 12)),
        ("fox", "letter_due", at(7, 6)),  # due 21:30 Copenhagen: held until 07:00
        ("oak", "reply_due", at(9, 10)),
        # Heron's reply is due for review at 12:00 exactly, which is still on time (letters.deadlines);
        # from the next sweep on it is past the 24-hour review deadline.
        ("coord", "review_digest", at(9, 13)),
        ("coord", "review_digest", at(9, 14)),
        ("otter", "letter_delivered", at(9, 15)),
        ("fox", "letter_overdue", at(10, 6)),  # overdue 21:30 Copenhagen: held until 07:00
        ("coord", "weekly_digest", at(10, 7)),  # Monday 08:00 Copenhagen
        ("oak", "reply_overdue", at(11, 10)),
        ("coord", "pair_flag", at(13, 10)),  # three days after Oak's reply was due
        ("fox", "letter_overdue", at(17, 6)),  # the first weekly repeat
        ("coord", "weekly_digest", at(17, 7)),
    ]
    # Nobody got the same reminder twice, and no mentee got e-mail in the evening or night.
    keys = [(r.recipient_id, r.kind, r.object_key, r.due_at) for r in Reminder.objects.filter(status="sent")]
    assert len(keys) == len(set(keys)) == len(sent)
    for user, _kind, when, _email in sent:
        if user in ("fox", "otter"):
            assert 7 <= when.astimezone(CPH).hour < 21, (user, when)
    # Each e-mail is in its reader's language: own choice, else the program's (Norwegian).
    languages = {user: email.extra_headers["Content-Language"] for user, _k, _w, email in sent}
    assert languages == {"oak": "nb", "fox": "da", "otter": "nb", "heron": "en", "coord": "fr"}
    # Every e-mail has both parts, links to the action and to the settings, and only pseudonyms.
    for _user, _kind, _when, email in sent:
        html = email.alternatives[0][0]
        assert email.body and "<html" in html
        assert "https://brevven.example/notifications/settings/" in email.body
        assert "@example.org" not in email.body + html
    # Each e-mail's action link opens the page where the action is, for that reader.
    for user, kind, _when, email in sent:
        reminder = Reminder.objects.get(pk=int(email.extra_headers["X-Brevven-Reminder"]))
        assert "https://brevven.example" + action_path(reminder) in email.body, (user, kind)
    # Each sent reminder left one in-app notification.
    assert Notification.objects.count() == len(sent)


def action_path(reminder) -> str:
    """The page each kind of reminder must link to, written out independently of the code."""
    if reminder.kind in ("reading_open", "letter_due", "letter_overdue"):
        return f"/pairs/{reminder.pair_id}/"
    if reminder.kind in ("letter_delivered", "letter_returned", "reply_due", "reply_overdue"):
        return f"/letters/{reminder.letter_id}/"
    if reminder.kind == "review_digest":
        return f"/programs/{reminder.program_id}/review/"
    if reminder.kind == "pair_flag":
        return f"/coordinate/pairs/{reminder.pair_id}/"
    if reminder.kind == "weekly_digest":
        return f"/programs/{reminder.program_id}/"
    return f"/letters/{reminder.letter_id}/review/"


@pytest.mark.django_db
def test_texts_are_translated():
    with time_machine.travel(T0, tick=False):
        calendar = Calendar()
    sent = run_hourly(calendar, T0, hours=24)
    fox = [email for user, kind, _when, email in sent if user == "fox"]
    assert fox[0].subject == "En ny tekst er klar: “The bridge builders”"
    assert fox[0].body.startswith("Hej Fox,")
    oak = [email for user, kind, _when, email in sent if user == "oak"][0]
    assert oak.subject == "Et brev fra Fox er kommet"


def kind_of(email) -> str:
    """Return the kind of the reminder that `email` carries."""
    return Reminder.objects.get(pk=email.extra_headers["X-Brevven-Reminder"]).kind


@pytest.mark.django_db
def test_the_snapshot_reads_who_wrote_only_about_the_assignments_that_owe_something_now():
    """A mentee's letter matters to the planner only while its assignment owes a reminder; an
    assignment just past its due date owes none until its first overdue reminder, so its
    letters (at 10,000 pairs, half of those the sweep read) are not read."""
    with time_machine.travel(T0, tick=False) as traveller:
        calendar = Calendar()
        traveller.move_to(at(5, 12))
        calendar.act(at(5, 12))  # Otter writes about the reading
    key = (calendar.pair2.pk, calendar.assignment.pk)
    reading_open = planning.load_snapshot(at(5, 13))
    assert key in reading_open.submitted
    just_due = planning.load_snapshot(at(8, 21))
    assert just_due.submitted == set()
    assert planning._owed_for_assignment(at(8, 21), just_due.settings[calendar.program.pk], calendar.assignment) == []


@pytest.mark.django_db
def test_a_reminder_stops_when_its_reason_is_gone():
    """Fox's due-soon reminder waits for the morning; Fox sends the letter that evening: it is never sent."""
    with time_machine.travel(T0, tick=False) as traveller:
        calendar = Calendar()
        traveller.move_to(at(6, 20, 30))  # 21:30 Copenhagen: the due-soon reminder is owed, but held
        reminders.sweep(at(6, 20, 30))
        held = Reminder.objects.get(kind="letter_due", recipient=calendar.pair1.mentee.user)
        assert (held.status, held.send_after) == ("pending", at(7, 6))
        letter = letter_services.save_draft(calendar.pair1.mentee.user, pair=calendar.pair1,
                                            assignment=calendar.assignment, body=factories.LETTER_TEXT)
        letter_services.submit_letter(calendar.pair1.mentee.user, letter=letter)
        traveller.move_to(at(7, 6))
        mail.outbox.clear()
        reminders.sweep(at(7, 6))
    held.refresh_from_db()
    assert held.status == "cancelled"
    # Otter has still not written. The reading notice, owed since the afternoon of the 4th but
    # first swept at 21:30, waited for the morning too (quiet hours are checked at sending).
    assert sorted((m.to[0], kind_of(m)) for m in mail.outbox) == [
        ("otter@example.org", "letter_due"), ("otter@example.org", "reading_open")]


@pytest.mark.django_db
def test_a_paused_pair_gets_no_reminders_and_overrides_change_timings():
    with time_machine.travel(T0, tick=False):
        calendar = Calendar()
        program = calendar.program
        program.reminder_settings = {"letter_due": {"hours_before": 24}, "reading_open": {"enabled": False}}
        program.full_clean()
        program.save()
        program_services.pause_pair(calendar.coordinator, pair=calendar.pair2, reason="holiday")
        calendar.act = lambda now: None  # nobody writes
        sent = run_hourly(calendar, at(4, 0), hours=5 * 24)
    assert [(u, k, w) for u, k, w, _e in sent if u in ("fox", "otter")] == [
        ("fox", "letter_due", at(8, 6)),  # 24 hours before 21:30, so 21:30 the evening before, held to 07:00
    ]


@pytest.mark.django_db
def test_unknown_reminder_settings_are_refused():
    from django.core.exceptions import ValidationError

    program = factories.make_program(reminder_settings={"letter_due": {"hours_before": 0}})
    with pytest.raises(ValidationError):
        program.full_clean()
    program.reminder_settings = {"nagging": {}}
    with pytest.raises(ValidationError):
        program.full_clean()


def urgent_letter(pair):
    letter = factories.make_letter(pair, status="in_review")
    Finding.objects.create(letter=letter, kind=Finding.Kind.SAFEGUARDING, severity=Finding.Severity.URGENT,
                           start=0, end=4, excerpt="Dear")
    return letter


@pytest.mark.django_db
def test_urgent_finding_alerts_every_coordinator_at_once_and_operators_after_an_hour_unopened():
    with time_machine.travel(T0, tick=False) as traveller:
        program = factories.make_program()
        first = factories.make_coordinator(program)
        second = factories.make_coordinator(program)
        for user in (first, second):
            user.email = f"{user.username}@example.org"
            user.save()
        operator = factories.make_user("root", email="root@example.org", is_superuser=True, is_staff=True)
        pair = factories.make_pair(program, first)
        unopened = urgent_letter(pair)
        from letters.reminders.preferences import set_email_preferences

        set_email_preferences(first, muted_kinds=[])  # nothing muted: urgent alerts cannot be muted anyway
        reminders.sweep(T0)
        assert sorted(m.to[0] for m in mail.outbox) == sorted([first.email, second.email])
        assert all(m.subject.startswith("Urgent") for m in mail.outbox)
        mail.outbox.clear()
        traveller.move_to(T0 + timedelta(minutes=59))
        reminders.sweep(T0 + timedelta(minutes=59))
        assert mail.outbox == []
        traveller.move_to(T0 + timedelta(hours=1))
        reminders.sweep(T0 + timedelta(hours=1))
        assert [m.to for m in mail.outbox] == [[operator.email]]
        # A second urgent letter that a coordinator acts on within the hour never escalates.
        mail.outbox.clear()
        opened = urgent_letter(pair)
        reminders.sweep(T0 + timedelta(hours=1))
        letter_services.withhold_letter(first, letter=opened, reason="safeguarding follow-up")
        traveller.move_to(T0 + timedelta(hours=2, minutes=30))
        reminders.sweep(T0 + timedelta(hours=2, minutes=30))
    assert Reminder.objects.filter(kind="urgent_escalation", letter=opened).count() == 0
    assert Reminder.objects.filter(kind="urgent_escalation", letter=unopened, status="sent").count() == 1


@pytest.mark.django_db
def test_an_urgent_letter_a_coordinator_opened_within_the_hour_does_not_escalate(client):
    """Opening its review page is enough: the coordinator has seen it, even before deciding."""
    with time_machine.travel(T0, tick=False) as traveller:
        program = factories.make_program()
        coordinator = factories.make_coordinator(program)
        operator = factories.make_user("root", email="root@example.org", is_superuser=True, is_staff=True)
        pair = factories.make_pair(program, coordinator)
        opened, unopened = urgent_letter(pair), urgent_letter(pair)
        reminders.sweep(T0)
        traveller.move_to(T0 + timedelta(minutes=30))
        client.force_login(coordinator)
        assert client.get(f"/letters/{opened.pk}/review/").status_code == 200
        traveller.move_to(T0 + timedelta(hours=1))
        reminders.sweep(T0 + timedelta(hours=1))
        reminders.sweep(T0 + timedelta(hours=1, minutes=1))  # a second sweep adds nothing
    assert [m.to for m in mail.outbox if m.to == [operator.email]] == [[operator.email]]
    assert not Reminder.objects.filter(kind="urgent_escalation", letter=opened).exists()
    assert Reminder.objects.filter(kind="urgent_escalation", letter=unopened).count() == 1


@pytest.mark.django_db
def test_muted_kinds_stay_in_app_only():
    from letters.reminders.preferences import set_email_preferences

    with time_machine.travel(T0, tick=False):
        calendar = Calendar()
        oak = calendar.pair1.mentor.user
        set_email_preferences(oak, muted_kinds=["letter_delivered"])
        reminders.sweep(T0)
    assert mail.outbox == []
    assert Notification.objects.get(user=oak).kind == "letter_delivered"


@pytest.mark.django_db
def test_urgent_alerts_cannot_be_muted():
    from django.core.exceptions import ValidationError

    from letters.reminders.preferences import set_email_preferences

    with pytest.raises(ValidationError):
        set_email_preferences(factories.make_user(), muted_kinds=["urgent_finding"])


def build_program(size):
    program = factories.make_program()
    coordinator = factories.make_coordinator(program)
    reading = reading_services.create_reading(coordinator, program=program, title="R", body="<p>x</p>")
    now = factories.now()
    reading_services.schedule_assignment(coordinator, program=program, reading=reading,
                                         opens_at=now - timedelta(days=3), due_at=now - timedelta(hours=30))
    for _ in range(size):
        pair = factories.make_pair(program, coordinator)
        factories.make_letter(pair, status="delivered", coordinator=coordinator)
        factories.make_letter(pair, status="changes_requested", coordinator=coordinator, by="mentor")
        urgent_letter(pair)
    return program


@pytest.mark.django_db
def test_planning_costs_the_same_queries_at_two_sizes(django_assert_num_queries):
    """The sweep's planning reads a fixed number of queries however many pairs there are."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    build_program(2)
    with CaptureQueriesContext(connection) as small:
        reminders.plan_reminders(factories.now())
    Reminder.objects.all().delete()
    build_program(12)
    with django_assert_num_queries(len(small.captured_queries)):
        reminders.plan_reminders(factories.now())
    # And it planned for all 14 pairs: delivered notices, returned notices, urgent alerts, overdue letters.
    assert Reminder.objects.filter(kind="letter_delivered").count() == 14


def give_everyone_email(with_email: bool) -> None:
    from programs.models import User

    for user in User.objects.all():
        user.email = f"{user.username}@example.org" if with_email else ""
        user.save(update_fields=["email"])


def sweep_queries(now) -> tuple[list[str], dict]:
    """Return the SQL of one sweep at `now`, and its result."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        result = reminders.sweep(now)
    return [query["sql"] for query in captured.captured_queries], result


def reset_reminders() -> None:
    Notification.objects.all().delete()
    Reminder.objects.all().delete()


@pytest.mark.django_db
def test_a_second_sweep_at_the_same_moment_inserts_nothing_and_sends_nothing():
    """The sweep reads the keys that exist before inserting, so a repeat writes no reminder rows."""
    build_program(3)
    give_everyone_email(True)
    now = factories.now()
    first = reminders.sweep(now)
    rows = list(Reminder.objects.order_by("pk").values_list("pk", "status"))
    queries, second = sweep_queries(now)
    assert first["sent"] > 0 and second == {"sent": 0, "cancelled": 0}
    assert not [sql for sql in queries if sql.startswith("INSERT")], "a repeat sweep inserted rows"
    assert list(Reminder.objects.order_by("pk").values_list("pk", "status")) == rows


def sweeps_at_two_sizes(*, email: bool) -> tuple[list[str], list[str]]:
    """Sweep a program of 2 pairs, then one of 12; return the queries of each sweep.

    Everyone has an e-mail address if `email`, nobody otherwise. Checks that the larger
    program was sent more, so that equal query counts mean something.
    """
    build_program(2)
    give_everyone_email(email)
    small, small_result = sweep_queries(factories.now())
    reset_reminders()
    build_program(12)
    give_everyone_email(email)
    large, large_result = sweep_queries(factories.now())
    assert large_result["sent"] > small_result["sent"] > 0
    return small, large


@pytest.mark.django_db
def test_a_sweep_without_email_costs_the_same_queries_at_two_sizes():
    """Reminders that only go to the app are marked sent together: nothing in a sweep grows with its size."""
    small, large = sweeps_at_two_sizes(email=False)
    assert len(large) == len(small)


@pytest.mark.django_db
def test_a_sweep_that_emails_reads_the_same_queries_at_two_sizes_but_one_claim_per_group(monkeypatch):
    """Each e-mail costs its own hand-over mark (a write); e-mails are claimed a group at a time; nothing else is read per pair or per message."""
    monkeypatch.setattr(delivery, "EMAIL_GROUP", 3)
    small, large = sweeps_at_two_sizes(email=True)
    # Taking rows reads their ids first (SQLite has no FOR UPDATE, so it is told by its shape).
    takes = lambda queries: [sql for sql in queries if sql.startswith(TAKE_PREFIX)]  # noqa: E731
    other_reads = lambda queries: [sql for sql in queries if sql.startswith("SELECT") and not sql.startswith(TAKE_PREFIX)]  # noqa: E731
    assert len(other_reads(large)) == len(other_reads(small))
    emailed = Reminder.objects.filter(emailed=True).count()  # the large program's, after reset_reminders
    assert emailed > 3 * delivery.EMAIL_GROUP
    groups = math.ceil(emailed / delivery.EMAIL_GROUP)
    # One take per group of e-mails, and at most one for the rows that go to the app only.
    assert groups <= len(takes(large)) <= groups + 1


TAKE_PREFIX = 'SELECT "letters_reminder"."id" AS "pk" FROM "letters_reminder" WHERE ("letters_reminder"."id" IN'


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("repeat", range(3))
def test_two_sweeps_at_once_send_each_reminder_once(repeat):
    """Two workers plan and deliver the same moment together: every reminder is sent, each exactly once."""
    from programs.models import User
    from tests.letters.test_concurrency import race

    build_program(4)
    for n, user in enumerate(User.objects.order_by("pk")):  # half by e-mail, half in the app only
        user.email = f"{user.username}@example.org" if n % 2 else ""
        user.save(update_fields=["email"])
    now = factories.now()
    outcomes = race(lambda: reminders.sweep(now), lambda: reminders.sweep(now))
    assert all(isinstance(outcome, dict) for outcome in outcomes), outcomes
    sent = Reminder.objects.filter(status="sent")
    assert sum(outcome["sent"] for outcome in outcomes) == sent.count() == Notification.objects.count()
    assert sent.filter(emailed=True).exists() and sent.filter(emailed=False).exists()
    emailed = [int(email.extra_headers["X-Brevven-Reminder"]) for email in mail.outbox]
    assert sorted(emailed) == sorted(sent.filter(emailed=True).values_list("pk", flat=True))


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_an_in_app_reminder_another_worker_holds_is_skipped_not_waited_for():
    from django.db import connection

    from tests.letters.test_cluster import lock_row

    build_program(2)
    now = factories.now()
    reminders.plan_reminders(now)
    held = Reminder.objects.filter(send_after__lte=now).order_by("pk").first()
    blocker = lock_row(held.pk)
    try:
        with connection.cursor() as cursor:
            cursor.execute("SET lock_timeout = '5s'")  # waiting would fail the test, not hang it
        sent = reminders.deliver_due_reminders(now)
    finally:
        blocker.close()
    held.refresh_from_db()
    assert held.status == "pending"
    assert sent == Reminder.objects.filter(status="sent").count() > 0
    assert reminders.deliver_due_reminders(now) == 1  # the next sweep takes it


@pytest.mark.django_db
def test_a_claimed_row_is_not_sent_by_a_second_worker_and_a_dead_claim_is_released():
    with time_machine.travel(T0, tick=False) as traveller:
        calendar = Calendar()
        reminders.plan_reminders(T0)
        row = Reminder.objects.get()
        assert delivery.claim([row], T0) == {row.pk}
        assert delivery.claim([row], T0) == set()  # the second worker loses
        assert reminders.deliver_due_reminders(T0) == 0  # nothing pending: the row is being sent
        traveller.move_to(T0 + delivery.CLAIM_LEASE + timedelta(minutes=1))
        assert reminders.deliver_due_reminders(T0 + delivery.CLAIM_LEASE + timedelta(minutes=1)) == 1
    row.refresh_from_db()
    assert (row.status, row.attempts) == ("sent", 2)
    assert len(mail.outbox) == 1
    assert calendar.pair1.mentor.user.email in mail.outbox[0].to


@pytest.mark.django_db
def test_a_failing_mail_server_is_retried_then_given_up(monkeypatch):
    from django.core.mail.message import EmailMessage

    def refuse(self, fail_silently=False):
        raise ConnectionRefusedError("smtp down")

    with time_machine.travel(T0, tick=False):
        Calendar()
        monkeypatch.setattr(EmailMessage, "send", refuse)
        for _ in range(delivery.MAX_ATTEMPTS):
            assert reminders.sweep(T0)["sent"] == 0
    row = Reminder.objects.get()
    assert (row.status, row.attempts, row.last_error) == ("failed", 3, "ConnectionRefusedError")
    assert Notification.objects.count() == 0


def test_quiet_hours_move_evening_and_night_to_seven_in_the_morning():
    after = planning.after_quiet_hours
    assert after(datetime(2025, 3, 3, 20, 0, tzinfo=UTC), CPH) == datetime(2025, 3, 4, 6, 0, tzinfo=UTC)
    assert after(datetime(2025, 3, 3, 3, 0, tzinfo=UTC), CPH) == datetime(2025, 3, 3, 6, 0, tzinfo=UTC)
    noon = datetime(2025, 3, 3, 11, 0, tzinfo=UTC)
    assert after(noon, CPH) == noon
