import pytest

from distnotes.syllabus import load_syllabus
from support import ROOT


@pytest.fixture(scope="session")
def syllabus():
    return load_syllabus(ROOT / "syllabus.yml")
