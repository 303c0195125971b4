"""The customised admin pages in Chromium, as a superuser: no critical axe
violation on any of them, in English and Chinese; change forms whose inline
rows stay usable at 390 and 1280 px, with text boxes for sentences and no
related-object buttons on the rows; the skip rule's checkboxes; the import
preview in words, with its impact on saved reports."""

from __future__ import annotations

import pytest
import yaml
from django.contrib.auth import get_user_model
from django.urls import reverse

from advisor.catalogue import models as m
from advisor.catalogue.exchange import exporter
from advisor.reports.models import Report
from tests.browser.axe import describe, violations
from tests.browser.conftest import DESKTOP, PHONE

pytestmark = pytest.mark.browser
PASSWORD = "an-admin-passphrase-for-tests-81"


@pytest.fixture
def superuser(live_catalogue):
    return get_user_model().objects.create_superuser("ada", "ada@example.com", PASSWORD)


def saved_reports() -> None:
    """Three saved reports with different levels, so an import that re-weights a skill moves rankings."""
    skills = list(m.Skill.objects.values_list("slug", flat=True))
    Report.objects.bulk_create(
        Report(title=f"report {i}", snapshot={"levels": {s: (i + n) % 5 for n, s in enumerate(skills)}, "tracks": []})
        for i in range(3)
    )


def logged_in(browser, live_server, size, locale: str, **options):
    context = browser.new_context(viewport=size, locale=locale, **options)
    page = context.new_page()
    page.goto(live_server.url + "/admin/login/")
    page.locator("#id_username").fill("ada")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#login-form [type=submit]").click()
    page.locator("#site-name").wait_for()
    return context, page


def heavier_file(tmp_path) -> str:
    """The catalogue as exported, with promotion's lightest requirement made central and essential."""
    data = yaml.safe_load(exporter.export("yaml"))
    promotion = [r for r in data["requirements"] if r["track"] == "promotion"]
    lightest = min(promotion, key=lambda r: r["importance"])
    lightest |= {"importance": 5, "target": 4, "essential": True}
    path = tmp_path / "heavier.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return str(path)


def pages() -> dict[str, str]:
    skill = m.Skill.objects.get(slug="seo")
    question = m.Question.objects.filter(skip_unless_question__isnull=False).first()
    track = m.Track.objects.get(slug="promotion")
    requirement = track.requirements.first()
    record = requirement.history.first()
    return {
        "index": "/admin/",
        "skill": f"/admin/catalogue/skill/{skill.pk}/change/",
        "question": f"/admin/catalogue/question/{question.pk}/change/",
        "track": f"/admin/catalogue/track/{track.pk}/change/",
        "track-list": "/admin/catalogue/track/",
        "requirement-list": "/admin/catalogue/requirement/",
        "requirement": f"/admin/catalogue/requirement/{requirement.pk}/change/",
        "requirement-history": f"/admin/catalogue/requirement/{requirement.pk}/history/",
        "requirement-version": f"/admin/catalogue/requirement/{requirement.pk}/history/{record.pk}/",
        "requirement-delete": f"/admin/catalogue/requirement/{requirement.pk}/delete/",
        "question-history": f"/admin/catalogue/question/{question.pk}/history/",
        "import": "/admin/catalogue/track/import/",
        "export": "/admin/catalogue/track/export/",
        "market": "/admin/catalogue/track/market/",
        "insights": reverse("admin:reports_insights"),
    }


@pytest.mark.parametrize(
    "locale", ["en-US", pytest.param("zh-CN", marks=pytest.mark.heavy)]
)  # the second language's full run: make test-heavy (CI), to keep make test shorter
def test_no_customised_admin_page_has_a_critical_axe_violation(browser, live_server, superuser, tmp_path, locale):
    saved_reports()
    context, page = logged_in(browser, live_server, DESKTOP, locale)
    found = {}
    for name, path in pages().items():
        page.goto(live_server.url + path)
        page.locator("#content").wait_for()
        found[name] = violations(page, impacts=("critical",))
    page.goto(live_server.url + "/admin/catalogue/track/import/")
    page.set_input_files("#id_file", heavier_file(tmp_path))
    page.locator("#content-main [type=submit]").click()
    page.locator("#import-summary").wait_for()
    found["import-preview"] = violations(page, impacts=("critical",))
    context.close()
    assert {name: describe(v) for name, v in found.items() if v} == {}


