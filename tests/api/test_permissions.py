"""Every API endpoint × every role × own / other object, with the exact status code.

Read the table against DESIGN.md ("Who uses it"). Roles:

    mentee       the mentee of the `own` pair (program A)
    mentor       the mentor of the `own` pair
    coord        a coordinator of program A
    other_coord  a coordinator of program B only
    anon         no credentials

Targets: `own` is the mentee's pair (and its letters), program A, A's reading and
assignment. `other` is the neighbouring pair in program A for pair- and letter-scoped
endpoints, and program B (its reading, assignment) for program-scoped ones. Letters are
written by the mentee: `draft`, `in_review` and `delivered`. Notifications belong to one
person: `own` is the mentee's, `other` the coordinator's. Reports: `own` are program A's
(`failed_report`, a pair booklet the mentee asked for; `done_report`, a program report
by A's coordinator), `other` program B's (both asked for by B's coordinator). Toolbox: `own`
are program A's articles for its mentors and for its mentees, `other` program B's; the shared
article is the installation-wide one for mentors. Events: `own` are program A's (one for the
whole program, one cancelled, one for the neighbouring pair only), `other` program B's.

What the codes mean: 404 — the caller may not see the object (access_* helpers);
403 — they see it but their role may not do this; 409 — the object's state forbids it.
"""

from dataclasses import dataclass

import pytest

from tests.api.conftest import client_for

ROLES = ("mentee", "mentor", "coord", "other_coord", "anon")


@dataclass(frozen=True)
class Row:
    operation: str
    method: str
    path: str
    expect: dict  # target ("own", "other", or "-" when the endpoint has no object) → codes in ROLES order
    body: dict | None = None


def codes(mentee, mentor, coord, other_coord, anon=401):
    return dict(zip(ROLES, (mentee, mentor, coord, other_coord, anon), strict=True))


REASON = {"reason": "The mentor is away for two weeks."}
NOTE = {"note": "Please leave out your school's name."}
BODY = {"body": "<p>I liked the part about the lighthouse a lot.</p>"}
ARTICLE = {"audience": "mentors", "language": "en", "title": "Short replies", "body": "<p>Five lines will do.</p>"}
EVENT = {"title": "Reading café", "date": "2030-05-02", "starts": "16:00", "ends": "17:30", "place": "Library"}

