"""An import is written in short batches, so people answering never wait for the
whole of it (bench/import_stall.py measures how long they wait). A batch ends only
between whole entries; the catalogue version is recorded once, after the last.
An import stopped part-way records no version, and importing the file again
finishes it."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command
from django.db import DataError

from advisor.catalogue.exchange import writer
from advisor.catalogue.models import CatalogueVersion, Choice, Question, Resource, Step, Track
from tests.catalogue_data import dump, small

pytestmark = pytest.mark.usefixtures("small_catalogue")


@pytest.fixture
def every_entry_a_batch(monkeypatch):
    monkeypatch.setattr(writer, "BATCH_SECONDS", 0.0)


def changed_file(tmp_path) -> str:
    data = small()
    data["tracks"][0]["name"]["en"] = "Renamed"
    data["questions"][0]["choices"][4] = {"en": "Teach it", "zh": "教别人"}
    data["steps"][1]["resources"][0]["url"] = "https://example.org/other"
    path = tmp_path / "c.yaml"
    path.write_text(dump(data), encoding="utf-8")
    return str(path)


def test_an_import_in_many_batches_writes_every_entry_whole_and_one_version(tmp_path, every_entry_a_batch):
    versions = CatalogueVersion.objects.count()
    call_command("import_catalogue", changed_file(tmp_path), stdout=io.StringIO())
    assert Track.objects.get(slug="promotion").name_en == "Renamed"
    assert Choice.objects.get(question=Question.objects.get(slug="copy-q"), level=4).label_en == "Teach it"
    assert Resource.objects.filter(step=Step.objects.get(slug="proto-1"), url="https://example.org/other").exists()
    assert CatalogueVersion.objects.count() == versions + 1


def test_an_import_stopped_part_way_records_no_version_and_the_same_file_finishes_it(
    tmp_path, every_entry_a_batch, monkeypatch
):
    versions = CatalogueVersion.objects.count()
    path = changed_file(tmp_path)
    real_save = Resource.save

    def refuse(*args, **kwargs):
        raise DataError("value too long for type character varying(200)")

    monkeypatch.setattr(Resource, "save", refuse)  # steps come after tracks and questions
    with pytest.raises(CommandError) as err:
        call_command("import_catalogue", path, stdout=io.StringIO())

    assert str(err.value).startswith("The database refused the import part-way, after ")
    assert "Fix the file and import it again to finish." in str(err.value)
    assert Track.objects.get(slug="promotion").name_en == "Renamed"  # an earlier batch stays
    assert not Resource.objects.filter(url="https://example.org/other").exists()
    assert CatalogueVersion.objects.count() == versions  # the latest version still names the old catalogue

    monkeypatch.setattr(Resource, "save", real_save)
    out = io.StringIO()
    call_command("import_catalogue", path, stdout=out)
    assert Resource.objects.filter(url="https://example.org/other").exists()
    assert CatalogueVersion.objects.count() == versions + 1
    assert "track 'promotion'" not in out.getvalue()  # written the first time: not written again
    assert "step 'proto-1'" in out.getvalue()
