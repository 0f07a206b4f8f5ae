"""Property-based check of the live schema: schemathesis sends generated requests to every
operation through the WSGI app, as a coordinator and as a mentee with seeded data, and
fails on any server error or any response the schema does not describe.

Bounded so that it stays well under two minutes on a small machine: a fixed number of
examples per operation, derandomised (the same cases every run), no example database.
"""

from contextlib import contextmanager

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from django.test import override_settings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from config.wsgi import application
from tests.api.conftest import client_for

MAX_EXAMPLES = 20
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
#: Rotating or revoking the token would sign the run out half-way; test_tokens.py covers them.
SKIPPED = {"me_token_create", "me_token_destroy"}
#: Hundreds of requests a minute are the point here, not a client to slow down.
NO_THROTTLES = {"user": None, "anon": None}


@contextmanager
def connections_kept_open():
    """Keep the test's database connection across requests sent straight to the WSGI app.

    Django closes "old" connections when a request starts and finishes; inside a test's
    transaction that closes the connection the test is using (PostgreSQL). Django's own
    test client switches this off in the same way.
    """
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def token_header(user) -> dict:
    client = client_for(user)
    return {"Authorization": client._credentials["HTTP_AUTHORIZATION"]}


def seeded_ids(world) -> dict[str, list[int]]:
    """Ids of objects that exist, per path parameter, so cases reach past the 404s."""
    own_letters = world["letters"]["own"].values()
    return {
        "program_id": [world["program_a"].pk, world["program_b"].pk],
        "pair_id": [world["own"].pk, world["neighbour"].pk],
        "reading_id": [world["reading_a"].pk],
        "assignment_id": [world["assignment_a"].pk],
        "letter_id": [letter.pk for letter in own_letters],
        "notification_id": [world["notifications"]["mentee"].pk, world["notifications"]["coordinator"].pk],
        "report_id": [report.pk for report in world["reports"]["a"].values()],
        "goal_id": [goal.pk for goal in world["goals"].values()],
        "step_id": [step.pk for goal in world["goals"].values() for step in goal.steps.all()],
        "topic_id": [world["topics"]["a"].pk, world["topics"]["b"].pk],
        "article_id": [world["articles"]["a"]["mentors"].pk, world["articles"]["a"]["mentees"].pk,
                       world["articles"]["shared"].pk],
        "event_id": [world["events"]["a"]["all"].pk, world["events"]["a"]["cancelled"].pk],
        "space_id": [world["spaces"]["a"]["space"], world["spaces"]["a"]["mspace"]],
        "thread_id": [world["spaces"]["a"]["thread"], world["spaces"]["a"]["mthread"]],
        "post_id": [world["spaces"]["a"]["held_post"], world["spaces"]["a"]["mpost"]],
    }


def strategy_for(operation, ids: dict[str, list[int]]):
    """Cases with generated ids, mixed with cases aimed at each seeded object."""
    names = [parameter.name for parameter in operation.path_parameters]
    strategies = [operation.as_strategy()]
    for name in names:
        strategies += [operation.as_strategy(path_parameters={name: value}) for value in ids.get(name, [])]
    return st.one_of(*strategies)


def check_operation(operation, headers: dict, ids: dict[str, list[int]]) -> None:
    """Run MAX_EXAMPLES generated cases against `operation`, authenticated by `headers`."""

    @given(case=strategy_for(operation, ids))
    @settings(
        max_examples=MAX_EXAMPLES, derandomize=True, database=None, deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    def run(case):
        case.call_and_validate(headers=headers, checks=CHECKS)

    run()


@pytest.mark.parametrize("role", ["coordinator", "mentee"])
def test_api_conforms_to_its_schema(world, role):
    from rest_framework.settings import api_settings

    with connections_kept_open(), override_settings(
        REST_FRAMEWORK={**_rest_framework(), "DEFAULT_THROTTLE_RATES": NO_THROTTLES}
    ):
        assert api_settings.DEFAULT_THROTTLE_RATES == NO_THROTTLES
        schema = schemathesis.openapi.from_wsgi("/api/schema/", application)
        headers = token_header(world[role])
        checked = 0
        for result in schema.get_all_operations():
            operation = result.ok()
            if operation.definition.raw.get("operationId") in SKIPPED:
                continue
            check_operation(operation, headers, seeded_ids(world))
            checked += 1
        assert checked == 85  # every operation but the two in SKIPPED


def _rest_framework() -> dict:
    from django.conf import settings as django_settings

    return dict(django_settings.REST_FRAMEWORK)
