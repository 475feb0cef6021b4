"""Shared test set-up: paths, the project's syllabus, and tidying a fixture as tidy.py does."""

from pathlib import Path

import pytest

from distnotes.cli import place
from distnotes.render import render
from distnotes.syllabus import load_syllabus
from distnotes.tidy import decode, tidy

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def syllabus():
    return load_syllabus(ROOT / "syllabus.yml")


def tidy_page(path: Path, syllabus) -> str:
    """The page tidy.py writes for one scraped file (without a previous page)."""
    lecture = tidy(decode(path.read_bytes()), path.name)
    return render(lecture, place(lecture, syllabus, path))
