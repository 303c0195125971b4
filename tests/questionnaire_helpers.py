"""Fill the questionnaire through the test client, as a person would."""

from __future__ import annotations

import re

from advisor.catalogue.models import ContextQuestion, Question
from advisor.questionnaire.flow import is_asked
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


def start(client) -> Assessment:
    response = client.post("/assess/")
    assert response.status_code == 302
    pk = re.search(r"/assess/([0-9a-f-]+)/about/", response["Location"]).group(1)
    return Assessment.objects.get(pk=pk)


def about_data(context: dict[str, str]) -> dict[str, str]:
    return {f"c-{slug}": value for slug, value in context.items()} | {"nav": "next"}


def section_data(theme: str, levels: dict[str, int], context_values: dict[str, str]) -> dict[str, str]:
    data = {"nav": "next"}
    chosen = {
        q.slug: type("C", (), {"value": v})
        for q, v in ((q, context_values.get(q.slug)) for q in ContextQuestion.objects.all())
        if v is not None
    }
    for q in Question.objects.filter(skill__theme__slug=theme).select_related("skill", "skip_unless_question"):
        if is_asked(q, chosen):
            data[f"q-{q.slug}"] = str(levels.get(q.skill.slug, 0))
    return data


def fill(client, person: dict = PROMOTER, *, finish: bool = True) -> Assessment:
    assessment = start(client)
    url = f"/assess/{assessment.pk}/about/"
    response = client.post(url, about_data(person["context"]))
    while response.status_code == 302 and "/review/" not in response["Location"]:
        url = response["Location"]
        theme = url.rstrip("/").rsplit("/", 1)[-1]
        response = client.post(url, section_data(theme, person["levels"], person["context"]))
    assert response.status_code == 302, response.content.decode()[:2000]
    if finish:
        assert client.post(f"/assess/{assessment.pk}/finish/").status_code == 302
    assessment.refresh_from_db()
    return assessment
