"""The trust edges in a real browser, in English and in Danish, with axe on every page.

A mentee's counter counts what they see and says what the server says; two tabs on one
draft never overwrite each other silently; clearing cookies mid-letter shows a translated
page and the text comes back after signing in; "<insert name here>" reaches the mentor as
typed; a letter with findings is decided only on its review page.
"""

import pytest
from django.db import OperationalError
from django.utils import translation
from django.utils.translation import gettext

from letters import services as letter_services
from letters.models import Letter, LetterStatus
from letters.text import counter_messages
from tests.browser.conftest import DESKTOP, PageChecker
from tests.browser.test_journey import PASSWORD, make_people, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def text(language, message):
    with translation.override(language):
        return gettext(message)


def length_message(language, kind, count):
    with translation.override(language):
        return counter_messages()[f"{kind}_{'one' if count == 1 else 'other'}"].replace("{count}", str(count))


def sign_in_speaking(new_page, live_server, username, language):
    """Sign in from a browser whose preferred language is `language` (it applies once signed out)."""
    page = new_page(locale={"da": "da-DK", "en": "en-GB"}[language])
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
    return page


def saved_prefix(language):
    return text(language, "Saved at %(time)s").split("%")[0].strip()


def wait_until_saved(page, letter_id, body, seconds=15):
    """Wait until the server holds `body` for the letter (the autosave runs 1.5 s after typing stops)."""
    for _ in range(seconds * 4):
        try:
            if Letter.objects.get(pk=letter_id).body_text == body:
                return
        except OperationalError:  # the live server is writing to the SQLite test database right now
            pass
        page.wait_for_timeout(250)
    raise AssertionError(f"the draft was not saved as {body!r}")


