"""A small pool of worker subprocesses, each killed and replaced when a job runs too long.

pyoxigraph has no way to cancel a query, and a thread cannot be stopped, so the only way to
really stop the work — and get its memory back — is to end the process doing it. Each worker
(:func:`cancu.serve.worker.main`) opens the store read-only (or, alone in its pool,
read-write). :meth:`Pool.run` hands a job to an idle worker and waits on its pipe for at most
``timeout`` seconds; when the time is up it sends SIGKILL, reaps the process and starts a
fresh worker in a background thread, so the next request finds a worker again while the
server process itself stays small.
"""

from __future__ import annotations

import multiprocessing as mp
import queue
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from cancu.serve import worker

_CTX = mp.get_context("spawn")  # never fork a threaded server


class PoolError(RuntimeError):
    """A job could not be run: timeout, no free worker, or a worker that died."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


@dataclass
class Worker:
    """One worker process and the parent's end of its pipe."""

    process: mp.process.BaseProcess
    conn: mp.connection.Connection

    def kill(self) -> None:
        """SIGKILL the process and reap it."""
        self.process.kill()
        self.process.join(5)
        self.conn.close()


class Pool:
    """``size`` workers over the store at ``store_path``."""

    def __init__(
        self,
        store_path: Path,
        *,
        size: int = 4,
        timeout: float = 30.0,
        max_rows: int = 10_000,
        writable: bool = False,
    ):
        self.store_path, self.timeout, self.max_rows = store_path, timeout, max_rows
        self.writable = writable
        self.idle: queue.Queue[Worker] = queue.Queue()
        self.killed = 0
        self._lock = threading.Lock()
        self._all: list[Worker] = []
        for _ in range(size):
            self.idle.put(self._spawn())

    def _spawn(self) -> Worker:
        parent, child = _CTX.Pipe()
        process = _CTX.Process(
            target=worker.main,
            args=(child, str(self.store_path), self.max_rows, self.writable),
            daemon=True,
        )
        process.start()
        child.close()
        w = Worker(process, parent)
        with self._lock:
            self._all.append(w)
        return w

    def _replace(self, dead: Worker) -> None:
        with self._lock:
            self._all.remove(dead)
            self.killed += 1
        dead.kill()
        threading.Thread(target=lambda: self.idle.put(self._spawn()), daemon=True).start()

    def run(self, job: tuple, timeout: float | None = None) -> object:
        """Run ``job`` on a worker; :class:`PoolError` 503 on timeout or when none is free."""
        limit = self.timeout if timeout is None else timeout
        started = time.monotonic()
        try:
            w = self.idle.get(timeout=limit)
        except queue.Empty:
            raise PoolError(503, "all query workers are busy; try again later") from None
        try:
            w.conn.send(job)
            left = max(limit - (time.monotonic() - started), 0.01)
            if w.conn.poll(left):
                out = w.conn.recv()
                self.idle.put(w)
                return out
        except (EOFError, OSError, BrokenPipeError):
            self._replace(w)
            raise PoolError(500, "the query worker died; it has been restarted") from None
        self._replace(w)
        raise PoolError(
            503, f"the query was stopped after {limit:g} s (--timeout); its worker was restarted"
        )

    def close(self) -> None:
        """Stop every worker."""
        with self._lock:
            workers, self._all = list(self._all), []
        for w in workers:
            w.kill()
