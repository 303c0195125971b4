"""Odd input that used to answer 500 (issue 22): each answers a 4xx or a page that
says what was wrong. Several failed only on PostgreSQL; .ci/run runs this module on
both databases."""

from __future__ import annotations

import pytest
from axes.models import AccessAttempt
from django.core.management import CommandError, call_command

from advisor.catalogue import models as m
from advisor.sessions import SessionStore
from tests.fixtures import admin_url

pytestmark = pytest.mark.django_db

# 256 ASCII characters, one past axes' 255-character column; 300 emoji (300 characters, 1200 bytes).
OVERLONG = ["x" * 256, "🙂" * 300]
TOO_LONG = "That is longer than any user name or e-mail address an account can have."


@pytest.mark.parametrize("name", OVERLONG, ids=["ascii", "emoji"])
def test_an_overlong_login_name_is_refused_before_anything_stores_it(client, name):
    response = client.post("/accounts/login/", {"username": name, "password": "a-guess"})
    assert response.status_code == 422
    assert TOO_LONG in response.content.decode()
    assert not AccessAttempt.objects.exists()  # no failure counted: the name never reached axes


@pytest.mark.parametrize("name", OVERLONG, ids=["ascii", "emoji"])
def test_the_admin_login_refuses_an_overlong_name_the_same_way(client, name):
    response = client.post("/admin/login/", {"username": name, "password": "a-guess"})
    assert response.status_code == 200 and TOO_LONG in response.content.decode()
    assert not AccessAttempt.objects.exists()


def test_the_longest_e_mail_address_still_counts_as_a_login_attempt(client):
    address = "a" * 64 + "@" + "b" * 185 + ".com"  # 254 characters, the most an address has
    response = client.post("/accounts/login/", {"username": address, "password": "a-guess"})
    assert response.status_code == 422
    assert "Please enter a correct username and password." in response.content.decode()
    assert AccessAttempt.objects.get().username == address


def test_a_session_cookie_with_a_nul_is_no_session_and_a_new_one_starts(client, seeded):
    # What an attacker sends; Django's cookie parser turns the escape into a NUL byte.
    nul = {"HTTP_COOKIE": 'sessionid="abcdefgh\\000ijklmnop"'}
    assert client.get("/", **nul).status_code == 200
    started = client.post("/assess/", **nul)
    assert started.status_code == 302
    fresh = started.cookies["sessionid"].value
    assert len(fresh) == 32 and "\x00" not in fresh


@pytest.mark.parametrize("key", ["abcdefgh\x00ijklmnop", "ABCDEFGHIJKL", "a" * 41, "abc/../defgh", "short"])
def test_a_session_key_django_never_makes_is_none(key):
    assert SessionStore(key).session_key is None


def test_a_session_key_django_makes_is_kept():
    key = SessionStore()._get_new_session_key()
    assert SessionStore(key).session_key == key


@pytest.mark.parametrize("query", ["q=zzz", "track__id__exact=99999", "q=zzz&essential__exact=1"])
def test_the_requirement_list_says_nothing_matched_instead_of_a_500(admin_client, seeded, query):
    response = admin_client.get(f"/admin/catalogue/requirement/?{query}")
    assert response.status_code == 200
    assert "0 requirements" in response.content.decode()


@pytest.mark.parametrize("model", [m.Track, m.Skill, m.Requirement, m.ContextQuestion, m.Step])
def test_a_history_page_for_an_id_that_is_not_a_number_is_a_404(admin_client, seeded, model):
    assert admin_client.get(admin_url(model, "history", "abc")).status_code == 404
    one = model.objects.first()
    assert admin_client.get(admin_url(model, "history", one.pk)).status_code == 200
    opts = model._meta
    base = f"/admin/{opts.app_label}/{opts.model_name}"
    assert admin_client.get(f"{base}/abc/history/1/").status_code == 404
    assert admin_client.get(f"{base}/{one.pk}/history/abc/").status_code == 404


@pytest.mark.parametrize(
    "query", ["until=0001-01-01", "since=0001-01-01", "since=0001-01-01&until=0001-02-01", "until=1999-12-31"]
)
def test_an_insights_range_before_2000_is_refused_with_a_400(admin_client, query):
    response = admin_client.get(f"/admin/reports/report/insights/?{query}")
    assert response.status_code == 400
    assert "The range cannot start before 2000." in response.content.decode()


def test_an_insights_range_from_2000_is_still_checked_as_before(admin_client):
    response = admin_client.get("/admin/reports/report/insights/?since=2000-01-01&until=2000-03-01")
    assert response.status_code == 200


@pytest.mark.parametrize("days", ["36501", "999999999", str(10**12)])
def test_purge_stale_refuses_an_age_no_date_can_be(days):
    with pytest.raises(CommandError, match=r"must be at most 36500 \(a century\)"):
        call_command("purge_stale", "--days", days)


def test_purge_stale_takes_a_century(capsys):
    call_command("purge_stale", "--days", "36500")
    assert "older than 36500 days" in capsys.readouterr().out


@pytest.mark.parametrize(
    "url",
    [
        "/admin/catalogue/track/?kind__exact=%00",
        "/admin/catalogue/route/?company_size__exact=a%00b",
        "/admin/axes/accessattempt/?path_info=%00",
        "/admin/catalogue/requirement/?%00=1",
        "/?next=%00",
    ],
)
def test_a_query_string_with_a_nul_byte_is_a_broken_link_not_a_500(admin_client, seeded, url):
    response = admin_client.get(url)
    assert response.status_code == 400
    assert "This link is broken" in response.content.decode()


def test_a_filter_without_a_nul_still_filters(admin_client, seeded):
    response = admin_client.get("/admin/catalogue/track/?q=zzz-no-such-track")
    assert response.status_code == 200 and "0 tracks" in response.content.decode()


@pytest.mark.parametrize("selected", ["abc", "\x00", "99999999999999999999", "1.5"])
@pytest.mark.parametrize("url", ["/admin/catalogue/track/", "/admin/auth/user/", "/admin/reports/report/"])
def test_a_list_action_on_ids_no_row_can_have_is_a_400(admin_client, seeded, url, selected):
    body = {"action": "delete_selected", "_selected_action": ["1", selected], "index": "0"}
    response = admin_client.post(url, body)
    assert response.status_code == 400
    assert "The selection was changed" in response.content.decode()


def test_a_list_action_on_real_ids_still_asks_to_confirm(admin_client, django_user_model):
    ids = [str(django_user_model.objects.create_user(name).pk) for name in ("carol", "dave")]
    response = admin_client.post("/admin/auth/user/", {"action": "delete_selected", "_selected_action": ids})
    assert response.status_code == 200 and "Delete multiple objects" in response.content.decode()
    assert django_user_model.objects.filter(pk__in=ids).count() == 2
