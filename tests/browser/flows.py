"""Steps a person takes in the browser, shared by the browser tests."""

from __future__ import annotations

ABOUT = {
    "current_role": "seo-sem-operation",
    "years": "3",
    "company_type": "product-led",
    "hours_per_week": "5",
    "sells_online": "no",
    "goal": "not-sure",
    "company_size": "20-200",
}
LEVELS = {"sem-bidding": 3, "seo": 3, "channel-selection": 3, "copywriting": 3, "data-analysis": 2}


def answer_section(page, skill_of: dict[str, str], levels: dict[str, int] = LEVELS) -> None:
    names = page.eval_on_selector_all("input[type=radio]", "els => [...new Set(els.map(e => e.name))]")
    for name in names:
        value = ABOUT[name[2:]] if name.startswith("c-") else str(levels.get(skill_of[name[2:]], 0))
        page.locator(f'input[name="{name}"][value="{value}"]').check()


def next_section(page) -> None:
    heading = page.locator("h1").inner_text()
    page.locator('button[name="nav"][value="next"]').click()
    page.wait_for_function("h => document.querySelector('h1').innerText !== h", arg=heading)


def fill_all(page, skill_of: dict[str, str], levels: dict[str, int] = LEVELS, on_section=None) -> None:
    """From the first section to the review screen, answering every question."""
    for step in range(12):
        if page.get_by_role("heading", name="Review your answers").count():
            return
        answer_section(page, skill_of, levels)
        if on_section:
            on_section(step)
        next_section(page)
    raise AssertionError("the questionnaire never reached the review screen")