MATRIX = [
    # --- the caller
    Row("me_retrieve", "GET", "/api/v1/me/", {"-": codes(200, 200, 200, 200)}),
    Row("me_token_retrieve", "GET", "/api/v1/me/token/", {"-": codes(200, 200, 200, 200)}),
    # Coordinators make tokens only from a session that passed the second factor; these callers use a token.
    Row("me_token_create", "POST", "/api/v1/me/token/", {"-": codes(201, 201, 403, 403)}),
    Row("me_token_destroy", "DELETE", "/api/v1/me/token/", {"-": codes(204, 204, 204, 204)}),
    # --- programs
    Row("programs_list", "GET", "/api/v1/programs/", {"-": codes(200, 200, 200, 200)}),
    Row("programs_retrieve", "GET", "/api/v1/programs/{program}/",
        {"own": codes(200, 200, 200, 404), "other": codes(404, 404, 404, 200)}),
    Row("programs_members_list", "GET", "/api/v1/programs/{program}/members/",
        {"own": codes(403, 403, 200, 404), "other": codes(404, 404, 404, 200)}),
    Row("programs_review_queue", "GET", "/api/v1/programs/{program}/review-queue/",
        {"own": codes(403, 403, 200, 404), "other": codes(404, 404, 404, 200)}),
    # --- pairs
    Row("pairs_list", "GET", "/api/v1/pairs/", {"-": codes(200, 200, 200, 200)}),
    Row("pairs_retrieve", "GET", "/api/v1/pairs/{pair}/",
        {"own": codes(200, 200, 200, 404), "other": codes(404, 404, 200, 404)}),
    Row("pairs_pause", "POST", "/api/v1/pairs/{pair}/pause/",
        {"own": codes(403, 403, 200, 404), "other": codes(404, 404, 200, 404)}, REASON),
    # The pairs are active, so resuming one is a state conflict even for its coordinator.
    Row("pairs_resume", "POST", "/api/v1/pairs/{pair}/resume/",
        {"own": codes(403, 403, 409, 404), "other": codes(404, 404, 409, 404)}, {}),
    Row("pairs_close", "POST", "/api/v1/pairs/{pair}/close/",
        {"own": codes(403, 403, 200, 404), "other": codes(404, 404, 200, 404)}, REASON),
    # --- readings and assignments
    Row("readings_list", "GET", "/api/v1/readings/", {"-": codes(200, 200, 200, 200)}),
    Row("readings_retrieve", "GET", "/api/v1/readings/{reading}/",
        {"own": codes(200, 200, 200, 404), "other": codes(404, 404, 404, 200)}),
    Row("assignments_list", "GET", "/api/v1/assignments/", {"-": codes(200, 200, 200, 200)}),
    Row("assignments_retrieve", "GET", "/api/v1/assignments/{assignment}/",
        {"own": codes(200, 200, 200, 404), "other": codes(404, 404, 404, 200)}),
    # --- letters
    Row("letters_list", "GET", "/api/v1/letters/", {"-": codes(200, 200, 200, 200)}),
    # A coordinator can see the pair but cannot write in it.
    Row("letters_create", "POST", "/api/v1/letters/",
        {"own": codes(201, 201, 403, 404), "other": codes(404, 404, 403, 404)}, {**BODY, "pair": "{pair}"}),
    Row("letters_retrieve", "GET", "/api/v1/letters/{delivered}/",
        {"own": codes(200, 200, 200, 404), "other": codes(404, 404, 200, 404)}),
    # Nobody but the author sees a draft, not even the coordinator.
    Row("letters_retrieve", "GET", "/api/v1/letters/{draft}/",
        {"own": codes(200, 404, 404, 404), "other": codes(404, 404, 404, 404)}),
    Row("letters_update", "PATCH", "/api/v1/letters/{draft}/",
        {"own": codes(200, 404, 404, 404), "other": codes(404, 404, 404, 404)}, BODY),
    # A sent letter: its author may no longer edit it (409); the coordinator sees it but is not its author (403).
    Row("letters_update", "PATCH", "/api/v1/letters/{in_review}/",
        {"own": codes(409, 404, 403, 404), "other": codes(404, 404, 403, 404)}, BODY),
    Row("letters_submit", "POST", "/api/v1/letters/{draft}/submit/",
        {"own": codes(200, 404, 404, 404), "other": codes(404, 404, 404, 404)}, {}),
    # Only the recipient (here the mentor) marks a letter read.
    Row("letters_mark_read", "POST", "/api/v1/letters/{delivered}/read/",
        {"own": codes(403, 200, 403, 404), "other": codes(404, 404, 403, 404)}),
    # --- review decisions: the author sees their letter in review but may not decide it.
    Row("letters_approve", "POST", "/api/v1/letters/{in_review}/approve/",
        {"own": codes(403, 404, 200, 404), "other": codes(404, 404, 200, 404)}, {}),
    Row("letters_approve", "POST", "/api/v1/letters/{delivered}/approve/",
        {"own": codes(403, 403, 409, 404), "other": codes(404, 404, 409, 404)}, {}),
    Row("letters_approve", "POST", "/api/v1/letters/{in_review}/approve/",
        {"own": codes(403, 404, 200, 404), "other": codes(404, 404, 200, 404)}, {"note": "", "redactions": [[0, 4]]}),
    Row("letters_claim", "POST", "/api/v1/letters/{in_review}/claim/",
        {"own": codes(403, 404, 200, 404), "other": codes(404, 404, 200, 404)}),
    # Only letters in review can be claimed: the delivered one is a conflict for its coordinator.
    Row("letters_claim", "POST", "/api/v1/letters/{delivered}/claim/",
        {"own": codes(403, 403, 409, 404), "other": codes(404, 404, 409, 404)}),
    Row("letters_release", "POST", "/api/v1/letters/{in_review}/release/",
        {"own": codes(403, 404, 200, 404), "other": codes(404, 404, 200, 404)}),
    Row("letters_request_changes", "POST", "/api/v1/letters/{in_review}/request-changes/",
        {"own": codes(403, 404, 200, 404), "other": codes(404, 404, 200, 404)}, NOTE),
    Row("letters_withhold", "POST", "/api/v1/letters/{in_review}/withhold/",
        {"own": codes(403, 404, 200, 404), "other": codes(404, 404, 200, 404)}, REASON),
    # --- bulk approval: only letters of the program's own queue are approved; the others are skipped (200)
    Row("programs_review_queue_bulk_approve", "POST", "/api/v1/programs/{program}/review-queue/bulk-approve/",
        {"own": codes(403, 403, 200, 404), "other": codes(404, 404, 404, 200)}, {"letters": ["{in_review}"]}),
    # --- the review audit log is for coordinators; an author who sees their letter still may not read it
    Row("letters_review_audit", "GET", "/api/v1/letters/{in_review}/review-audit/",
        {"own": codes(403, 404, 200, 404), "other": codes(404, 404, 200, 404)}),
    Row("letters_review_audit", "GET", "/api/v1/letters/{delivered}/review-audit/",
        {"own": codes(403, 403, 200, 404), "other": codes(404, 404, 200, 404)}),
    Row("pairs_review_audit", "GET", "/api/v1/pairs/{pair}/review-audit/",
        {"own": codes(403, 403, 200, 404), "other": codes(404, 404, 200, 404)}),
    # --- a letter's history: its author and coordinators; the recipient sees the letter but not its path (403)
    Row("letters_history", "GET", "/api/v1/letters/{delivered}/history/",
        {"own": codes(200, 403, 200, 404), "other": codes(404, 404, 200, 404)}),
    Row("letters_history", "GET", "/api/v1/letters/{draft}/history/",
        {"own": codes(200, 404, 404, 404), "other": codes(404, 404, 404, 404)}),
    # --- notifications: each person's own
    Row("notifications_list", "GET", "/api/v1/notifications/", {"-": codes(200, 200, 200, 200)}),
    Row("notifications_mark_read", "POST", "/api/v1/notifications/{notification}/read/",
        {"own": codes(200, 404, 404, 404), "other": codes(404, 404, 200, 404)}),
    Row("notifications_mark_all_read", "POST", "/api/v1/notifications/read-all/", {"-": codes(200, 200, 200, 200)}),
    Row("notification_preferences_retrieve", "GET", "/api/v1/notifications/preferences/",
        {"-": codes(200, 200, 200, 200)}),
    Row("notification_preferences_update", "PUT", "/api/v1/notifications/preferences/",
        {"-": codes(200, 200, 200, 200)}, {"muted_kinds": ["letter_due", "reading_open"]}),
    # Urgent safeguarding alerts are always e-mailed: nobody may mute them.
    Row("notification_preferences_update", "PUT", "/api/v1/notifications/preferences/",
        {"-": codes(400, 400, 400, 400)}, {"muted_kinds": ["urgent_finding"]}),
    # --- reports: asked for by coordinators (members only for their own booklet, which program A does not allow)
    Row("reports_list", "GET", "/api/v1/reports/", {"-": codes(200, 200, 200, 200)}),
    Row("reports_create", "POST", "/api/v1/reports/",
        {"own": codes(403, 403, 201, 404), "other": codes(404, 404, 201, 404)},
        {"kind": "pair_booklet", "pair": "{pair}"}),
    Row("reports_create", "POST", "/api/v1/reports/",
        {"own": codes(403, 403, 201, 404), "other": codes(404, 404, 404, 201)},
        {"kind": "program_report", "program": "{program}", "period_start": "2025-01-01", "period_end": "2025-03-31"}),
    # The requester (the mentee, for A's booklet) and the program's coordinators see a report.
    Row("reports_retrieve", "GET", "/api/v1/reports/{failed_report}/",
        {"own": codes(200, 404, 200, 404), "other": codes(404, 404, 404, 200)}),
    Row("reports_retry", "POST", "/api/v1/reports/{failed_report}/retry/",
        {"own": codes(200, 404, 200, 404), "other": codes(404, 404, 404, 200)}),
    # Only a failed report can be retried.
    Row("reports_retry", "POST", "/api/v1/reports/{done_report}/retry/",
        {"own": codes(404, 404, 409, 404), "other": codes(404, 404, 404, 409)}),
    Row("reports_download", "GET", "/api/v1/reports/{done_report}/download/",
        {"own": codes(404, 404, 200, 404), "other": codes(404, 404, 404, 200)}),
    # A report that is not done has no file yet.
    Row("reports_download", "GET", "/api/v1/reports/{failed_report}/download/",
        {"own": codes(409, 404, 409, 404), "other": codes(404, 404, 404, 409)}),
    # --- statistics and topics: the program's coordinators only; members see the program but may not (403)
    Row("programs_statistics_retrieve", "GET", "/api/v1/programs/{program}/statistics/",
        {"own": codes(403, 403, 200, 404), "other": codes(404, 404, 404, 200)}),
    Row("programs_topics_list", "GET", "/api/v1/programs/{program}/topics/",
        {"own": codes(403, 403, 200, 404), "other": codes(404, 404, 404, 200)}),
    Row("programs_topics_create", "POST", "/api/v1/programs/{program}/topics/",
        {"own": codes(403, 403, 201, 404), "other": codes(404, 404, 404, 201)}, {"name": "Animals"}),
    # A topic is fetched through the caller's coordinated programs: anyone else gets 404.
    Row("topics_update", "PATCH", "/api/v1/topics/{topic}/",
        {"own": codes(404, 404, 200, 404), "other": codes(404, 404, 404, 200)}, {"name": "Sports", "retired": True}),
    # --- the toolbox: members read the articles for their role; coordinators write their program's and hide any
    Row("toolbox_articles_list", "GET", "/api/v1/toolbox/articles/", {"-": codes(200, 200, 200, 200)}),
    Row("toolbox_articles_create", "POST", "/api/v1/toolbox/articles/",
        {"own": codes(403, 403, 201, 404), "other": codes(404, 404, 404, 201)}, {**ARTICLE, "program": "{program}"}),
    # The installation-wide set is written by operators only.
    Row("toolbox_articles_create", "POST", "/api/v1/toolbox/articles/", {"-": codes(403, 403, 403, 403)},
        {**ARTICLE, "program": None}),
    # A mentee never opens a mentors' article, nor a mentor a mentees' one.
    Row("toolbox_articles_retrieve", "GET", "/api/v1/toolbox/articles/{mentor_article}/",
        {"own": codes(404, 200, 200, 404), "other": codes(404, 404, 404, 200)}),
    Row("toolbox_articles_retrieve", "GET", "/api/v1/toolbox/articles/{mentee_article}/",
        {"own": codes(200, 404, 200, 404), "other": codes(404, 404, 404, 200)}),
    Row("toolbox_articles_retrieve", "GET", "/api/v1/toolbox/articles/{shared_article}/",
        {"-": codes(404, 200, 200, 200)}),
    Row("toolbox_articles_update", "PUT", "/api/v1/toolbox/articles/{mentor_article}/",
        {"own": codes(404, 403, 200, 404), "other": codes(404, 404, 404, 200)},
        {"audience": "mentors", "kind": "exercise", "moment": "reply_overdue"}),
    Row("toolbox_articles_version_save", "POST", "/api/v1/toolbox/articles/{mentor_article}/versions/",
        {"own": codes(404, 403, 200, 404), "other": codes(404, 404, 404, 200)},
        {"language": "da", "title": "Korte svar", "body": "Skriv kort."}),
    # Only operators change the shared set, even the coordinators who may hide it.
    Row("toolbox_articles_version_save", "POST", "/api/v1/toolbox/articles/{shared_article}/versions/",
        {"-": codes(404, 403, 403, 403)}, {"language": "da", "title": "Korte svar", "body": "Skriv kort."}),
    Row("toolbox_articles_hide", "POST", "/api/v1/toolbox/articles/{mentor_article}/hide/",
        {"own": codes(404, 403, 200, 404), "other": codes(404, 404, 404, 200)}, {}),
    Row("toolbox_articles_hide", "POST", "/api/v1/toolbox/articles/{shared_article}/hide/",
        {"own": codes(404, 403, 200, 404), "other": codes(404, 404, 404, 200)}, {"program": "{program}"}),
    Row("toolbox_articles_show", "POST", "/api/v1/toolbox/articles/{mentor_article}/show/",
        {"own": codes(404, 403, 200, 404), "other": codes(404, 404, 404, 200)}, {}),
    # --- the timeline: members read the events they are invited to; coordinators write
    Row("events_list", "GET", "/api/v1/events/", {"-": codes(200, 200, 200, 200)}),
    Row("events_create", "POST", "/api/v1/events/",
        {"own": codes(403, 403, 201, 404), "other": codes(404, 404, 404, 201)}, {**EVENT, "program": "{program}"}),
    Row("events_retrieve", "GET", "/api/v1/events/{event}/",
        {"own": codes(200, 200, 200, 404), "other": codes(404, 404, 404, 200)}),
    # An event for the neighbouring pair only: the own pair never sees it.
    Row("events_retrieve", "GET", "/api/v1/events/{targeted_event}/", {"own": codes(404, 404, 200, 404)}),
    Row("events_update", "PUT", "/api/v1/events/{event}/",
        {"own": codes(403, 403, 200, 404), "other": codes(404, 404, 404, 200)}, EVENT),
    Row("events_cancel", "POST", "/api/v1/events/{event}/cancel/",
        {"own": codes(403, 403, 200, 404), "other": codes(404, 404, 404, 200)}),
    # A cancelled event cannot be cancelled or changed again.
    Row("events_cancel", "POST", "/api/v1/events/{cancelled_event}/cancel/",
        {"own": codes(403, 403, 409, 404), "other": codes(404, 404, 404, 409)}),
    Row("events_update", "PUT", "/api/v1/events/{cancelled_event}/",
        {"own": codes(403, 403, 409, 404), "other": codes(404, 404, 404, 409)}, EVENT),
    # --- goals: a mentee's own; nobody else reaches one (404), not even the mentor it is shared with.
    # `own` is the own mentee's goal (program A for creating), `other` the neighbouring mentee's (program B).
    Row("goals_list", "GET", "/api/v1/goals/", {"-": codes(200, 200, 200, 200)}),
    Row("goals_create", "POST", "/api/v1/goals/",
        {"own": codes(201, 403, 403, 404), "other": codes(404, 404, 404, 403)},
        {"program": "{program}", "text": "Ask a question in class", "steps": ["Raise my hand"]}),
    Row("goals_retrieve", "GET", "/api/v1/goals/{goal}/",
        {"own": codes(200, 404, 404, 404), "other": codes(404, 404, 404, 404)}),
    Row("goals_update", "PATCH", "/api/v1/goals/{goal}/",
        {"own": codes(200, 404, 404, 404), "other": codes(404, 404, 404, 404)}, {"shared_with_mentor": False}),
    Row("goals_destroy", "DELETE", "/api/v1/goals/{goal}/",
        {"own": codes(204, 404, 404, 404), "other": codes(404, 404, 404, 404)}),
    Row("goals_steps_create", "POST", "/api/v1/goals/{goal}/steps/",
        {"own": codes(201, 404, 404, 404), "other": codes(404, 404, 404, 404)}, {"text": "Read ten pages"}),
    Row("goal_steps_update", "PATCH", "/api/v1/goals/steps/{step}/",
        {"own": codes(200, 404, 404, 404), "other": codes(404, 404, 404, 404)}, {"done": True}),
    Row("goal_steps_destroy", "DELETE", "/api/v1/goals/steps/{step}/",
        {"own": codes(204, 404, 404, 404), "other": codes(404, 404, 404, 404)}),
    # Stamps: each person's own list (empty for everyone but mentees).
    Row("stamps_list", "GET", "/api/v1/stamps/", {"-": codes(200, 200, 200, 200)}),
    # --- peer spaces. Targets: `own` is program A's (a mentees' space and thread the mentee started, a
    # mentors' space and thread by the neighbouring mentor, replies waiting for review), `other` program B's.
    # A mentor never reaches a mentees' space (404); a coordinator reads both but writes in neither (403).
    Row("spaces_list", "GET", "/api/v1/spaces/", {"-": codes(200, 200, 200, 200)}),
    Row("spaces_threads_list", "GET", "/api/v1/spaces/{space}/threads/",
        {"own": codes(200, 404, 200, 404), "other": codes(404, 404, 404, 200)}),
    Row("spaces_threads_list", "GET", "/api/v1/spaces/{mspace}/threads/",
        {"own": codes(404, 200, 200, 404), "other": codes(404, 404, 404, 200)}),
    Row("spaces_threads_create", "POST", "/api/v1/spaces/{space}/threads/",
        {"own": codes(201, 404, 403, 404), "other": codes(404, 404, 404, 403)},
        {"title": "Pets", "body": "Do you have a pet?"}),
    Row("spaces_threads_create", "POST", "/api/v1/spaces/{mspace}/threads/",
        {"own": codes(404, 201, 403, 404), "other": codes(404, 404, 404, 403)},
        {"title": "Holidays", "body": "How do you write over the holidays?"}),
    Row("spaces_leave", "POST", "/api/v1/spaces/{space}/leave/",
        {"own": codes(200, 404, 403, 404), "other": codes(404, 404, 404, 403)}),
    Row("spaces_rejoin", "POST", "/api/v1/spaces/{mspace}/rejoin/",
        {"own": codes(404, 200, 403, 404), "other": codes(404, 404, 404, 403)}),
    # B's mentees' thread still waits for review: only B's coordinator (and its author) sees it.
    Row("threads_retrieve", "GET", "/api/v1/threads/{thread}/",
        {"own": codes(200, 404, 200, 404), "other": codes(404, 404, 404, 200)}),
    Row("threads_retrieve", "GET", "/api/v1/threads/{mthread}/",
        {"own": codes(404, 200, 200, 404), "other": codes(404, 404, 404, 200)}),
    Row("threads_reply", "POST", "/api/v1/threads/{thread}/posts/",
        {"own": codes(201, 404, 403, 404), "other": codes(404, 404, 404, 403)}, {"body": "Stories about dogs."}),
    Row("threads_moderate", "POST", "/api/v1/threads/{thread}/moderate/",
        {"own": codes(403, 404, 200, 404), "other": codes(404, 404, 404, 200)}, {"action": "pin", "reason": "Welcome"}),
    Row("threads_moderate", "POST", "/api/v1/threads/{mthread}/moderate/",
        {"own": codes(404, 403, 400, 404), "other": codes(404, 404, 404, 400)}, {"action": "lock", "reason": " "}),
    # A post waiting for review: its author and the coordinators only.
    Row("space_posts_retrieve", "GET", "/api/v1/space-posts/{held_post}/",
        {"own": codes(404, 404, 200, 404), "other": codes(404, 404, 404, 200)}),
    Row("space_posts_retrieve", "GET", "/api/v1/space-posts/{my_held}/",
        {"own": codes(200, 404, 200, 404), "other": codes(404, 404, 404, 200)}),
    # Only a returned post can be sent again: the author's waiting post is a conflict.
    Row("space_posts_resubmit", "POST", "/api/v1/space-posts/{my_held}/resubmit/",
        {"own": codes(409, 404, 403, 404), "other": codes(404, 404, 404, 403)}, {"body": "New words"}),
    Row("space_posts_report", "POST", "/api/v1/space-posts/{mpost}/report/",
        {"own": codes(404, 201, 403, 404), "other": codes(404, 404, 404, 403)}, {"reason": "Names a school"}),
    Row("space_posts_moderate", "POST", "/api/v1/space-posts/{mpost}/moderate/",
        {"own": codes(404, 403, 200, 404), "other": codes(404, 404, 404, 200)}, {"action": "hide", "reason": "Rude"}),
    Row("space_posts_approve", "POST", "/api/v1/space-posts/{held_post}/approve/",
        {"own": codes(404, 404, 200, 404), "other": codes(404, 404, 404, 200)}, {}),
    Row("space_posts_approve", "POST", "/api/v1/space-posts/{my_held}/approve/",
        {"own": codes(403, 404, 200, 404), "other": codes(404, 404, 404, 200)}, {"redactions": [[0, 2]]}),
    Row("space_posts_approve", "POST", "/api/v1/space-posts/{mpost}/approve/",
        {"own": codes(404, 403, 409, 404), "other": codes(404, 404, 404, 409)}, {}),
    Row("space_posts_request_changes", "POST", "/api/v1/space-posts/{held_post}/request-changes/",
        {"own": codes(404, 404, 200, 404), "other": codes(404, 404, 404, 200)}, NOTE),
    Row("space_posts_withhold", "POST", "/api/v1/space-posts/{my_held}/withhold/",
        {"own": codes(403, 404, 200, 404), "other": codes(404, 404, 404, 200)}, REASON),
    Row("space_posts_claim", "POST", "/api/v1/space-posts/{held_post}/claim/",
        {"own": codes(404, 404, 200, 404), "other": codes(404, 404, 404, 200)}),
    Row("space_posts_release", "POST", "/api/v1/space-posts/{held_post}/release/",
        {"own": codes(404, 404, 200, 404), "other": codes(404, 404, 404, 200)}),
    Row("programs_review_queue_posts", "GET", "/api/v1/programs/{program}/review-queue/posts/",
        {"own": codes(403, 403, 200, 404), "other": codes(404, 404, 404, 200)}),
    Row("programs_space_reports", "GET", "/api/v1/programs/{program}/space-reports/",
        {"own": codes(403, 403, 200, 404), "other": codes(404, 404, 404, 200)}),
    Row("space_reports_close", "POST", "/api/v1/space-reports/{space_report}/close/",
        {"own": codes(404, 404, 200, 404), "other": codes(404, 404, 404, 200)}),
    # --- the description of the API itself is public
    Row("schema", "GET", "/api/schema/", {"-": codes(200, 200, 200, 200, 200)}),
    Row("docs", "GET", "/api/docs/", {"-": codes(200, 200, 200, 200, 200)}),
]


