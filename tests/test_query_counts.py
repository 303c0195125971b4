"""At most eight SQL queries a public request, session included, and the same
count however large the catalogue grows (issue: fast under load)."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from advisor.catalogue import compiled
from tests.fixtures import alice
from tests.query_counts import BOUND, walk


def over(counts: dict[str, int]) -> dict[str, int]:
    return {page: n for page, n in counts.items() if n > BOUND}


def test_every_public_request_of_a_journey_stays_within_the_bound(client, warm):
    counts = walk(client)
    assert len(counts) >= 20  # every kind of request was made
    assert over(counts) == {}


def test_a_logged_in_journey_stays_within_the_bound_too(client, warm):
    counts = walk(client, alice())
    assert "my reports" in counts
    assert over(counts) == {}


def test_the_catalogue_is_read_once_per_version_not_per_request(client, seeded, django_assert_num_queries):
    client.get("/")  # the first request compiles the catalogue
    kept = compiled.current()
    with django_assert_num_queries(1):  # later ones only ask which version is current
        assert compiled.current() is kept


@pytest.mark.heavy
def test_a_ten_times_larger_catalogue_costs_the_same_queries(client, seeded, django_user_model):
    compiled.current()
    seed = walk(client)
    call_command("synth_catalogue", "--scale", "10", stdout=io.StringIO())
    assert compiled.current().question_count >= 10 * 31
    client.logout()
    assert walk(client) == seed


ADMIN_MODELS = ("Track", "Skill", "Requirement", "Question", "Step", "Route", "Post")


def admin_counts(client) -> dict[str, int]:
    from advisor.catalogue import models as m
    from tests.fixtures import admin_url
    from tests.query_counts import Counter

    count = Counter(client)
    for name in ADMIN_MODELS:
        model = getattr(m, name)
        count(f"{name} list", "get", admin_url(model, "changelist"))
        count(f"{name} page", "get", admin_url(model, "change", model.objects.order_by("pk").first().pk))
    count("market report", "get", reverse("admin:catalogue_market"))
    return count.worst()


@pytest.mark.heavy
def test_admin_pages_cost_the_same_queries_on_a_ten_times_larger_catalogue(client, seeded, editor):
    client.force_login(editor)
    admin_counts(client)  # the first visit fills process-wide caches (content types)
    seed = admin_counts(client)
    call_command("synth_catalogue", "--scale", "10", stdout=io.StringIO())
    admin_counts(client)
    assert admin_counts(client) == seed
