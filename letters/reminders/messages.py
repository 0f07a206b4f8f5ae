"""What a reminder says, in the recipient's language: its subject, lines, link and e-mail.

Messages name people only by pseudonym and never quote a letter or a post.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, translation
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from letters.models import Reminder, ReminderKind
from letters.deadlines import reply_due_for
from letters.reminders.planning import program_zone


@dataclass(frozen=True)
class Message:
    subject: str
    lines: list[str]
    action_label: str
    path: str
    language: str

    @property
    def text(self) -> str:
        return "\n\n".join(self.lines)


# ---------------------------------------------------------------------------- links


def absolute(path: str) -> str:
    return settings.SITE_URL + path


# ---------------------------------------------------------------------------- wording


def language_for(reminder: Reminder) -> str:
    """Return the recipient's language: their own choice, else the program's."""
    return reminder.recipient.language or reminder.program.language


def _when(moment: datetime | None, reminder: Reminder) -> str:
    """Return `moment` formatted for the active language in the program's time zone."""
    if moment is None:
        return ""

    return formats.date_format(moment.astimezone(program_zone(reminder.program)), "DATETIME_FORMAT")


def _partner(reminder: Reminder) -> str:
    """Return the pseudonym of the other side of the pair from the recipient."""
    pair = reminder.pair
    if pair is None:
        return ""
    return pair.mentor.pseudonym if pair.mentee.user_id == reminder.recipient_id else pair.mentee.pseudonym


def _reading_title(reminder: Reminder) -> str:
    assignment = reminder.assignment
    return assignment.reading.title if assignment is not None else ""


def _assignment_message(reminder: Reminder) -> tuple[str, list[str], str, str]:
    title, due = _reading_title(reminder), _when(reminder.assignment.due_at, reminder)
    path = reverse("pair-thread", args=[reminder.pair_id])
    if reminder.kind == ReminderKind.READING_OPEN:
        return (
            _("A new reading is open: “%(title)s”") % {"title": title},
            [_("“%(title)s” is ready for you to read. Your letter about it is due on %(due)s.") % {"title": title, "due": due}],
            _("Read it"), path,
        )
    if reminder.kind == ReminderKind.LETTER_DUE:
        return (
            _("Your letter about “%(title)s” is due on %(due)s") % {"title": title, "due": due},
            [_("You have not sent a letter about “%(title)s” yet. Write it now; %(partner)s is looking forward to it.")
             % {"title": title, "partner": _partner(reminder)}],
            _("Write your letter"), path,
        )
    return (
        _("Your letter about “%(title)s” is overdue") % {"title": title},
        [_("It was due on %(due)s. It is not too late: write it now and your coordinator will pass it on.") % {"due": due}],
        _("Write your letter"), path,
    )


def _letter_message(reminder: Reminder) -> tuple[str, list[str], str, str]:
    letter, partner = reminder.letter, _partner(reminder)
    path = reverse("letter-detail", args=[reminder.letter_id])
    if reminder.kind == ReminderKind.LETTER_DELIVERED:
        lines = [_("%(partner)s wrote you a letter. Your coordinator has read it and passed it on.") % {"partner": partner}]
        reply_by = reply_due_for(letter)
        if reply_by is not None:
            lines.append(_("Please reply by %(date)s.") % {"date": _when(reply_by, reminder)})
        return _("A letter from %(partner)s arrived") % {"partner": partner}, lines, _("Read the letter"), path
    if reminder.kind == ReminderKind.LETTER_RETURNED:
        return (
            _("Your coordinator returned your letter with a note"),
            [_("Read the note, change your letter and send it again. Your text is kept.")],
            _("Open your letter"), path,
        )
    if reminder.kind == ReminderKind.LETTER_REDACTED:
        return (
            _("Your letter to %(partner)s was delivered with parts removed") % {"partner": partner},
            [_("Your coordinator passed your letter on but removed some parts first, to keep everyone safe. "
               "Open your letter to see which parts and why.")],
            _("Open your letter"), path,
        )
    if reminder.kind == ReminderKind.LETTER_WITHHELD:
        return (
            _("Your letter to %(partner)s was not passed on") % {"partner": partner},
            [_("Your coordinator read your letter and decided not to pass it on. They will talk to you about "
               "it soon. You have not lost anything you wrote.")],
            _("Open your letter"), path,
        )
    due = _when(reply_due_for(letter), reminder)
    if reminder.kind == ReminderKind.REPLY_DUE:
        return (
            _("Your reply to %(partner)s is due on %(date)s") % {"partner": partner, "date": due},
            [_("%(partner)s is waiting for your answer. Write your reply before %(date)s.") % {"partner": partner, "date": due}],
            _("Write your reply"), path,
        )
    return (
        _("Your reply to %(partner)s is overdue") % {"partner": partner},
        [_("It was due on %(date)s. Please write as soon as you can; %(partner)s is waiting.") % {"partner": partner, "date": due}],
        _("Write your reply"), path,
    )


