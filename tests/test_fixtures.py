"""One scraped input and its expected page per scraping defect (tests/fixtures/).

`UPDATE_FIXTURES=1 pytest tests/test_fixtures.py` rewrites the expected pages; read the
diff before committing it.
"""

import os

import pytest

from support import FIXTURES, tidy_page

INPUTS = sorted(FIXTURES.glob("*.txt"))


@pytest.mark.parametrize("source", INPUTS, ids=[path.stem for path in INPUTS])
def test_fixture_page(source, syllabus):
    expected = source.with_suffix(".expected.md")
    page = tidy_page(source, syllabus)
    if os.environ.get("UPDATE_FIXTURES"):
        expected.write_text(page, encoding="utf-8")
    assert page == expected.read_text(encoding="utf-8")


def test_every_fixture_has_its_expected_page():
    assert len(INPUTS) >= 15
    assert all(path.with_suffix(".expected.md").exists() for path in INPUTS)
