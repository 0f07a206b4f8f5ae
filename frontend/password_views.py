"""Changing a password, and the forgotten-password flow by e-mail (Django's own views).

Reset links come from Django's default token generator: a link is signed with the
account's current password hash and last sign-in, so it stops working once used, and it
expires after PASSWORD_RESET_TIMEOUT. Requests for a link are rate-limited per address
and per e-mail address (programs.accounts.count_password_reset_request), and the answer
is the same whether an account has that address or not. People without an e-mail
address (most children) get a new sign-in link from their coordinator instead.
"""

from axes.helpers import get_client_ip_address
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render
from django.urls import path, reverse_lazy
from django.utils.translation import gettext as _

from programs import accounts


class PasswordResetRequestView(auth_views.PasswordResetView):
    """Ask for an e-mail address and send a reset link to the accounts that have it."""

    template_name = "frontend/account/password/reset_form.html"
    email_template_name = "frontend/account/password/reset_email.txt"
    subject_template_name = "frontend/account/password/reset_subject.txt"
    success_url = reverse_lazy("password-reset-done")

    def form_valid(self, form):
        address_allowed, email_allowed = accounts.count_password_reset_request(
            address=get_client_ip_address(self.request), email=form.cleaned_data["email"]
        )
        if not address_allowed:
            form.add_error(None, _("Too many requests for new passwords came from your network. Try again in an hour."))
            return render(self.request, self.template_name, self.get_context_data(form=form), status=429)
        if not email_allowed:
            # Answered exactly as when an e-mail goes out: nobody learns whether the address has an account.
            return redirect(self.success_url)
        return super().form_valid(form)


class PasswordResetConfirm(auth_views.PasswordResetConfirmView):
    """Let the holder of a valid reset link choose a new password; the link then stops working."""

    template_name = "frontend/account/password/reset_confirm.html"
    success_url = reverse_lazy("password-reset-complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        accounts.clear_sign_in_failures(form.user)
        return response


class PasswordChange(auth_views.PasswordChangeView):
    """Change the signed-in person's password; their other sessions end, this one stays."""

    template_name = "frontend/account/password/change_form.html"
    success_url = reverse_lazy("account-security")

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("Your password is changed. You are signed out on every other device."))
        return response


urlpatterns = [
    path("account/password/", PasswordChange.as_view(), name="password-change"),
    path("password-reset/", PasswordResetRequestView.as_view(), name="password-reset"),
    path("password-reset/sent/", auth_views.PasswordResetDoneView.as_view(
        template_name="frontend/account/password/reset_done.html"), name="password-reset-done"),
    path("password-reset/<uidb64>/<token>/", PasswordResetConfirm.as_view(), name="password-reset-confirm"),
    path("password-reset/done/", auth_views.PasswordResetCompleteView.as_view(
        template_name="frontend/account/password/reset_complete.html"), name="password-reset-complete"),
]
