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
from advisor.reports.models import Report, StepProgress
from tests.fixtures import PASSWORD
from tests.questionnaire_helpers import fill, start
from tests.reports_helpers import first_step

LANGUAGES = ("en", "zh-hans")
GROUPS = ("public", "questionnaire", "results", "report", "account")


@dataclass
class Data:
    """What the pages need: an owner's session and the addresses of their things."""

    session: str
    sections: list[str]  # questionnaire screens, in order
    draft: str  # an assessment with every screen answered, not finished
    blank: str  # an assessment with nothing answered yet
    finished: str
    report: str
    shared: str
    reset_link: str  # a valid password-reset link (it redirects to the set-password form)


def build(live_url: str) -> Data:
    """A logged-in person with a draft, a blank and a finished questionnaire and a
    saved, shared report with steps in every state."""
    user = get_user_model().objects.create_user("mei", "mei@example.com", PASSWORD)
    client = Client()
    client.force_login(user)
    draft = fill(client, finish=False)
    blank = start(client)
    finished = fill(client)
    assert client.post(f"/reports/save/{finished.pk}/").status_code == 302
    report = Report.objects.get(assessment=finished)
    report.set_sharing(Report.Sharing.CREATE)
    steps = next(t for t in report.snapshot["tracks"] if t["slug"] == "product-operation")["steps"]
    for step, state in zip(steps, ("done", "learning", "skipped"), strict=False):
        StepProgress.transition(report, step, was="pending", to=state)
    assert first_step(report)
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return Data(
        session=client.cookies["sessionid"].value,
        sections=[s.slug for s in flows.load(draft).sections],
        draft=str(draft.pk),
        blank=str(blank.pk),
        finished=str(finished.pk),
        report=report.token,
        shared=report.share_token,
        reset_link=f"/accounts/password/reset/{uid}/{default_token_generator.make_token(user)}/",
    )


@dataclass
class Visit:
    name: str
    path: str
    # Done after the page has loaded: a click, a form sent wrong, a track switched.
    then: Callable | None = None
    logged_in: bool = False
    status: int = 200


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


def visits(group: str, data: Data) -> Iterator[Visit]:
    d = data
    if group == "public":
        yield Visit("home", "/")
        yield Visit("404", "/no-such-page/", status=404)
        # More GET fields than Django accepts: a SuspiciousOperation, answered with 400.html.
        yield Visit(
            "400", f"/assess/{d.finished}/results/?" + "&".join(f"f{i}=1" for i in range(1100)), None, True, 400
        )
        yield Visit("400 problem", f"/assess/{d.draft}/{d.sections[0]}/", _unknown_language, logged_in=True)
    elif group == "questionnaire":
        yield Visit("questionnaire start", "/assess/")
        for slug in d.sections:
            yield Visit(f"screen {slug}", f"/assess/{d.draft}/{slug}/", logged_in=True)
        yield Visit("screen with a missing answer", f"/assess/{d.blank}/{d.sections[0]}/", _submit_empty, True)
        yield Visit("review", f"/assess/{d.draft}/review/", logged_in=True)
    elif group == "results":
        yield Visit("results plan", f"/assess/{d.finished}/results/", logged_in=True)
        yield Visit("results explain", f"/assess/{d.finished}/results/?view=explain", logged_in=True)
        yield Visit("results after a track switch", f"/assess/{d.finished}/results/", _switch_track, True)
    elif group == "report":
        yield Visit("saved report", f"/r/{d.report}/?track=product-operation", logged_in=True)
        yield Visit("saved report after a track switch", f"/r/{d.report}/", _switch_track, True)
        yield Visit("shared report", f"/s/{d.shared}/")
        yield Visit("print view", f"/r/{d.report}/print/", logged_in=True)
        yield Visit("delete confirm", f"/r/{d.report}/delete/", logged_in=True)
        yield Visit("reset confirm", f"/r/{d.report}/reset/", logged_in=True)
        yield Visit("my reports", "/reports/", logged_in=True)
        yield Visit("my reports anonymous", "/reports/")
    elif group == "account":
        yield Visit("login", "/accounts/login/")
        yield Visit("login with an error", "/accounts/login/", _wrong_password)
        yield Visit("sign-up", "/accounts/signup/")
        yield Visit("password reset", "/accounts/password/reset/")
        yield Visit("password reset sent", "/accounts/password/reset/sent/")
        yield Visit("password reset bad link", "/accounts/password/reset/MQ/bad-token/", status=400)
        yield Visit("password reset new password", d.reset_link)
        yield Visit("password reset complete", "/accounts/password/reset/done/")
        yield Visit("password change", "/accounts/password/", logged_in=True)
        yield Visit("password changed", "/accounts/password/changed/", logged_in=True)
    else:
        raise ValueError(group)


def open_visit(context, page, live_url: str, visit: Visit, data: Data) -> None:
    """Load the page with the right cookies, then do what the visit does."""
    signed_in = any(c["name"] == "sessionid" for c in context.cookies())
    if visit.logged_in and not signed_in:
        context.add_cookies([{"name": "sessionid", "value": data.session, "url": live_url}])
    elif not visit.logged_in and signed_in:
        context.clear_cookies(name="sessionid")
    response = page.goto(live_url + visit.path)
    assert response.status == visit.status, f"{visit.name}: {response.status}"
    if visit.then:
        visit.then(page)


def language_cookie(live_url: str, language: str) -> dict:
    return {"name": "django_language", "value": language, "url": live_url}
