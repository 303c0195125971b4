"""`make serve` (bin/serve): gunicorn with debug off, on plain HTTP, and a first
questionnaire screen light enough for a phone on a slow network."""

from __future__ import annotations

import gzip
import json
import os
import re
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SERVE = ROOT / "bin" / "serve"
LIMIT = 150 * 1024


def test_serve_refuses_to_start_without_a_secret_key():
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SECRET_KEY"}
    done = subprocess.run([SERVE], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode != 0
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "DJANGO_SECRET_KEY" in lines[0]


def test_the_first_questionnaire_screen_weighs_under_150_kb_compressed(client, warm):
    from tests.questionnaire_helpers import start

    assessment = start(client)
    page = client.get(f"/assess/{assessment.pk}/about/")
    html = page.content
    assets = re.findall(rb'(?:href|src)="(/static/[^"]+\.(?:css|js))"', html)
    assert any(a.endswith(b".css") for a in assets) and any(a.endswith(b".js") for a in assets)
    sizes = {"page": len(gzip.compress(html))}
    for url in assets:
        response = client.get(url.decode())
        body = b"".join(response.streaming_content) if response.streaming else response.content
        sizes[url.decode()] = len(gzip.compress(body))
    assert sum(sizes.values()) < LIMIT, sizes


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str, **headers) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(url, headers=headers)
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status, dict(response.headers), response.read()


@pytest.mark.heavy
def test_serve_runs_gunicorn_on_port_with_compressed_long_cached_static_files(tmp_path):
    port = free_port()
    env = {
        "PATH": os.environ["PATH"],
        "DJANGO_SECRET_KEY": "serve-test-only",
        "PORT": str(port),
        "HOST": "127.0.0.1",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'serve.sqlite3'}",
    }
    server = subprocess.Popen([SERVE], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(120):
            try:
                status, headers, body = get(base + "/assess/")
                break
            except OSError:
                time.sleep(0.5)
        else:
            pytest.fail("make serve did not answer within a minute")
        assert status == 200 and headers["Server"].startswith("gunicorn")
        # Plain HTTP: the cookies must not be Secure, or the browser would drop them; no
        # redirect to HTTPS (urlopen would have followed it) and no HSTS.
        assert "Secure" not in headers.get("Set-Cookie", "")
        assert "Strict-Transport-Security" not in headers
        assert get(base + "/healthz")[0] == 200
        css = re.search(rb'href="(/static/bootstrap/css/bootstrap\.min\.[0-9a-f]+\.css)"', body).group(1).decode()
        status, headers, _ = get(base + css, **{"Accept-Encoding": "gzip"})
        assert headers["Content-Encoding"] == "gzip"
        assert "immutable" in headers["Cache-Control"] and "max-age=315360000" in headers["Cache-Control"]
        # The catalogue was loaded into the empty database.
        assert "Content operation" in get(base + "/")[2].decode()
    finally:
        server.terminate()
        server.wait(timeout=30)
    # gunicorn passes the app's log on: one JSON line per request.
    lines = [json.loads(line) for line in server.stdout.read().splitlines() if line.startswith('{"time"')]
    assert any(line.get("event") == "request" and line["path"] == "/assess/" for line in lines), lines[-5:]
