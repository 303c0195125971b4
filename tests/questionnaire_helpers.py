"""Fill the questionnaire through the test client, as a person would."""

from __future__ import annotations

import re

from advisor.questionnaire import flow as flows
from advisor.questionnaire.models import Assessment

PROMOTER = {
    "context": {
        "current_role": "seo-sem-operation",
        "years": "3",
        "company_type": "product-led",
        "hours_per_week": "5",
        "sells_online": "no",
    },
    # A promotion specialist who writes their own SEM creatives and has never drawn a prototype.
    "levels": {"sem-bidding": 3, "seo": 3, "channel-selection": 3, "copywriting": 3, "data-analysis": 2},
}
# "About you" answers a person gives when they do not say otherwise.
ABOUT_DEFAULTS = {"goal": "not-sure", "company_size": "20-200"}


def start(client) -> Assessment:
    response = client.post("/assess/")
    assert response.status_code == 302
    pk = re.search(r"/assess/([0-9a-f-]+)/about/", response["Location"]).group(1)
    return Assessment.objects.get(pk=pk)


def about_data(context: dict[str, str]) -> dict[str, str]:
    answers = ABOUT_DEFAULTS | context
    return {f"c-{slug}": value for slug, value in answers.items()} | {"nav": "next"}


def section_data(assessment: Assessment, theme: str, levels: dict[str, int]) -> dict[str, str]:
    """Every question the screen asks (the app's own flow decides which), answered at the person's levels."""
    section = flows.load(assessment).section(theme)
    data = {"nav": "next"}
    for q in section.questions:
        data[f"q-{q.slug}"] = str(levels.get(q.skill.slug, 0))
    return data


def fill(client, person: dict = PROMOTER, *, finish: bool = True) -> Assessment:
    assessment = start(client)
    url = f"/assess/{assessment.pk}/about/"
    response = client.post(url, about_data(person["context"]))
    while response.status_code == 302 and "/review/" not in response["Location"]:
        url = response["Location"]
        theme = url.rstrip("/").rsplit("/", 1)[-1]
        response = client.post(url, section_data(assessment, theme, person["levels"]))
    assert response.status_code == 302, response.content.decode()[:2000]
    if finish:
        assert client.post(f"/assess/{assessment.pk}/finish/").status_code == 302
    assessment.refresh_from_db()
    return assessment
