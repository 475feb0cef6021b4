"""Our own notes: a study chapter on every area page, a 要点 entry for every lesson
placed there, and Chinese typography throughout."""

import re

import pytest
import yaml

from distnotes.generate import load_project
from support import ROOT

DOCS = ROOT / "docs"
OWN_PAGES = sorted([DOCS / "index.md", DOCS / "glossary.md", *DOCS.glob("guide/*.md"), *DOCS.glob("extras/*.md"),
                    *DOCS.glob("areas/*/index.md")])
HAN = r"[\u4e00-\u9fff]"
GENERATED = re.compile(r"<!-- generated:begin.*?<!-- generated:end [^>]*-->", re.S)
# `### 课程一·第 3 讲｜分布式互斥：有你没我，有我没你`, `### 课程二·春节加餐｜深入聊一聊…`
POINTS_HEADING = re.compile(r"^### 课程([一二])·(?:第 (\d+) 讲|(\S+?))｜(.+)$", re.M)
SECTIONS = ["## 核心问题与技术", "## 本讲要点", "## 两门课对照", "## 怎么选", "## 常见坑", "## 思考题",
            "## 面试常问", "## 延伸阅读", "## 与其他区域的关系"]


@pytest.fixture(scope="module")
def project():
    return load_project(ROOT)


def prose(path):
    """What we wrote on a page: no front matter, generated parts, code, link targets, or
    lesson titles quoted from the syllabus in 要点 headings."""
    text = path.read_text(encoding="utf-8").split("---", 2)[2]
    text = GENERATED.sub("", text)
    text = re.sub(r"```.*?```", "", text, flags=re.S)  # diagrams and code
    text = re.sub(r"`[^`]*`", "", text)
    text = POINTS_HEADING.sub("", text)
    return re.sub(r"\]\([^)]*\)", "]", text)  # link targets


def check_typography(line):
    assert not re.search(rf"{HAN}[A-Za-z0-9]|[A-Za-z0-9]{HAN}", line), f"no space: {line[:60]}"
    assert not re.search(rf"{HAN}[,;:?!()]|[,;:?!()]{HAN}", line), f"half-width punctuation: {line[:60]}"


@pytest.mark.parametrize("path", OWN_PAGES, ids=lambda p: p.relative_to(DOCS).as_posix())
def test_chinese_typography(path):
    for line in prose(path).split("\n"):
        check_typography(line)


def first_use(text, term, terms):
    """Where a term is first used on its own: not as part of a longer term (分片 in
    水平分片 is that term's use); -1 if it is not used."""
    longer = [other.zh for other in terms if term.zh in other.zh and other.zh != term.zh]
    for other in sorted(longer, key=len, reverse=True):
        text = text.replace(other, "\0" * len(other))
    return text.find(term.zh)


@pytest.mark.parametrize("path", OWN_PAGES, ids=lambda p: p.relative_to(DOCS).as_posix())
def test_terms_are_introduced_as_chinese_with_english(path, project):
    """The first time a page uses a glossary term written in Han characters, it writes
    it 中文（English）."""
    text = prose(path)
    missing = []
    for term in project.terms:
        if re.search("[A-Za-z]", term.zh) or term.zh == term.en:
            continue
        first = first_use(text, term, project.terms)
        if first >= 0 and not text[first + len(term.zh):].startswith("（"):
            missing.append(f"{term.zh}: …{text[max(0, first - 8):first + 24]}…")
    assert not missing, "\n".join(missing)


def test_glossary_typography():
    for entry in yaml.safe_load((ROOT / "glossary.yml").read_text(encoding="utf-8")):
        check_typography(entry["zh"])
        check_typography(entry["def"])


def tag(lesson) -> tuple[str, str, str]:
    """(course, number or label, name) as a 要点 heading names a lesson."""
    label, name = lesson.title.split("｜", 1)
    course = "一" if lesson.course.id == "nie-2019" else "二"
    return course, str(int(label)) if label.isdigit() else label, name


@pytest.mark.parametrize("slug", ["resource-pooling", "communication", "data-storage", "computing",
                                  "coordination", "scheduling", "tracing-ha", "deployment"])
def test_every_area_page_is_a_study_chapter_with_points_for_each_lesson(slug, project):
    area = project.syllabus.areas[slug]
    page = DOCS / area.page
    source = page.read_text(encoding="utf-8")
    notes = prose(page)
    assert len(re.findall(HAN, notes)) >= 3000, f"{slug}: {len(re.findall(HAN, notes))} Han characters"
    positions = [source.find(section) for section in SECTIONS]
    assert -1 not in positions, [s for s, p in zip(SECTIONS, positions, strict=True) if p < 0]
    assert positions == sorted(positions), "sections out of order"
    assert "|---|" in source
    placed = {tag(lesson): lesson for lesson in project.syllabus.lessons_in(slug)}
    named = [(m.group(1), m.group(2) or m.group(3), m.group(4)) for m in POINTS_HEADING.finditer(source)]
    for heading in named:
        assert heading in placed, f"{slug}: 要点 for a lesson not placed here: {heading}"
    assert sorted(named) == sorted(placed), f"{slug}: no 要点 for {set(placed) - set(named)}"
    for match in POINTS_HEADING.finditer(source):
        section = source[match.end():].split("\n### ", 1)[0].split("\n## ", 1)[0]
        points = re.findall(r"^- ", section, re.M)
        assert 3 <= len(points) <= 6, f"{slug}: {match.group(0)} has {len(points)} points"


def test_beyond_the_courses_is_marked():
    """Every area page says where it goes beyond the two courses."""
    for page in DOCS.glob("areas/*/index.md"):
        assert "课外补充" in page.read_text(encoding="utf-8"), page


def test_every_placed_lesson_is_listed_on_its_area_pages(project):
    for area in project.syllabus.areas.values():
        if not area.on_map:
            continue
        listed = (DOCS / area.page).read_text(encoding="utf-8")
        for lesson in project.syllabus.lessons_in(area.slug):
            assert lesson.title in listed, (area.slug, lesson.title)
