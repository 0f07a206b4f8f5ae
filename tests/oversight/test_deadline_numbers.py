"""The dashboard, the weekly coordinator e-mail and the program report PDF give the demo program the same numbers.

All three count pairs with an overdue letter or reply by the rules of letters.deadlines,
and the report's on-time figures count a reply that is owed and not sent as late. The demo
is loaded at a fixed moment and read at the next weekly digest, with the clock held still.
"""

import re
from datetime import datetime, timezone as dt_timezone

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from letters import reminders
from letters.models import Letter
from oversight import services
from oversight.health import refresh_all_pair_health
from oversight.models import HealthReason, PairHealthRecord
from oversight.reports import run_report
from programs.models import Membership, Pair, Program, User
from tests.oversight.test_reports import pdf_text

UTC = dt_timezone.utc
#: Loaded on a Sunday; read on Monday at 08:30 in Copenhagen, when the weekly digest goes out.
LOADED_AT = datetime(2026, 3, 1, 10, 0, tzinfo=UTC)
READ_AT = datetime(2026, 3, 2, 7, 30, tzinfo=UTC)


def _number(label: str, text: str) -> int:
    """Return the number printed right after `label` in `text` (a PDF's or a page's text)."""
    found = re.search(re.escape(label) + r"\s*:?\s*(\d+)", text)
    assert found, f"{label!r} not found"
    return int(found.group(1))


def _dashboard_counts(client, program) -> dict[str, int]:
    html = client.get(reverse("coordinator-dashboard", args=[program.pk])).content.decode()
    block = re.search(r'<dl class="counts" id="overdue-counts">(.*?)</dl>', html, re.S).group(1)
    text = re.sub(r"<[^>]+>", " ", block)
    return {"letter": _number("Pairs with an overdue letter", text), "reply": _number("Pairs with an overdue reply", text)}


def _listed_on_dashboard(program) -> dict[str, int]:
    """Return how many pairs the dashboard's pair list shows with each overdue reason (its stored judgement)."""
    records = list(PairHealthRecord.objects.filter(pair__program=program).values_list("reasons", flat=True))
    return {"letter": sum(HealthReason.LETTER_OVERDUE in reasons for reasons in records),
            "reply": sum(HealthReason.REPLY_OVERDUE in reasons for reasons in records)}


def _weekly_email_counts(coordinator) -> dict[str, int]:
    reminders.sweep(READ_AT)
    digests = [m for m in mail.outbox if coordinator.email in m.to and "need" in m.subject]
    assert len(digests) == 1, [m.subject for m in mail.outbox]
    body = digests[0].body
    return {"letter": _number("Pairs with an overdue letter", body), "reply": _number("Pairs with an overdue reply", body),
            "listed_reply": body.count("the mentor's reply is overdue"),
            "listed_letter": body.count("the mentee's letter is overdue")}


def _report_text(coordinator, program) -> str:
    report = services.request_report(coordinator, kind="program_report", program=program,
                                     period_start=program.starts_on, period_end=READ_AT.date())
    assert run_report(report.pk) == "done"
    report.refresh_from_db()
    return pdf_text(report.file.read())


@pytest.mark.django_db
def test_dashboard_weekly_email_and_report_agree_on_the_demo(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.SITE_URL = "https://brevven.example"
    with time_machine.travel(LOADED_AT, tick=False) as traveller:
        call_command("load_demo")
        program = Program.objects.get(slug="demo")
        coordinator = User.objects.get(username="demo-coordinator")
        User.objects.filter(pk=coordinator.pk).update(email="coordinator@example.org", language="en")
        coordinator.refresh_from_db()
        traveller.move_to(READ_AT)
        refresh_all_pair_health()  # the scheduled re-judging, which runs every few minutes
        client.force_login(coordinator)

        dashboard = _dashboard_counts(client, program)
        listed = _listed_on_dashboard(program)
        email = _weekly_email_counts(coordinator)
        report = _report_text(coordinator, program)

    from_report = {"letter": _number("Pairs with an overdue letter", report),
                   "reply": _number("Pairs with an overdue reply", report)}
    assert dashboard == listed == from_report == {"letter": email["letter"], "reply": email["reply"]}
    assert (email["listed_letter"], email["listed_reply"]) == (email["letter"], email["reply"])
    # The demo has unanswered letters whose reply window has passed: the figures are not all zero.
    unanswered = Letter.objects.filter(pair__program=program, author__role=Membership.Role.MENTEE,
                                       delivered_at__isnull=False, replies__isnull=True).values("pair").distinct()
    assert dashboard["reply"] == unanswered.count() > 0
    # In the demo every pair owed exactly one reply in the period, so the report's unsent replies are those pairs,
    # and "on time" counts them as late: it is the share of pairs whose mentor answered, not 100 %.
    assert _number("Mentor replies overdue, not sent", report) == dashboard["reply"]
    pairs = Pair.objects.filter(program=program).count()
    answered = pairs - dashboard["reply"]
    assert re.search(r"Mentor replies on time\s*%d %%" % round(100 * answered / pairs), report)
