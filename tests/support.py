"""Helpers the test modules share (conftest.py only holds fixtures: two conftest
modules, here and in browser/, cannot both be imported by that name)."""

from pathlib import Path

from distnotes.project import find_root
from distnotes.render import render
from distnotes.syllabus import place
from distnotes.tidy import decode, tidy

ROOT = find_root(Path(__file__).parent)  # the checkout these tests are in
FIXTURES = ROOT / "tests" / "fixtures"


def tidy_page(path: Path, syllabus) -> str:
    """The page `distnotes tidy` writes for one scraped file (without a previous page)."""
    lecture = tidy(decode(path.read_bytes()), path.name)
    return render(lecture, place(lecture, syllabus, path.relative_to(ROOT).as_posix(), path.name))
