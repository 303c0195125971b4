"""Every public page of the site, reached as a person reaches it, for the browser
tests that hold all of them to one bar (accessibility, touch-target size).

The people and their data are made once per test through Django's test client
(fast); the browser then borrows the client's session cookie."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.test import Client
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from advisor.questionnaire import flow as flows
from advisor.questionnaire.models import Assessment
from advisor.reports.models import Report, StepProgress
from tests.fixtures import PASSWORD
from tests.questionnaire_helpers import fill, start
from tests.reports_helpers import first_step, step_slugs

LANGUAGES = ("en", "zh-hans")
GROUPS = ("public", "questionnaire", "results", "report", "account")


@dataclass
class Data:
    """What the pages need: two browsers' sessions and the addresses of their things."""

    sessions: dict[str, str]  # who → session cookie: "mei" has an account, "visitor" has none
    sections: list[str]  # questionnaire screens, in order
    draft: str  # an assessment with every screen answered, not finished
    blank: str  # an assessment with nothing answered yet
    retake: str  # a retake of the report, prefilled, not finished
    finished: str  # finished and saved
    unsaved: str  # finished, its results not saved yet
    report: str
    shared: str
    compared: str  # a report saved from a retake, which says what changed
    anonymous: str  # a report the visitor saved without an account
    reset_link: str  # a valid password-reset link (it redirects to the set-password form)


def _save(client: Client, assessment_pk) -> Report:
    assert client.post(f"/reports/save/{assessment_pk}/").status_code == 302
    return Report.objects.get(assessment_id=assessment_pk)


def build() -> Data:
    """Mei, logged in, with a draft, a blank and a finished questionnaire, a saved and
    shared report with steps in every state and a retake of it; a visitor without an
    account with a report of their own."""
    user = get_user_model().objects.create_user("mei", "mei@example.com", PASSWORD)
    client = Client()
    client.force_login(user)
    draft = fill(client, finish=False)
    blank = start(client)
    finished = fill(client)
    unsaved = fill(client)
    report = _save(client, finished.pk)
    report.set_sharing(Report.Sharing.CREATE)
    steps = step_slugs(report, "product-operation")
    for step, state in zip(steps, ("done", "learning", "skipped"), strict=False):
        StepProgress.transition(report, step, was="pending", to=state)
    assert first_step(report)
    # A retake, finished and saved, so a report says what changed; and one left open.
    retaken = Assessment.objects.get(pk=client.post(f"/r/{report.token}/retake/")["Location"].split("/")[2])
    assert client.post(f"/assess/{retaken.pk}/finish/").status_code == 302
    compared = _save(client, retaken.pk)
    retake = client.post(f"/r/{report.token}/retake/")["Location"].split("/")[2]
    visitor = Client()
    anonymous = _save(visitor, fill(visitor).pk)
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return Data(
        sessions={"mei": client.cookies["sessionid"].value, "visitor": visitor.cookies["sessionid"].value},
        sections=[s.slug for s in flows.load(draft).sections],
        draft=str(draft.pk),
        blank=str(blank.pk),
        retake=retake,
        finished=str(finished.pk),
        unsaved=str(unsaved.pk),
        report=report.token,
        shared=report.share_token,
        compared=compared.token,
        anonymous=anonymous.token,
        reset_link=f"/accounts/password/reset/{uid}/{default_token_generator.make_token(user)}/",
    )


@dataclass
class Visit:
    name: str
    path: str
    # Done after the page has loaded: a click, a form sent wrong, a track switched.
    then: Callable | None = None
    who: str = ""  # whose session the browser carries: "mei", "visitor" or nobody's
    status: int = 200
    printed: bool = False  # also checked as it prints
    shows: str = ""  # a selector only this state of the page has, to be sure it is the one checked


def _submit_empty(page) -> None:
    page.locator('button[name="nav"][value="next"]').click()
    page.locator(".error-summary").wait_for()


def _wrong_password(page) -> None:
    page.locator('[name="username"]').fill("mei")
    page.locator('[name="password"]').fill("not-the-password")
    page.locator("main form button").last.click()
    page.locator(".alert-danger, .invalid-feedback, .errorlist").first.wait_for()


def _switch_track(page) -> None:
    page.locator(".track-row:not(.active)").last.click()
    page.wait_for_function("() => !document.querySelector('.htmx-request') && location.search.includes('track=')")
    # Settled: the focus (and the scroll it brings) has moved to the new track's heading.
    page.wait_for_function("() => document.activeElement && document.activeElement.id === 'detail-heading'")


def _unknown_language(page) -> None:
    # A tampered language switch on a questionnaire screen, sent as a plain form: the friendly 400.
    page.evaluate(
        """() => {
          const form = document.createElement('form');
          form.method = 'post';
          form.action = location.pathname;
          for (const [name, value] of [['csrfmiddlewaretoken', document.querySelector('[name=csrfmiddlewaretoken]').value],
                                       ['language', 'xx']]) {
            const input = document.createElement('input');
            Object.assign(input, {type: 'hidden', name, value});
            form.append(input);
          }
          document.body.append(form);
          form.submit();
        }"""
    )
    page.locator(".problem").wait_for()


