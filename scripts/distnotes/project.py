"""Where the project is: the one way every command finds it."""

from __future__ import annotations

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
