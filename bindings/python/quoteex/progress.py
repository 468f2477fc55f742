"""A one-line progress bar on stderr for the CLI, shown only on a terminal.

When stderr is a pipe or a file the bar prints nothing at all, so logs and
scripts see only real messages.
"""
from __future__ import annotations

import sys
import time
from typing import IO


class Progress:
    """Counts finished items out of total and redraws one line on stream.

    Active only when ``enabled`` and stream is a terminal; redraws at most
    ten times a second so that it costs nothing next to the extraction.
    """

    WIDTH = 30

    def __init__(self, total: int, enabled: bool = True, stream: IO[str] | None = None,
                 label: str = "files") -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.total = total
        self.label = label
        self.done = 0
        self.quotes = 0
        self.active = enabled and _isatty(self.stream)
        self._start = time.monotonic()
        self._last = 0.0

    def advance(self, quotes: int) -> None:
        """One more item done, which had quotes quotes."""
        self.done += 1
        self.quotes += quotes
        if not self.active:
            return
        now = time.monotonic()
        if now - self._last >= 0.1 or self.done == self.total:
            self._last = now
            self._draw(now)

    def _draw(self, now: float) -> None:
        frac = self.done / self.total if self.total else 1.0
        filled = int(frac * self.WIDTH)
        bar = "#" * filled + "-" * (self.WIDTH - filled)
        rate = self.done / max(now - self._start, 1e-6)
        self.stream.write(f"\rquoteex [{bar}] {self.done}/{self.total} {self.label}, "
                          f"{self.quotes} quotes, {rate:.0f}/s ")
        self.stream.flush()

    def clear(self) -> None:
        """Erase the bar, so a message can take its line; the next advance
        draws it again below the message."""
        if self.active and self.done:
            self.stream.write("\r\033[K")
            self.stream.flush()
            self._last = 0.0

    def close(self) -> None:
        """End the bar's line so later messages start on a fresh one."""
        if self.active and self.done:
            self.stream.write("\n")
            self.stream.flush()
        self.active = False


def _isatty(stream: IO[str]) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
