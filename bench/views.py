"""The baseline the benchmark divides by: the least work a Django page can do here."""

from functools import cache

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.template import engines

from programs.models import Program

BASELINE_TEMPLATE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Baseline</title></head>
<body><p>{{ programs }} programs.</p></body></html>
"""


@cache
def _template():
    # Compiled once, as the cached template loader does for the product's templates.
    return engines["django"].from_string(BASELINE_TEMPLATE)


@login_required
def baseline(request):
    """Run one query and render one small template, through the same middleware as every page."""
    return HttpResponse(_template().render({"programs": Program.objects.count()}, request))
