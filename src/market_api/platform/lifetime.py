"""Child processes that do not outlive their parent: a report builder whose `serve` was killed (``kill -9``,
out of memory) exits at once instead of living on, reparented, holding its database connections.

Two ways, both on: on Linux the kernel sends the child SIGKILL when its parent dies (``prctl`` with
``PR_SET_PDEATHSIG``, through ctypes); everywhere a daemon thread of the child watches its parent id and ends
the process when it changes (the parent died and the child was reparented).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import os
import signal
import sys
import threading
import time

log = logging.getLogger("market_api.lifetime")

PR_SET_PDEATHSIG = 1  # <linux/prctl.h>
# How often the portable watcher looks at the parent id.
WATCH_SECONDS = 0.5


def exit_with_parent(parent_pid: int) -> None:
    """In a child process: end it when the process `parent_pid` (its parent) dies. Meant as the initializer
    of a process pool (``initializer=exit_with_parent, initargs=(os.getpid(),)``); safe to call once per
    process."""
    _kernel_kills_orphan()
    if os.getppid() != parent_pid:  # the parent died before the kernel was asked
        os._exit(1)
    threading.Thread(target=_watch, args=(parent_pid,), name="exit-with-parent", daemon=True).start()


def _kernel_kills_orphan() -> None:
    """Linux: SIGKILL this process when its parent dies. Elsewhere (or without libc) nothing: the watcher
    thread does it."""
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        if libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:
            log.warning("prctl(PR_SET_PDEATHSIG) failed: errno %s", ctypes.get_errno())
    except (OSError, AttributeError):
        log.warning("prctl is not available; a thread watches the parent instead")


def _watch(parent_pid: int) -> None:
    """Exit the process once its parent is no longer `parent_pid` (reparented: the parent died)."""
    while os.getppid() == parent_pid:
        time.sleep(WATCH_SECONDS)
    os._exit(1)
