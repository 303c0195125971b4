"""gunicorn's settings, read from the working directory by `make serve` and by any
`gunicorn advisor.wsgi` started here. The README explains the choices."""

import os

cpus = os.cpu_count() or 1

wsgi_app = "advisor.wsgi"
bind = f"{os.environ.get('HOST', '0.0.0.0')}:{os.environ.get('PORT', '8000')}"

# A request is mostly Python (templates, scoring) with short waits on the
# database. One process per core runs the Python in parallel (the GIL keeps
# threads of one process on one core); a few threads per process keep the core
# busy while one request waits on a query or a slow client, and hold keep-alive
# connections that sync workers would close. Measured in bench/README.md.
worker_class = "gthread"
workers = int(os.environ.get("WEB_CONCURRENCY", cpus + 1))
threads = int(os.environ.get("GUNICORN_THREADS", 4))
keepalive = 5
timeout = 30
graceful_timeout = 20
# Recycle a worker now and then, so a slow leak cannot grow without bound.
max_requests = 5000
max_requests_jitter = 500
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None  # "-" for stdout
errorlog = "-"
