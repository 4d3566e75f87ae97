from __future__ import annotations

import signal
import threading
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from council.demo.nodes import NodeError, NodePair
from council.demo.personas import DEMO_PASSWORD

# The federation's jobs, run on each node every few seconds while the demo runs (a deployment
# runs them from its timers): statuses and verified hours for other nodes' people, deliveries
# waiting in the outbox, and the peers' feeds.
JOBS = ("federation_status", "federation_hours", "federation_deliver", "federation_pull")
TICK_SECONDS = 10


class Command(BaseCommand):
    help = (
        "`make federation-demo`: a Russian node (127.0.0.1:8001) and a Kazakh node "
        "(localhost:8002), each a gunicorn process with its own SQLite database under "
        "data/federation/ and its own demo data (federation_seed), peered with each other; "
        "prints the logins and the demo's steps and runs until Ctrl-C. The databases are kept "
        "between runs (--fresh starts over)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--fresh", action="store_true", help="New databases and keys.")
        parser.add_argument("--ru-port", type=int, default=8001)
        parser.add_argument("--kz-port", type=int, default=8002)
        parser.add_argument("--volunteers", type=int, default=10)
        parser.add_argument("--seats", type=int, default=50)

    def handle(self, *args: Any, **options: Any) -> None:
        ports = {"ru": options["ru_port"], "kz": options["kz_port"]}
        # The links peers reach each node through: 10 above the node's own port.
        pair = NodePair(
            "sqlite://",
            workdir=settings.BASE_DIR / "data" / "federation",
            ports=ports,
            link_ports={node_id: port + 10 for node_id, port in ports.items()},
        )
        self.stdout.write("Preparing the two databases (the first time migrates once)…")
        pair.prepare(fresh=options["fresh"])
        for output in pair.seed(volunteers=options["volunteers"], seats=options["seats"]).values():
            self.stdout.write(output.rstrip())
        stop = threading.Event()
        # Ctrl-C, or SIGTERM: both nodes are stopped before the command ends.
        for signum in (signal.SIGINT, signal.SIGTERM):
            signal.signal(signum, lambda *_: stop.set())
        try:
            pair.start()
            self._peer(pair)
            ticker = threading.Thread(target=self._tick, args=(pair, stop), daemon=True)
            ticker.start()
            self._explain(pair)
            while not stop.wait(1):
                pass
            self.stdout.write("\nStopping both nodes…")
        finally:
            stop.set()
            pair.stop()

    def _peer(self, pair: NodePair) -> None:
        if pair.peer_status("ru", "kz") == "live" and pair.peer_status("kz", "ru") == "live":
            self.stdout.write("The nodes are peered (live on both sides).")
            return
        try:
            statuses = pair.peer()
        except NodeError as error:
            self.stdout.write(self.style.WARNING(f"The nodes could not be peered: {error}"))
            return
        self.stdout.write(f"Peering: RU sees KZ {statuses['ru']}, KZ sees RU {statuses['kz']}.")

    def _tick(self, pair: NodePair, stop: threading.Event) -> None:
        missing: set[str] = set()
        while not stop.wait(TICK_SECONDS):
            for node in pair:
                for job in JOBS:
                    if job in missing or stop.is_set():
                        continue
                    try:
                        node.run("run_job", job, timeout=120)
                    except NodeError as error:
                        if "is not a periodic job" in str(error):
                            missing.add(job)  # not in this build
                        else:
                            self.stderr.write(f"{node.node_id} {job}: {str(error)[:300]}")

    def _explain(self, pair: NodePair) -> None:
        ru, kz = pair.ru, pair.kz
        self.stdout.write(
            f"""
Two nodes are running (password of every login: {DEMO_PASSWORD}):
  Russia      {ru.site_url}   secretariat@ru.node.example, organiser@ru.node.example,
                                volunteer001@ru.node.example … (peers reach it at {ru.url})
  Kazakhstan  {kz.site_url}    secretariat@kz.node.example, organiser@kz.node.example,
                                volunteer001@kz.node.example … (peers reach it at {kz.url})
The Kazakh node is on localhost and the Russian one on 127.0.0.1, so that one browser keeps a
sign-in on each. Mail is written to data/federation/<node>/mail/, server logs to
data/federation/<node>/server.log. Every {TICK_SECONDS} s each node sends statuses and hours home,
delivers its outbox and pulls its peer's catalogue ({", ".join(JOBS)}).

The demo:
  1. On the Kazakh node, sign in as volunteer001@kz.node.example and find the Russian
     opportunity "Registration desk volunteer at the Youth Leaders Forum" (from the RU node).
  2. Apply to its shift that starts soon: the application is on its way to the organiser,
     then confirmed by the Russian node, which decides under its own seat lock.
  3. On the Russian node, sign in as organiser@ru.node.example, open the shift's check-in
     desk, check the Kazakh volunteer in and out, and verify the hours.
  4. Back on the Kazakh node, the hours are in volunteer001's record book, verified, from the
     Russian node.

Ctrl-C stops both nodes; `make federation-demo` again resumes with the same data.
"""
        )
