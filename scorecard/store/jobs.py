"""Heavy work (reading an upload, importing a table, building a report) in a separate process.

One home for running a pure, picklable function outside the server process, with

* a **time limit** (``seconds``): the job's process is killed when it runs longer;
* a **memory limit** (``memory_mb``): the job's address space is capped with ``RLIMIT_AS``, so a
  huge workbook ends in a MemoryError inside the job, never in the server;
* a **bound**: at most ``workers`` jobs run at once and at most ``queue`` more wait (for at most
  ``wait_seconds``); beyond that :meth:`JobRunner.run` answers "busy" at once.

Why one process per job and not a ``concurrent.futures.ProcessPoolExecutor``: a pool cannot stop one
job that overran its time without killing the worker under the other jobs (the pool breaks), and a
worker that once held 1.5 GB keeps it. Processes come from a ``forkserver`` (Linux; ``spawn``
elsewhere) that has the reading code preloaded, so starting one costs a fork (~10-30 ms), and all
memory of a job goes back to the system when it ends.

Every outcome is a :class:`JobOutcome`: ``ok`` with the value, or a ``problem`` code ("busy",
"timeout", "memory", "failed") with a bilingual message. :meth:`JobRunner.run` never raises for
what the job does. Settings come from the environment (``SCORECARD_JOB_WORKERS``, ``_QUEUE``,
``_SECONDS``, ``_MEMORY_MB``) or a :class:`JobLimits`; ``SCORECARD_JOBS=inline`` runs jobs in the
calling thread (no limits; for debugging only).
"""

from __future__ import annotations

import logging
import multiprocessing as mp
import os
import sys
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from scorecard.messages import Msg, msg

log = logging.getLogger(__name__)

PRELOAD = ["scorecard.io.workbook", "scorecard.io.table_import", "scorecard.reports.excel"]


@dataclass(frozen=True)
class JobLimits:
    """Limits of the job runner: running jobs, waiting jobs, seconds per job, MB of address space per job."""

    workers: int = 2
    queue: int = 2
    seconds: float = 180.0
    memory_mb: int = 4096
    wait_seconds: float = 60.0

    @classmethod
    def from_env(cls) -> JobLimits:
        env = os.environ.get
        d = cls()
        return cls(workers=max(1, int(env("SCORECARD_JOB_WORKERS", d.workers))),
                   queue=max(0, int(env("SCORECARD_JOB_QUEUE", d.queue))),
                   seconds=float(env("SCORECARD_JOB_SECONDS", d.seconds)),
                   memory_mb=int(env("SCORECARD_JOB_MEMORY_MB", d.memory_mb)),
                   wait_seconds=float(env("SCORECARD_JOB_WAIT_SECONDS", d.wait_seconds)))


@dataclass
class JobOutcome:
    """What a job gave: ``value`` when ``ok``; otherwise ``problem`` ("busy" | "timeout" | "memory" |
    "failed") and ``message`` to show."""

    ok: bool
    value: Any = None
    problem: str = ""
    message: Msg | None = None
    seconds: float = 0.0


def _busy() -> Msg:
    return msg("jobs.busy", "The server is busy with other users' files. Please try again in a moment.",
               "Server sedang sibuk memproses berkas pengguna lain. Silakan coba lagi sebentar lagi.")


def _timeout(seconds: float) -> Msg:
    return msg("jobs.timeout", "This took longer than the limit of {s:.0f} seconds and was stopped. Nothing was "
               "changed. Try a smaller file (fewer rows or sheets), or ask the administrator to raise the limit.",
               "Proses ini melebihi batas {s:.0f} detik dan dihentikan. Tidak ada yang diubah. Coba berkas yang "
               "lebih kecil (lebih sedikit baris atau lembar), atau minta administrator menaikkan batasnya.",
               s=seconds)


def _memory(mb: int) -> Msg:
    return msg("jobs.memory", "This needed more than the memory limit of {mb} MB and was stopped. Nothing was "
               "changed. Try a smaller file (fewer rows or sheets), or ask the administrator to raise the limit.",
               "Proses ini membutuhkan memori melebihi batas {mb} MB dan dihentikan. Tidak ada yang diubah. Coba "
               "berkas yang lebih kecil (lebih sedikit baris atau lembar), atau minta administrator menaikkan "
               "batasnya.", mb=mb)


def _failed() -> Msg:
    return msg("jobs.failed", "Something unexpected went wrong while working on this. Nothing was changed; "
               "the details are in the server log.",
               "Terjadi kesalahan tak terduga saat memproses ini. Tidak ada yang diubah; rinciannya ada di log "
               "server.")


