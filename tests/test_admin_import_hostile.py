"""The admin's import against hostile files, as a superuser: the preview (dry
run) refuses them with a one-line message, a 400 and nothing written or kept
for a confirm; a confirm re-runs the same checks on the file it kept."""

from __future__ import annotations

import json
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.html import escape

from advisor.catalogue import models as m
from tests.catalogue_data import dump, small
from tests.hostile_catalogues import ALL
from tests.test_catalogue_exchange import rows

IMPORT = reverse("admin:catalogue_import")

pytestmark = pytest.mark.usefixtures("small_catalogue")


def preview(client, name: str, content: str):
    return client.post(IMPORT, {"file": SimpleUploadedFile(name, content.encode("utf-8"))})


def confirm(client, preview_response):
    """The confirm the preview page posts: the key of the upload kept server-side."""
    return client.post(IMPORT, {"confirm": "1", "upload": preview_response.context["confirm"]["upload"].value()})


@pytest.mark.parametrize(("case", "name", "content", "message"), ALL, ids=[c[0] for c in ALL])
def test_a_hostile_upload_is_refused_by_the_preview_and_kept_for_no_confirm(admin_client, case, name, content, message):
    before, versions = rows(), m.CatalogueVersion.objects.count()

    response = preview(admin_client, name, content)
    assert response.status_code == 400
    error = response.context["error"]
    assert error.startswith(f"{name}: ") and message in error
    assert "\n" not in error and len(error) < 400
    assert escape(error) in response.text
    assert 'name="confirm"' not in response.text

    assert rows() == before and m.CatalogueVersion.objects.count() == versions


def test_an_upload_over_the_size_cap_is_refused_with_the_limit(admin_client, settings):
    data = small()
    data["steps"][0]["title"]["en"] = "Write ten ads, then ten more"
    content = dump(data)
    kept = preview(admin_client, "c.yaml", content)
    assert kept.status_code == 200
    settings.CATALOGUE_IMPORT_MAX_BYTES = 2048
    response = preview(admin_client, "c.yaml", content)
    assert response.status_code == 400
    size = len(content.encode())
    assert f"The file is {size:,} bytes; at most 2,048 are accepted." in response.text

    # The file kept from before the cap went down is checked again on confirm.
    response = confirm(admin_client, kept)
    assert response.status_code == 400 and "at most 2,048 are accepted" in response.context["error"]


def test_a_good_file_still_previews_and_confirms(admin_client):
    data = small()
    data["steps"][0]["title"]["zh"] = "写十条广告"
    content = json.dumps(data, ensure_ascii=False)
    response = preview(admin_client, "c.json", content)
    assert response.status_code == 200 and 'name="confirm"' in response.text

    response = confirm(admin_client, response)
    assert response.status_code == 302
    assert m.Step.objects.get(slug="copy-1").title_zh == "写十条广告"


def test_a_tampered_confirm_with_an_over_long_key_is_refused(admin_client):
    response = admin_client.post(IMPORT, {"confirm": "1", "upload": "x" * 300})
    assert response.status_code == 400 and "The confirmation was incomplete" in response.text


def test_a_long_prerequisite_chain_saved_in_the_admin_is_checked_without_recursion(admin_client):
    skill = m.Skill.objects.get(slug="copywriting")
    fields = {"skill": skill, "reaches": 2, "effort_hours": 1, "title_en": "t", "title_zh": "t"}
    fields |= {"practice_en": "p", "practice_zh": "p"}
    chain = m.Step.objects.bulk_create(m.Step(slug=f"link-{i}", **fields) for i in range(3000))
    through = m.Step.prerequisites.through
    through.objects.bulk_create(
        through(from_step_id=later.pk, to_step_id=earlier.pk) for earlier, later in zip(chain, chain[1:], strict=False)
    )
    first = chain[0]
    url = reverse("admin:catalogue_step_change", args=[first.pk])
    data = {k: getattr(first, k) for k in ("slug", "reaches", "effort_hours", "title_en", "title_zh")}
    data |= {"practice_en": "p", "practice_zh": "p", "skill": skill.pk, "prerequisites": [chain[-1].pk]}
    data |= {"evidence_en": "", "evidence_zh": "", "work_access_en": "", "work_access_zh": ""}
    data |= {"resources-TOTAL_FORMS": 0, "resources-INITIAL_FORMS": 0}

    response = admin_client.post(url, data)

    assert response.status_code == 200
    [error] = response.context["adminform"].form.errors["prerequisites"]
    # The 3,001 steps of the cycle, on one line that keeps its ends.
    assert re.fullmatch(r"These prerequisites would form a cycle: (link-\d+ → ){4}…( → link-\d+){3}\.", error)
    assert not first.prerequisites.exists()
