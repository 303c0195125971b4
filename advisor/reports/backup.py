"""Back up and restore the whole database, whichever of the two it is (the
`backup` and `restore` commands).

- SQLite: Python's online backup API (`sqlite3.Connection.backup`), page by page
  from a consistent snapshot, so a database in WAL mode being written to meanwhile
  is copied whole; copying the file (`cp db.sqlite3`) misses what is still in the
  -wal file.
- PostgreSQL: `pg_dump -Fc` (one consistent snapshot, compressed) and `pg_restore`.
  pg_dump refuses a server newer than itself, so its major version is checked
  first, with a message that says which binaries to use.

A backup is written to a temporary name beside the target and renamed when
complete, so a file at the target's name is always a whole backup."""

from __future__ import annotations

import datetime
import os
import re
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.db import connection

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_MAGIC = b"PGDMP"
SUFFIX = {"sqlite": ".sqlite3", "postgresql": ".dump"}
BIN_VARIABLE = "DJANGO_PG_BINDIR"  # where pg_dump and pg_restore are, when not on PATH


class BackupError(Exception):
    pass


def default_name(directory: Path) -> Path:
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    return directory / f"advisor-{stamp}{SUFFIX[connection.vendor]}"


def kind_of(path: Path) -> str:
    """Which database a backup file is from, by its first bytes."""
    with path.open("rb") as f:
        head = f.read(len(SQLITE_MAGIC))
    if head.startswith(SQLITE_MAGIC):
        return "sqlite"
    if head.startswith(PG_MAGIC):
        return "postgresql"
    raise BackupError(f"{path} is neither an SQLite backup nor a pg_dump -Fc archive.")


def backup(target: Path) -> Path:
    if target.is_dir():
        target = default_name(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.partial")
    try:
        if connection.vendor == "sqlite":
            _sqlite_backup(partial)
        else:
            _pg_dump(partial)
        partial.replace(target)
    finally:
        partial.unlink(missing_ok=True)
    return target


def restore(source: Path, *, replace: bool) -> None:
    kind = kind_of(source)
    if kind != connection.vendor:
        raise BackupError(
            f"{source} is a {kind} backup; DATABASE_URL points at {connection.vendor}. Restore it into the same kind."
        )
    if not replace and tables():
        raise BackupError(
            f"The database {connection.settings_dict['NAME']} is not empty. Restore into a fresh database, "
            "or pass --replace to overwrite this one."
        )
    if kind == "sqlite":
        _sqlite_restore(source)
    else:
        _pg_restore(source, replace=replace)


def tables() -> list[str]:
    with connection.cursor() as cursor:
        return connection.introspection.table_names(cursor)


def _sqlite_backup(path: Path) -> None:
    connection.ensure_connection()
    destination = sqlite3.connect(path)
    try:
        with destination:
            connection.connection.backup(destination)
        # One self-contained file: no -wal beside it to lose when it is copied elsewhere.
        destination.execute("PRAGMA journal_mode=DELETE")
        check = destination.execute("PRAGMA integrity_check").fetchone()[0]
        if check != "ok":
            raise BackupError(f"The copy failed its integrity check: {check}")
    finally:
        destination.close()


def _sqlite_restore(path: Path) -> None:
    """Copy the backup over the configured database through the same API, under its lock."""
    source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        connection.ensure_connection()
        source.backup(connection.connection)
    finally:
        source.close()
    connection.close()  # the next query opens the restored database afresh


def _binary(name: str) -> str:
    directory = os.environ.get(BIN_VARIABLE)
    found = str(Path(directory) / name) if directory else shutil.which(name)
    if not found or not Path(found).exists():
        raise BackupError(f"{name} was not found; install PostgreSQL's client tools or set ${BIN_VARIABLE}.")
    return found


def _major(text: str) -> int:
    match = re.search(r"(\d+)(?:\.\d+)?", text)
    if not match:
        raise BackupError(f"Cannot read a version in {text!r}.")
    return int(match.group(1))


def _pg(name: str) -> tuple[str, dict[str, str]]:
    """The binary, checked against the server's major version, and the environment that connects it."""
    binary = _binary(name)
    tool = _major(subprocess.run([binary, "--version"], capture_output=True, text=True, check=True).stdout)
    connection.ensure_connection()
    server = connection.pg_version // 10000
    if tool < server:
        raise BackupError(
            f"{name} is version {tool} and the server {server}: {name} must be at least the server's "
            f"version. Install PostgreSQL {server}'s client tools, or point ${BIN_VARIABLE} at them."
        )
    s = connection.settings_dict
    env = os.environ | {"PGDATABASE": s["NAME"], "PGUSER": s["USER"] or "", "PGHOST": s["HOST"] or ""}
    env |= {"PGPORT": str(s["PORT"] or ""), "PGPASSWORD": s["PASSWORD"] or ""}
    env = {k: v for k, v in env.items() if v != "" or not k.startswith("PG")}
    return binary, env


def _run(args: list[str], env: dict[str, str]) -> None:
    done = subprocess.run(args, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise BackupError(f"{Path(args[0]).name} failed: {done.stderr.strip()[-2000:]}")


def _pg_dump(path: Path) -> None:
    binary, env = _pg("pg_dump")
    _run([binary, "--format=custom", "--no-owner", "--no-privileges", f"--file={path}"], env)


def _pg_restore(path: Path, *, replace: bool) -> None:
    binary, env = _pg("pg_restore")
    connection.close()  # pg_restore connects itself; ours would only hold locks
    options = ["--clean", "--if-exists"] if replace else []
    _run(
        [
            binary,
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--single-transaction",
            *options,
            f"--dbname={env['PGDATABASE']}",
            str(path),
        ],
        env,
    )
