"""The glossary data: enough accurate-looking entries, everywhere on the map, all linked."""

import re

import pytest

from distnotes.generate import abbreviations, glossary_page, load_project, term_list
from distnotes.glossary import load_glossary
from support import ROOT


@pytest.fixture(scope="module")
def project():
    return load_project(ROOT)


@pytest.fixture(scope="module")
def terms(syllabus):
    return load_glossary(ROOT / "glossary.yml", syllabus)


def test_at_least_115_terms_over_all_eight_areas(terms, syllabus):
    assert len(terms) >= 115
    on_map = {area.slug for area in syllabus.areas.values() if area.on_map}
    assert {term.area for term in terms} == on_map
    for term in terms:
        assert re.fullmatch(r"[a-z0-9-]+", term.id), term.id  # a stable, ASCII anchor
        # A term the courses do not treat says so and cites no lesson.
        assert bool(term.lessons) != term.definition.startswith("课外补充"), f"{term.id}: lessons or 课外补充"
        assert "（" not in term.zh and (term.zh == term.en or term.zh not in term.en), f"{term.id}: heading {term.heading}"
        assert len(term.definition) >= 15 and term.definition.endswith("。"), term.id


def test_the_glossary_page_lists_every_term_with_its_anchor_and_links(terms, project):
    page = glossary_page(project)
    for term in terms:
        assert f"### {term.heading} {{ #{term.id} " in page
    assert "[开篇词｜四纵四横，带你透彻理解分布式技术](lectures/nie-2019/00.md)" not in page  # no term cites it
    assert "(areas/coordination/index.md)" in page
    assert '<span class="lesson-pending" data-pagefind-ignore>未导入</span>' in page


def test_area_pages_link_their_terms_to_the_glossary(project):
    section = term_list(project, project.syllabus.areas["coordination"])
    assert "[两阶段提交（Two-Phase Commit）](../../glossary.md#2pc)" in section


def test_abbreviations_come_from_the_glossary(terms):
    glossary = abbreviations(terms)
    assert glossary["2PC"] == "两阶段提交（Two-Phase Commit）"
    assert glossary["CAP"] == "CAP 定理（CAP Theorem）"
    assert len(glossary) == sum(1 for term in terms if term.abbr)


def test_bad_glossary_entries_are_named(tmp_path, syllabus):
    bad = tmp_path / "glossary.yml"
    bad.write_text("- {id: x, zh: 甲, en: A, area: nowhere, def: 定义。}\n", encoding="utf-8")
    with pytest.raises(ValueError, match="term 'x' names unknown area"):
        load_glossary(bad, syllabus)
    bad.write_text("- {id: x, zh: 甲, en: A, area: coordination, def: 定义。, lessons: [nie-2019:99]}\n",
                   encoding="utf-8")
    with pytest.raises(ValueError, match="lessons the syllabus does not have"):
        load_glossary(bad, syllabus)
