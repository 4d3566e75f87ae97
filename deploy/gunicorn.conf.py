"""gunicorn settings of a web node (deploy/systemd/council-web@.service passes --bind).

Read by gunicorn, not by Django: the variables below come from the same environment file
(/etc/council/council.env) and are documented in deploy/council.env.example.
"""

import multiprocessing
import os
import sys

wsgi_app = "council.wsgi:application"

# Sync workers: each request holds one process, and the work is the database's. A machine
# runs two instances (a release restarts one while the other serves), so each takes
# cores + 1 workers: 2 × (cores + 1) in all, gunicorn's 2 × cores + 1 advice.
workers = int(os.environ.get("WEB_CONCURRENCY") or multiprocessing.cpu_count() + 1)
worker_class = "sync"
# A worker that has not answered in this time is killed and replaced (the request gets a 502
# from nginx, whose proxy_read_timeout is longer). Exports and reports that take longer run
# in the task worker, not in a request.
timeout = 60
# On SIGTERM (systemctl stop/restart) requests in flight get this long to finish.
graceful_timeout = 30
# nginx keeps no connections to the nodes open; a short keep-alive is enough.
keepalive = 5
# Workers are replaced after this many requests (with jitter, not all at once), so a slow
# leak in a library cannot grow without bound.
max_requests = 2000
max_requests_jitter = 200
# The heartbeat file in memory, not on a disk that may stall (gunicorn's FAQ).
if os.path.isdir("/dev/shm"):  # noqa: S108 (a folder gunicorn documents for this)
    worker_tmp_dir = "/dev/shm"  # noqa: S108

# Only the proxy's X-Forwarded-Proto is believed (the same list Django trusts for
# X-Forwarded-For, council/lib/client_ip.py).
forwarded_allow_ips = os.environ.get("TRUSTED_PROXIES") or "127.0.0.1,::1"

# Logs to stdout/stderr: journald keeps them (journalctl -u council-web@8001). Each access
# line names the request id nginx made (X-Request-ID) and the client it forwarded for.
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
access_log_format = (
    '%({x-forwarded-for}i)s "%(r)s" %(s)s %(b)s %(M)sms "%(f)s" "%(a)s" '
    "request_id=%({x-request-id}i)s"
)

# gunicorn's control socket (gunicornc) in the unit's RuntimeDirectory, one per instance;
# without one (a shell, a test) there is none, rather than two instances sharing
# ~/.gunicorn/gunicorn.ctl.
if os.environ.get("RUNTIME_DIRECTORY"):
    control_socket = os.path.join(os.environ["RUNTIME_DIRECTORY"], "gunicorn.ctl")
    # The workers' metrics (prometheus_client's multiprocess mode, summed at /metrics) in the
    # same per-instance folder: set here, in the master, so that only the web nodes count in
    # files, not the task worker or the timers that read the same environment file.
    os.environ.setdefault(
        "PROMETHEUS_MULTIPROC_DIR", os.path.join(os.environ["RUNTIME_DIRECTORY"], "metrics")
    )
    os.makedirs(os.environ["PROMETHEUS_MULTIPROC_DIR"], exist_ok=True)
else:
    control_socket_disable = True

# Metrics of several workers: the folder is emptied at start, a dead worker's gauges dropped.
# (The code's folder is the unit's WorkingDirectory; put it on the path for any other caller.)
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from council.ops.gunicorn_hooks import child_exit, on_starting  # noqa: E402, F401
