"""Read uploads outside the server's script threads: one process per upload, with a time and a
memory limit, and at most a few at once.

A large workbook takes tens of seconds and more than a gigabyte to parse; done in the Streamlit
script thread it stalls the server for everyone (issue #14). :func:`read_workbook_isolated` runs
:func:`scorecard.io.reader.read_workbook` in a child process (``forkserver``, with the reader
preloaded, so a start costs milliseconds), under ``RLIMIT_AS`` = :data:`MEMORY_LIMIT_MB` and
killed after :data:`TIME_LIMIT_S`. At most :data:`MAX_PARALLEL` run at once in this server
process; a further upload waits up to :data:`QUEUE_WAIT_S` and is then refused with
:class:`Busy` ("busy, try again in a moment"), so several users uploading at once cannot exhaust
the server's memory. Limits are set with the environment variables ``SCORECARD_UPLOAD_PARALLEL``,
``SCORECARD_UPLOAD_TIMEOUT_S`` and ``SCORECARD_UPLOAD_MEMORY_MB``.

Every failure becomes a bilingual :class:`~scorecard.messages.Msg` (``.msg``), never a traceback.
"""

from __future__ import annotations

import collections
import contextlib
import multiprocessing as mp
import os
import threading
from typing import Any

from scorecard.messages import msg
from scorecard.model import Scorecard

__all__ = ["MAX_PARALLEL", "TIME_LIMIT_S", "MEMORY_LIMIT_MB", "QUEUE_WAIT_S", "Busy", "LimitExceeded",
           "read_workbook_isolated", "run_isolated"]

MAX_PARALLEL = max(1, int(os.environ.get("SCORECARD_UPLOAD_PARALLEL", "2")))
TIME_LIMIT_S = float(os.environ.get("SCORECARD_UPLOAD_TIMEOUT_S", "120"))
MEMORY_LIMIT_MB = int(os.environ.get("SCORECARD_UPLOAD_MEMORY_MB", "2048"))
QUEUE_WAIT_S = 2.0

_slots = threading.BoundedSemaphore(MAX_PARALLEL)
#: Peak resident memory (MB) of the latest child processes, newest last (for ``make bench``).
PEAKS_MB: collections.deque[float] = collections.deque(maxlen=100)
_ctx_lock = threading.Lock()
_ctx: Any = None


class Busy(Exception):
    """All upload slots are taken: try again in a moment."""

    def __init__(self) -> None:
        self.msg = msg("upload.busy",
                       en="The server is busy reading other uploads. Try again in a moment.",
                       id="Server sedang sibuk membaca unggahan lain. Coba lagi sebentar lagi.")
        super().__init__(self.msg.en)


class LimitExceeded(Exception):
    """The reading took too long (``kind`` "time") or too much memory ("memory"), or the child
    process failed ("error"); nothing was read."""

    def __init__(self, kind: str, detail: str = "") -> None:
        texts = {
            "time": ("Reading this file took longer than {s} s and was stopped. Split the workbook (fewer sheets or "
                     "rows) and upload again.",
                     "Membaca berkas ini lebih lama dari {s} detik dan dihentikan. Pecah buku kerja (lebih sedikit "
                     "lembar atau baris) lalu unggah lagi."),
            "memory": ("Reading this file needed more than {m} MB of memory and was stopped. Split the workbook "
                       "(fewer sheets or rows) and upload again.",
                       "Membaca berkas ini memerlukan lebih dari {m} MB memori dan dihentikan. Pecah buku kerja "
                       "(lebih sedikit lembar atau baris) lalu unggah lagi."),
            "error": ("The file could not be read ({d}).", "Berkas tidak dapat dibaca ({d})."),
        }
        en, id_ = texts[kind]
        self.kind = kind
        self.msg = msg("upload.limit_" + kind, en=en, id=id_, s=int(TIME_LIMIT_S), m=MEMORY_LIMIT_MB, d=detail[:200])
        super().__init__(self.msg.en)


def _context() -> Any:
    global _ctx
    with _ctx_lock:
        if _ctx is None:
            ctx = mp.get_context("forkserver")
            ctx.set_forkserver_preload(["scorecard.io.reader", "scorecard.io.isolated"])
            _ctx = ctx
        return _ctx


def _child(conn: Any, target: str, args: tuple[Any, ...], kwargs: dict[str, Any], memory_mb: int) -> None:
    import importlib
    import resource

    limit = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    try:
        module, name = target.rsplit(".", 1)
        result = getattr(importlib.import_module(module), name)(*args, **kwargs)
        conn.send(("ok", (result, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)))
    except MemoryError:
        conn.send(("memory", None))
    except BaseException as e:  # noqa: BLE001 - reported to the parent as a message
        with contextlib.suppress(BaseException):  # e.g. out of memory while sending
            conn.send(("error", f"{type(e).__name__}: {e}"))
    finally:
        conn.close()


def run_isolated(target: str, *args: Any, timeout_s: float | None = None, memory_mb: int | None = None,
                 wait_s: float = QUEUE_WAIT_S, **kwargs: Any) -> Any:
    """``target(*args, **kwargs)`` (a dotted path to a module-level function) in a child process
    within the limits; its (picklable) result, or :class:`Busy` / :class:`LimitExceeded`."""
    if not _slots.acquire(timeout=max(wait_s, 0.0)):
        raise Busy()
    try:
        ctx = _context()
        parent, child = ctx.Pipe(duplex=False)
        proc = ctx.Process(target=_child, args=(child, target, args, kwargs, memory_mb or MEMORY_LIMIT_MB),
                           daemon=True)
        proc.start()
        child.close()
        try:
            if not parent.poll(TIME_LIMIT_S if timeout_s is None else timeout_s):
                proc.kill()
                raise LimitExceeded("time")
            try:
                kind, payload = parent.recv()
            except EOFError:  # the child died without a word: killed (out of memory)
                kind, payload = "memory", None
        finally:
            parent.close()
            proc.join(5)
            if proc.is_alive():
                proc.kill()
                proc.join(5)
        if kind == "ok":
            result, peak_mb = payload
            PEAKS_MB.append(peak_mb)
            return result
        raise LimitExceeded(kind, payload or "")
    finally:
        _slots.release()


def read_workbook_isolated(data: bytes, filename: str = "", *, base: Scorecard | None = None,
                           timeout_s: float | None = None, memory_mb: int | None = None) -> Any:
    """:func:`scorecard.io.reader.read_workbook` in a child process (see the module docstring)."""
    return run_isolated("scorecard.io.reader.read_workbook", data, filename, base=base, timeout_s=timeout_s,
                        memory_mb=memory_mb)
