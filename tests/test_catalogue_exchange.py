"""export_catalogue and import_catalogue: round trips, dry-run diffs, the safe import policy."""

from __future__ import annotations

import io
import json

import pytest
import yaml
from django.apps import apps
from django.core.management import CommandError, call_command

from advisor.catalogue.exchange.diff import flatten
from advisor.catalogue.exchange.loader import SEED_PATH, parse
from advisor.catalogue.models import CatalogueVersion, Question, Requirement, Skill, Step, Track
from advisor.questionnaire.models import Answer, Assessment
from tests.catalogue_data import dump, small, small_without_content_operation

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def write(tmp_path, data, name="catalogue.yaml") -> str:
    path = tmp_path / name
    path.write_text(dump(data) if name.endswith(".yaml") else data, encoding="utf-8")
    return str(path)


def rows() -> dict[str, list]:
    """Every catalogue row, every column, to prove an import wrote nothing."""
    return {
        model.__name__: list(model.objects.order_by("pk").values())
        for model in apps.get_app_config("catalogue").get_models()
    }


@pytest.fixture
def loaded(small_catalogue):
    """The small catalogue, under the name these tests read best with."""


def test_exporting_the_seed_gives_back_the_seed_catalogue(seeded):
    exported = parse(run("export_catalogue"), "export")
    assert flatten(exported) == flatten(parse(SEED_PATH.read_text(encoding="utf-8"), "seed"))


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_export_then_import_changes_nothing(seeded, tmp_path, fmt):
    path = tmp_path / f"catalogue.{fmt}"
    call_command("export_catalogue", "--format", fmt, "-o", str(path), stderr=io.StringIO())
    before, history = rows(), Track.history.count() + Requirement.history.count()
    versions = CatalogueVersion.objects.count()

    assert run("import_catalogue", str(path), "--dry-run").startswith("No changes: the file matches the catalogue.")
    output = run("import_catalogue", str(path))

    assert "Nothing to import." in output
    assert rows() == before
    assert Track.history.count() + Requirement.history.count() == history
    assert CatalogueVersion.objects.count() == versions


def test_the_json_export_is_the_same_catalogue_as_the_yaml_export(seeded):
    assert json.loads(run("export_catalogue", "--format", "json")) == yaml.safe_load(run("export_catalogue"))


def test_the_csv_export_is_the_requirement_table(loaded):
    lines = run("export_catalogue", "--format", "csv").splitlines()
    assert lines == [
        "track,skill,importance,target,essential,source",
        "promotion,copywriting,3,2,true,",
        "content-operation,copywriting,5,3,true,",
        "content-operation,prototyping,2,1,false,",
    ]


def test_a_csv_import_replaces_the_requirements_of_the_tracks_it_names(loaded, tmp_path):
    table = "track,skill,importance,target,essential\ncontent-operation,copywriting,4,4,true\n"
    path = write(tmp_path, table, "reqs.csv")
    diff = run("import_catalogue", path, "--dry-run")
    assert "~ requirement 'content-operation' × 'copywriting'\n    importance: 5 → 4\n    target: 3 → 4" in diff
    assert "- requirement 'content-operation' × 'prototyping' (removed)" in diff
    assert "promotion" not in diff

    run("import_catalogue", path)
    assert set(Requirement.objects.values_list("track__slug", "skill__slug", "importance")) == {
        ("promotion", "copywriting", 3),
        ("content-operation", "copywriting", 4),
    }


def test_a_csv_row_with_a_bad_number_is_refused_naming_the_entry(loaded, tmp_path):
    path = write(tmp_path, "track,skill,importance,target,essential\npromotion,copywriting,9,2,yes\n", "r.csv")
    with pytest.raises(CommandError, match="requirement 'promotion' × 'copywriting': 'importance' must be"):
        run("import_catalogue", path)
    assert Requirement.objects.get(track__slug="promotion").importance == 3


def test_a_csv_with_wrong_columns_is_refused(loaded, tmp_path):
    path = write(tmp_path, "track,skill,weight\npromotion,copywriting,3\n", "r.csv")
    with pytest.raises(CommandError, match="the columns must be track,skill,importance,target,essential,source"):
        run("import_catalogue", path)


def test_the_dry_run_diff_says_what_is_added_changed_and_removed(loaded, tmp_path):
    data = small()
    data["tracks"][0]["name"]["en"] = "Promotion & ads"
    data["requirements"][1]["importance"] = 4
    data["requirements"].pop(2)  # content-operation × prototyping
    data["steps"].append(dict(data["steps"][0], slug="copy-2", reaches=3))
    before = rows()

    diff = run("import_catalogue", write(tmp_path, data), "--dry-run")

    assert diff == (
        "~ track 'promotion'\n"
        "    name.en: 'Promotion' → 'Promotion & ads'\n"
        "~ requirement 'content-operation' × 'copywriting'\n"
        "    importance: 5 → 4\n"
        "+ step 'copy-2' (added)\n"
        "- requirement 'content-operation' × 'prototyping' (removed)\n"
        "1 added, 2 changed, 1 removed, 0 left alone.\n"
    )
    assert rows() == before