def _child(conn: Any, memory_mb: int, fn: Callable[..., Any], args: tuple, kwargs: dict) -> None:
    """Runs in the job's process: cap the address space, run, send ("ok", value) or (problem, detail)."""
    try:
        import resource

        limit = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ImportError, ValueError, OSError):  # not on this platform: the time limit still holds
        pass
    try:
        result: tuple[str, Any] = ("ok", fn(*args, **kwargs))
    except MemoryError:
        result = ("memory", "")
    except BaseException:  # noqa: BLE001 - reported to the parent, which logs it
        result = ("failed", traceback.format_exc(limit=20))
    try:
        conn.send(result)
    except MemoryError:
        conn.send(("memory", ""))
    except Exception:  # noqa: BLE001 - e.g. an unpicklable value
        conn.send(("failed", traceback.format_exc(limit=5)))
    finally:
        conn.close()


def _context() -> Any:
    if sys.platform.startswith("linux"):
        ctx = mp.get_context("forkserver")
        ctx.set_forkserver_preload(PRELOAD)
        return ctx
    return mp.get_context("spawn")


class JobRunner:
    """Runs jobs in their own processes within :class:`JobLimits` (thread-safe; one per server)."""

    def __init__(self, limits: JobLimits | None = None) -> None:
        self.limits = limits or JobLimits.from_env()
        self._admitted = threading.BoundedSemaphore(self.limits.workers + self.limits.queue)
        self._running = threading.BoundedSemaphore(self.limits.workers)
        self._ctx: Any = None
        self._lock = threading.Lock()

    def run(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> JobOutcome:
        """``fn(*args, **kwargs)`` in a job process; never raises for what the job does."""
        if os.environ.get("SCORECARD_JOBS") == "inline":
            t0 = time.perf_counter()
            return JobOutcome(True, fn(*args, **kwargs), seconds=time.perf_counter() - t0)
        if not self._admitted.acquire(blocking=False):
            return JobOutcome(False, problem="busy", message=_busy())
        try:
            if not self._running.acquire(timeout=self.limits.wait_seconds):
                return JobOutcome(False, problem="busy", message=_busy())
            try:
                return self._run(fn, args, kwargs)
            finally:
                self._running.release()
        finally:
            self._admitted.release()

    def _run(self, fn: Callable[..., Any], args: tuple, kwargs: dict) -> JobOutcome:
        with self._lock:
            if self._ctx is None:
                self._ctx = _context()
        lim = self.limits
        recv, send = self._ctx.Pipe(duplex=False)
        proc = self._ctx.Process(target=_child, args=(send, lim.memory_mb, fn, args, kwargs), daemon=True)
        t0 = time.perf_counter()
        try:
            proc.start()
        except Exception:  # noqa: BLE001 - e.g. an argument that cannot be pickled: never the server's end
            log.exception("job %s could not start", _name(fn))
            recv.close()
            send.close()
            return JobOutcome(False, problem="failed", message=_failed())
        send.close()
        try:
            got: tuple[str, Any] | None = None
            if recv.poll(lim.seconds):
                try:
                    got = recv.recv()
                except (EOFError, OSError):
                    got = None  # the process died without an answer
            elapsed = time.perf_counter() - t0
            if got is None and proc.is_alive() and elapsed >= lim.seconds:
                proc.kill()
                proc.join(5)
                log.warning("job %s stopped after %.1f s (limit %.0f s)", _name(fn), elapsed, lim.seconds)
                return JobOutcome(False, problem="timeout", message=_timeout(lim.seconds), seconds=elapsed)
            proc.join(5)
            if got is None:
                log.error("job %s ended without an answer (exit code %s)", _name(fn), proc.exitcode)
                return JobOutcome(False, problem="failed", message=_failed(), seconds=elapsed)
            kind, value = got
            if kind == "ok":
                return JobOutcome(True, value, seconds=elapsed)
            if kind == "memory":
                log.warning("job %s stopped: over the memory limit of %d MB", _name(fn), lim.memory_mb)
                return JobOutcome(False, problem="memory", message=_memory(lim.memory_mb), seconds=elapsed)
            log.error("job %s failed:\n%s", _name(fn), value)
            return JobOutcome(False, problem="failed", message=_failed(), seconds=elapsed)
        finally:
            recv.close()
            if proc.is_alive():
                proc.kill()
                proc.join(5)


def _name(fn: Callable[..., Any]) -> str:
    return f"{getattr(fn, '__module__', '?')}.{getattr(fn, '__qualname__', repr(fn))}"


_RUNNER: JobRunner | None = None
_RUNNER_LOCK = threading.Lock()


def runner() -> JobRunner:
    """The process-wide job runner (limits from the environment)."""
    global _RUNNER
    with _RUNNER_LOCK:
        if _RUNNER is None:
            _RUNNER = JobRunner()
        return _RUNNER
