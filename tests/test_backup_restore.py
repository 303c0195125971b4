"""The restore drill: save reports, mark progress and make accounts; back the
database up with `manage.py backup` while the app's connection is open; restore
it with `manage.py restore` into a fresh database of the same kind (a new SQLite
file, or a new PostgreSQL database with its own name); then serve from it in a
fresh process. Accounts, reports (pages, exports, shared links), progress and
the insights page come back identical, and `backfill_insights --check` agrees."""

from __future__ import annotations

import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client

from tests.reports_helpers import first_step, save_report
from tests.restore_drill import fingerprint
from tests.test_reports_progress import mark

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("seeded")]
ROOT = Path(__file__).resolve().parents[1]


def people(django_user_model) -> None:
    """Two accounts with reports and progress, an anonymous report shared by link."""
    for name in ("alice", "bob"):
        client = Client()
        client.force_login(django_user_model.objects.create_user(name, f"{name}@example.com", "pw-not-used"))
        report = save_report(client)
        step = first_step(report)
        assert mark(client, report, step, "done").status_code == 302
    anonymous = Client()
    report = save_report(anonymous)
    assert mark(anonymous, report, first_step(report), "learning").status_code == 302
    assert anonymous.post(f"/r/{report.token}/share/", {"action": "create"}).status_code == 302


def run(args: list[str], database_url: str) -> str:
    env = os.environ | {"DATABASE_URL": database_url, "DJANGO_LOG_LEVEL": "warning"}
    done = subprocess.run([sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


@pytest.fixture
def fresh_database(tmp_path):
    """A URL for an empty database of the suite's kind, dropped afterwards."""
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    s = connection.settings_dict
    name = f"{s['NAME']}_restore_{uuid.uuid4().hex[:8]}"[:63]
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    password = f":{s['PASSWORD']}" if s["PASSWORD"] else ""
    yield f"postgres://{s['USER']}{password}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{name}"
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_a_restored_backup_serves_the_same_accounts_reports_progress_and_insights(
    django_user_model, tmp_path, fresh_database
):
    people(django_user_model)
    before = fingerprint()
    assert len(before["reports"]) == 3 and len(before["accounts"]) == 2
    assert before["check"].startswith("The weekly counts agree with the 3 snapshot(s).")

    out = io.StringIO()
    call_command("backup", str(tmp_path / "backups") + "/", stdout=out)
    (archive,) = (tmp_path / "backups").iterdir()
    assert f"Backed up to {archive}" in out.getvalue()

    restored = run(["manage.py", "restore", str(archive)], fresh_database)
    assert "2 account(s), 3 questionnaire(s), 3 report(s)." in restored
    assert "The weekly counts agree with the 3 snapshot(s)." in restored
    after = json.loads(run(["-m", "tests.restore_drill"], fresh_database))

    assert after == json.loads(json.dumps(before))
    assert all(r["page"][0] == 200 and r["json"][0] == 200 for r in after["reports"].values())


def test_a_restore_refuses_a_database_that_is_not_empty(tmp_path):
    archive = tmp_path / "b"
    call_command("backup", str(archive), stdout=io.StringIO())
    with pytest.raises(CommandError, match="is not empty. Restore into a fresh database, or pass --replace"):
        call_command("restore", str(archive), stdout=io.StringIO())


def test_a_restore_refuses_a_file_that_is_no_backup(tmp_path):
    junk = tmp_path / "notes.txt"
    junk.write_text("hello")
    with pytest.raises(CommandError, match="neither an SQLite backup nor a pg_dump -Fc archive"):
        call_command("restore", str(junk), stdout=io.StringIO())


@pytest.mark.skipif("connection.vendor != 'sqlite'", reason="the WAL file is SQLite's")
def test_an_sqlite_backup_holds_what_is_still_in_the_wal_file_which_a_copy_of_the_file_misses(tmp_path):
    live = tmp_path / "live.sqlite3"
    writer = sqlite3.connect(live)
    writer.execute("PRAGMA journal_mode=WAL")
    writer.execute("PRAGMA wal_autocheckpoint=0")  # as a busy server between checkpoints
    writer.execute("CREATE TABLE report (id INTEGER PRIMARY KEY)")
    writer.executemany("INSERT INTO report VALUES (?)", [(n,) for n in range(116)])
    writer.commit()  # committed, and still only in live.sqlite3-wal; the writer stays open
    try:
        copied = tmp_path / "copied.sqlite3"
        shutil.copyfile(live, copied)  # what `cp db.sqlite3` does
        run(["manage.py", "backup", str(tmp_path / "backup.sqlite3")], f"sqlite:///{live}")
        count = "SELECT count(*) FROM sqlite_master WHERE name = 'report'"
        assert sqlite3.connect(copied).execute(count).fetchone()[0] == 0
        backup = sqlite3.connect(tmp_path / "backup.sqlite3")
        assert backup.execute("SELECT count(*) FROM report").fetchone()[0] == 116
        assert backup.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # one self-contained file
    finally:
        writer.close()


@pytest.mark.skipif("connection.vendor != 'postgresql'", reason="pg_dump is PostgreSQL's")
def test_a_pg_dump_older_than_the_server_is_refused_with_what_to_install(tmp_path, monkeypatch):
    old = tmp_path / "pg_dump"
    old.write_text("#!/bin/sh\necho 'pg_dump (PostgreSQL) 9.6.24'\n")
    old.chmod(0o755)
    monkeypatch.setenv("DJANGO_PG_BINDIR", str(tmp_path))
    server = connection.pg_version // 10000
    with pytest.raises(CommandError, match=f"pg_dump is version 9 and the server {server}: .* Install PostgreSQL"):
        call_command("backup", str(tmp_path / "b.dump"), stdout=io.StringIO())
    assert not (tmp_path / "b.dump").exists()

    monkeypatch.setenv("DJANGO_PG_BINDIR", str(tmp_path / "nowhere"))
    with pytest.raises(CommandError, match="pg_dump was not found; install PostgreSQL's client tools"):
        call_command("backup", str(tmp_path / "b.dump"), stdout=io.StringIO())