def _coordinator_message(reminder: Reminder) -> tuple[str, list[str], str, str]:
    details, program = reminder.details, reminder.program.name
    review_path = (
        reverse("review-letter", args=[reminder.letter_id]) if reminder.letter_id
        else reverse("review-queue", args=[reminder.program_id])
    )
    if reminder.kind == ReminderKind.URGENT_FINDING and details.get("about") == "goal":
        # Planned by planning.plan_urgent_alert when a mentee saved a goal (goals.services).
        return (
            _("Urgent: a goal in %(program)s may show a child at risk") % {"program": program},
            [_("Screening found a possible safeguarding concern in a goal %(author)s wrote. Its mentor does not see it. Read it on the program's goals page now and follow your safeguarding procedure.")
             % {"author": details.get("author", "")}],
            _("Open the goals page"), reverse("coordinator-goals", args=[reminder.program_id]),
        )
    if reminder.kind == ReminderKind.URGENT_FINDING and details.get("about") == "post":
        # Planned by planning.plan_urgent_alert when screening found an urgent concern in a post (spaces.services).
        return (
            _("Urgent: a post in %(program)s may show someone at risk") % {"program": program},
            [_("Screening found a possible safeguarding concern in a post %(author)s wrote in one of the program's "
               "peer spaces. Nobody else sees it: it waits for you at the top of the review queue. Read it now and "
               "follow your safeguarding procedure.") % {"author": details.get("author", "")}],
            _("Open the post"), reverse("space-post-review", args=[details.get("post", 0)]),
        )
    if reminder.kind == ReminderKind.URGENT_FINDING:
        return (
            _("Urgent: a letter in %(program)s may show a child at risk") % {"program": program},
            [_("Screening found a possible safeguarding concern in a letter from %(author)s. Open it in the review queue now and follow your safeguarding procedure.")
             % {"author": details.get("author", "")}],
            _("Open the letter"), review_path,
        )
    if reminder.kind == ReminderKind.URGENT_ESCALATION and details.get("about") == "post":
        # Planned by the sweep (planning._escalation_reminders) from the spaces' source: to
        # operators, who are not in the program, so it names nobody, not even by pseudonym.
        return (
            _("Urgent: a safeguarding alert in %(program)s has not been opened for an hour") % {"program": program},
            [_("A post in one of the program's peer spaces with a possible safeguarding concern has waited an hour "
               "without a coordinator opening it. Make sure someone handles it now.")],
            _("Open the post"), reverse("space-post-review", args=[details.get("post", 0)]),
        )
    if reminder.kind == ReminderKind.URGENT_ESCALATION:
        return (
            _("Urgent: a safeguarding alert in %(program)s has not been opened for an hour") % {"program": program},
            [_("A letter from %(author)s with a possible safeguarding concern has waited an hour without a coordinator opening it. Make sure someone handles it now.")
             % {"author": details.get("author", "")}],
            _("Open the letter"), review_path,
        )
    if reminder.kind == ReminderKind.PAIR_FLAG:
        return (
            _("%(mentor)s has not replied to %(mentee)s") % {"mentor": details.get("mentor", ""), "mentee": details.get("mentee", "")},
            [ngettext("The reply is %(days)d day overdue. Check in with the mentor, or pause the pair.",
                      "The reply is %(days)d days overdue. Check in with the mentor, or pause the pair.",
                      details.get("days", 0)) % {"days": details.get("days", 0)}],
            _("Open the pair"), reverse("coordinator-pair", args=[reminder.pair_id]),
        )
    if reminder.kind == ReminderKind.REVIEW_DIGEST:
        count = details.get("count", 0)
        return (
            ngettext("%(count)d letter in %(program)s is waiting past its review deadline",
                     "%(count)d letters in %(program)s are waiting past their review deadline", count)
            % {"count": count, "program": program},
            [_("The oldest was sent on %(date)s. Children and mentors are waiting for them.")
             % {"date": _when(parse_datetime(details.get("oldest", "")), reminder)}],
            _("Open the review queue"), review_path,
        )
    pairs = details.get("pairs", [])
    reasons = {"letter_overdue": _("the mentee's letter is overdue"), "reply_overdue": _("the mentor's reply is overdue")}
    # The totals the dashboard and the program report show, counted from the same judgement.
    summary = _("Pairs with an overdue letter: %(letters)d. Pairs with an overdue reply: %(replies)d.") % {
        "letters": sum("letter_overdue" in entry["reasons"] for entry in pairs),
        "replies": sum("reply_overdue" in entry["reasons"] for entry in pairs),
    }
    lines = [summary] + [
        _("%(mentor)s and %(mentee)s: %(reasons)s.") % {
            "mentor": entry["mentor"], "mentee": entry["mentee"],
            "reasons": ", ".join(str(reasons.get(code, code)) for code in entry["reasons"]),
        }
        for entry in pairs
    ]
    return (
        ngettext("%(count)d pair in %(program)s needs attention", "%(count)d pairs in %(program)s need attention", len(pairs))
        % {"count": len(pairs), "program": program},
        lines, _("Open the dashboard"), reverse("coordinator-dashboard", args=[reminder.program_id]),
    )