@pytest.mark.parametrize(("size", "device"), [(PHONE, "phone"), (DESKTOP, "desktop")])
def test_change_forms_fit_and_their_rows_stay_usable(browser, live_server, superuser, shoot, size, device):
    context, page = logged_in(browser, live_server, size, "en-US")
    urls = pages()
    for name in ("track", "skill", "question"):
        page.goto(live_server.url + urls[name])
        page.locator("#content-main form").wait_for()
        assert page.evaluate("document.documentElement.scrollWidth") <= size["width"], (
            f"{name} is wider than the screen"
        )
        shoot(page, f"admin-{name}-{device}")
        rows = page.locator(".catalogue-rows tr.form-row.has_original")
        assert rows.count() >= 1
        row = rows.first
        # Nothing on a row deletes, changes or adds the related skill; the row's own box remains.
        assert row.locator(".related-widget-wrapper-link").count() == 0
        assert row.locator("input[name$='-DELETE']").is_visible()
        # Every input on the row can be read and reached: inside the screen, at least 44 px wide.
        for box in row.locator("input:not([type=hidden]):not([type=checkbox]), select, textarea").all():
            bounds = box.bounding_box()
            assert bounds["x"] >= 0 and bounds["x"] + bounds["width"] <= size["width"] + 1, name
            assert bounds["width"] >= 44, name

    # Sentences are edited in text boxes that show them, not in one-line inputs.
    page.goto(live_server.url + urls["track"])
    focus = page.locator("#id_focus_en")
    assert focus.evaluate("e => e.tagName") == "TEXTAREA"
    assert focus.bounding_box()["width"] >= min(300, size["width"] - 60)
    # The box shows its whole sentence, without scrolling, and is not stretched; a name stays one line.
    assert focus.evaluate("e => e.scrollHeight <= e.clientHeight + 2")
    assert focus.bounding_box()["height"] <= 200
    assert page.locator("#id_name_en").bounding_box()["height"] <= 50
    # The row's box says what it does: by the box on a phone, in the column's header on a desktop.
    by_box = page.locator("td.delete .catalogue-delete-text", has_text="Remove from this track").first
    header = page.locator("th", has_text="Remove from this track")
    assert (by_box if device == "phone" else header).is_visible()
    page.goto(live_server.url + urls["question"])
    choice = page.locator("#id_choices-0-label_en")
    assert choice.evaluate("e => e.tagName") == "TEXTAREA"

    # Change one answer choice only: the question's history and the new version say what changed.
    choice.fill("I have never handled stock or shipping, not even once.")
    page.locator("[name=_continue]").click()
    page.get_by_text("was changed successfully").wait_for()
    page.goto(live_server.url + urls["question-history"])
    page.get_by_text("Changes to its answer choices").wait_for()
    assert page.locator(".row-history").get_by_text("not even once.").first.is_visible()
    assert "None" not in page.locator("#content-main").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= size["width"]
    shoot(page, f"admin-question-history-{device}")
    page.goto(live_server.url + f"/admin/catalogue/catalogueversion/{m.CatalogueVersion.current().pk}/change/")
    page.get_by_text("What changed since the version before").wait_for()
    assert "Answer choice 0 (English)" in page.locator(".catalogue-changes").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= size["width"]
    shoot(page, f"admin-version-{device}")
    context.close()


def test_the_skip_rule_is_ticked_without_javascript(browser, live_server, superuser, shoot):
    question = m.Question.objects.filter(skip_unless_question__isnull=False).first()
    rule = question.skip_unless_question
    other = m.ContextQuestion.objects.exclude(pk=rule.pk).order_by("position").first()
    context = browser.new_context(viewport=PHONE, locale="en-US", java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/admin/login/")
    page.locator("#id_username").fill("ada")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#login-form [type=submit]").click()
    page.locator("#site-name").wait_for()
    page.goto(live_server.url + f"/admin/catalogue/question/{question.pk}/change/")
    group = page.locator(".skip-rule details", has_text=str(rule))
    assert group.get_attribute("open") is not None  # the rule's question opens on its ticked answers
    shoot(page, "admin-skip-rule-phone")

    # Ticking an answer of a second about-you question is refused, saying why.
    page.locator(".skip-rule summary", has_text=str(other)).click()
    page.locator(".skip-rule details", has_text=str(other)).locator("input").first.check()
    page.locator("[name=_continue]").click()
    page.get_by_text("A question can depend on one about-you question only").wait_for()
    shoot(page, "admin-skip-rule-error-phone")
    question.refresh_from_db()
    assert question.skip_unless_question_id == rule.pk

    # Unticking it again saves the rule as it was, plus nothing.
    page.locator(".skip-rule details", has_text=str(other)).locator("input:checked").uncheck()
    page.locator("[name=_continue]").click()
    page.get_by_text("was changed successfully").wait_for()
    question.refresh_from_db()
    assert question.skip_unless_question_id == rule.pk
    context.close()


@pytest.mark.parametrize(("size", "device"), [(PHONE, "phone"), (DESKTOP, "desktop")])
def test_the_import_preview_names_entries_and_shows_the_impact(
    browser, live_server, superuser, tmp_path, shoot, size, device
):
    saved_reports()
    context, page = logged_in(browser, live_server, size, "en-US")
    page.goto(live_server.url + "/admin/catalogue/track/import/")
    page.set_input_files("#id_file", heavier_file(tmp_path))
    page.locator("#content-main [type=submit]").click()
    page.get_by_text("This import would re-order the tracks for").wait_for()
    changes = page.locator(".catalogue-changes").inner_text()
    assert "Requirement: “Promotion” needs “" in changes
    assert "'promotion'" not in changes and " × " not in changes
    assert page.evaluate("document.documentElement.scrollWidth") <= size["width"]
    shoot(page, f"admin-import-preview-{device}")
    context.close()


@pytest.mark.parametrize(("size", "device"), [(PHONE, "phone"), (DESKTOP, "desktop")])
def test_the_import_preview_lists_the_rows_a_one_row_csv_replaces_and_confirms_it(
    browser, live_server, superuser, tmp_path, shoot, size, device
):
    kept = m.Requirement.objects.filter(track__slug="promotion").count()
    assert kept > 1
    skill = m.Requirement.objects.filter(track__slug="promotion").first().skill.slug
    path = tmp_path / "one-row.csv"
    path.write_text(f"track,skill,importance,target,essential,source\npromotion,{skill},5,4,true,\n", encoding="utf-8")
    context, page = logged_in(browser, live_server, size, "en-US")
    page.goto(live_server.url + "/admin/catalogue/track/import/")
    page.set_input_files("#id_file", str(path))
    page.locator("#content-main [type=submit]").click()
    replaced = page.locator("#import-replaced")
    replaced.wait_for()
    assert f"{kept - 1} rows go even though no entry is deleted" in replaced.inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= size["width"]
    shoot(page, f"admin-import-replaced-{device}")
    page.locator("[name=confirm]").click()
    page.get_by_text("Imported one-row.csv").wait_for()
    assert m.Requirement.objects.filter(track__slug="promotion").count() == 1
    context.close()
