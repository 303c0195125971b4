"""gunicorn.conf.py and gunicorn's control socket: two instances on one host
(two ports, or a blue-green deploy) must not share one. gunicorn 25.1+ opens it
at one path per user (~/.gunicorn/gunicorn.ctl), where the second instance took
over the first's; it is off unless GUNICORN_CONTROL_SOCKET gives each its own."""

from __future__ import annotations

import json
import os
import subprocess
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.test_serve import free_port, get

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"


@contextmanager
def instances(tmp_path: Path, *sockets: str | None):
    """One gunicorn per entry, each on its own port, all as one user with one home
    (no XDG_RUNTIME_DIR, so gunicorn's default path is under it); yields (process, log) pairs."""
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    started = []
    try:
        for n, control in enumerate(sockets):
            port = free_port()
            env = {
                "PATH": os.environ["PATH"],
                "HOME": str(home),
                "DJANGO_SECRET_KEY": "gunicorn-test-only",
                "DATABASE_URL": f"sqlite:///{tmp_path / 'gunicorn.sqlite3'}",
                "HOST": "127.0.0.1",
                "PORT": str(port),
                "WEB_CONCURRENCY": "1",
            } | ({"GUNICORN_CONTROL_SOCKET": control} if control else {})
            log = tmp_path / f"gunicorn-{n}.log"
            with log.open("w") as out:
                process = subprocess.Popen(
                    [GUNICORN, "--config", "gunicorn.conf.py"], cwd=ROOT, env=env, stdout=out, stderr=out
                )
            started.append((process, log, port))
        for _, log, port in started:
            wait_for(lambda port=port: get(f"http://127.0.0.1:{port}/healthz")[0] == 200, log)
        yield [(process, log) for process, log, _ in started]
    finally:
        for process, _, _ in started:
            process.terminate()
        for process, _, _ in started:
            process.wait(timeout=30)


def wait_for(check, what: Path | str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if check():
                return
        except OSError:
            pass
        time.sleep(0.2)
    pytest.fail(f"gave up waiting: {what.read_text() if isinstance(what, Path) else what}")


def test_two_instances_on_one_host_open_no_control_socket_to_share(tmp_path):
    with instances(tmp_path, None, None) as running:
        time.sleep(1)  # gunicorn opens the socket just after its first worker starts
        logs = [log.read_text() for _, log in running]
    assert not (tmp_path / "home" / ".gunicorn").exists()
    assert all("Listening at" in log and "Control socket" not in log for log in logs), logs


def test_each_instance_answers_on_its_own_control_socket_when_given_one(tmp_path):
    paths = [str(tmp_path / "first.ctl"), str(tmp_path / "second.ctl")]
    with instances(tmp_path, *paths) as running:
        for path, (process, _) in zip(paths, running, strict=True):
            wait_for(lambda path=path: Path(path).is_socket(), path)
            asked = subprocess.run(
                [ROOT / ".venv" / "bin" / "gunicornc", "-s", path, "-c", "show stats", "-j"],
                capture_output=True,
                text=True,
                timeout=30,
            )
            assert json.loads(asked.stdout)["pid"] == process.pid, asked
    assert not (tmp_path / "home" / ".gunicorn").exists()
