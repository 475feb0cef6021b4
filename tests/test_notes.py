"""Our own notes: substance on every area page, and Chinese typography throughout."""

import re

import pytest
import yaml

from distnotes.content import lesson_list
from support import ROOT

DOCS = ROOT / "docs"
OWN_PAGES = sorted([DOCS / "index.md", DOCS / "glossary.md", *DOCS.glob("guide/*.md"), *DOCS.glob("extras/*.md"),
                    *DOCS.glob("areas/*/index.md")])
HAN = r"[\u4e00-\u9fff]"


def prose(path):
    text = path.read_text(encoding="utf-8").split("---", 2)[2]
    text = re.sub(r"```.*?```", "", text, flags=re.S)  # diagrams and code
    text = re.sub(r"`[^`]*`", "", text)
    return re.sub(r"\]\([^)]*\)", "]", text)  # link targets


def check_typography(line):
    assert not re.search(rf"{HAN}[A-Za-z0-9]|[A-Za-z0-9]{HAN}", line), f"no space: {line[:60]}"
    assert not re.search(rf"{HAN}[,;:?!()]|[,;:?!()]{HAN}", line), f"half-width punctuation: {line[:60]}"


@pytest.mark.parametrize("path", OWN_PAGES, ids=lambda p: p.relative_to(DOCS).as_posix())
def test_chinese_typography(path):
    for line in prose(path).split("\n"):
        check_typography(line)


def test_glossary_typography():
    for entry in yaml.safe_load((ROOT / "glossary.yml").read_text(encoding="utf-8")):
        check_typography(entry["zh"])
        check_typography(entry["def"])


def test_every_area_page_has_real_notes_and_all_its_lessons(syllabus):
    for area in syllabus.areas.values():
        if not area.on_map:
            continue
        page = DOCS / area.page
        notes = prose(page)
        assert len(re.findall(HAN, notes)) >= 500, area.slug  # "several hundred characters at least"
        source = page.read_text(encoding="utf-8")
        assert "|---|" in source or "```mermaid" in source, area.slug
        assert "## 与其他区域的关系" in source, area.slug
        listed = lesson_list(DOCS, syllabus, area, area.page)
        for lesson in syllabus.lessons_in(area.slug):
            assert lesson.title in listed
        assert {lesson.course.id for lesson in syllabus.lessons_in(area.slug)} <= {c.id for c in syllabus.courses}
