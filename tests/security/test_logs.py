"""No letter text reaches a log line or an error e-mail, even when sending a letter fails."""

import io
import logging

import pytest
from django.core import mail
from django.db import IntegrityError

from programs.log_scrubbing import ScrubPrivateDataFilter, scrub_text
from tests import factories

SECRET_TEXT = "Meet me at the old mill on Saturday, Alma"


@pytest.fixture
def console_output():
    """Return a buffer that the configured console handler (with its scrubbing filter) writes to."""
    handler = next(h for h in logging.getLogger().handlers if any(isinstance(f, ScrubPrivateDataFilter) for f in h.filters))
    buffer = io.StringIO()
    old_stream = handler.setStream(buffer)
    yield buffer
    handler.setStream(old_stream)


@pytest.mark.urls("tests.security.error_urls")
def test_a_failing_letter_leaves_no_text_in_logs_or_error_mail(client, settings, pair, monkeypatch, console_output):
    settings.ADMINS = [("Operator", "operator@example.org")]
    letter = factories.make_letter(pair, status="draft")

    def database_refuses(letter, **options):  # stands in for route_submitted_letter, whatever it is told
        # What PostgreSQL says when a row breaks a constraint: the whole row, letter text included.
        raise IntegrityError(
            'new row for relation "letters_letter" violates check constraint "x"\n'
            f"DETAIL:  Failing row contains ({letter.pk}, <p>{letter.body_text}</p>, {letter.body_text}, in_review)."
        )

    monkeypatch.setattr("letters.services.route_submitted_letter", database_refuses)
    client.raise_request_exception = False
    client.force_login(pair.mentee.user)
    response = client.post(f"/send/{letter.pk}/", {"body": SECRET_TEXT})
    assert response.status_code == 500
    logged = console_output.getvalue()
    assert "Internal Server Error: /send/" in logged and "IntegrityError" in logged
    assert "Failing row contains ([private])" in logged
    assert "old mill" not in logged and "Alma" not in logged
    assert len(mail.outbox) == 1
    report = mail.outbox[0].body
    assert "IntegrityError" in report and "Failing row contains ([private])" in report
    assert "old mill" not in report and "Alma" not in report


def test_scrub_text_removes_quoted_rows_and_keys():
    assert scrub_text('DETAIL:  Key (pseudonym, program_id)=(Sunny, 3) already exists.') == (
        "DETAIL:  Key (pseudonym, program_id)=([private]) already exists.")
    assert scrub_text("plain message") == "plain message"


def test_private_values_in_log_arguments_are_replaced():
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "saved %(body)s for %(pk)s", None, None)
    record.args = {"body": SECRET_TEXT, "pk": 7}
    ScrubPrivateDataFilter().filter(record)
    assert record.getMessage() == "saved [private] for 7"
