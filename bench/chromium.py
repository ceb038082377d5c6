"""Headless Chromium driven over its DevTools pipe: a true phone viewport, measured.

`--window-size=390,844` is not enough: headless Chromium keeps a 500 px minimum window,
so a "390 px" screenshot is a crop of a 500 px layout. Device-metrics emulation over the
DevTools protocol lays the page out at exactly the asked width (with `mobile`, the page's
`<meta name=viewport>` is honoured as on a phone). Only the standard library is used: the
protocol runs over two pipes (`--remote-debugging-pipe`), JSON messages ended by NUL.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--hide-scrollbars",
    "--remote-debugging-pipe",
]
# What the page measures of itself: the layout viewport, the document's width and height,
# and every element that sticks out to the right while not inside a scrolling box.
MEASURE = """(() => {
  const vw = document.documentElement.clientWidth;
  const out = [];
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.right <= vw + 0.5) continue;
    let p = el.parentElement, clipped = false;
    while (p && p !== document.body) {
      const o = getComputedStyle(p).overflowX;
      if (o === 'auto' || o === 'scroll' || o === 'hidden') { clipped = true; break; }
      p = p.parentElement;
    }
    if (!clipped) out.push(el.tagName.toLowerCase() + '.' + el.className + ' right=' + Math.round(r.right));
  }
  const px = [...document.querySelectorAll('svg text')].filter(t => t.getBoundingClientRect().width > 0).map(t => parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a);
  return JSON.stringify({inner: innerWidth, client: vw, scroll: document.documentElement.scrollWidth,
    height: document.documentElement.scrollHeight, overflowing: out.slice(0, 20),
    min_svg_font: px.length ? Math.min(...px) : null});
})()"""


def find_browser() -> str | None:
    """Debian's chromium, if installed."""
    return shutil.which("chromium") or shutil.which("chromium-browser")


@dataclass
class Measure:
    """What one page measured of itself at one viewport."""

    width: int
    inner: int
    scroll: int
    height: int
    overflowing: list[str]
    min_svg_font: float | None

    def problems(self, name: str) -> list[str]:
        """Anything off-screen, or a viewport that was not the one asked for."""
        out = []
        if self.inner != self.width:
            out.append(f"{name}: viewport is {self.inner} px, asked for {self.width}")
        if self.scroll > self.width:
            out.append(f"{name}: page is {self.scroll} px wide at a {self.width} px viewport")
        out += [f"{name}: off-screen {e}" for e in self.overflowing]
        return out


class Browser:
    """One headless Chromium; `shoot` lays a page out at a width, measures it, and saves a PNG."""

    def __init__(self, binary: str) -> None:
        self._profile = tempfile.mkdtemp(prefix="callsim-chromium-")
        to_chrome_r, self._to_chrome = os.pipe()
        self._from_chrome, from_chrome_w = os.pipe()

        def wire() -> None:
            # Chromium reads commands on fd 3 and writes answers on fd 4.
            os.dup2(to_chrome_r, 3)
            os.dup2(from_chrome_w, 4)

        self._proc = subprocess.Popen(
            [binary, *FLAGS, f"--user-data-dir={self._profile}", "about:blank"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            pass_fds=(3, 4),
            preexec_fn=wire,  # the only way to place the two pipe ends at fds 3 and 4
        )
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self._buffer = b""
        self._next = 0
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        self._session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})[
            "sessionId"
        ]
        self.call("Page.enable", session=True)

    def _read(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            if time.monotonic() > deadline:
                raise TimeoutError("chromium did not answer")
            chunk = os.read(self._from_chrome, 1 << 20)
            if not chunk:
                raise RuntimeError("chromium closed its pipe")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return dict(json.loads(message))

    def call(
        self, method: str, params: dict[str, Any] | None = None, *, session: bool = False
    ) -> dict[str, Any]:
        """Send one command and wait for its answer (events in between are dropped)."""
        self._next += 1
        msg: dict[str, Any] = {"id": self._next, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = self._session
        os.write(self._to_chrome, json.dumps(msg).encode() + b"\0")
        deadline = time.monotonic() + 60
        while True:
            got = self._read(deadline)
            if got.get("id") == self._next:
                if "error" in got:
                    raise RuntimeError(f"{method}: {got['error']}")
                return dict(got.get("result", {}))

    def _wait_for(self, event: str) -> None:
        deadline = time.monotonic() + 60
        while self._read(deadline).get("method") != event:
            pass

    def measure(self, page: Path, width: int, height: int) -> Measure:
        """Lay the page out at width x height (a phone when narrow) and measure it."""
        mobile = width < 600
        self.call(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile},
            session=True,
        )
        self.call("Page.navigate", {"url": page.resolve().as_uri()}, session=True)
        self._wait_for("Page.loadEventFired")
        # DevTools evaluation is not the page's script: the page's CSP still forbids any.
        got = self.call(
            "Runtime.evaluate", {"expression": MEASURE, "returnByValue": True}, session=True
        )
        m = json.loads(got["result"]["value"])
        return Measure(
            width, m["inner"], m["scroll"], m["height"], m["overflowing"], m["min_svg_font"]
        )

    def shoot(self, page: Path, out: Path, width: int, height: int) -> Measure:
        """Measure the page at width x height, then save the whole page's length as a PNG."""
        m = self.measure(page, width, height)
        # A viewport as tall as the page, rather than capturing beyond the viewport: the
        # latter left tiles of long pages unpainted (blank rows in a 150-row table). The
        # width, and so the layout, stays the one measured.
        self.call(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": max(height, m.height), "deviceScaleFactor": 1,
             "mobile": width < 600},
            session=True,
        )  # fmt: skip
        shot = self.call("Page.captureScreenshot", {"format": "png"}, session=True)
        out.write_bytes(base64.b64decode(shot["data"]))
        return m

    def close(self) -> None:
        """Stop this Chromium (only the process started here)."""
        with contextlib.suppress(RuntimeError, TimeoutError, OSError):
            self.call("Browser.close")
        try:
            self._proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.wait()
        os.close(self._to_chrome)
        os.close(self._from_chrome)
        shutil.rmtree(self._profile, ignore_errors=True)

    def __enter__(self) -> Browser:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
