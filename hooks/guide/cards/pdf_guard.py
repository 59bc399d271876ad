"""What the PDF renderer may touch: only the print files, and only while the build lives.

- `print_files_only(folder)`: a WeasyPrint URL fetcher that reads `data:` addresses (the QR
  codes, pictures the templates embed) and files inside `folder` (`overrides/cards/`: the
  print stylesheet and its font), and nothing else: no other local file (a card text holding
  `![x](file:///etc/…)` or `file:///dev/zero`) and no network. A refused address becomes
  WeasyPrint's warning, which stops the strict build.
- `end_with_parent(parent)`: run first in each PDF worker process, so that workers end when
  the build ends, even when the build is killed with SIGKILL (a CI timeout, the OOM killer):
  Linux's `prctl(PR_SET_PDEATHSIG)` signals the worker when its parent dies, and a watcher
  thread ends it on systems without prctl (or if the parent died before the call).

Used by `guide.cards.pdf`. WeasyPrint is imported inside `print_files_only`, as `guide.cards.pdf` does.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal
import threading
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

PR_SET_PDEATHSIG = 1
WATCH_SECONDS = 0.5


def print_files_only(folder: Path):
    """A WeasyPrint URL fetcher limited to `data:` and the files in `folder`."""
    import weasyprint

    allowed = folder.resolve()

    class PrintFilesOnly(weasyprint.URLFetcher):
        def fetch(self, url, headers=None):
            if not readable(url, allowed):
                raise ValueError(f"not read: {url[:120]} (printables may use only data: addresses and the print "
                                 f"files in {allowed.name}/; remove the address from the text)")
            return super().fetch(url, headers)

    return PrintFilesOnly(allowed_protocols={"file", "data"})


def readable(url: str, folder: Path) -> bool:
    """A `data:` address, or a `file:` address of a file inside `folder` (links resolved)."""
    parts = urlsplit(url)
    if parts.scheme.lower() == "data":
        return True
    if parts.scheme.lower() != "file" or parts.netloc not in ("", "localhost"):
        return False
    path = Path(unquote(parts.path)).resolve()
    return path.is_relative_to(folder) and path.is_file()


def end_with_parent(parent: int) -> None:
    """Make this (worker) process end when process `parent` ends."""
    libc_name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(libc_name, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent:
        os._exit(1)
    threading.Thread(target=_watch, args=(parent,), daemon=True, name="end-with-parent").start()


def _watch(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(WATCH_SECONDS)
    os._exit(1)
