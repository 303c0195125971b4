from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_a_wrong_method_gets_a_page_that_says_so(client):
    response = client.get("/assess/00000000-0000-4000-8000-000000000000/finish/")
    assert response.status_code == 405
    assert "Not available this way" in response.content.decode()
    assert response["Allow"] == "POST"


def test_an_unknown_address_gets_the_friendly_404(client):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
