"""Page views: parse input, call a selector or service, render. No business rules here."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from frontend.selectors import home_summary


@never_cache
@login_required
def home(request):
    """Show the signed-in person what to do next in each of their programs."""
    return render(request, "frontend/home.html", {"summary": home_summary(request.user)})
