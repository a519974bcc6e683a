"""The public page of a 5,000-measure plan served warm by a real server: gunicorn as deployed
(README: `gunicorn koordinat.config.wsgi`, DEBUG off), against a static file of the same size
served by the same gunicorn (WhiteNoise), with the same load. The cache is Redis, shared by the
workers as it is by several app servers (REDIS_URL, a database of its own emptied at the start); the
bench's warm-up rounds draw the page before anything is timed.

One run is a burst of `REQUESTS` keep-alive requests from `CONCURRENCY` client threads; `rows` is the
burst's size, so `rows_per_second` is the page's requests per second and the limit's time gives the
static file's. The issue asks the page for at least 30 % of the static file's rate: a ratio at most
3.33. The client shares the machine with the server, as the load of both is the same.
"""

import atexit
import http.client
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.core.cache.backends.redis import RedisCache
from django.db.models import Count

from bench.run import ROOT, Scenario
from koordinat.plans.models import Plan

REQUESTS = 2000
CONCURRENCY = 8
WORKERS, THREADS = 2, 4  # one sync-threaded worker a core, as on a two-core application server
REDIS_URL = "redis://127.0.0.1:6379/8"  # the bench's own database of the machine's Redis
STATIC_NAME = "bench/portal-plan-page.html"


class Server:
    """gunicorn on a free port, started on first use and stopped when the bench ends."""

    def __init__(self) -> None:
        self.process: subprocess.Popen[bytes] | None = None
        self.port = 0

    def start(self) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        environment = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "koordinat.config.settings.base",
            "DEBUG": "0",
            "ALLOWED_HOSTS": "127.0.0.1",
            "REDIS_URL": REDIS_URL,
        }
        RedisCache(REDIS_URL, {}).clear()
        command = [sys.executable, "-m", "gunicorn", "koordinat.config.wsgi", f"--bind=127.0.0.1:{self.port}"]
        command += [f"--workers={WORKERS}", "--worker-class=gthread", f"--threads={THREADS}"]
        command += ["--keep-alive=30", "--log-level=warning", f"--chdir={ROOT}"]
        self.process = subprocess.Popen(command, env=environment)
        atexit.register(self.stop)
        for _ in range(300):
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return
            except OSError:
                time.sleep(0.1)
        raise SystemExit("gunicorn did not start")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(30)

    def get(self, path: str) -> bytes:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        connection.request("GET", path)
        response = connection.getresponse()
        body = response.read()
        connection.close()
        if response.status != 200:
            raise SystemExit(f"{path}: {response.status}")
        return body


def burst(port: int, path: str) -> tuple[int, int]:
    """`REQUESTS` GETs of `path` over `CONCURRENCY` kept-alive connections: (answers 200, bytes)."""
    remaining = iter(range(REQUESTS))
    lock = threading.Lock()
    totals = [0, 0]

    def client() -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        ok = size = 0
        while True:
            with lock:
                if next(remaining, None) is None:
                    break
            connection.request("GET", path)
            response = connection.getresponse()
            size += len(response.read())
            ok += response.status == 200
        connection.close()
        with lock:
            totals[0] += ok
            totals[1] += size

    threads = [threading.Thread(target=client) for _ in range(CONCURRENCY)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return totals[0], totals[1]


def public_plan_page_warm() -> Scenario:
    plan = Plan.objects.published().annotate(n=Count("measures")).order_by("-n", "pk").first()
    assert plan is not None, "the scale data has no published plan in force"
    page_path = f"/az/portal/plans/{plan.code}/"
    static_path = f"{settings.STATIC_URL}{STATIC_NAME}"
    server = Server()
    started: list[Callable[[], tuple[int, int]]] = []

    def ready() -> int:
        """The server, with a static file as large as the page (WhiteNoise reads its files at start)."""
        if not started:
            server.start()
            size = len(server.get(page_path))
            server.stop()
            target = Path(settings.STATIC_ROOT) / STATIC_NAME
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(b"<!DOCTYPE html>" + b"x" * (size - len(b"<!DOCTYPE html>")))
            server.start()
            for _ in range(WORKERS * THREADS):
                server.get(page_path)  # warm: the page drawn and kept (the timed runs are warmed up too)
            started.append(lambda: (0, 0))
        return server.port

    return Scenario(
        name="portal.public_plan_page_warm",
        description=f"GET the public page of the largest published plan ({plan.n} measures), warm, from "
        f"gunicorn ({WORKERS} workers × {THREADS} threads, the cache in Redis): {REQUESTS} requests, "
        f"{CONCURRENCY} at a time over kept-alive connections",
        run=lambda: burst(ready(), page_path),
        limit=lambda: burst(ready(), static_path),
        limit_description="the same burst for a static file of the same size, served by the same gunicorn "
        "(WhiteNoise)",
        same_answer=lambda real, fastest: real == fastest == (REQUESTS, real[1]),
        rows=REQUESTS,
        iterations=5,
    )


def scenarios() -> list[Scenario]:
    return [public_plan_page_warm()]
