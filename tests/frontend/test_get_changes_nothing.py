"""No GET request changes the database: every URL, as every role, on a small program.

Mail link scanners and browsers' prefetchers follow links, so a page that writes on GET
acts for a person who never clicked. This test enumerates the URL patterns from the
resolver (a URL added later is walked too), fills each path parameter with ids of the
fixture's objects (the role's own and other people's), GETs every URL as anonymous,
mentee, mentor, coordinator and operator, and compares every table's rows before and
after each request.

Allowed to change, and nothing else:
- sessions (django_session): signing in is not the subject here;
- the stored pair-health judgements (oversight.PairHealthRecord): a cache of what
  oversight.health computes from the letters, which the dashboard brings up to date before
  showing it (a pair whose judgement is missing or stamped changed). Nothing anyone did
  changes, and the same GET twice stores the same judgement;
- the stored letter counts behind the statistics (oversight.LetterTally and
  MonthlyLetterCount): the same kind of cache, of what oversight.letter_counts counts from
  the letters, which the statistics page, its CSV and its API recount for stamped pairs
  before reading (docs/design.md);
- ALLOWED_NEW_ROWS: rows that audit reading itself, namely the review logs' "opened"
  entries (a coordinator opening a letter or a post on its review page is recorded;
  docs/moderation.md), and a program's empty peer space, made the first time anyone looks
  for it (spaces.services.space_for): it holds nothing and acts for nobody.
"""

import itertools
from datetime import time
from dataclasses import dataclass, field

import pytest
from django.apps import apps
from django.contrib.auth.tokens import default_token_generator
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.regex_helper import normalize

from goals import services as goal_services
from letters.models import Letter, LetterStatus, Notification, ReviewAuditEntry
from oversight import services as oversight_services
from oversight.models import LetterTally, MonthlyLetterCount, PairHealthRecord
from programs import accounts
from programs import services as program_services
from privacy.models import DataExport
from programs.models import Membership, Program
from readings import services as reading_services
from spaces import services as space_services
from spaces.models import PostReviewEntry, Space
from tests import factories
from timeline import services as timeline_services
from toolbox import services as toolbox_services

#: Tables whose rows a GET may change freely: sessions, and derived judgements (see above).
IGNORED_MODELS = {Session, PairHealthRecord, LetterTally, MonthlyLetterCount}

#: New rows a GET may add, by model: a predicate on the row's field values.
ALLOWED_NEW_ROWS = {
    ReviewAuditEntry: lambda row: row["action"] == ReviewAuditEntry.Action.OPENED,
    PostReviewEntry: lambda row: row["action"] == ReviewAuditEntry.Action.OPENED,
    Space: lambda row: True,
}

#: At most this many combinations of values per URL pattern (the product grows fast).
MAX_COMBINATIONS = 12


# ---------------------------------------------------------------------------- the URLs


@dataclass(frozen=True)
class Route:
    """One URL pattern, flattened: a %-format string for its path and the parameter names."""

    template: str
    params: tuple[str, ...]
    callback: object
    name: str


def all_routes(resolver=None, prefix: str = "", params: tuple = ()) -> list[Route]:
    """Return every URL pattern reachable from the root resolver, with its full path template."""
    resolver = resolver or get_resolver()
    routes = []
    for pattern in resolver.url_patterns:
        template, names = normalize(pattern.pattern.regex.pattern)[0]
        if isinstance(pattern, URLResolver):
            routes += all_routes(pattern, prefix + template, params + tuple(names))
        elif isinstance(pattern, URLPattern):
            routes.append(Route(prefix + template, params + tuple(names), pattern.callback,
                                pattern.name or prefix + template))
    return routes


def model_of(route: Route):
    """Return the model an admin page or an API view is about, when the view says so."""
    model_admin = getattr(route.callback, "model_admin", None)
    if model_admin is not None:
        return model_admin.model
    parts = route.template.split("/")
    if parts[0] == "admin" and len(parts) > 3:  # a model admin's own extra pages: admin/<app>/<model>/...
        try:
            return apps.get_model(parts[1], parts[2])
        except LookupError:
            pass
    view_class = getattr(route.callback, "cls", None) or getattr(route.callback, "view_class", None)
    queryset = getattr(view_class, "queryset", None)
    return getattr(queryset, "model", None)


# ---------------------------------------------------------------------------- the data


