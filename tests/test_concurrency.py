"""The embedded SQLite database holds people finishing at the same moment: no
500s, no `database is locked` (WAL, IMMEDIATE transactions, a busy timeout).
Each check runs tests/concurrency.py in a subprocess, on a real SQLite file."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str) -> dict:
    done = subprocess.run(
        [sys.executable, "-m", "tests.concurrency", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={"PATH": "/usr/bin:/bin"},
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_finishing_one_questionnaire_from_two_tabs_at_once_is_a_409_not_a_500():
    outcome = run("same")
    assert outcome["errors"] == []
    # One tab finishes it; the other is told it is already finished.
    assert outcome["statuses"] == [302, 409]
    assert outcome["finished"] and outcome["has_results"]


@pytest.mark.heavy
def test_sixteen_people_finishing_at_once_all_see_their_results():
    outcome = run("users", "16")
    assert outcome["errors"] == []
    assert set(outcome["statuses"]) <= {"200", "302"}
    assert outcome["results_shown"] == 16 and outcome["finished"] == 16


def test_deleting_an_account_from_two_tabs_at_once_deletes_it_once_without_a_500():
    outcome = run("delete_account")
    assert outcome["errors"] == []
    # Both are sent on: one has deleted the account, the other finds it gone (home, or log in).
    assert outcome["statuses"] == [302, 302]
    assert outcome["users"] == 0
    assert outcome["negative_counts"] == 0 and outcome["positive_counts"] == 0
