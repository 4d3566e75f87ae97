"""A cuttable link: a threaded TCP proxy on 127.0.0.1 in front of a node.

Peers reach a node at its link's address (the node's NODE_URL), so the link stands for the
network between two countries: `cut()` makes the node unreachable for its peers (new
connections are reset, or refused with `cut(refuse=True)`, and open ones are closed),
`slow(seconds)` delays every answer, `restore()` brings the link back. The bytes pass through
unchanged, so signatures over the target URI and the Host header hold.
"""

from __future__ import annotations

import contextlib
import socket
import struct
import threading
import time
from types import TracebackType

CHUNK = 65536


def _reset(connection: socket.socket) -> None:
    """Close with a TCP reset rather than an orderly end: the peer sees a broken connection."""
    with contextlib.suppress(OSError):
        connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    connection.close()


class Link:
    def __init__(self, target_port: int, *, port: int = 0, host: str = "127.0.0.1") -> None:
        self.host = host
        self.target_port = target_port
        self.port = port
        self.delay = 0.0
        self.is_cut = False
        self.refusing = False
        self.connections = 0  # accepted since start, for tests that want to see traffic
        self._listener: socket.socket | None = None
        self._open: set[socket.socket] = set()
        self._lock = threading.Lock()
        self._stopped = threading.Event()

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def start(self) -> Link:
        self._stopped.clear()
        self._listen()
        return self

    def _listen(self) -> None:
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind((self.host, self.port))
        listener.listen(128)
        self.port = listener.getsockname()[1]
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def _accept(self, listener: socket.socket) -> None:
        while not self._stopped.is_set():
            try:
                client, _address = listener.accept()
            except OSError:
                return  # closed: stopped, or cut with refuse
            self.connections += 1
            if self.is_cut:
                _reset(client)
                continue
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _serve(self, client: socket.socket) -> None:
        try:
            upstream = socket.create_connection(("127.0.0.1", self.target_port), timeout=10)
        except OSError:
            _reset(client)
            return
        upstream.settimeout(None)
        with self._lock:
            self._open.update((client, upstream))
        threading.Thread(target=self._pump, args=(client, upstream, False), daemon=True).start()
        self._pump(upstream, client, True)

    def _pump(self, source: socket.socket, sink: socket.socket, answers: bool) -> None:
        """Copy bytes one way until either side closes; answers wait `delay` first."""
        first = True
        try:
            while True:
                data = source.recv(CHUNK)
                if not data:
                    break
                if answers and first and self.delay:
                    time.sleep(self.delay)
                first = False
                if self.is_cut:
                    break
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for end in (source, sink):
                with self._lock:
                    self._open.discard(end)
                with contextlib.suppress(OSError):
                    end.shutdown(socket.SHUT_RDWR)
                end.close()

    def cut(self, *, refuse: bool = False) -> None:
        """Break the link: open connections are reset, new ones are reset on arrival — or
        refused (nobody listening) with `refuse`."""
        self.is_cut = True
        if refuse and self._listener is not None:
            self.refusing = True
            # Wakes the thread blocked in accept() (close alone does not, on Linux).
            with contextlib.suppress(OSError):
                self._listener.shutdown(socket.SHUT_RDWR)
            self._listener.close()
            self._listener = None
        with self._lock:
            open_now, self._open = list(self._open), set()
        for connection in open_now:
            _reset(connection)

    def slow(self, seconds: float) -> None:
        """Every answer from the node waits `seconds` (0: no delay)."""
        self.delay = seconds

    def restore(self) -> None:
        """The link as it was: no cut, no delay."""
        self.delay = 0.0
        self.is_cut = False
        if self.refusing:
            self.refusing = False
            self._listen()

    def stop(self) -> None:
        self._stopped.set()
        self.cut(refuse=True)
        self.refusing = False

    def __enter__(self) -> Link:
        return self.start()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()
