"""People finishing questionnaires at the same moment, on the embedded database
as `make run` and `make serve` configure it: a real SQLite file, each thread
with its own connection. Run in a subprocess by test_concurrency.py, because
the test suite's own SQLite database lives in memory.

    python -m tests.concurrency same       # one questionnaire finished from two tabs at once
    python -m tests.concurrency users 16   # 16 people, each through the whole journey
    python -m tests.concurrency reminders  # send_reminders started twice at once
    python -m tests.concurrency delete_account  # an account deleted from two tabs at once

Prints one JSON line: the status codes seen and what the database holds."""

from __future__ import annotations

import json
import os
import sys
import tempfile
import threading
from collections import Counter
from pathlib import Path

DB = Path(tempfile.mkdtemp()) / "concurrency.sqlite3"
os.environ.update(
    {
        "DJANGO_SETTINGS_MODULE": "advisor.settings",
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": "concurrency-check-only",
        "DJANGO_STATIC_MANIFEST": "false",
        "DJANGO_ALLOWED_HOSTS": "testserver",
        "DJANGO_SSL_REDIRECT": "false",  # the test client speaks plain HTTP
        "DATABASE_URL": f"sqlite:///{DB}",
    }
)


def run_threads(work, n: int) -> tuple[list, list[str]]:
    from django.db import connection

    barrier = threading.Barrier(n)
    results: list = [None] * n
    errors: list[str] = []

    def target(i: int) -> None:
        try:
            results[i] = work(i, barrier)
        except Exception as exc:  # reported, not raised: the parent test reads the JSON
            errors.append(f"{type(exc).__name__}: {exc}")
        finally:
            connection.close()

    threads = [threading.Thread(target=target, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results, errors


def same() -> dict:
    from django.test import Client

    from tests.questionnaire_helpers import fill

    first = Client()
    assessment = fill(first, finish=False)
    cookie = first.cookies["sessionid"].value

    def finish(i: int, barrier: threading.Barrier) -> int:
        tab = Client()
        tab.cookies["sessionid"] = cookie
        barrier.wait()
        return tab.post(f"/assess/{assessment.pk}/finish/").status_code

    statuses, errors = run_threads(finish, 2)
    assessment.refresh_from_db()
    return {
        "statuses": sorted(s for s in statuses if s is not None),
        "errors": errors,
        "finished": assessment.is_finished,
        "has_results": assessment.results is not None,
    }


def users(n: int) -> dict:
    from django.test import Client

    from advisor.questionnaire.models import Assessment
    from tests.questionnaire_helpers import fill

    seen: Counter = Counter()
    lock = threading.Lock()

    class Counting(Client):
        def request(self, **request):
            response = super().request(**request)
            with lock:
                seen[response.status_code] += 1
            return response

    def journey(i: int, barrier: threading.Barrier) -> bool:
        client = Counting()
        barrier.wait()
        assessment = fill(client)
        return client.get(f"/assess/{assessment.pk}/results/").status_code == 200

    shown, errors = run_threads(journey, n)
    return {
        "statuses": dict(sorted(seen.items())),
        "errors": errors,
        "results_shown": sum(1 for s in shown if s),
        "finished": Assessment.objects.filter(finished_at__isnull=False, results__isnull=False).count(),
    }


def reminders() -> dict:
    """Two cron runs of send_reminders at the same moment: one e-mail, not two."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core import mail
    from django.test import Client

    from advisor.reports import reminders as sending
    from tests.reports_helpers import save_report

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox = []
    client = Client()
    client.force_login(get_user_model().objects.create_user("ana", "ana@example.com", "pw"))
    report = save_report(client)
    assert client.post(f"/r/{report.token}/reminder/", {"weekly": "on"}).status_code == 302

    def run(i: int, barrier: threading.Barrier) -> int:
        barrier.wait()
        return len(sending.send_due().sent)

    sent, errors = run_threads(run, 2)
    return {"sent": sorted(s for s in sent if s is not None), "errors": errors, "outbox": len(mail.outbox)}


def delete_account() -> dict:
    """An account deleted from two tabs at the same moment: both end logged out, no 500,
    and the insights counts lose its reports once, not twice."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    from advisor.reports.models import WeeklyCount
    from tests.reports_helpers import save_report

    first = Client()
    first.force_login(get_user_model().objects.create_user("ana", "ana@example.com", "plum-orchard-47-lantern"))
    save_report(first)
    save_report(first)
    cookie = first.cookies["sessionid"].value

    def delete(i: int, barrier: threading.Barrier) -> int:
        tab = Client()
        tab.cookies["sessionid"] = cookie
        barrier.wait()
        return tab.post("/accounts/delete/", {"password": "plum-orchard-47-lantern"}).status_code

    statuses, errors = run_threads(delete, 2)
    return {
        "statuses": sorted(s for s in statuses if s is not None),
        "errors": errors,
        "users": get_user_model().objects.count(),
        "negative_counts": WeeklyCount.objects.filter(reports__lt=0).count(),
        "positive_counts": WeeklyCount.objects.filter(reports__gt=0).count(),
    }


MODES = {"same": same, "reminders": reminders, "delete_account": delete_account}


def main(argv: list[str]) -> None:
    import django

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_catalogue", verbosity=0)
    outcome = MODES[argv[0]]() if argv[0] in MODES else users(int(argv[1]))
    print(json.dumps(outcome))


if __name__ == "__main__":
    main(sys.argv[1:])
