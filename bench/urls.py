"""The product's URLs plus the benchmark's baseline page (never part of the product)."""

from django.urls import include, path

from bench.views import baseline

urlpatterns = [
    path("__bench__/baseline/", baseline, name="bench-baseline"),
    path("", include("config.urls")),
]
