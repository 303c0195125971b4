"""gunicorn's settings, read from the working directory by `make serve` and by any
`gunicorn advisor.wsgi` started here. The README explains the choices."""

import os

cpus = os.cpu_count() or 1

wsgi_app = "advisor.wsgi"
bind = f"{os.environ.get('HOST', '0.0.0.0')}:{os.environ.get('PORT', '8000')}"

# A request is mostly Python (templates, scoring) with short waits on the
# database, so the GIL decides: one process per core, plus one to keep the
# cores busy while another waits on a query. Threads inside a process only
# fought over the GIL: on two cores, 3 processes of 1 thread served the results
# page 10-50 % faster than 3 x 4, 5 x 4 or 2 x 8 (bench/workers.py, figures in
# bench/README.md). The gthread class with one thread still holds keep-alive
# connections, which sync closes.
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "gthread")
workers = int(os.environ.get("WEB_CONCURRENCY", cpus + 1))
threads = int(os.environ.get("GUNICORN_THREADS", 1))
keepalive = 5
timeout = 30
graceful_timeout = 20
# Recycle a worker now and then, so a slow leak cannot grow without bound.
max_requests = 5000
max_requests_jitter = 500
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None  # "-" for stdout
errorlog = "-"
# gunicorn 25.1+ opens a control socket for `gunicornc` at one path per user
# ($XDG_RUNTIME_DIR/gunicorn.ctl, else ~/.gunicorn/gunicorn.ctl), so a second
# instance on the host (another port, a blue-green deploy) took the first one's
# over. Off, unless GUNICORN_CONTROL_SOCKET gives this instance a path of its own.
control_socket_disable = not os.environ.get("GUNICORN_CONTROL_SOCKET")
if not control_socket_disable:
    control_socket = os.environ["GUNICORN_CONTROL_SOCKET"]
