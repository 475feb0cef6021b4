"""The Pagefind index of a built site, whatever built it.

Pagefind 1.6 (its extended build, from the npm registry: package-lock.json) indexes
Chinese as whole words plus overlapping character pairs, so the browser's segmentation
of a query meets the index's however it splits a term (灰度发布 as 灰 / 度 / 发布): no
alias tokens are needed, and an excerpt shows only what the page says.

`distnotes index SITE_DIR` indexes a site; the MkDocs hook calls the same `build_index`
after each build, so `serve` has search too.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

# Not indexed: diagram source (the map would match every area name) and comment threads
# (carried by data-pagefind-ignore already; listed here too so no theme markup slips in).
EXCLUDE = ["pre.mermaid", "div.mermaid", "figure.diagram", "details.comments", ".lecture-audio", ".headerlink"]
_PAGES = re.compile(r"Indexed (\d+) pages?")  # "Indexed 15 pages"


def pagefind(root: Path) -> Path:
    """The npm package's runner (it starts the extended binary)."""
    runner = root / "node_modules" / ".bin" / "pagefind"
    if not runner.is_file():
        raise FileNotFoundError(f"{runner} is missing: run the set-up (npm ci) first")
    return runner


def build_index(root: Path, site_dir: Path) -> int:
    """Index the built pages; the number of pages indexed. Raises, with Pagefind's own
    message, if it fails or indexes nothing."""
    command = [str(pagefind(root)), "--site", str(site_dir), "--force-language", "zh"]
    for selector in EXCLUDE:
        command += ["--exclude-selectors", selector]
    done = subprocess.run(command, capture_output=True, text=True)
    found = _PAGES.search(done.stdout)
    if done.returncode != 0 or not found or int(found.group(1)) == 0:
        raise RuntimeError(f"Pagefind could not index {site_dir}: {(done.stderr or done.stdout).strip()[-800:]}")
    return int(found.group(1))
