"""Routes of the account security pages, invitations and the coordinator's people page."""

from django.urls import path

from frontend import account_views as views

urlpatterns = [
    path("account/security/", views.security, name="account-security"),
    path("account/two-factor/setup/", views.two_factor_setup, name="two-factor-setup"),
    path("account/two-factor/verify/", views.two_factor_verify, name="two-factor-verify"),
    path("account/two-factor/recovery-codes/", views.recovery_codes, name="recovery-codes"),
    path("account/sign-out-everywhere/", views.sign_out_everywhere, name="sign-out-everywhere"),
    path("account/exports/", views.request_own_export, name="request-own-export"),
    path("account/exports/<int:export_id>/download/", views.download_export, name="download-export"),
    path("invite/<str:token>/", views.accept_invitation, name="accept-invitation"),
    path("programs/<int:program_id>/people/", views.program_people, name="program-people"),
    path("programs/<int:program_id>/people/invite/", views.invite_new_participant, name="invite-participant"),
    path("people/<int:membership_id>/invitation/", views.renew_invitation, name="renew-invitation"),
    path("people/<int:membership_id>/unlock/", views.unlock_member, name="unlock-member"),
    path("people/<int:membership_id>/sign-in-link/", views.issue_sign_in_link, name="issue-sign-in-link"),
    path("people/<int:membership_id>/export/", views.export_member, name="export-member"),
]
