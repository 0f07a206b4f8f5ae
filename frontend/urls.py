"""Routes of the server-rendered pages."""

from django.contrib.auth import views as auth_views
from django.urls import include, path

from frontend import views

urlpatterns = [
    path("", views.home, name="home"),
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("", include("frontend.review_urls")),
    path("", include("frontend.account_urls")),
    path("", include("frontend.notification_views")),
    path("", include("frontend.report_views")),
    path("", include("frontend.token_views")),
]