@dataclass
class World:
    """A program with a pair in every letter state, another program, and the people to sign in as."""

    users: dict = field(default_factory=dict)
    ids: dict = field(default_factory=dict)   # parameter name -> ids to try
    tokens: list = field(default_factory=list)
    reset_uid: str = ""


#: The letters of the roles' own pair: (author, status). Every state, each side delivered to.
OWN_LETTERS = [("mentee", "delivered"), ("mentor", "delivered"), ("mentee", "read"), ("mentee", "in_review"),
               ("mentor", "draft"), ("mentee", "changes_requested"), ("mentee", "withheld")]
#: Another program's letters: what nobody of the roles' program may touch.
OTHER_LETTERS = [("mentee", "delivered"), ("mentor", "in_review")]


def _letters(pair, coordinator, states) -> list[Letter]:
    return [factories.make_letter(pair, by=by, status=status, coordinator=coordinator) for by, status in states]


def build_world() -> World:
    """Return the fixture: program A (the roles' own) and program B (other people's)."""
    world = World()
    program = factories.make_program()
    coordinator = factories.make_coordinator(program)
    pair = factories.make_pair(program, coordinator)
    operator = factories.make_user(is_superuser=True, is_staff=True)
    other_program = factories.make_program()
    other_coordinator = factories.make_coordinator(other_program)
    other_pair = factories.make_pair(other_program, other_coordinator)
    letters = _letters(pair, coordinator, OWN_LETTERS) + _letters(other_pair, other_coordinator, OTHER_LETTERS)
    reading = reading_services.create_reading(coordinator, program=program, title="The boat", body="<p>A story.</p>",
                                              language="en")
    now = timezone.now()
    assignment = reading_services.schedule_assignment(
        coordinator, program=program, reading=reading, opens_at=now, due_at=now + timezone.timedelta(days=7))
    program_services.add_pair_note(coordinator, pair=pair, text="Doing well.")
    watch_word = program_services.add_watch_word(coordinator, program=program, term="sleepover", severity="hold")
    topic = oversight_services.add_topic(coordinator, program=program, name="Sport")
    # An unconfirmed authenticator: its setup page and the admin's device pages are walked too.
    accounts.start_totp_setup(coordinator)
    invited, _invitation, token = accounts.invite_participant(coordinator, program=program, role="mentee",
                                                              pseudonym="Invited one")
    world.users = {"anonymous": None, "mentee": pair.mentee.user, "mentor": pair.mentor.user,
                   "coordinator": coordinator, "operator": operator}
    notifications = [
        Notification.objects.create(user=user, kind="letter_delivered", program=program, title="A letter came",
                                    url=f"/pairs/{pair.pk}/")
        for user in (pair.mentee.user, pair.mentor.user, coordinator)
    ]
    for user in world.users.values():
        if user is not None:
            program_services.reset_calendar_token(user)
            user.refresh_from_db()
            world.tokens.append(user.calendar_token)
    # A valid password-reset link of the mentee's: following it must change nothing but the session.
    world.reset_uid = urlsafe_base64_encode(force_bytes(pair.mentee.user.pk))
    world.tokens += [token, "x" * 40, default_token_generator.make_token(pair.mentee.user)]
    _request_exports_and_reports(world, pair, program)
    article = toolbox_services.create_article(coordinator, program=program, audience="mentees", language="en",
                                              title="How to start", body="Say hello.")
    event = timeline_services.create_event(coordinator, program=program, title="Café", day=now.date(),
                                           starts=time(16), ends=time(17))
    goals = [goal_services.create_goal(p.mentee.user, membership=p.mentee, text="Read a book", steps=["Pick one"],
                                       shared_with_mentor=True) for p in (pair, other_pair)]
    spaces = _spaces(pair, coordinator, other_pair)
    world.ids = {
        "letter_id": [letter.pk for letter in letters],
        "pair_id": [pair.pk, other_pair.pk],
        "program_id": [program.pk, other_program.pk],
        "reading_id": [reading.pk],
        "assignment_id": [assignment.pk],
        "membership_id": [pair.mentee.pk, pair.mentor.pk, invited.pk, other_pair.mentee.pk],
        "notification_id": [n.pk for n in notifications],
        "export_id": list(DataExport.objects.values_list("pk", flat=True)),
        "report_id": list(_report_ids()),
        "watch_word_id": [watch_word.pk],
        "topic_id": [topic.pk],
        "article_id": [article.pk],
        "event_id": [event.pk],
        "goal_id": [goal.pk for goal in goals],
        "step_id": [step.pk for goal in goals for step in goal.steps.all()],
        **spaces,
    }
    return world


