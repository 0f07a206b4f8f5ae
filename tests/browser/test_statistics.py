"""Topics and statistics in a real browser, with axe on each page at 390 px (and the statistics at desktop width).

Five pairs in Aarhus have sent a letter tagged School. The coordinator opens the sixth
pair's letter for review, tags it School with one click, gives its mentee a region on the
region page, and sees on the statistics page six letters and six pairs for School and
Aarhus, while every small cell reads "< 5".
"""

import pytest

from letters.models import LetterStatus
from oversight import services as oversight_services
from oversight.models import DefaultTopic, LetterTopic, Topic
from programs import services as program_services
from programs.program_changes import program_created
from tests import factories
from tests.browser.conftest import DESKTOP, PHONE, PageChecker
from tests.browser.test_journey import make_people, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def row(page, table: str, key: str) -> list[str]:
    """Return the category and the two counts of one row of a statistics table, as shown."""
    return [text.strip() for text in page.locator(f"#statistics-{table} tr[data-key='{key}'] > *").all_inner_texts()]


def test_a_coordinator_tags_a_letter_and_sees_it_counted_with_small_cells_suppressed(new_page, live_server):
    from playwright.sync_api import expect

    program, pair = make_people("en")
    program_created(program)
    coordinator_user = program.memberships.get(role="coordinator").user
    school = Topic.objects.get(program=program, key=DefaultTopic.SCHOOL)
    for _ in range(5):
        other = factories.make_pair(program, coordinator_user)
        program_services.set_member_details(coordinator_user, membership=other.mentee, region="Aarhus", age_band="10-12")
        sent = factories.make_letter(other, status="delivered", coordinator=coordinator_user)
        oversight_services.set_letter_topic(coordinator_user, letter=sent, topic=school, tagged=True)
    letter = factories.make_letter(pair, status="in_review", coordinator=coordinator_user,
                                   body="Dear Captain Oak, at school we read about lighthouses today.")
    assert letter.status == LetterStatus.IN_REVIEW
    check = PageChecker(prefix="statistics")
    base = live_server.url

    coordinator = sign_in(new_page, live_server, "coordinator-en")
    coordinator.goto(f"{base}/letters/{letter.pk}/review/")
    topics = coordinator.locator("#letter-topics")
    school_button = topics.locator("button", has_text="School")
    expect(school_button).to_have_attribute("aria-pressed", "false")
    check.check(coordinator, "review page with topics")
    # A note half typed in a decision form survives the click: the button changes in place.
    coordinator.check("#decide-changes")  # the compact review page opens a decision's fields when chosen
    coordinator.fill("#id_changes_note", "Tell me more about the lighthouse")
    school_button.click()
    expect(school_button).to_have_attribute("aria-pressed", "true")
    expect(coordinator.locator("#letter-topics-status")).to_contain_text("School")
    assert list(LetterTopic.objects.filter(letter=letter).values_list("topic__key", flat=True)) == ["school"]
    assert coordinator.input_value("#id_changes_note") == "Tell me more about the lighthouse"
    assert letter.review_audit.filter(action="opened").count() == 1  # no reload, no second opening
    check.check(coordinator, "review page with a topic on")

    # The mentee of the letter's pair lives in Aarhus too: the coordinator says so on the region page.
    coordinator.goto(f"{base}/programs/{program.pk}/")
    coordinator.click(f"nav.subnav a[href='/programs/{program.pk}/statistics/']")
    coordinator.wait_for_url(f"**/programs/{program.pk}/statistics/")
    coordinator.click(f"main a[href='/programs/{program.pk}/statistics/people/']")
    coordinator.wait_for_url(f"**/programs/{program.pk}/statistics/people/")
    check.check(coordinator, "region and age band")
    coordinator.fill(f"#region-{pair.mentee.pk}", "Aarhus")
    coordinator.select_option(f"#age-{pair.mentee.pk}", "10-12")
    coordinator.click(f"form[action='/people/{pair.mentee.pk}/details/'] button[type=submit]")
    expect(coordinator.locator(".messages")).to_contain_text("Star Fox")
    pair.mentee.refresh_from_db()
    assert (pair.mentee.region, pair.mentee.age_band) == ("Aarhus", "10-12")

    coordinator.goto(f"{base}/programs/{program.pk}/statistics/")
    assert row(coordinator, "topic", str(school.pk)) == ["School", "6", "6"]
    friends = Topic.objects.get(program=program, key=DefaultTopic.FRIENDS)
    assert row(coordinator, "topic", str(friends.pk)) == ["Friends", "< 5", "< 5"]
    assert row(coordinator, "region", "Aarhus") == ["Aarhus", "6", "6"]
    assert row(coordinator, "age_band", "10-12") == ["10–12", "6", "6"]
    assert row(coordinator, "age_band", "13-15") == ["13–15", "< 5", "< 5"]
    cells = coordinator.locator("main table td").all_inner_texts()
    assert cells and all(cell == "< 5" or int(cell) >= 5 for cell in cells), cells
    check.check(coordinator, "statistics")
    coordinator.set_viewport_size(DESKTOP)
    check.check(coordinator, "statistics desktop")
    coordinator.set_viewport_size(PHONE)

    # The topics page: add one, and it is offered on the review page at once.
    coordinator.click(f"main a[href='/programs/{program.pk}/topics/']")
    coordinator.wait_for_url(f"**/programs/{program.pk}/topics/")
    check.check(coordinator, "topics")
    coordinator.fill("#id_topic_name", "Lighthouses")
    coordinator.click("main form:not([action]) button[type=submit]")
    expect(coordinator.locator(".messages")).to_contain_text("Lighthouses")
    coordinator.goto(f"{base}/letters/{letter.pk}/review/")
    expect(coordinator.locator("#letter-topics button", has_text="Lighthouses")).to_have_attribute("aria-pressed", "false")
