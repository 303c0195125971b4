from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from advisor.catalogue.models import Choice, Question, Requirement, Step, Track
from tests.catalogue_data import dump, small

pytestmark = pytest.mark.usefixtures("empty_catalogue")


def load(tmp_path, data):
    path = tmp_path / "catalogue.yaml"
    path.write_text(dump(data), encoding="utf-8")
    call_command("load_catalogue", str(path))
    return path


def test_it_loads_a_valid_file(tmp_path):
    load(tmp_path, small())
    assert list(Track.objects.values_list("slug", flat=True)) == ["promotion", "content-operation"]
    assert Choice.objects.filter(question__slug="copy-q").count() == 5
    proto = Step.objects.get(slug="proto-1")
    assert [s.slug for s in proto.prerequisites.all()] == ["copy-1"]
    assert proto.resources.get().url == "https://example.org/guide"
    assert Question.objects.get(slug="proto-q").skip_unless_values == ["yes"]


def test_loading_twice_changes_nothing(tmp_path):
    load(tmp_path, small())
    before = list(Requirement.objects.values_list("pk", "track__slug", "skill__slug", "importance"))
    load(tmp_path, small())
    after = list(Requirement.objects.values_list("track__slug", "skill__slug", "importance"))
    assert [row[1:] for row in before] == after
    assert Track.objects.count() == 2 and Step.objects.count() == 2


def test_if_empty_keeps_an_existing_catalogue(tmp_path):
    load(tmp_path, small())
    Track.objects.filter(slug="promotion").update(name_en="Edited by an admin")
    call_command("load_catalogue", "--if-empty")
    assert Track.objects.get(slug="promotion").name_en == "Edited by an admin"


def _broken(mutate):
    data = small()
    mutate(data)
    return data


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d["requirements"][0].update(skill="nope"), "requirement 'promotion' × 'nope': unknown skill 'nope'"),
        (lambda d: d["requirements"][0].update(importance=6), "'importance' must be a whole number from 1 to 5"),
        (lambda d: d["requirements"][0].update(target=0), "'target' must be a whole number from 1 to 4"),
        (lambda d: d["requirements"].append(dict(d["requirements"][0])), "duplicate mapping"),
        (lambda d: d["steps"][0].update(reaches=5), "step 'copy-1': 'reaches' must be a whole number from 1 to 4"),
        (lambda d: d["steps"][0].update(prerequisites=["proto-1"]), "prerequisites form a cycle"),
        (lambda d: d["steps"][1].update(prerequisites=["ghost"]), "step 'proto-1': unknown prerequisite step 'ghost'"),
        (lambda d: d["questions"][0]["choices"].pop(), "question 'copy-q': needs exactly 5 choices"),
        (lambda d: d["skills"][0].update(theme="missing"), "skill 'copywriting': unknown theme 'missing'"),
        (lambda d: d["tracks"][0]["name"].update(zh=""), "track 'promotion': 'name' has an empty 'en' or 'zh' text"),
        (lambda d: d["tracks"][0].update(kind="sales"), "track 'promotion': 'kind' must be one of"),
        (
            lambda d: d["questions"][1].update(skip_unless={"question": "sells_online", "values": ["maybe"]}),
            "'skip_unless' values must be choices of 'sells_online'",
        ),
        (lambda d: d["steps"].pop(1), "skill 'prototyping': has no transition step"),
    ],
)
def test_a_broken_file_is_refused_naming_the_file_and_the_entry(tmp_path, mutate, message):
    path = tmp_path / "catalogue.yaml"
    path.write_text(dump(_broken(mutate)), encoding="utf-8")
    with pytest.raises(CommandError) as err:
        call_command("load_catalogue", str(path))
    assert str(path) in str(err.value)
    assert message in str(err.value)
    assert Track.objects.count() == 0


def test_a_refused_file_leaves_the_previous_catalogue_untouched(tmp_path):
    load(tmp_path, small())
    data = small()
    data["tracks"][0]["name"]["en"] = "Renamed"
    data["requirements"][1]["importance"] = 9
    path = tmp_path / "bad.yaml"
    path.write_text(dump(data), encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("load_catalogue", str(path))
    assert Track.objects.get(slug="promotion").name_en == "Promotion"
    assert Requirement.objects.get(track__slug="content-operation", skill__slug="copywriting").importance == 5


def test_a_database_failure_midway_rolls_back_the_whole_load(tmp_path, monkeypatch):
    from advisor.catalogue.models import Resource

    def explode(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(Resource, "save", explode)  # late in the load
    path = tmp_path / "catalogue.yaml"
    path.write_text(dump(small()), encoding="utf-8")
    with pytest.raises(RuntimeError):
        call_command("load_catalogue", str(path))
    assert Track.objects.count() == 0 and Step.objects.count() == 0


def test_a_file_that_is_not_yaml_is_refused(tmp_path):
    path = tmp_path / "catalogue.yaml"
    path.write_text("tracks: [unclosed", encoding="utf-8")
    with pytest.raises(CommandError, match="not valid YAML"):
        call_command("load_catalogue", str(path))


def test_a_missing_file_is_refused_clearly(tmp_path):
    with pytest.raises(CommandError, match="cannot be read"):
        call_command("load_catalogue", str(tmp_path / "nope.yaml"))
