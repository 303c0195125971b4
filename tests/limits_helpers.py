"""What every refusal over a rate limit must show, whichever limit refused."""

from __future__ import annotations


def assert_refused(response, *, within: int, says: str = "Too many requests") -> str:
    """A 429 page with `says` and when to retry (in minutes, rounded up), and a
    Retry-After no later than the window's end. Returns the page."""
    page = response.content.decode()
    assert response.status_code == 429
    wait = int(response["Retry-After"])
    assert 0 < wait <= within
    minutes = -(-wait // 60)
    assert says in page and f"Try again in {minutes} minute" in page
    return page
