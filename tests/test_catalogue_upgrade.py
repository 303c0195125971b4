"""Taking a new seed on a running site: `load_catalogue` over the current
catalogue records a new catalogue version, and a report saved under the old one
keeps its verdicts, readiness, steps and texts (it is a snapshot)."""

from __future__ import annotations

import copy
import re

import pytest
from django.core.management import call_command

from advisor.catalogue.exchange import importer
from advisor.catalogue.exchange.loader import SEED_PATH, read_file
from advisor.catalogue.models import CatalogueVersion, Requirement
from advisor.questionnaire import flow as flows
from advisor.questionnaire.compute import compute
from tests.personas import PERSONAS
from tests.questionnaire_helpers import fill
from tests.reports_helpers import save_report

pytestmark = pytest.mark.usefixtures("seeded")

# Product operation as the seed weighed it before the evidence rule (issue 23):
# prototypes, mind maps and product documents essential, though no posting asks for them.
BEFORE = {"prototyping": (5, 3, True), "product-documents": (5, 3, True), "mind-mapping": (4, 3, True)}


def old_seed() -> dict:
    data = copy.deepcopy(read_file(SEED_PATH))
    for req in data["requirements"]:
        if req["track"] == "product-operation" and req["skill"] in BEFORE:
            req["importance"], req["target"], req["essential"] = BEFORE[req["skill"]]
    return data


def body(client, report) -> str:
    html = client.get(
        f"/r/{report.token}/?track=product-operation", HTTP_HX_REQUEST="true", HTTP_HX_TARGET="report-body"
    ).content.decode()
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


def test_a_report_saved_under_the_old_catalogue_keeps_its_verdicts_after_the_new_seed_is_loaded(client):
    importer.apply(old_seed(), note="the seed before issue 23")
    old_version = CatalogueVersion.current().number
    person = PERSONAS["user-strategy-operator"]
    report = save_report(client, {"context": person["about"], "levels": person["levels"]})
    assert report.catalogue_version == old_version
    product = next(t for t in report.snapshot["tracks"] if t["slug"] == "product-operation")
    assert product["band"] == "long_road"  # prototypes were essential then
    before_page, before_snapshot = body(client, report), copy.deepcopy(report.snapshot)

    call_command("load_catalogue", verbosity=0)

    assert CatalogueVersion.current().number == old_version + 1
    assert not Requirement.objects.filter(track__slug="product-operation", skill__slug="prototyping", essential=True)
    report.refresh_from_db()
    assert report.snapshot == before_snapshot and report.catalogue_version == old_version
    assert body(client, report) == before_page
    # The same answers today get today's verdict.
    fresh = compute(flows.load(fill(client, {"context": person["about"], "levels": person["levels"]})))
    assert next(t for t in fresh.tracks if t.track.slug == "product-operation").band == "ready"


def test_loading_the_same_seed_again_records_no_new_version():
    call_command("load_catalogue", verbosity=0)
    version = CatalogueVersion.current().number
    call_command("load_catalogue", verbosity=0)
    assert CatalogueVersion.current().number == version


# The seed before issue 26: customer retention under its old name, no private-domain,
# SQL, AIGC, in-platform-ads or selection requirements, and user operation weighed
# from its 12 postings of then.
NEW_SKILLS = {"aigc-tools", "ecommerce-ads", "sql-bi", "private-domain", "product-selection"}


def seed_before_issue_26() -> dict:
    data = copy.deepcopy(read_file(SEED_PATH))
    data["requirements"] = [r for r in data["requirements"] if r["skill"] not in NEW_SKILLS]
    for req in data["requirements"]:
        if req["track"] == "user-operation" and req["skill"] in ("incentive-design", "product-understanding"):
            req["importance"] = 3
    for skill in data["skills"]:
        if skill["slug"] == "customer-retention":
            skill["name"] = {"en": "Customer retention", "zh": "老客维护与复购"}
    return data


def test_a_report_saved_before_the_new_skills_keeps_its_names_and_readiness(client):
    importer.apply(seed_before_issue_26(), note="the seed before issue 26")
    old_version = CatalogueVersion.current().number
    person = PERSONAS["private-domain-operator"]
    report = save_report(client, {"context": person["about"], "levels": person["levels"]})
    users = next(t for t in report.snapshot["tracks"] if t["slug"] == "user-operation")
    before_page, before_snapshot = client.get(f"/r/{report.token}/").content.decode(), copy.deepcopy(report.snapshot)
    assert "Customer retention" in before_page

    call_command("load_catalogue", verbosity=0)

    assert CatalogueVersion.current().number == old_version + 1
    report.refresh_from_db()
    assert report.snapshot == before_snapshot and report.catalogue_version == old_version
    after_page = client.get(f"/r/{report.token}/").content.decode()
    assert "Customer retention" in after_page and "User segmentation and lifecycle" not in after_page
    # The same answers today are weighed with private domain and SQL, under the new name.
    fresh = compute(flows.load(fill(client, {"context": person["about"], "levels": person["levels"]})))
    today = next(t for t in fresh.tracks if t.track.slug == "user-operation")
    assert today.readiness != users["readiness"]
    assert Requirement.objects.filter(track__slug="user-operation", skill__slug="private-domain").exists()
