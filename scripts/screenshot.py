"""Render the HTML report of articles/ and save the README screenshot (docs/report.png) with headless Chromium."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]


def main() -> int:
    """Write docs/report.png: the first article's highlighted text with one claim's details open."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        print("chromium is not installed (apt-get install chromium)", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        html = Path(tmp) / "report.html"
        subprocess.run([sys.executable, "-m", "claimcheck", "report", "articles/", "--format", "html", "--output",
                        str(html)], cwd=ROOT, check=True)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=ARGS)
            page = browser.new_page(viewport={"width": 1100, "height": 760})
            page.goto(html.as_uri())
            claim = page.locator('mark.claim[data-verdict="contradicted"]').nth(2)
            claim.scroll_into_view_if_needed()
            page.evaluate("window.scrollBy(0, -260)")
            claim.focus()
            page.screenshot(path=str(ROOT / "docs" / "report.png"))
            browser.close()
    print("wrote docs/report.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
