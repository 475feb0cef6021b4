"""Front-end packages the site serves itself, copied from node_modules at build time
(installed from package-lock.json by the set-up, never committed)."""

from __future__ import annotations

from pathlib import Path

MERMAID_SITE_DIR = "assets/javascripts/vendor/mermaid"
_MERMAID_FILES = ("mermaid.esm.min.mjs", "chunks/mermaid.esm.min")


def mermaid_files(root: Path) -> list[tuple[str, Path]]:
    """(site path, file) of Mermaid's ES module build: the entry and its chunks."""
    dist = root / "node_modules" / "mermaid" / "dist"
    if not dist.is_dir():
        raise FileNotFoundError(f"{dist} is missing: run the set-up (npm ci) first")
    out = []
    for name in _MERMAID_FILES:
        source = dist / name
        for path in [source] if source.is_file() else sorted(source.rglob("*.mjs")):
            out.append((f"{MERMAID_SITE_DIR}/{path.relative_to(dist).as_posix()}", path))
    return out