def _spaces(pair, coordinator, other_pair) -> dict:
    """Peer-space objects of both programs: a published thread with a reply and a report, and a held post."""
    mentees = space_services.space_for(pair.program, "mentees")
    mentors = space_services.space_for(pair.program, "mentors")
    elsewhere = space_services.space_for(other_pair.program, "mentors")
    held = space_services.start_thread(pair.mentee.user, space=mentees, title="Hello", body="My first post here")
    thread = space_services.start_thread(pair.mentor.user, space=mentors, title="Tips", body="Short replies work.")
    other = space_services.start_thread(other_pair.mentor.user, space=elsewhere, title="Hi", body="Hello all")
    second_mentor = factories.make_member(pair.program, "mentor", coordinator)
    reply = space_services.reply_to_thread(second_mentor.user, thread=thread, body="Thank you, good idea.")
    report = space_services.report_post(pair.mentor.user, post=reply, reason="Off topic")
    return {
        "space_id": [mentees.pk, mentors.pk, elsewhere.pk],
        "thread_id": [held.pk, thread.pk, other.pk],
        "post_id": [held.opening_id, thread.opening_id, reply.pk, other.opening_id],
        "space_report_id": [report.pk],
    }


def _report_model():
    return next(model for model in apps.get_models() if model.__name__ == "Report")


def _report_ids():
    return _report_model().objects.values_list("pk", flat=True)


def _request_exports_and_reports(world: World, pair, program) -> None:
    """Ask for an export and a booklet the way people do, through the pages (POST)."""
    for role in ("mentee", "coordinator"):
        client = Client()
        client.force_login(world.users[role])
        assert client.post("/account/exports/").status_code == 302
    client = Client()
    client.force_login(world.users["coordinator"])
    assert client.post("/reports/new/", {"kind": "pair_booklet", "pair": pair.pk}).status_code in (200, 302)


def values_for(world: World, route: Route, name: str) -> list[str]:
    """Return the values to try for path parameter `name` of `route`; fail for an unknown one."""
    if name in world.ids:
        return [str(pk) for pk in world.ids[name]]
    if name in ("pk", "object_id", "id"):
        model = model_of(route)
        if model is not None:
            pks = list(model._base_manager.order_by("pk").values_list("pk", flat=True))
            return [str(pks[-1])] if pks else ["1"]  # the admin's pages are the same for every row
        return sorted({str(pk) for pks in world.ids.values() for pk in pks})
    if name == "content_type_id":
        return [str(apps.get_model("contenttypes", "ContentType").objects.get_for_model(Letter).pk)]
    if name == "token":
        return world.tokens
    if name == "uidb64":
        return [world.reset_uid]
    if name == "format":
        return ["json"]
    if name == "app_label":
        return [config.label for config in apps.get_app_configs()]
    if name == "url":
        return ["no-such-page/"]
    raise AssertionError(f"{route.name}: no values for the path parameter {name!r}; add some to values_for()")


def shadowed(route: Route) -> bool:
    """True for a route without parameters whose URL an earlier pattern answers (it is walked as that one),
    e.g. the admin's own sign-in page, which the project sends to its one sign-in page."""
    if route.params:
        return False
    try:
        return resolve("/" + route.template).func is not route.callback
    except Resolver404:
        return False


def urls_of(world: World, route: Route) -> list[str]:
    """Return the URLs to GET for `route`: each combination of its parameters that resolves to it."""
    choices = [values_for(world, route, name) for name in route.params]
    urls = []
    for combination in itertools.islice(itertools.product(*choices), MAX_COMBINATIONS * 4):
        url = "/" + route.template % dict(zip(route.params, combination, strict=True))
        try:
            if resolve(url).func is not route.callback:
                continue  # an earlier pattern answers this URL; it is walked as that one
        except Resolver404:
            continue
        urls.append(url)
        if len(urls) == MAX_COMBINATIONS:
            break
    return urls


# ---------------------------------------------------------------------------- the snapshot


def watched_models():
    return [model for model in apps.get_models(include_auto_created=True) if model not in IGNORED_MODELS]


