"""Log lines for what an operator asks about afterwards: catalogue imports (applied,
unchanged or refused), catalogue versions and report claims. Counts and ids only,
never a report's link, title or content."""

from __future__ import annotations

import io
import logging

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from advisor.catalogue.exchange import importer
from advisor.catalogue.exchange.exporter import catalogue_data
from advisor.catalogue.models import CatalogueVersion, Question
from advisor.logs import JsonLines
from advisor.questionnaire.models import Answer, Assessment
from tests.accounts_helpers import signup_data
from tests.catalogue_data import dump, small, small_without_content_operation
from tests.fixtures import PASSWORD, alice
from tests.reports_helpers import save_report


def events(caplog, name: str) -> list[logging.LogRecord]:
    return [r for r in caplog.records if getattr(r, "event", None) == name]


def import_file(tmp_path, data: dict, *args: str) -> None:
    path = tmp_path / "catalogue.yaml"
    path.write_text(dump(data), encoding="utf-8")
    call_command("import_catalogue", str(path), *args, stdout=io.StringIO(), stderr=io.StringIO())


@pytest.fixture
def logged(caplog):
    caplog.set_level(logging.INFO, logger="advisor")
    caplog.clear()
    return caplog


def test_an_applied_import_logs_its_counts_and_the_new_version(
    small_catalogue, tmp_path, logged, django_capture_on_commit_callbacks, django_user_model
):
    editor = django_user_model.objects.create_user("editor")
    data = small()
    data["tracks"][0]["name"]["en"] = "Promotion & ads"
    data["steps"].append(dict(data["steps"][0], slug="copy-2", reaches=3))
    with django_capture_on_commit_callbacks(execute=True):
        import_file(tmp_path, data, "--user", "editor")

    (line,) = events(logged, "catalogue_import")
    assert (line.outcome, line.mode, line.added, line.changed, line.removed) == ("applied", "replace", 1, 1, 0)
    assert line.user_id == editor.pk and line.note == "import_catalogue catalogue.yaml"
    assert line.levelno == logging.INFO
    (version,) = events(logged, "catalogue_version")
    latest = CatalogueVersion.objects.first()
    assert (version.version, version.user_id, version.content_hash) == (latest.number, editor.pk, latest.content_hash)
    assert f"catalogue version {latest.number} recorded" in version.getMessage()


def test_an_import_that_is_rolled_back_logs_no_applied_line(small_catalogue, tmp_path, logged):
    data = small()
    data["tracks"][0]["name"]["en"] = "Promotion & ads"
    # Without the commit (the test's transaction never commits), nothing was applied.
    import_file(tmp_path, data)
    assert events(logged, "catalogue_import") == [] and events(logged, "catalogue_version") == []


def test_an_unchanged_import_says_so_and_records_no_version(small_catalogue, tmp_path, logged):
    import_file(tmp_path, small())
    (line,) = events(logged, "catalogue_import")
    assert (line.outcome, line.added, line.changed, line.removed) == ("unchanged", 0, 0, 0)
    assert events(logged, "catalogue_version") == []


def test_a_refused_import_is_a_warning_with_its_refusals(small_catalogue, tmp_path, logged):
    Answer.objects.create(
        assessment=Assessment.objects.create(), question=Question.objects.get(slug="proto-q"), level=2
    )
    data = small_without_content_operation(its_own_entries_too=True)
    with pytest.raises(CommandError):
        import_file(tmp_path, data, "--prune")
    (line,) = events(logged, "catalogue_import")
    assert (line.outcome, line.mode, line.levelno) == ("refused", "prune", logging.WARNING)
    assert line.refusals == 2


def test_the_admin_import_is_logged_with_the_editor(seeded, logged, django_capture_on_commit_callbacks):
    data = catalogue_data()
    data["tracks"][0]["name"]["en"] += " (renamed)"
    with django_capture_on_commit_callbacks(execute=True):
        importer.apply(data, user=alice(), note="Import of catalogue.yaml")
    (line,) = events(logged, "catalogue_import")
    assert line.outcome == "applied" and line.changed == 1 and line.note == "Import of catalogue.yaml"


def test_signing_up_logs_the_claim_with_counts_and_no_link_or_title(seeded, logged):
    browser = Client()
    report = save_report(browser)
    logged.clear()
    browser.post("/accounts/signup/", signup_data())
    (line,) = events(logged, "report_claim")
    assert (line.reports, line.assessments) == (1, 1)
    assert line.user_id == report.__class__.objects.get(pk=report.pk).user_id
    written = "\n".join(JsonLines().format(r) for r in logged.records)
    assert report.token not in written and report.title not in written


def test_logging_in_with_nothing_to_claim_logs_no_claim(seeded, logged):
    alice()
    assert Client().post("/accounts/login/", {"username": "alice", "password": PASSWORD}).status_code == 302
    assert events(logged, "report_claim") == []
