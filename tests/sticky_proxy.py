"""A small sticky TCP proxy for the two-replica test: what nginx does in docs/deploy.md, on loopback.

Each client connection is routed by the ``scorecard_affinity`` cookie of its first request (nginx:
``hash $cookie_scorecard_affinity consistent``). Here the cookie's value is the index of the
preferred upstream, so a test decides which replica a browser lands on. When that upstream refuses
the connection (its process is dead), the next one is tried (nginx: ``proxy_next_upstream error``).
Bytes are piped unchanged in both directions, so HTTP keep-alive and the websocket upgrade of
``/_stcore/stream`` pass through. ``routes`` records ``(cookie value, upstream index)`` per connection.
"""

from __future__ import annotations

import asyncio
import re
import threading

COOKIE = "scorecard_affinity"
_COOKIE_RE = re.compile(rb"^cookie:.*?\b" + COOKIE.encode() + rb"=([^;\r\n]*)", re.I | re.M)


class StickyProxy:
    """Listens on 127.0.0.1 (a free port) in a background thread; ``url`` is its address."""

    def __init__(self, upstreams: list[int]) -> None:
        self.upstreams = upstreams  # ports on 127.0.0.1
        self.routes: list[tuple[str, int]] = []
        self.port = 0
        self._loop = asyncio.new_event_loop()
        self._server: asyncio.Server | None = None
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> StickyProxy:
        self._thread.start()
        fut = asyncio.run_coroutine_threadsafe(asyncio.start_server(self._handle, "127.0.0.1", 0), self._loop)
        self._server = fut.result(timeout=10)
        self.port = int(self._server.sockets[0].getsockname()[1])
        return self

    def stop(self) -> None:
        async def close() -> None:
            if self._server is not None:
                self._server.close()
            for task in asyncio.all_tasks():
                if task is not asyncio.current_task():
                    task.cancel()

        if self._thread.is_alive():
            asyncio.run_coroutine_threadsafe(close(), self._loop).result(timeout=10)
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(timeout=10)

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            head = await reader.readuntil(b"\r\n\r\n")
        except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ConnectionError):
            writer.close()
            return
        m = _COOKIE_RE.search(head)
        key = m.group(1).decode() if m else ""
        first = int(key) % len(self.upstreams) if key.isdigit() else 0
        order = [(first + k) % len(self.upstreams) for k in range(len(self.upstreams))]
        for index in order:
            try:
                up_reader, up_writer = await asyncio.open_connection("127.0.0.1", self.upstreams[index])
                break
            except OSError:
                continue  # a dead replica: try the next one
        else:
            writer.close()
            return
        self.routes.append((key, index))
        up_writer.write(head)
        try:
            await asyncio.gather(_pipe(reader, up_writer), _pipe(up_reader, writer), return_exceptions=True)
        except asyncio.CancelledError:  # stop(): close both ends quietly
            writer.close()
            up_writer.close()


async def _pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        while data := await reader.read(65536):
            writer.write(data)
            await writer.drain()
    except (ConnectionError, OSError):
        pass
    finally:
        writer.close()
