"""A coordinator's watch word in a real browser, with axe on the settings and watch-word pages.

The coordinator opens Settings from the program menu, follows the link to the watch words
and adds one; a mentee writes a letter that uses it; the letter waits for review and the
review page shows the watch word as a finding. Selectors use ids, names and URLs, as in
the journey test.
"""

import pytest
from django.utils import translation
from django.utils.translation import gettext

from letters.models import Letter, LetterStatus
from programs.models import WatchWord
from tests.browser.conftest import PageChecker
from tests.browser.test_journey import make_people, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def text(language, message):
    with translation.override(language):
        return gettext(message)


def test_a_coordinators_watch_word_holds_the_next_letter(new_page, live_server):
    from playwright.sync_api import expect

    language = "en"
    program, pair = make_people(language)
    program.review_policy = program.ReviewPolicy.FLAGGED_ONLY  # without the watch word, the letter would go straight through
    program.save(update_fields=["review_policy"])
    check = PageChecker(prefix="watch-words")
    base = live_server.url

    coordinator = sign_in(new_page, live_server, f"coordinator-{language}")
    coordinator.goto(f"{base}/programs/{program.pk}/")
    coordinator.click(f"nav.subnav a[href='/programs/{program.pk}/settings/']")
    coordinator.wait_for_url(f"**/programs/{program.pk}/settings/")
    check.check(coordinator, "settings")
    coordinator.click(f"main a[href='/programs/{program.pk}/settings/watch-words/']")
    coordinator.wait_for_url(f"**/programs/{program.pk}/settings/watch-words/")
    check.check(coordinator, "watch words empty")

    # An empty word is refused with the service's message, on the page.
    coordinator.click("main form:not([action]) button[type=submit]")
    expect(coordinator.locator("main")).to_contain_text(text(language, "Write the word or phrase to watch for."))
    check.check(coordinator, "watch words error")

    coordinator.fill("#id_term", "Tree House")
    coordinator.check("input[name=severity][value=hold]")
    coordinator.click("main form:not([action]) button[type=submit]")
    expect(coordinator.locator(".messages")).to_contain_text("Tree House")
    expect(coordinator.locator("main table")).to_contain_text("Tree House")
    check.check(coordinator, "watch words with one")
    assert list(WatchWord.objects.filter(program=program).values_list("term", "severity")) == [("Tree House", "hold")]

    # The mentee writes a letter that uses it (in other capitals) and sends it.
    mentee = sign_in(new_page, live_server, f"mentee-{language}")
    mentee.goto(f"{base}/pairs/{pair.pk}/")
    mentee.click(f"main form[action='/pairs/{pair.pk}/write/'] button")
    mentee.wait_for_url("**/letters/*/edit/")
    mentee.fill("textarea[name=body]", "Dear Captain Oak, we built a tree house in the garden this weekend.")
    mentee.click("button[name=action][value=send]")
    mentee.wait_for_url("**/letters/")
    expect(mentee.locator("main")).to_contain_text(text(language, "With your coordinator"))
    letter = Letter.objects.get(pair=pair, author=pair.mentee)
    assert letter.status == LetterStatus.IN_REVIEW
    assert list(letter.findings.values_list("kind", "severity")) == [("blocked_term", "hold")]

    # The review page shows the finding and marks the words in the letter.
    coordinator.goto(f"{base}/letters/{letter.pk}/review/")
    findings = coordinator.locator("#findings-summary")
    expect(findings).to_contain_text(text(language, "Watch word"))
    expect(findings).to_contain_text("tree house")
    expect(coordinator.locator("#letter-text mark")).to_contain_text("tree house")
    check.check(coordinator, "review page with a watch word")
