"""Top-level URL routes: admin, the REST API and the server-rendered pages."""

from django.contrib import admin
from django.urls import include, path

from frontend.account_views import admin_sign_in

urlpatterns = [
    # One sign-in page for everyone, with its throttling and messages; the admin then asks for the second factor.
    path("admin/login/", admin_sign_in),
    path("admin/", admin.site.urls),
    path("api/", include("api.urls")),
    path("", include("frontend.urls")),
]