def test_an_import_writes_the_changes_with_history_and_one_version(loaded, tmp_path, django_user_model):
    alice = django_user_model.objects.create_user("alice")
    data = small()
    data["tracks"][0]["name"]["en"] = "Promotion & ads"
    data["steps"][1]["prerequisites"] = []
    versions = CatalogueVersion.objects.count()

    run("import_catalogue", write(tmp_path, data), "--user", "alice")

    track = Track.objects.get(slug="promotion")
    assert track.name_en == "Promotion & ads"
    assert track.history.first().history_user == alice
    assert list(Step.objects.get(slug="proto-1").prerequisites.all()) == []
    assert CatalogueVersion.objects.count() == versions + 1
    latest = CatalogueVersion.objects.first()
    assert latest.created_by == alice and latest.snapshot["tracks"][0]["name"]["en"] == "Promotion & ads"


def test_reordering_a_section_renumbers_it(loaded, tmp_path):
    data = small()
    data["tracks"].reverse()
    diff = run("import_catalogue", write(tmp_path, data), "--dry-run")
    assert "~ track 'content-operation'\n    order: 2 → 1" in diff
    run("import_catalogue", write(tmp_path, data))
    assert list(Track.objects.values_list("slug", flat=True)) == ["content-operation", "promotion"]


def test_entries_left_out_of_the_file_are_reported_and_kept(loaded, tmp_path):
    data = small_without_content_operation()
    path = write(tmp_path, data)

    diff = run("import_catalogue", path, "--dry-run")
    assert "  track 'content-operation' is not in the file: left alone (pruning would delete it)" in diff
    run("import_catalogue", path)
    assert Track.objects.filter(slug="content-operation").exists()
    assert Requirement.objects.filter(track__slug="content-operation").count() == 2


def test_prune_deletes_entries_left_out_of_the_file(loaded, tmp_path):
    data = small_without_content_operation(its_own_entries_too=True)
    path = write(tmp_path, data)

    assert "- skill 'prototyping' (removed)" in run("import_catalogue", path, "--dry-run", "--prune")
    run("import_catalogue", path, "--prune")

    assert list(Track.objects.values_list("slug", flat=True)) == ["promotion"]
    assert not Skill.objects.filter(slug="prototyping").exists()
    assert not Question.objects.filter(slug="proto-q").exists()


def test_prune_never_deletes_a_question_that_saved_answers_use(loaded, tmp_path):
    Answer.objects.create(
        assessment=Assessment.objects.create(), question=Question.objects.get(slug="proto-q"), level=2
    )
    data = small_without_content_operation(its_own_entries_too=True)
    path = write(tmp_path, data)
    before = rows()

    with pytest.raises(CommandError, match="the import would be refused"):
        run("import_catalogue", path, "--dry-run", "--prune")
    with pytest.raises(CommandError) as err:
        run("import_catalogue", path, "--prune")

    assert "skill 'prototyping' is referenced by answers (1)" in str(err.value)
    assert "question 'proto-q' is referenced by answers (1)" in str(err.value)
    assert rows() == before and Answer.objects.count() == 1


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("bad.json", '{"levels": [', "bad.json: not valid JSON"),
        ("bad.yaml", dump(small() | {"tracks": []}), "bad.yaml: tracks: missing or empty section"),
        ("bad.txt", "x", "unknown format 'txt'"),
    ],
)
def test_a_bad_file_is_refused_whole(loaded, tmp_path, name, content, message):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    before = rows()
    with pytest.raises(CommandError, match=message):
        run("import_catalogue", str(path))
    assert rows() == before


def test_a_file_with_one_bad_entry_writes_nothing_and_names_it(loaded, tmp_path):
    data = small()
    data["tracks"][0]["name"]["en"] = "Renamed"
    data["requirements"][0]["essential"] = False  # promotion's only essential requirement
    with pytest.raises(CommandError, match="track 'promotion': needs at least one essential requirement"):
        run("import_catalogue", write(tmp_path, data))
    assert Track.objects.get(slug="promotion").name_en == "Promotion"


def test_a_json_file_imports_like_yaml(loaded, tmp_path):
    data = small()
    data["skills"][0]["name"]["zh"] = "文案写作"
    run("import_catalogue", write(tmp_path, json.dumps(data, ensure_ascii=False), "c.json"))
    assert Skill.objects.get(slug="copywriting").name_zh == "文案写作"
