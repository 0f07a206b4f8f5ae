"""Keep letter bodies, readings and personal fields out of logs and error reports.

Two layers, because an error can leak text in two ways:

* `ScrubPrivateDataFilter` (a logging filter on every handler in settings.LOGGING) rewrites
  each record's message and formatted traceback, removing database error details that
  quote whole rows ("Failing row contains (...)", "Key (...)=(...)") and the values of
  private keys passed in a dict (body, password, e-mail, names, notes, tokens).
* `ScrubbingExceptionReporter` (settings.DEFAULT_EXCEPTION_REPORTER) applies the same
  rewriting to the exception message in the error e-mails Django sends to ADMINS; the
  local variables and POST fields of views and services that handle letters or passwords
  are hidden by `sensitive_variables` / `sensitive_post_parameters` where they are defined.
"""

import logging
import re

from django.views.debug import ExceptionReporter

#: Keys whose values never reach a log, whatever the record.
PRIVATE_KEYS = frozenset({
    "body", "body_html", "body_text", "text", "html", "password", "password1", "password2", "token",
    "email", "first_name", "last_name", "bio", "note", "reason", "excerpt", "pseudonym",
})
REDACTED = "[private]"

_ROW_DETAILS = [
    # PostgreSQL: "DETAIL:  Failing row contains (12, <p>the letter</p>, ...)."
    re.compile(r"(Failing row contains )\(.*?\)(\.?)(?=\s*$|\n)", re.S | re.M),
    # PostgreSQL: "DETAIL:  Key (pseudonym, program_id)=(Sunny, 3) already exists."
    re.compile(r"(Key \([^)]*\)=)\(.*?\)(?= already exists| is not present| conflicts)", re.S),
]


def scrub_text(text: str) -> str:
    """Return `text` with quoted database rows and key values replaced by a placeholder."""
    for pattern in _ROW_DETAILS:
        text = pattern.sub(lambda m: m.group(1) + f"({REDACTED})" + (m.group(2) if m.lastindex >= 2 else ""), text)
    return text


def scrub_mapping(values):
    """Return a copy of a dict with the values of private keys replaced; other objects unchanged."""
    if isinstance(values, dict):
        return {key: (REDACTED if str(key).lower() in PRIVATE_KEYS else value) for key, value in values.items()}
    return values


class ScrubPrivateDataFilter(logging.Filter):
    """Rewrite a log record so that it carries no letter text or personal field; never drop it."""

    _formatter = logging.Formatter()

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            if isinstance(record.args, dict):
                record.args = scrub_mapping(record.args)
            record.msg = scrub_text(record.getMessage())
            record.args = None
        except Exception:  # a broken record must still be logged, just without its arguments
            record.msg, record.args = scrub_text(str(record.msg)), None
        if record.exc_info and record.exc_info[0] is not None:
            # The formatter reuses exc_text, so the scrubbed traceback is the one written out.
            record.exc_text = scrub_text(self._formatter.formatException(record.exc_info))
        elif record.exc_text:
            record.exc_text = scrub_text(record.exc_text)
        return True


class ScrubbingExceptionReporter(ExceptionReporter):
    """Django's error report with the exception message scrubbed like the logs."""

    def get_traceback_data(self):
        data = super().get_traceback_data()
        if data.get("exception_value"):
            data["exception_value"] = scrub_text(str(data["exception_value"]))
        return data
