"""Version 1 of the REST API: every route, grouped by resource. See docs/api.md."""

from django.urls import path, register_converter

from api import letters, me, notifications, pairs, programs, readings, reports, review, spaces
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
    path("spaces/", spaces.SpaceListView.as_view(), name="api-spaces"),
    path("spaces/<id:space_id>/leave/", spaces.SpaceLeaveView.as_view(), name="api-space-leave"),
    path("spaces/<id:space_id>/rejoin/", spaces.SpaceRejoinView.as_view(), name="api-space-rejoin"),
    path("spaces/<id:space_id>/threads/", spaces.ThreadListView.as_view(), name="api-space-threads"),
    path("threads/<id:thread_id>/", spaces.ThreadDetailView.as_view(), name="api-thread"),
    path("threads/<id:thread_id>/posts/", spaces.ThreadReplyView.as_view(), name="api-thread-reply"),
    path("threads/<id:thread_id>/moderate/", spaces.ThreadModerateView.as_view(), name="api-thread-moderate"),
    path("space-posts/<id:post_id>/", spaces.PostDetailView.as_view(), name="api-space-post"),
    path("space-posts/<id:post_id>/resubmit/", spaces.PostResubmitView.as_view(), name="api-space-post-resubmit"),
    path("space-posts/<id:post_id>/report/", spaces.PostReportView.as_view(), name="api-space-post-report"),
    path("space-posts/<id:post_id>/moderate/", spaces.PostModerateView.as_view(), name="api-space-post-moderate"),
    path("space-posts/<id:post_id>/approve/", spaces.PostApproveView.as_view(), name="api-space-post-approve"),
    path("space-posts/<id:post_id>/request-changes/", spaces.PostRequestChangesView.as_view(),
         name="api-space-post-request-changes"),
    path("space-posts/<id:post_id>/withhold/", spaces.PostWithholdView.as_view(), name="api-space-post-withhold"),
    path("space-posts/<id:post_id>/claim/", spaces.PostClaimView.as_view(), name="api-space-post-claim"),
    path("space-posts/<id:post_id>/release/", spaces.PostReleaseView.as_view(), name="api-space-post-release"),
    path("programs/<id:program_id>/review-queue/posts/", spaces.PostQueueView.as_view(), name="api-review-queue-posts"),
    path("programs/<id:program_id>/space-reports/", spaces.ReportListView.as_view(), name="api-space-reports"),
    path("space-reports/<id:report_id>/close/", spaces.ReportCloseView.as_view(), name="api-space-report-close"),
    path("reports/", reports.ReportListView.as_view(), name="api-reports"),
    path("reports/<id:report_id>/", reports.ReportDetailView.as_view(), name="api-report"),
    path("reports/<id:report_id>/retry/", reports.ReportRetryView.as_view(), name="api-report-retry"),
    path("reports/<id:report_id>/download/", reports.ReportDownloadView.as_view(), name="api-report-download"),
]
