"""Where the project is: the one way every command finds it."""

from __future__ import annotations

import re
from pathlib import Path

MARKER = "syllabus.yml"  # the data file only the project's top folder has


def find_root(start: Path | None = None) -> Path:
    """The nearest folder from `start` (default: the working directory) upwards that
    holds syllabus.yml and mkdocs.yml: commands run from anywhere inside the project."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / MARKER).is_file() and (folder / "mkdocs.yml").is_file():
            return folder
    raise FileNotFoundError(f"no project here: neither {here} nor a folder above it has {MARKER} and mkdocs.yml")


def mkdocs_setting(root: Path, key: str) -> str:
    """A top-level setting of mkdocs.yml, read as text (its `!ENV` and `!!python` tags
    need MkDocs to load): `site_name: 分布式技术笔记` -> 分布式技术笔记; for
    `site_url: !ENV [SITE_URL, "http://127.0.0.1:8000/"]`, the default. "" if absent."""
    found = re.search(rf"^{re.escape(key)}:[ \t]*(.*)$", (root / "mkdocs.yml").read_text(encoding="utf-8"), re.M)
    if not found:
        return ""
    value = found[1].split(" #", 1)[0].strip()
    default = re.fullmatch(r'!ENV \[\w+, "([^"]*)"\]', value)
    return default[1] if default else value.strip('"')
