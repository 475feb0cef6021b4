"""The syllabus: matching scraped files to lessons, errors that name their entry, and
what the generated parts of the sources derive from it."""

import shutil

import pytest

from distnotes.generate import area_counts, load_project, map_figure, nav
from distnotes.syllabus import SyllabusError, load_syllabus
from support import ROOT


@pytest.fixture(scope="module")
def project():
    return load_project(ROOT)


def test_every_way_a_file_names_its_lesson(syllabus):
    lock = syllabus.match("07 \\| 分布式锁：关键重地，非请勿入")
    assert lock.course.id == "nie-2019" and lock.n == 7
    assert syllabus.match("07｜分布式锁：关键重地，非请勿入") == lock
    assert syllabus.match("07丨分布式锁：关键重地，非请勿入") == lock
    assert syllabus.match("分布式锁：关键重地，非请勿入") == lock  # no number
    assert syllabus.match("07分布式锁：关键重地，非请勿入") == lock  # number glued on
    assert syllabus.match(filename="07 - 分布式锁：关键重地，非请勿入.md") == lock
    assert syllabus.match(filename="raw/000_36630e0d2798e8f3.txt").title.startswith("开篇词｜四纵四横")
    assert syllabus.match(filename="002_9fae27c13c2beacb.txt").course.id == "chen-2022"
    assert syllabus.match("一门没有的课") is None


def test_two_lessons_named_alike_are_not_guessed(syllabus):
    # Both courses have a 开篇词 and a 结束语: a bare label must not pick one.
    assert syllabus.match("结束语") is None


def test_nav_follows_the_map_and_lists_imported_lectures(project):
    sections = nav(project)
    assert [next(iter(section)) for section in sections] == ["首页", "导读", "四横", "四纵", "拓展", "课程表", "术语表"]
    layers = [next(iter(entry)) for entry in sections[2]["四横"]]
    assert layers == ["分布式资源池化", "分布式通信", "分布式数据存储与管理", "分布式计算"]
    guide = sections[1]["导读"]
    assert guide[0] == "guide/index.md"
    assert {"开篇词｜四纵四横，带你透彻理解分布式技术": "lectures/nie-2019/00.md"} in guide


def test_map_counts_say_what_they_count(project):
    syllabus = project.syllabus
    figure = map_figure(project)
    for area in syllabus.areas.values():
        if area.on_map:
            assert f'href="areas/{area.slug}/"' in figure
    main = [lesson for lesson in syllabus.lessons if lesson.area == "data-storage"]
    also = [lesson for lesson in syllabus.lessons if "data-storage" in lesson.also]
    assert len(main) > 10 and f"{len(main)} 课，兼属 {len(also)} 课，已导入 0" in figure  # not added together
    assert "课程一未涉及" in figure and figure.count("map-gap-line") == 2
    assert "不重复计入" in figure  # the legend says how the counts count


def test_imported_lectures_count_on_the_map_where_they_sit(tmp_path):
    for name in ("syllabus.yml", "glossary.yml"):
        shutil.copy(ROOT / name, tmp_path)
    (tmp_path / "docs/lectures/nie-2019").mkdir(parents=True)
    (tmp_path / "docs/lectures/nie-2019/06.md").write_text("---\ntitle: x\n---\n", encoding="utf-8")
    project = load_project(tmp_path)
    storage = area_counts(project, project.syllabus.areas["data-storage"])  # 06 is secondary there
    coordination = area_counts(project, project.syllabus.areas["coordination"])
    assert storage.pages == coordination.pages == ("lectures/nie-2019/06/",)
    assert "已导入 1" in map_figure(project)


def test_a_title_outside_the_syllabus_is_placed_by_its_keywords(syllabus):
    assert syllabus.guess_area("深入理解 Raft 共识") == "coordination"
    assert syllabus.guess_area("令牌桶限流实战") == "tracing-ha"
    assert syllabus.guess_area("我的读书笔记") == "unsorted"


def _syllabus_with(tmp_path, lessons: str):
    path = tmp_path / "syllabus.yml"
    path.write_text(
        "areas:\n  - {slug: coordination, name: 分布式协同, short: 协同, kind: line}\n"
        "courses:\n  - id: c\n    title: 课\n    author: 某\n    year: 2020\n    lessons:\n" + lessons,
        encoding="utf-8")
    return path


def test_a_broken_entry_is_named_with_its_file(tmp_path):
    path = _syllabus_with(tmp_path, '      - {n: 3, title: "03 | 互斥"}\n')
    with pytest.raises(SyllabusError, match=r"syllabus.yml: course c, lesson 3 \(03 \| 互斥\): no 'area'"):
        load_syllabus(path)
    path = _syllabus_with(tmp_path, '      - {n: 3, title: "03 | 互斥", area: nowhere}\n')
    with pytest.raises(SyllabusError, match="lesson 3 .*unknown area nowhere"):
        load_syllabus(path)


def test_two_lessons_claiming_one_page_are_rejected(tmp_path):
    path = _syllabus_with(tmp_path, '      - {n: 3, title: "03 | 互斥", area: coordination}\n'
                                    '      - {n: 3, title: "04 | 选举", area: coordination}\n')
    with pytest.raises(SyllabusError, match="lesson 3 .*04 | 选举.*a second lesson 3 of c"):
        load_syllabus(path)
