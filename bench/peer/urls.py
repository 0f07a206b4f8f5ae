"""The peer project's URLs: postman's own, and a one-query page through the same middleware."""

from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.http import HttpResponse
from django.template import engines
from django.urls import include, path

_BARE = engines["django"].from_string(
    "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Baseline</title></head>"
    "<body><p>{{ users }} users.</p></body></html>"
)


@login_required
def baseline(request):
    """The least a page of this project can do: one query, one small template."""
    return HttpResponse(_BARE.render({"users": User.objects.count()}, request))


urlpatterns = [
    path("baseline/", baseline, name="baseline"),
    path("messages/", include("postman.urls", namespace="postman")),
]
