"""The program report PDF carries the topic, region and age-band tables, suppressed like the page."""

import io
import re
from datetime import timedelta

import pytest
from pypdf import PdfReader

from oversight import services
from oversight.models import DefaultTopic, Topic
from oversight.reports import run_report
from programs import services as program_services
from tests import factories


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


@pytest.mark.django_db
def test_the_program_report_has_topic_and_region_tables_with_small_counts_suppressed(settings, tmp_path):
    """Six pairs in Tromsø (one letter each, tagged School) and one pair with no region, its letter untagged."""
    settings.MEDIA_ROOT = tmp_path
    program = factories.make_program()
    coordinator = factories.make_coordinator(program)
    services.add_default_topics(program)
    school = Topic.objects.get(program=program, key=DefaultTopic.SCHOOL)
    for index in range(7):
        pair = factories.make_pair(program, coordinator)
        if index < 6:
            program_services.set_member_details(coordinator, membership=pair.mentee, region="Tromsø", age_band="13-15")
        letter = factories.make_letter(pair, status="delivered", coordinator=coordinator)
        if index < 6:
            services.set_letter_topic(coordinator, letter=letter, topic=school, tagged=True)
    today = factories.now().date()
    report = services.request_report(coordinator, kind="program_report", program=program,
                                     period_start=today - timedelta(days=6), period_end=today)
    assert run_report(report.pk) == "done"
    report.refresh_from_db()
    text = " ".join(pdf_text(report.file.read()).split())
    assert "By topic" in text and "By region" in text and "By age band" in text
    assert "These tables count whole months, the ones the period touches" in text
    assert re.search(r"School 6 6", text)
    assert re.search(r"Friends < 5 < 5", text)
    assert re.search(r"No topic < 5 < 5", text)
    assert re.search(r"Tromsø 6 6", text)
    assert re.search(r"Unknown < 5 < 5", text)
    assert re.search(r"13–15 6 6", text)
    # No small number is printed in the statistics tables: every cell under five reads "< 5".
    tables = text[text.index("By topic"):]
    tables = re.sub(r"\d+ / \d+", "", tables)  # the page numbers in the footer
    tables = tables.split("Mentor Mentee")[0].replace("< 5", "")
    assert not re.search(r"\b[0-4]\b(?! ?–)", tables)