def snapshot() -> dict:
    """Return every watched table's rows as {model: {pk: row dict}}."""
    return {
        model: {row[model._meta.pk.attname]: row for row in model._base_manager.order_by().values()}
        for model in watched_models()
    }


def differences(before: dict, after: dict) -> list[str]:
    """Return one line per table whose rows changed, naming the rows; allowed new rows excepted."""
    problems = []
    for model, rows in after.items():
        old = before[model]
        allowed = ALLOWED_NEW_ROWS.get(model, lambda row: False)
        added = [pk for pk in rows.keys() - old.keys() if not allowed(rows[pk])]
        removed = list(old.keys() - rows.keys())
        changed = [pk for pk in rows.keys() & old.keys() if rows[pk] != old[pk]]
        if added or removed or changed:
            problems.append(f"{model._meta.db_table}: added {sorted(added)}, removed {sorted(removed)}, "
                            f"changed {sorted(changed)}")
    return problems


class WriteWatcher:
    """Note whether any statement other than a read (or a savepoint) reached the database.

    Only a speed-up: a request that sent no such statement cannot have changed a row, so
    the walk skips its snapshot; for every other request, the snapshots decide.
    """

    READS = ("SELECT", "SAVEPOINT", "RELEASE", "ROLLBACK TO", "PRAGMA", "SET ", "SHOW ")

    def __init__(self):
        self.wrote = False

    def __call__(self, execute, sql, params, many, context):
        if not sql.lstrip().upper().startswith(self.READS):
            self.wrote = True
        return execute(sql, params, many, context)


def walk(world: World, role: str) -> tuple[list[str], int, list[str]]:
    """GET every URL as `role`; return (problems, how many GETs, routes that got no URL)."""
    client = Client(raise_request_exception=False)
    if world.users[role] is not None:
        client.force_login(world.users[role])
    problems, count, unreached = [], 0, []
    before = snapshot()
    watcher = WriteWatcher()
    for route in all_routes():
        urls = urls_of(world, route)
        if not urls and not shadowed(route):
            unreached.append(route.name)
        for url in urls:
            watcher.wrote = False
            with connection.execute_wrapper(watcher):
                response = client.get(url)
            count += 1
            if response.status_code >= 500:
                problems.append(f"GET {url} as {role}: HTTP {response.status_code}")
            if watcher.wrote:
                after = snapshot()
                problems += [f"GET {url} as {role} changed {line}" for line in differences(before, after)]
                before = after
    return problems, count, unreached


@pytest.fixture
def world(db):
    return build_world()


@pytest.mark.parametrize("role", ["anonymous", "mentee", "mentor", "coordinator", "operator"])
def test_no_get_request_changes_the_database(world, role):
    problems, count, unreached = walk(world, role)
    assert count > 150, f"only {count} URLs were walked"
    assert not unreached, f"no URL could be built for: {unreached}"
    assert not problems, "\n".join(problems)


def test_the_snapshot_sees_an_update_and_the_allow_list_only_lets_openings_through(world):
    """The comparison itself: an UPDATE, a claim entry and an opening entry (allowed)."""
    letter = Letter.objects.filter(status=LetterStatus.DELIVERED).first()
    before = snapshot()
    ReviewAuditEntry.objects.create(letter=letter, actor=world.users["coordinator"],
                                    action=ReviewAuditEntry.Action.OPENED)
    assert differences(before, snapshot()) == []
    Letter.objects.filter(pk=letter.pk).update(status=LetterStatus.READ, read_at=timezone.now())
    ReviewAuditEntry.objects.create(letter=letter, actor=world.users["coordinator"],
                                    action=ReviewAuditEntry.Action.CLAIMED)
    found = differences(before, snapshot())
    assert any(line.startswith(f"{Letter._meta.db_table}: added [], removed [], changed [{letter.pk}]")
               for line in found), found
    assert any(line.startswith(ReviewAuditEntry._meta.db_table) for line in found), found


def test_every_role_has_its_own_and_others_objects(world):
    """The walk is only as good as its data: each role owns something and can be refused something."""
    assert Membership.objects.filter(user=world.users["mentee"], role="mentee").exists()
    assert Program.objects.count() == 2
    assert len(world.ids["letter_id"]) == len(OWN_LETTERS) + len(OTHER_LETTERS) and world.ids["report_id"] and world.ids["export_id"]
