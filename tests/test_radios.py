"""The questionnaire's radio groups have one rendering (advisor/questionnaire/radios.py):
a screen sent with questions left out announces one alert, the error summary,
and ties each question's own error and help to its fieldset."""

from __future__ import annotations

import re

import pytest

from tests.questionnaire_helpers import start

pytestmark = pytest.mark.usefixtures("warm")


def fieldsets(page: str) -> dict[str, str]:
    """Each question's block, by its field id."""
    return dict(re.findall(r'<div id="div_(id_[^"]+)" class="mb-3">(.*?)</fieldset></div>', page, re.S))


def test_a_screen_with_missing_answers_has_one_alert_and_each_error_tied_to_its_question(client):
    assessment = start(client)
    url = f"/assess/{assessment.pk}/about/"
    screen = fieldsets(client.get(url).content.decode())
    assert len(screen) >= 2
    chosen, value = next((field, re.search(r'value="([^"]+)"', block).group(1)) for field, block in screen.items())
    response = client.post(url, {chosen.removeprefix("id_"): value, "nav": "next"})
    assert response.status_code == 422
    page = response.content.decode()
    assert page.count('role="alert"') == 1
    assert 'class="alert alert-warning error-summary" role="alert"' in page
    blocks = fieldsets(page)
    assert set(blocks) == set(screen)
    for field, block in blocks.items():
        if field == chosen:
            assert "aria-invalid" not in block and f'value="{value}" id="{field}_' in block
            assert re.search(rf'value="{re.escape(value)}" id="{field}_\d+" required checked', block)
            continue
        described = re.search(r'<fieldset aria-describedby="([^"]+)"', block).group(1).split()
        assert f"{field}_error" in described
        assert f'<div id="{field}_error" class="invalid-feedback d-block mb-2"><strong>Please choose' in block
        assert block.count('aria-invalid="true"') == block.count('type="radio"') > 1
        # The summary links to the question.
        assert f'href="#div_{field}"' in page


def test_a_question_with_help_points_to_it(client):
    assessment = start(client)
    page = client.get(f"/assess/{assessment.pk}/about/").content.decode()
    helped = re.findall(r'<div id="(id_[^"]+)_helptext" class="form-text">', page)
    assert helped
    for field in helped:
        assert re.search(rf'<fieldset aria-describedby="[^"]*{field}_helptext[^"]*">', page)
