"""Hypothesis drives every form endpoint with tampered bodies and query strings:
questionnaire screens, finish, save, share, progress, reset, delete, the e-mail
and reminder forms, sign-up, login, password reset, account deletion and the
admin import. Whatever comes in, the answer is never a 500 (the test client
re-raises a server error, so one fails the test with its traceback).

A few examples per endpoint run in `make test`; `-m heavy` runs many more."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from advisor.questionnaire.models import Assessment
from tests.questionnaire_helpers import fill
from tests.reports_helpers import results, save_report
from tests.strategies import NASTY

pytestmark = pytest.mark.usefixtures("seeded")

FIELDS = st.sampled_from(
    ["state", "was", "track", "action", "nav", "language", "title", "notes", "email", "weekly", "then", "include",
     "username", "password", "password1", "password2", "confirm", "start", "view", "with", "file", "mode", "c-years",
     "c-current_role", "q-seo", "q-prototyping", "csrfmiddlewaretoken", "\x00", "x" * 200]
)  # fmt: skip
BODIES = st.dictionaries(FIELDS, st.one_of(NASTY, st.lists(NASTY, max_size=3)), max_size=8)
FUZZ = settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    database=None,
)
HEAVY = settings(FUZZ, max_examples=200)


def _world(client):
    """A saved report (with a read-only link), an unfinished questionnaire, an account."""
    report = save_report(client)
    client.post(f"/r/{report.token}/share/", {"action": "create"})
    report.refresh_from_db()
    draft = fill(client, finish=False)
    get_user_model().objects.create_user("fuzz", "fuzz@example.com", "a-long-passphrase-for-fuzzing-7")
    return report, draft


def _endpoints(report, draft) -> list[tuple[str, str]]:
    r, step = f"/r/{report.token}", results(report).tracks[0].steps[0].slug
    posts = [
        "/assess/",
        f"/assess/{draft.pk}/about/",
        f"/assess/{draft.pk}/traffic/",
        f"/assess/{draft.pk}/product/",
        f"/assess/{draft.pk}/finish/",
        f"/assess/{draft.pk}/edit/",
        f"/reports/save/{draft.pk}/",
        f"/reports/save/{report.assessment_id}/",
        f"{r}/share/",
        f"{r}/steps/{step}/",
        f"{r}/steps/no-such-step/",
        f"{r}/details/",
        f"{r}/reset/",
        f"{r}/email/",
        f"{r}/reminder/",
        f"{r}/retake/",
        "/accounts/signup/",
        "/accounts/login/",
        "/accounts/password/reset/",
        "/accounts/delete/",
        "/accounts/logout/",
    ]
    gets = [
        f"/assess/{report.assessment_id}/results/",
        f"{r}/",
        f"{r}/plan.ics",
        f"{r}/summary/",
        f"{r}/print/",
        f"/s/{report.share_token}/",
        f"/s/{report.share_token}/plan.ics",
        "/reports/",
        "/",
    ]
    return [("post", p) for p in posts] + [("get", g) for g in gets]


def _hit(client, method: str, path: str, body: dict, htmx: bool) -> int:
    extra = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    if method == "get":
        flat = {k: (v[0] if isinstance(v, list) and v else v) for k, v in body.items()}
        return client.get(path, flat, **extra).status_code
    return client.post(path, body, **extra).status_code


@pytest.fixture
def world(client):
    # Built once per test (hypothesis reuses function fixtures across its examples).
    return _world(client)


def _run(client, world, data, rounds: int) -> None:
    report, draft = world
    endpoints = _endpoints(report, draft)
    for _ in range(rounds):
        method, path = data.draw(st.sampled_from(endpoints))
        status = _hit(client, method, path, data.draw(BODIES), data.draw(st.booleans()))
        assert status < 500, (method, path, status)
    # Whatever was sent, nothing saved was lost: the report and its answers are still there
    # (deleting it needs the confirmation page's POST, which the fuzzer may send: then it is gone on purpose).
    assert Assessment.objects.filter(pk=report.assessment_id).exists()


@FUZZ
@given(data=st.data())
def test_no_tampered_form_gets_a_500(client, world, data):
    _run(client, world, data, rounds=10)


@pytest.mark.heavy
@HEAVY
@given(data=st.data())
def test_no_tampered_form_gets_a_500_heavy(client, world, data):
    _run(client, world, data, rounds=40)


def test_the_admin_import_refuses_tampered_uploads_without_a_500(admin_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    bodies = [b"", b"\x00\x01", b"tracks: [", b"- a\n- b\n", b"tracks:\n  - slug: 'a b/c'\n", "名字".encode() * 5000]
    for i, content in enumerate(bodies):
        upload = SimpleUploadedFile(f"c{i}.yaml", content, content_type="application/x-yaml")
        response = admin_client.post("/admin/catalogue/track/import/", {"file": upload, "mode": "merge"})
        assert response.status_code < 500
        for field in ("confirm", "payload", "mode"):
            tampered = admin_client.post("/admin/catalogue/track/import/", {field: "\x00" * 10, "file": ""})
            assert tampered.status_code < 500
