"""Worker processes end with the run that started them, however it ends.

A worker waits on a pipe for its next batch. If the main process was killed (SIGKILL, the
out-of-memory killer) or terminated, nothing ever closed that pipe and the workers lived on,
about 50 MB each. Now each worker asks the kernel to kill it when its parent dies
(``PR_SET_PDEATHSIG`` on Linux; elsewhere a thread watches the parent), and ignores the
terminal's Ctrl-C, which the main process handles for the whole run. The main process treats
SIGTERM like Ctrl-C: the run stops, the workers finish the batch in hand and exit, the staging
folder is removed and OUT is left as it was.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

PR_SET_PDEATHSIG = 1
"""From <linux/prctl.h>."""
WATCH_SECONDS = 1.0


def bind_to_parent() -> None:
    """In a worker process: die with the parent; leave Ctrl-C and SIGTERM to it."""
    parent = os.getppid()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if not _kill_me_with_parent():
        threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)


def _kill_me_with_parent() -> bool:
    if not sys.platform.startswith("linux"):
        return False
    libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
    return libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(WATCH_SECONDS)
    os._exit(1)


@contextmanager
def sigterm_as_interrupt() -> Iterator[None]:
    """While the block runs (in the main thread), SIGTERM raises KeyboardInterrupt."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous: Any = signal.signal(signal.SIGTERM, signal.default_int_handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def stop_workers() -> None:
    """Kill this process's worker processes, once a worker has died and the pool is broken.

    Only then: the pool's manager thread no longer reads results, so a worker killed in the
    middle of sending one leaves nothing half-read (it would wait for the rest forever). And
    a worker the pool started after another died is never stopped by the pool itself.

    SIGKILL, not SIGTERM: a worker forked while the run was being stopped can still hold the
    main process's handler that turns SIGTERM into KeyboardInterrupt, and ignore it in the
    middle of its start-up; the pool then waited for it forever. A worker has nothing to clean
    up (the main process removes the staging folder), so nothing is lost.
    """
    children = multiprocessing.active_children()
    for child in children:
        child.kill()
    for child in children:
        child.join(timeout=5)
