"""Take the screenshots of the HTML report that the docs show, one per example.

    python docs/images/screenshots.py        # needs Graphviz, Playwright and Debian's chromium

Writes ``docs/images/report-<example>.png``: the top of the report of each
example's before-model (summary, filters, first findings), as a reader sees
it in a 1200-pixel-wide browser window; and for case 1 also the report's
picture of the whole structure (``report-01-work-organization-structure.png``).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
WIDTH, HEIGHT = 1200, 1400
STRUCTURE_OF = "01-work-organization"
"""The example whose structure picture (the whole view, as the report shows it) is kept too."""


def main() -> int:
    chromium = shutil.which("chromium")
    if chromium is None:
        print("install Debian's chromium first: apt-get install chromium", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium)
        page = browser.new_page(viewport={"width": WIDTH, "height": HEIGHT})
        for before in sorted((ROOT / "examples").glob("*/before")):
            name = before.parent.name
            html = Path(tmp) / f"{name}.html"
            relative = before.relative_to(ROOT)
            subprocess.run(  # noqa: S603 -- a fixed argument list, no shell
                [sys.executable, "-m", "govrules", "report", str(relative), "-o", str(html)],
                cwd=ROOT,
                check=True,
            )
            page.goto(html.as_uri())
            page.screenshot(path=str(HERE / f"report-{name}.png"))
            print(f"docs/images/report-{name}.png")
            if name == STRUCTURE_OF:
                picture = HERE / f"report-{name}-structure.png"
                page.locator("#view-all").screenshot(path=str(picture))
                print(f"docs/images/{picture.name}")
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
