"""import_catalogue and load_catalogue against hostile files: each is refused
with one line naming the entry, by the dry run and the real run alike, and
nothing is written."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import CommandError, call_command

from advisor import scoring
from advisor.catalogue.exchange.loader import find_cycle
from advisor.catalogue.models import CatalogueVersion, Step, Track
from tests.catalogue_data import dump, small
from tests.hostile_catalogues import ALL, YAML_AND_JSON
from tests.test_catalogue_exchange import rows

pytestmark = pytest.mark.usefixtures("small_catalogue")


def refused(*args) -> str:
    with pytest.raises(CommandError) as err:
        call_command(*args, stdout=io.StringIO(), stderr=io.StringIO())
    return str(err.value)


@pytest.mark.parametrize(("case", "name", "content", "message"), ALL, ids=[c[0] for c in ALL])
def test_a_hostile_file_is_refused_by_the_dry_run_and_the_import_alike(tmp_path, case, name, content, message):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    before, versions = rows(), CatalogueVersion.objects.count()

    for args in (["--dry-run"], []):
        error = refused("import_catalogue", str(path), *args)
        assert error.startswith(f"{path}: ") and message in error
        assert "\n" not in error and len(error) < 400

    assert rows() == before and CatalogueVersion.objects.count() == versions


@pytest.mark.parametrize(("case", "name", "content", "message"), YAML_AND_JSON, ids=[c[0] for c in YAML_AND_JSON])
def test_load_catalogue_refuses_the_same_files(tmp_path, case, name, content, message):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    before = rows()
    assert message in refused("load_catalogue", str(path))
    assert rows() == before


def test_a_file_over_the_size_cap_is_refused_before_it_is_read(tmp_path, settings):
    settings.CATALOGUE_IMPORT_MAX_BYTES = 2048
    path = tmp_path / "c.yaml"
    path.write_text(dump(small()), encoding="utf-8")
    size = path.stat().st_size
    error = refused("import_catalogue", str(path), "--dry-run")
    assert error == (
        f"{path}: the file is {size:,} bytes; at most 2,048 are accepted (DJANGO_CATALOGUE_IMPORT_MAX_BYTES)."
    )


def test_the_same_file_under_the_cap_imports(tmp_path, settings):
    data = small()
    data["tracks"][0]["name"]["en"] = "Promotion & ads"
    path = tmp_path / "c.yaml"
    path.write_text(dump(data), encoding="utf-8")
    settings.CATALOGUE_IMPORT_MAX_BYTES = path.stat().st_size
    call_command("import_catalogue", str(path), stdout=io.StringIO())
    assert Track.objects.get(slug="promotion").name_en == "Promotion & ads"


def chain(length: int) -> dict:
    """The small catalogue plus a chain of steps, each needing the one before."""
    data = small()
    base = data["steps"][0]
    data["steps"] += [
        dict(base, slug=f"link-{i}", prerequisites=[f"link-{i - 1}"] if i else ["copy-1"]) for i in range(length)
    ]
    return data


def test_a_3000_step_prerequisite_chain_is_walked_without_recursion(tmp_path):
    path = tmp_path / "chain.json"
    path.write_text(json.dumps(chain(3000)), encoding="utf-8")
    out = io.StringIO()
    call_command("import_catalogue", str(path), "--dry-run", stdout=out)
    assert "3000 added, 0 changed, 0 removed, 0 left alone." in out.getvalue()


@pytest.mark.heavy  # writing 3,000 steps with their history: load-shaped, run once in CI
def test_a_3000_step_prerequisite_chain_imports(tmp_path):
    path = tmp_path / "chain.json"
    path.write_text(json.dumps(chain(3000)), encoding="utf-8")
    call_command("import_catalogue", str(path), stdout=io.StringIO())
    assert Step.objects.get(slug="link-2999").prerequisites.get().slug == "link-2998"


def test_a_3000_step_chain_that_closes_a_cycle_is_refused_naming_it(tmp_path):
    data = chain(3000)
    data["steps"][0]["prerequisites"] = ["link-2999"]  # copy-1 now needs the chain's end
    path = tmp_path / "cycle.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    error = refused("import_catalogue", str(path), "--dry-run")
    assert error.endswith(
        "step 'copy-1': prerequisites form a cycle: copy-1 → link-2999 → link-2998 → link-2997 → … → link-1 → link-0 → copy-1"
    )


def test_find_cycle_and_the_plan_walk_long_chains_iteratively():
    graph = {f"s{i}": [f"s{i - 1}"] if i else [] for i in range(20_000)}
    assert find_cycle(graph) is None
    assert find_cycle(graph | {"s0": ["s19999"]})[:3] == ["s0", "s19999", "s19998"]

    # Only the last step is in the gap's skill; the 4,999 before it are unmet prerequisites.
    steps = [scoring.Step(f"s{i}", "base", 1, 1, (f"s{i - 1}",) if i else ()) for i in range(5000)]
    steps[-1] = scoring.Step("s4999", "top", 1, 1, ("s4998",))
    ordered = scoring.plan([scoring.Gap("top", 0, 1, 3, True)], steps, {})
    assert [s.slug for s in ordered] == [f"s{i}" for i in range(5000)]


def test_a_database_refusal_midway_is_one_line_and_writes_nothing(tmp_path, monkeypatch):
    from django.db import DataError

    from advisor.catalogue.models import Resource

    def refuse(*args, **kwargs):
        raise DataError("value too long for type character varying(200)\nCONTEXT: somewhere")

    monkeypatch.setattr(Resource, "save", refuse)  # late in the import, after tracks and steps were written
    data = small()
    data["tracks"][0]["name"]["en"] = "Renamed"
    data["steps"][1]["resources"][0]["url"] = "https://example.org/other"
    path = tmp_path / "c.yaml"
    path.write_text(dump(data), encoding="utf-8")
    before = rows()

    error = refused("import_catalogue", str(path))

    assert error == (
        "The database refused the import, nothing was written: "
        "value too long for type character varying(200) CONTEXT: somewhere"
    )
    assert rows() == before and Track.objects.get(slug="promotion").name_en == "Promotion"


def test_the_export_writes_a_value_used_twice_out_twice_not_as_an_alias(tmp_path):
    from advisor.catalogue.exchange import exporter

    data = small()
    data["steps"][1]["title"] = data["steps"][0]["title"]  # one object in two places
    text = exporter.to_yaml(data)
    assert "&id" not in text and "*id" not in text
    path = tmp_path / "c.yaml"
    path.write_text(text, encoding="utf-8")
    call_command("import_catalogue", str(path), stdout=io.StringIO())
    assert Step.objects.get(slug="proto-1").title_en == "Write"
