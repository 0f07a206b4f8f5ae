"""A page that fails half-way through sending a letter, for tests/security/test_logs.py."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.urls import path
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables

from letters import services
from letters.models import Letter


@sensitive_post_parameters("body")
@sensitive_variables("body")
@login_required
def send_letter(request, letter_id: int):
    body = request.POST["body"]
    services.submit_letter(request.user, letter=Letter.objects.get(pk=letter_id), body=body)
    return HttpResponse("sent")


urlpatterns = [path("send/<int:letter_id>/", send_letter)]
