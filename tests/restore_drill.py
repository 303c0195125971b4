"""What a restore must bring back, read the way people meet it: every account,
every report's page, exports and progress, the insights page's numbers and
`backfill_insights --check`. The restore drill (test_backup_restore.py) takes
this fingerprint of the live database in the test, and of the restored one in a
fresh process (`python -m tests.restore_drill`, DATABASE_URL naming it), and
compares them.

Run as a script, it prints the fingerprint as JSON."""

from __future__ import annotations

import hashlib
import io
import json
import re
import sys

# Values a page draws fresh on every response: CSRF tokens and CSP nonces.
FRESH = re.compile(r'(csrfmiddlewaretoken" value="|X-CSRFToken": "|nonce=")[^"]*')


def page(client, url: str) -> tuple[int, str]:
    response = client.get(url)
    body = FRESH.sub(r"\1", response.content.decode())
    return response.status_code, hashlib.sha256(body.encode()).hexdigest()


def fingerprint() -> dict:
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.test import Client

    from advisor.catalogue.models import CatalogueVersion
    from advisor.reports import insights
    from advisor.reports.models import Report, StepProgress

    users = get_user_model().objects.order_by("username")
    out: dict = {
        "accounts": [list(u) for u in users.values_list("username", "email", "password", "is_active", "is_staff")],
        "catalogue": list(CatalogueVersion.objects.order_by("number").values_list("number", "content_hash")),
        "reports": {},
    }
    for report in Report.objects.select_related("user").order_by("token"):
        client = Client()
        if report.user is not None:
            client.force_login(report.user)
        progress = StepProgress.objects.filter(report=report).order_by("step")
        out["reports"][report.token] = {
            "owner": report.user.username if report.user else None,
            "title": report.title,
            "share": report.share_token,
            "progress": [list(p) for p in progress.values_list("step", "state")],
            "page": page(client, f"/r/{report.token}/"),
            "json": page(client, f"/r/{report.token}/export.json"),
            "shared": page(Client(), f"/s/{report.share_token}/") if report.share_token else None,
        }
    found = insights.collect(insights.Range.recent(insights.MAX_WEEKS))
    out["insights"] = [repr(found.weeks), repr(found.summary)]
    check = io.StringIO()
    call_command("backfill_insights", "--check", stdout=check)
    out["check"] = check.getvalue().strip()
    return out


if __name__ == "__main__":
    import os

    import django
    from django.test.utils import setup_test_environment

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "advisor.settings")
    django.setup()
    setup_test_environment()  # the test client's host, as in the test that compares
    json.dump(fingerprint(), sys.stdout, sort_keys=True)
