"""Routes of the server-rendered pages. Other branches add theirs with one include() line each."""

from django.contrib.auth import views as auth_views
from django.urls import include, path

from frontend import account_views
from frontend import coordinator_views as coordinator
from frontend import views

urlpatterns = [
    path("", views.home, name="home"),
    path("login/", account_views.SignInView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    # Mentees and mentors
    path("readings/<int:assignment_id>/", views.assignment_detail, name="assignment-detail"),
    path("pairs/<int:pair_id>/", views.pair_thread, name="pair-thread"),
    path("pairs/<int:pair_id>/write/", views.start_letter, name="letter-start"),
    path("letters/", views.my_letters, name="my-letters"),
    path("letters/read/", views.letters_mark_read, name="letters-mark-read"),
    path("letters/<int:letter_id>/", views.letter_detail, name="letter-detail"),
    path("letters/<int:letter_id>/edit/", views.letter_edit, name="letter-edit"),
    path("letters/<int:letter_id>/draft/", views.letter_draft_save, name="letter-draft-save"),
    path("profile/", views.profile, name="profile"),
    path("profile/calendar/", views.calendar_token_reset, name="calendar-token-reset"),
    path("calendar/<str:token>.ics", views.calendar_feed, name="calendar-feed"),
    # Coordinators
    path("programs/<int:program_id>/", coordinator.dashboard, name="coordinator-dashboard"),
    path("programs/<int:program_id>/people/import/", coordinator.people, name="coordinator-people"),
    path("programs/<int:program_id>/pairs/", coordinator.pairs, name="coordinator-pairs"),
    path("programs/<int:program_id>/readings/", coordinator.readings, name="coordinator-readings"),
    path("programs/<int:program_id>/readings/new/", coordinator.reading_edit, name="coordinator-reading-new"),
    path("programs/<int:program_id>/readings/<int:reading_id>/", coordinator.reading_edit,
         name="coordinator-reading-edit"),
    path("programs/<int:program_id>/calendar/", coordinator.calendar, name="coordinator-calendar"),
    path("programs/<int:program_id>/settings/", coordinator.program_settings, name="coordinator-settings"),
    path("programs/<int:program_id>/settings/watch-words/", coordinator.watch_words, name="coordinator-watch-words"),
    path("programs/<int:program_id>/settings/audit/", coordinator.program_audit, name="coordinator-audit"),
    path("watch-words/<int:watch_word_id>/remove/", coordinator.watch_word_remove, name="coordinator-watch-word-remove"),
    path("coordinate/pairs/<int:pair_id>/", coordinator.pair_page, name="coordinator-pair"),
    path("coordinate/pairs/<int:pair_id>/notes/", coordinator.pair_note_add, name="coordinator-pair-note"),
    path("coordinate/pairs/<int:pair_id>/status/", coordinator.pair_status_change, name="coordinator-pair-status"),
    path("coordinate/pairs/<int:pair_id>/letters/<int:letter_id>/decide/", coordinator.letter_decide,
         name="coordinator-letter-decide"),
    path("", include("frontend.review_urls")),
    path("", include("frontend.account_urls")),
    path("", include("frontend.notification_views")),
    path("", include("frontend.report_views")),
    path("", include("frontend.token_views")),
    path("", include("frontend.password_views")),
    path("", include("frontend.people_views")),
    path("", include("frontend.statistics_views")),
    path("", include("frontend.toolbox_views")),
    path("", include("frontend.timeline_views")),
    path("", include("frontend.goals_views")),
    path("", include("frontend.space_views")),
]
