"""The API keeps a letter's text as typed, refuses stale saves, and leaves letters with
findings to the review page."""

from letters import selectors
from letters.models import Letter, LetterStatus
from tests import factories
from tests.api.conftest import client_for


def test_a_stale_version_or_if_match_is_refused_with_409_and_nothing_saved(pair):
    letter = factories.make_letter(pair, body="The first words.")
    client = client_for(pair.mentee.user)
    url = f"/api/v1/letters/{letter.pk}/"
    read = client.get(url)
    version = read.json()["version"]
    assert read["ETag"] == f'"{version}"'
    saved = client.patch(url, {"body": "Second <words>.", "version": version}, format="json")
    assert saved.status_code == 200 and saved.json()["body_text"] == "Second <words>."
    assert saved.json()["body_html"] == "<p>Second &lt;words&gt;.</p>"
    newer = saved.json()["version"]
    assert newer != version
    stale = client.patch(url, {"body": "Old tab."}, format="json", HTTP_IF_MATCH=f'"{version}"')
    assert stale.status_code == 409 and stale.json()["error"]["code"] == "conflict"
    stale_submit = client.post(f"{url}submit/", {"body": "Old tab, sent.", "version": version}, format="json")
    assert stale_submit.status_code == 409
    letter.refresh_from_db()
    assert (letter.body_text, letter.status) == ("Second <words>.", LetterStatus.DRAFT)
    fresh = client.patch(url, {"body": "Third words."}, format="json", HTTP_IF_MATCH=saved["ETag"])
    assert fresh.status_code == 200 and selectors.draft_version(Letter.objects.get(pk=letter.pk)) == fresh.json()["version"]


def test_approving_a_letter_with_findings_through_the_api_is_refused(pair, coordinator):
    letter = factories.make_letter(pair, status="in_review", body="Write to me at fox.star@example.com please.")
    refused = client_for(coordinator).post(f"/api/v1/letters/{letter.pk}/approve/", {}, format="json")
    assert refused.status_code == 400 and "review page" in refused.json()["error"]["message"]
    assert Letter.objects.get(pk=letter.pk).status == LetterStatus.IN_REVIEW
    returned = client_for(coordinator).post(f"/api/v1/letters/{letter.pk}/request-changes/",
                                            {"note": "Leave out your e-mail address."}, format="json")
    assert returned.status_code == 200 and returned.json()["status"] == "changes_requested"
