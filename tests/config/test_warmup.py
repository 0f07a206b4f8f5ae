"""A web worker loads its views, translations, templates and screening data before its first request (config.warmup)."""

import importlib
from unittest import mock

from django.template import engines
from django.utils import translation

import config.warmup


def test_the_wsgi_application_warms_up_once_it_is_loaded(settings):
    import config.wsgi

    settings.DEBUG = False
    with mock.patch.object(config.warmup, "warm_up") as warm_up:
        importlib.reload(config.wsgi)
    warm_up.assert_called_once_with()


def test_the_development_server_skips_the_warm_up_so_that_it_restarts_quickly(settings):
    import config.wsgi

    settings.DEBUG = True
    with mock.patch.object(config.warmup, "warm_up") as warm_up:
        importlib.reload(config.wsgi)
    warm_up.assert_not_called()


def test_the_templates_warmed_up_are_the_projects_own_and_all_of_them():
    names = config.warmup.project_template_names()
    assert {"frontend/home.html", "frontend/base.html"} <= set(names)
    # Not the installed packages' own (the project overrides one admin page, which counts).
    assert not {"admin/base.html", "admin/index.html", "rest_framework/api.html"} & set(names)
    assert len(names) == len(set(names)) > 50


def test_warm_up_compiles_every_project_template_and_loads_each_language(settings):
    with mock.patch.object(config.warmup, "warm_up_screening") as screening:
        config.warmup.warm_up()
    screening.assert_called_once_with()
    loaders = engines["django"].engine.template_loaders
    cached = {name for loader in loaders for name in getattr(loader, "get_template_cache", {})}
    assert set(config.warmup.project_template_names()) <= cached
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            if code != "en":
                assert translation.gettext("Home") != "Home", code