def _space_message(reminder: Reminder) -> tuple[str, list[str], str, str]:
    """A peer space's notice (planned by spaces.notices): it names nobody and never quotes a post."""
    thread_path = reverse("space-thread", args=[reminder.details.get("thread", 0)])
    if reminder.kind == ReminderKind.SPACE_REPLY:
        return (
            _("A new reply in your thread"),
            [_("Someone replied in a thread you started. Open the thread to read it.")],
            _("Open the thread"), thread_path,
        )
    if reminder.kind == ReminderKind.SPACE_POST_HELD:
        return (
            _("Your post waits for a coordinator"),
            [_("Your post will appear when a coordinator has read it. You do not need to do anything.")],
            _("Open the thread"), thread_path,
        )
    if reminder.kind == ReminderKind.SPACE_POST_RETURNED:
        return (
            _("Your post was returned with a note"),
            [_("A coordinator asked you to change your post. Open it to read the note and send it again.")],
            _("Open your post"), thread_path,
        )
    return (
        _("A post was reported"),
        [_("A member reported a post in one of your program's peer spaces. Open the reports to decide.")],
        _("Open the reports"), reverse("space-reports", args=[reminder.program_id]),
    )


def _day(moment: datetime | None, reminder: Reminder) -> str:
    """Return the day of `moment` on the program's clock, for the active language."""
    return formats.date_format(moment.astimezone(program_zone(reminder.program)), "DATE_FORMAT") if moment else ""


def _clock(moment: datetime | None, reminder: Reminder) -> str:
    """Return the time of `moment` on the program's clock, for the active language."""
    return formats.time_format(moment.astimezone(program_zone(reminder.program)), "TIME_FORMAT") if moment else ""


def _event_changes(reminder: Reminder, starts: datetime | None, ends: datetime | None) -> list[str]:
    """Return one line per thing that changed about an event (details["changed"]), with what it was before."""
    details = reminder.details
    was = details.get("was", {})
    was_starts, was_ends = parse_datetime(was.get("starts_at", "")), parse_datetime(was.get("ends_at", ""))
    place, was_place = details.get("place", ""), was.get("place", "")
    changed, lines = details.get("changed", []), []
    if "date" in changed:
        lines.append(_("New date: %(date)s (it was %(before)s).")
                     % {"date": _day(starts, reminder), "before": _day(was_starts, reminder)})
    if "time" in changed:
        lines.append(_("New time: %(starts)s to %(ends)s (it was %(before_starts)s to %(before_ends)s).") % {
            "starts": _clock(starts, reminder), "ends": _clock(ends, reminder),
            "before_starts": _clock(was_starts, reminder), "before_ends": _clock(was_ends, reminder)})
    if "place" in changed:
        if place and was_place:
            lines.append(_("New place: %(place)s (it was %(before)s).") % {"place": place, "before": was_place})
        elif place:
            lines.append(_("New place: %(place)s.") % {"place": place})
        else:
            lines.append(_("No place is given any more (it was %(before)s).") % {"before": was_place})
    if "title" in changed:
        lines.append(_("Until now it was called “%(before)s”.") % {"before": was.get("title", "")})
    if "other" in changed:
        lines.append(_("Other details changed too; the timeline shows them.") if lines
                     else _("Some details changed; the timeline shows them."))
    return lines