def _mark_step(page) -> None:
    # A step's progress changed in place (htmx swaps the report's body).
    page.locator(".step-item").first.locator('button[value="learning"]').click()
    page.wait_for_function("() => document.querySelector('.step-item').classList.contains('state-learning')")
    page.wait_for_function("() => !document.querySelector('.htmx-request')")


def visits(group: str, data: Data) -> Iterator[Visit]:
    d = data
    if group == "public":
        yield Visit("home", "/")
        yield Visit("home with one to resume", "/", who="mei", shows=".btn-lg")
        yield Visit("404", "/no-such-page/", status=404)
        # More GET fields than Django accepts: a SuspiciousOperation, answered with 400.html.
        many = "&".join(f"f{i}=1" for i in range(1100))
        yield Visit("400", f"/assess/{d.finished}/results/?{many}", who="mei", status=400)
        yield Visit("400 problem", f"/assess/{d.draft}/{d.sections[0]}/", _unknown_language, "mei")
    elif group == "questionnaire":
        yield Visit("questionnaire start", "/assess/")
        yield Visit("questionnaire start with one to resume", "/assess/", who="mei", shows=".card.border-primary")
        for slug in d.sections:
            yield Visit(f"screen {slug}", f"/assess/{d.draft}/{slug}/", who="mei")
        yield Visit("screen with a missing answer", f"/assess/{d.blank}/{d.sections[0]}/", _submit_empty, "mei")
        yield Visit("screen of a retake", f"/assess/{d.retake}/{d.sections[1]}/", who="mei", shows='[value="review"]')
        yield Visit("review", f"/assess/{d.draft}/review/", who="mei")
        yield Visit("review with missing answers", f"/assess/{d.blank}/review/", who="mei", shows="#missing-note")
    elif group == "results":
        yield Visit("results plan", f"/assess/{d.unsaved}/results/", who="mei", shows="form:has(#save-track) button")
        yield Visit("results explain", f"/assess/{d.unsaved}/results/?view=explain", who="mei")
        yield Visit("results after a track switch", f"/assess/{d.unsaved}/results/", _switch_track, "mei")
        yield Visit("results once saved", f"/assess/{d.finished}/results/", who="mei")
    elif group == "report":
        yield Visit("saved report", f"/r/{d.report}/?track=product-operation", who="mei", printed=True)
        yield Visit("saved report after a track switch", f"/r/{d.report}/", _switch_track, "mei")
        yield Visit("saved report after marking a step", f"/r/{d.report}/?track=product-operation", _mark_step, "mei")
        yield Visit("report of a retake", f"/r/{d.compared}/", who="mei", shows="#changes-heading")
        yield Visit("report saved without an account", f"/r/{d.anonymous}/", who="visitor", shows=".keep-link")
        yield Visit("shared report", f"/s/{d.shared}/")
        yield Visit("print view", f"/r/{d.report}/print/?track=product-operation", who="mei", printed=True)
        yield Visit("delete confirm", f"/r/{d.report}/delete/", who="mei")
        yield Visit("reset confirm", f"/r/{d.report}/reset/", who="mei")
        yield Visit("my reports", "/reports/", who="mei", shows="#unfinished-heading")
        yield Visit("my reports without an account", "/reports/", who="visitor", shows=".list-group-item")
        yield Visit("my reports, none yet", "/reports/")
    elif group == "account":
        yield Visit("login", "/accounts/login/")
        yield Visit("login with an error", "/accounts/login/", _wrong_password)
        yield Visit("sign-up", "/accounts/signup/")
        yield Visit("password reset", "/accounts/password/reset/")
        yield Visit("password reset sent", "/accounts/password/reset/sent/")
        yield Visit("password reset bad link", "/accounts/password/reset/MQ/bad-token/", status=400)
        yield Visit("password reset new password", d.reset_link, shows='[name="new_password1"]')
        yield Visit("password reset complete", "/accounts/password/reset/done/")
        yield Visit("password change", "/accounts/password/", who="mei")
        yield Visit("password changed", "/accounts/password/changed/", who="mei")
        yield Visit("log out", "/accounts/logout/", who="mei")
        yield Visit("log out, not logged in", "/accounts/logout/")
    else:
        raise ValueError(group)


def open_visit(context, page, live_url: str, visit: Visit, data: Data) -> None:
    """Load the page with the right person's session, then do what the visit does."""
    context.clear_cookies(name="sessionid")
    if visit.who:
        context.add_cookies([{"name": "sessionid", "value": data.sessions[visit.who], "url": live_url}])
    response = page.goto(live_url + visit.path)
    assert response.status == visit.status, f"{visit.name}: {response.status}"
    if visit.then:
        visit.then(page)
    if visit.shows:
        page.locator(visit.shows).first.wait_for()


def language_cookie(live_url: str, language: str) -> dict:
    return {"name": "django_language", "value": language, "url": live_url}