@pytest.mark.parametrize("language", ["en", "da"])
def test_the_editor_and_review_keep_the_authors_words(new_page, live_server, language):
    from playwright.sync_api import expect

    program, pair = make_people(language)
    check = PageChecker(prefix=f"trust-{language}")
    base = live_server.url
    draft = letter_services.save_draft(pair.mentee.user, pair=pair, body="")
    editor_url = f"{base}/letters/{draft.pk}/edit/"

    # 4. The counter counts what a person sees, and speaks the server's words.
    tab_a = sign_in_speaking(new_page, live_server, f"mentee-{language}", language)
    tab_a.goto(editor_url)
    box_a = tab_a.locator("textarea[name=body]")
    box_a.fill("😀" * 12 + "👨‍👩‍👧")  # 13 characters, 7 short of the program's 20
    expect(tab_a.locator("#body-count")).to_have_text(length_message(language, "short", 7))
    box_a.fill("😀" * 19 + "👨‍👩‍👧")
    expect(tab_a.locator("#body-count")).to_have_text(text(language, "{count} characters").replace("{count}", "20"))
    box_a.fill("x" * (program.max_letter_chars + 5))
    expect(tab_a.locator("#body-count")).to_have_text(length_message(language, "long", 5))
    box_a.fill("y" * (program.max_letter_chars * 2 + 10))  # past what the server keeps: told why, not "signed in?"
    expect(tab_a.locator("#save-status")).to_contain_text(length_message(language, "long", program.max_letter_chars + 10))
    box_a.fill("Kære Kaptajn Eg. ")
    wait_until_saved(tab_a, draft.pk, "Kære Kaptajn Eg. ")

    # 3. Two tabs: the second one's stale save is refused and both texts are shown.
    tab_b = tab_a.context.new_page()
    tab_b.set_viewport_size(DESKTOP)
    tab_b.goto(editor_url)
    box_b = tab_b.locator("textarea[name=body]")
    box_a.fill("Kære Kaptajn Eg. Skrevet i det første vindue.")
    wait_until_saved(tab_a, draft.pk, "Kære Kaptajn Eg. Skrevet i det første vindue.")
    box_b.fill("Kære Kaptajn Eg. Skrevet i det andet vindue.")
    expect(tab_b.locator("#draft-conflict")).to_be_visible()
    expect(tab_b.locator("#conflict-saved")).to_have_value("Kære Kaptajn Eg. Skrevet i det første vindue.")
    check.check(tab_b, "two versions")
    assert Letter.objects.get(pk=draft.pk).body_text == "Kære Kaptajn Eg. Skrevet i det første vindue."
    tab_b.click("#conflict-keep")
    wait_until_saved(tab_b, draft.pk, "Kære Kaptajn Eg. Skrevet i det andet vindue.")
    expect(tab_b.locator("#save-status")).to_contain_text(saved_prefix(language))
    box_a.fill("Kære Kaptajn Eg. Igen fra det første.")
    expect(tab_a.locator("#draft-conflict")).to_be_visible()
    tab_a.click("#conflict-take")
    expect(box_a).to_have_value("Kære Kaptajn Eg. Skrevet i det andet vindue.")
    expect(tab_a.locator("#draft-conflict")).to_be_hidden()
    tab_b.close()

    # 2 and 5. Angle brackets are kept; cookies cleared mid-letter lose nothing.
    typed = "Kære Kaptajn Eg, jeg var i parken med <insert name here> og en hund."
    box_a.fill(typed)
    wait_until_saved(tab_a, draft.pk, typed)
    tab_a.context.clear_cookies()
    box_a.press("End")
    box_a.press_sequentially(" Den hed Bob.")
    expect(tab_a.locator("#save-status")).to_contain_text(
        text(language, "Your session has ended or this page is too old. Sign in again, or reload the page.")
    )
    tab_a.click("button[name=action][value=send]")
    expect(tab_a.locator("h1")).to_have_text(text(language, "This page had expired"))
    expect(tab_a.locator("main")).to_contain_text(text(language, "Your letter is not lost."))
    check.check(tab_a, "expired form")
    tab_a.click("main a[href^='/login/']")
    tab_a.fill("#id_username", f"mentee-{language}")
    tab_a.fill("#id_password", PASSWORD)
    tab_a.click("main button[type=submit]")
    tab_a.wait_for_url(editor_url)
    expect(box_a).to_have_value(typed + " Den hed Bob.")
    expect(tab_a.locator("#save-status")).to_contain_text(text(language, "We brought back the text you wrote on this device."))
    tab_a.click("button[name=action][value=send]")
    tab_a.wait_for_url("**/letters/")
    sent = Letter.objects.get(pk=draft.pk)
    assert sent.status == LetterStatus.IN_REVIEW and sent.body_text == typed + " Den hed Bob."

    # 12. The pair page sends a letter with findings to its review page; the other one it may deliver.
    flagged = letter_services.save_draft(pair.mentee.user, pair=pair, body="Skriv til mig på fox.star@example.com i aften.")
    letter_services.submit_letter(pair.mentee.user, letter=flagged)
    coordinator = sign_in(new_page, live_server, f"coordinator-{language}")
    coordinator.goto(f"{base}/coordinate/pairs/{pair.pk}/")
    expect(coordinator.locator(f"form[action$='/letters/{flagged.pk}/decide/']")).to_have_count(0)
    expect(coordinator.locator("main")).to_contain_text("<insert name here>")
    check.check(coordinator, "pair page with findings")
    coordinator.click(f"form[action$='/letters/{sent.pk}/decide/'] button[value=approve]")
    expect(coordinator.locator(".messages")).to_contain_text(text(language, "The letter is delivered."))
    coordinator.click(f"main a.button[href='/letters/{flagged.pk}/review/']")
    coordinator.wait_for_url(f"**/letters/{flagged.pk}/review/")
    expect(coordinator.locator("#letter-text mark")).to_contain_text("fox.star@example.com")
    coordinator.check("#decide-approve")
    coordinator.click("#decide-button")
    expect(coordinator.locator(".messages")).to_contain_text(text(language, "The letter was delivered."))
    assert Letter.objects.get(pk=flagged.pk).status == LetterStatus.DELIVERED

    # The mentor reads the text exactly as the mentee typed it.
    mentor = sign_in(new_page, live_server, f"mentor-{language}")
    mentor.goto(f"{base}/letters/{sent.pk}/")
    expect(mentor.locator("main .letter-body")).to_have_text(typed + " Den hed Bob.")
    check.check(mentor, "letter with angle brackets")