def _event_message(reminder: Reminder) -> tuple[str, list[str], str, str]:
    """A changed or cancelled event (planned by timeline.services): what changed, on the program's clock.

    Worded from the details the timeline stored (title, times, place, what changed and
    what it was), never the event's description, and naming nobody.
    """
    details = reminder.details
    title = details.get("title", "")
    starts, ends = parse_datetime(details.get("starts_at", "")), parse_datetime(details.get("ends_at", ""))
    when = _when(starts, reminder)
    if reminder.kind == ReminderKind.EVENT_CANCELLED:
        return (
            _("Cancelled: %(title)s") % {"title": title},
            [_("“%(title)s” on %(when)s will not take place.") % {"title": title, "when": when}],
            _("Open the timeline"), reverse("timeline"),
        )
    summary = _("“%(title)s” is now on %(when)s until %(until)s.") % {
        "title": title, "when": when, "until": _clock(ends, reminder)}
    if details.get("place"):
        summary += " " + _("Place: %(place)s.") % {"place": details["place"]}
    return (
        _("Changed: %(title)s") % {"title": title},
        [*_event_changes(reminder, starts, ends), summary],
        _("Open the timeline"), reverse("timeline"),
    )


_EVENT = {ReminderKind.EVENT_CHANGED, ReminderKind.EVENT_CANCELLED}
_SPACE = {ReminderKind.SPACE_REPLY, ReminderKind.SPACE_POST_HELD, ReminderKind.SPACE_POST_RETURNED,
          ReminderKind.SPACE_REPORT}
_MENTEE_ASSIGNMENT = {ReminderKind.READING_OPEN, ReminderKind.LETTER_DUE, ReminderKind.LETTER_OVERDUE}
_LETTER = {ReminderKind.LETTER_DELIVERED, ReminderKind.LETTER_RETURNED, ReminderKind.REPLY_DUE, ReminderKind.REPLY_OVERDUE,
           ReminderKind.LETTER_WITHHELD, ReminderKind.LETTER_REDACTED}


#: A date that ends in an abbreviation's full stop ("5 p.m.") followed by the sentence's own.
_DOUBLED_STOP = re.compile(r"(?<!\.)\.\.(?!\.)")


def _tidy(text: str) -> str:
    """Return `text` with a doubled full stop (an abbreviated date ending a sentence) made single."""
    return _DOUBLED_STOP.sub(".", str(text))


def compose(reminder: Reminder, pseudonym: str, *, language: str | None = None) -> Message:
    """Return what `reminder` says to its recipient (known as `pseudonym`), in `language`
    (by default theirs: see language_for).

    The reminder's kind and objects are the notice's parameters: the notifications page
    composes a notice again in the reader's current language from them.
    Precondition: the reminder's recipient, program, pair (with both memberships), letter
    and assignment (with its reading) are loaded, as deliver_due_reminders does.
    """
    language = language or language_for(reminder)
    with translation.override(language):
        if reminder.kind in _MENTEE_ASSIGNMENT:
            subject, lines, label, path = _assignment_message(reminder)
        elif reminder.kind in _LETTER:
            subject, lines, label, path = _letter_message(reminder)
        elif reminder.kind in _SPACE:
            subject, lines, label, path = _space_message(reminder)
        elif reminder.kind in _EVENT:
            subject, lines, label, path = _event_message(reminder)
        else:
            subject, lines, label, path = _coordinator_message(reminder)
        greeting = _("Hello %(name)s,") % {"name": pseudonym} if pseudonym else _("Hello,")
        return Message(subject=_tidy(subject), lines=[greeting, *map(_tidy, lines)], action_label=str(label),
                       path=path, language=language)


def reminder_message_id(reminder: Reminder) -> str:
    """Return the Message-ID of `reminder`'s e-mail: one per reminder, the same on every attempt.

    It is the reminder's idempotency key towards mail servers and clients: an urgent alert
    sent again after a worker died (letters.reminders.RESEND_IF_UNSURE) carries the same id,
    so those that drop duplicate ids show it once.
    """
    from urllib.parse import urlsplit

    host = urlsplit(settings.SITE_URL).hostname or "brevven.invalid"
    return f"<brevven-reminder-{reminder.pk}@{host}>"


def email_message(reminder: Reminder, message: Message, *, connection=None) -> EmailMultiAlternatives:
    """Return the e-mail for `reminder`: plain text and HTML, with links to the action and to settings."""
    context = {
        "message": message,
        "action_url": absolute(message.path),
        "settings_url": absolute(reverse("notification-settings")),
        "program": reminder.program.name,
        "urgent": reminder.kind in {ReminderKind.URGENT_FINDING, ReminderKind.URGENT_ESCALATION},
    }
    with translation.override(message.language):
        text = render_to_string("letters/email/notice.txt", context)
        html = render_to_string("letters/email/notice.html", context)
    email = EmailMultiAlternatives(
        subject=message.subject, body=text, to=[reminder.recipient.email], connection=connection,
        headers={"X-Brevven-Reminder": str(reminder.pk), "Content-Language": message.language,
                 "Message-ID": reminder_message_id(reminder)},
    )
    email.attach_alternative(html, "text/html")
    return email
