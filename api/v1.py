"""Version 1 of the REST API: every route, grouped by resource. See docs/api.md."""

from django.urls import path, register_converter

from api import goals, letters, me, notifications, pairs, programs, readings, reports, review, statistics, timeline, toolbox
from api.base import IdConverter

register_converter(IdConverter, "id")

urlpatterns = [
    path("me/", me.MeView.as_view(), name="api-me"),
    path("me/token/", me.TokenView.as_view(), name="api-me-token"),
    path("programs/", programs.ProgramListView.as_view(), name="api-programs"),
    path("programs/<id:program_id>/", programs.ProgramDetailView.as_view(), name="api-program"),
    path("programs/<id:program_id>/members/", programs.MemberListView.as_view(), name="api-program-members"),
    path("programs/<id:program_id>/review-queue/", letters.ReviewQueueView.as_view(), name="api-review-queue"),
    path(
        "programs/<id:program_id>/review-queue/bulk-approve/", review.BulkApproveView.as_view(),
        name="api-review-queue-bulk-approve",
    ),
    path("programs/<id:program_id>/statistics/", statistics.ProgramStatisticsView.as_view(),
         name="api-program-statistics"),
    path("programs/<id:program_id>/topics/", statistics.TopicListView.as_view(), name="api-program-topics"),
    path("topics/<id:topic_id>/", statistics.TopicDetailView.as_view(), name="api-topic"),
    path("pairs/", pairs.PairListView.as_view(), name="api-pairs"),
    path("pairs/<id:pair_id>/", pairs.PairDetailView.as_view(), name="api-pair"),
    path("pairs/<id:pair_id>/pause/", pairs.PairPauseView.as_view(), name="api-pair-pause"),
    path("pairs/<id:pair_id>/resume/", pairs.PairResumeView.as_view(), name="api-pair-resume"),
    path("pairs/<id:pair_id>/close/", pairs.PairCloseView.as_view(), name="api-pair-close"),
    path("pairs/<id:pair_id>/review-audit/", review.PairAuditView.as_view(), name="api-pair-review-audit"),
    path("readings/", readings.ReadingListView.as_view(), name="api-readings"),
    path("readings/<id:reading_id>/", readings.ReadingDetailView.as_view(), name="api-reading"),
    path("assignments/", readings.AssignmentListView.as_view(), name="api-assignments"),
    path("assignments/<id:assignment_id>/", readings.AssignmentDetailView.as_view(), name="api-assignment"),
    path("letters/", letters.LetterListView.as_view(), name="api-letters"),
    path("letters/<id:letter_id>/", letters.LetterDetailView.as_view(), name="api-letter"),
    path("letters/<id:letter_id>/submit/", letters.LetterSubmitView.as_view(), name="api-letter-submit"),
    path("letters/<id:letter_id>/read/", letters.LetterReadView.as_view(), name="api-letter-read"),
    path("letters/<id:letter_id>/approve/", letters.LetterApproveView.as_view(), name="api-letter-approve"),
    path(
        "letters/<id:letter_id>/request-changes/", letters.LetterRequestChangesView.as_view(),
        name="api-letter-request-changes",
    ),
    path("letters/<id:letter_id>/withhold/", letters.LetterWithholdView.as_view(), name="api-letter-withhold"),
    path("letters/<id:letter_id>/claim/", letters.LetterClaimView.as_view(), name="api-letter-claim"),
    path("letters/<id:letter_id>/release/", letters.LetterReleaseView.as_view(), name="api-letter-release"),
    path("letters/<id:letter_id>/history/", review.LetterHistoryView.as_view(), name="api-letter-history"),
    path("letters/<id:letter_id>/review-audit/", review.LetterAuditView.as_view(), name="api-letter-review-audit"),
    path("notifications/", notifications.NotificationListView.as_view(), name="api-notifications"),
    path("notifications/read-all/", notifications.NotificationReadAllView.as_view(), name="api-notifications-read-all"),
    path(
        "notifications/preferences/", notifications.NotificationPreferencesView.as_view(),
        name="api-notification-preferences",
    ),
    path(
        "notifications/<id:notification_id>/read/", notifications.NotificationReadView.as_view(),
        name="api-notification-read",
    ),
    path("toolbox/articles/", toolbox.ArticleListView.as_view(), name="api-toolbox-articles"),
    path("toolbox/articles/<id:article_id>/", toolbox.ArticleDetailView.as_view(), name="api-toolbox-article"),
    path("toolbox/articles/<id:article_id>/versions/", toolbox.ArticleVersionView.as_view(),
         name="api-toolbox-article-versions"),
    path("toolbox/articles/<id:article_id>/hide/", toolbox.ArticleHideView.as_view(), name="api-toolbox-article-hide"),
    path("toolbox/articles/<id:article_id>/show/", toolbox.ArticleShowView.as_view(), name="api-toolbox-article-show"),
    path("events/", timeline.EventListView.as_view(), name="api-events"),
    path("events/<id:event_id>/", timeline.EventDetailView.as_view(), name="api-event"),
    path("events/<id:event_id>/cancel/", timeline.EventCancelView.as_view(), name="api-event-cancel"),
    path("goals/", goals.GoalListView.as_view(), name="api-goals"),
    path("goals/<id:goal_id>/", goals.GoalDetailView.as_view(), name="api-goal"),
    path("goals/<id:goal_id>/steps/", goals.GoalStepListView.as_view(), name="api-goal-steps"),
    path("goals/steps/<id:step_id>/", goals.GoalStepDetailView.as_view(), name="api-goal-step"),
    path("stamps/", goals.StampListView.as_view(), name="api-stamps"),
    path("reports/", reports.ReportListView.as_view(), name="api-reports"),
    path("reports/<id:report_id>/", reports.ReportDetailView.as_view(), name="api-report"),
    path("reports/<id:report_id>/retry/", reports.ReportRetryView.as_view(), name="api-report-retry"),
    path("reports/<id:report_id>/download/", reports.ReportDownloadView.as_view(), name="api-report-download"),
]