def targets(world, target: str) -> dict:
    """Return the ids that fill the path placeholders for `target`."""
    if target in ("own", "-"):
        pair, program, reading, assignment = world["own"], world["program_a"], world["reading_a"], world["assignment_a"]
        letters, notification, reports = world["letters"]["own"], world["notifications"]["mentee"], world["reports"]["a"]
        topic = world["topics"]["a"]
    else:
        pair, program, reading, assignment = world["neighbour"], world["program_b"], world["reading_b"], world["assignment_b"]
        letters = world["letters"]["neighbour"]
        notification, reports = world["notifications"]["coordinator"], world["reports"]["b"]
        topic = world["topics"]["b"]
    side = "a" if target in ("own", "-") else "b"
    articles, events = world["articles"][side], world["events"][side]
    community = {"mentor_article": articles["mentors"].pk, "mentee_article": articles["mentees"].pk,
                 "shared_article": world["articles"]["shared"].pk, "event": events["all"].pk,
                 "cancelled_event": events["cancelled"].pk, "targeted_event": world["events"]["a"]["targeted"].pk}
    goal = world["goals"]["own" if target in ("own", "-") else "neighbour"]
    spaces = world["spaces"][side]
    return {**community, **spaces, "pair": pair.pk, "program": program.pk, "reading": reading.pk, "assignment": assignment.pk,
            "goal": goal.pk, "step": goal.steps.first().pk,
            "notification": notification.pk, "topic": topic.pk, "failed_report": reports["failed"].pk,
            "done_report": reports["done"].pk,
            **{state: letter.pk for state, letter in letters.items()}}


