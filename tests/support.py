"""Helpers the test modules share (conftest.py only holds fixtures: two conftest
modules, here and in browser/, cannot both be imported by that name)."""

from pathlib import Path

from distnotes.cli import place
from distnotes.render import render
from distnotes.tidy import decode, tidy

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"


def tidy_page(path: Path, syllabus) -> str:
    """The page tidy.py writes for one scraped file (without a previous page)."""
    lecture = tidy(decode(path.read_bytes()), path.name)
    return render(lecture, place(lecture, syllabus, path))
