"""A coordinator's program pages in a real browser, in English and Danish, on a phone and a laptop.

The program menu is on every program page and marks the page shown; the tasks that once
needed an operator are coordinators' pages now: inviting a co-coordinator, choosing the
countries screening reads, and erasing a person, whose withheld letter stays under the
safeguarding hold.
"""

import pytest

from frontend.program_menu import PROGRAM_MENU
from letters import services as letter_services
from letters.models import Letter
from privacy.models import ErasureRecord
from programs.models import Membership
from tests.browser.conftest import DESKTOP, PageChecker
from tests.browser.test_journey import make_people, sign_in, text

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def check_both_widths(check: PageChecker, page, name: str) -> None:
    """Axe on the phone (the page's viewport) and again at laptop width."""
    check.check(page, f"{name} phone")
    phone = page.viewport_size
    page.set_viewport_size(DESKTOP)
    check.check(page, f"{name} desktop")
    page.set_viewport_size(phone)


def expect_menu_marks(page, language, label):
    from playwright.sync_api import expect

    menu = page.locator("nav.program-menu")
    expect(menu.locator("a")).to_have_count(len(PROGRAM_MENU))  # every entry, whatever pages the menu gains
    expect(menu.locator("a[aria-current=page]")).to_have_text(text(language, label))


@pytest.mark.parametrize("language", ["en", "da"])
def test_coordinator_pages_menu_co_coordinator_countries_and_erasure(new_page, live_server, language):
    from playwright.sync_api import expect

    program, pair = make_people(language)
    coordinator_user = Membership.objects.get(program=program, role="coordinator").user
    withheld = letter_services.submit_letter(pair.mentee.user, letter=letter_services.save_draft(
        pair.mentee.user, pair=pair, body="A letter that the coordinator keeps back for a talk."))
    letter_services.withhold_letter(coordinator_user, letter=withheld, reason="Talk to the school")
    check = PageChecker(prefix=f"coordinators-{language}")
    base = live_server.url
    page = sign_in(new_page, live_server, f"coordinator-{language}")

    # The menu on the people page; a co-coordinator is invited and their link shown once.
    page.goto(f"{base}/programs/{program.pk}/")
    page.click("nav.program-menu a[href$='/people/']")
    expect_menu_marks(page, language, "People")
    page.fill("#id_coordinator_pseudonym", "Coordinator Bo")
    page.click("form[action$='/people/coordinators/'] button")
    expect(page.locator("code.invitation-link")).to_contain_text("/invite/")
    assert Membership.objects.get(program=program, pseudonym="Coordinator Bo").role == "coordinator"
    check_both_widths(check, page, "people with a co-coordinator's link")

    # The countries screening reads, on the settings page.
    page.click("nav.program-menu a[href$='/settings/']")
    expect_menu_marks(page, language, "Settings")
    page.check("input[name=countries][value=NO]")
    page.click("main form button[type=submit]")
    expect(page.locator(".messages")).to_contain_text(
        text(language, "The screening countries are saved. They apply to the next letter sent."))
    program.refresh_from_db()
    assert "NO" in program.screening_countries
    check_both_widths(check, page, "settings")

    # The reports page, reached from the menu, keeps the menu.
    page.click("nav.program-menu a[href^='/reports/']")
    expect_menu_marks(page, language, "Reports")
    check_both_widths(check, page, "reports")

    # Erasing the mentee: the page says what stays under the hold, and wants the name typed.
    page.goto(f"{base}/programs/{program.pk}/people/")
    page.click(f"a[href='/people/{pair.mentee.pk}/erase/']")
    expect_menu_marks(page, language, "People")
    expect(page.locator("main")).to_contain_text("1")
    check_both_widths(check, page, "erase a person")
    page.fill("#id_confirm", "someone else")
    page.click("main form button.danger")
    expect(page.locator(".error-box")).to_be_visible()
    assert ErasureRecord.objects.count() == 0
    page.fill("#id_confirm", "Star Fox")
    page.click("main form button.danger")
    page.wait_for_url(f"**/programs/{program.pk}/people/")
    expect(page.locator(".messages")).to_be_visible()
    record = ErasureRecord.objects.get()
    assert (record.actor_id, record.letters_held) == (coordinator_user.pk, 1)
    assert Letter.objects.get(pk=withheld.pk).safeguarding_hold_until is not None
    expect(page.locator("table.people-table")).not_to_contain_text("Star Fox")
    check_both_widths(check, page, "people after an erasure")