def fill(value, ids: dict):
    if isinstance(value, str):
        filled = value.format(**ids)
        return int(filled) if value.startswith("{") and filled.isdigit() else filled
    if isinstance(value, dict):
        return {key: fill(item, ids) for key, item in value.items()}
    if isinstance(value, list):
        return [fill(item, ids) for item in value]
    return value


CASES = [
    pytest.param(row, target, role, code, id=f"{row.method} {row.path} [{target}] {role}")
    for row in MATRIX
    for target, role_codes in row.expect.items()
    for role, code in role_codes.items()
]

USERS = {"mentee": "mentee", "mentor": "mentor", "coord": "coordinator", "other_coord": "other_coordinator"}


@pytest.mark.parametrize(("row", "target", "role", "code"), CASES)
def test_permission_matrix(world, row, target, role, code):
    ids = targets(world, target)
    client = client_for(world[USERS[role]] if role != "anon" else None)
    send = getattr(client, row.method.lower())
    if row.body is None:
        response = send(fill(row.path, ids))
    else:
        response = send(fill(row.path, ids), fill(row.body, ids), format="json")
    assert response.status_code == code, (b"".join(response.streaming_content) if response.streaming
                                          else response.content)[:500]
    if code >= 400:
        assert set(response.json()["error"]) == {"code", "message", "fields"}


def test_matrix_covers_every_operation():
    """A new endpoint must get a row: compare the table with the routes under /api/v1/."""
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    operations = {
        operation["operationId"]
        for path_item in schema["paths"].values()
        for operation in path_item.values()
    }
    assert operations == {row.operation for row in MATRIX} - {"schema", "docs"}
