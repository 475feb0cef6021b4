"""What the data files generate into the sources: the nav and the abbreviations in
mkdocs.yml, the map on the home page, each area's term and lesson lists, the glossary.

Each generated part sits between two marker lines in a committed file, so any site
generator that reads mkdocs.yml and Markdown (MkDocs, Zensical) builds the same site,
and `distnotes generate --check` proves the committed parts are what the data makes.
Pure functions of the data and the list of pages; the CLI does the reading and writing.
"""

from __future__ import annotations

import html
import posixpath
import re
import textwrap
from dataclasses import dataclass
from pathlib import Path

import yaml

from .glossary import Term, load_glossary
from .model import UNSORTED
from .syllabus import Area, Lesson, Syllabus, load_syllabus

GLOSSARY_PAGE = "glossary.md"


@dataclass(frozen=True)
class Project:
    """The data files and which lecture pages exist: all that generation reads."""

    root: Path
    syllabus: Syllabus
    terms: tuple[Term, ...]
    imported: frozenset[str]  # docs-relative paths of the lecture pages there are
    unsorted: tuple[tuple[str, str, str], ...]  # (path, title, area) of unlisted lectures

    @property
    def docs(self) -> Path:
        return self.root / "docs"

    def is_imported(self, lesson: Lesson) -> bool:
        return lesson.page in self.imported

    def pages_beside(self, area: Area) -> list[str]:
        """Pages of ours in an area's folder besides its index (the guide's 学习路线)."""
        folder = (self.docs / area.page).parent
        return [path.relative_to(self.docs).as_posix() for path in sorted(folder.glob("*.md")) if path.name != "index.md"]


def load_project(root: Path) -> Project:
    syllabus = load_syllabus(root / "syllabus.yml")
    docs = root / "docs"
    pages = frozenset(path.relative_to(docs).as_posix() for path in (docs / "lectures").rglob("*.md"))
    unsorted = []
    for path in sorted((docs / "lectures" / UNSORTED).glob("*.md")):
        meta = _front_matter(path.read_text(encoding="utf-8"))
        unsorted.append((path.relative_to(docs).as_posix(), str(meta.get("title", path.stem)),
                         str(meta.get("area", UNSORTED))))
    return Project(root, syllabus, load_glossary(root / "glossary.yml", syllabus), pages, tuple(unsorted))


def _front_matter(page: str) -> dict:
    if not page.startswith("---\n"):
        return {}
    return yaml.safe_load(page.split("---\n", 2)[1]) or {}


def relative(target: str, page: str) -> str:
    """A link from one docs page to another, as Markdown wants it."""
    return posixpath.relpath(target, posixpath.dirname(page) or ".")


def text(value: str) -> str:
    """A title from the data or a scraped page, as text in any HTML it lands in."""
    return html.escape(value, quote=False)


# --- mkdocs.yml ---------------------------------------------------------------------


def nav(project: Project) -> list:
    """首页, 导读, 四横, 四纵, 拓展: each area's page first, then its imported lectures."""
    data = project.syllabus

    def section(area: Area) -> list:
        pages = project.pages_beside(area)  # our own pages in the area's folder: 学习路线
        lectures = [{text(lesson.title): lesson.page} for lesson in data.lessons
                    if lesson.area == area.slug and project.is_imported(lesson)]
        lectures += [{text(title): path} for path, title, slug in project.unsorted if slug == area.slug]
        return [area.page, *pages, *lectures]

    areas = data.areas.values()
    unplaced = [{text(title): path} for path, title, slug in project.unsorted if slug not in data.areas]
    return [
        {"首页": "index.md"},
        {"导读": section(data.areas["guide"])},
        {"四横": [{area.name: section(area)} for area in areas if area.kind == "layer"]},
        {"四纵": [{area.name: section(area)} for area in areas if area.kind == "line"]},
        {"拓展": section(data.areas["extras"]) + ([{"未归类": unplaced}] if unplaced else [])},
        {"课程表": [{f"《{course.title}》": f"{COURSES}/{course.id}.md"} for course in data.courses]},
        {"术语表": GLOSSARY_PAGE},
    ]


def abbreviations(terms: tuple[Term, ...]) -> dict[str, str]:
    """The abbr extension's glossary: a tooltip on every abbreviation, site-wide."""
    return {term.abbr: term.heading for term in terms if term.abbr}


def _yaml(value: object, indent: int) -> str:
    dumped = yaml.safe_dump(value, allow_unicode=True, sort_keys=False, width=1000)
    return textwrap.indent(dumped, " " * indent).rstrip("\n")


# --- Pages --------------------------------------------------------------------------


@dataclass(frozen=True)
class AreaCounts:
    """What the map says of an area: lessons placed there first, lessons placed there
    second (their first place is elsewhere), and the lecture pages there are of both."""

    main: int
    also: int
    pages: tuple[str, ...]  # site paths of the imported lectures, for the read marks

    def words(self) -> str:
        also = f"，兼属 {self.also} 课" if self.also else ""
        return f"{self.main} 课{also}，已导入 {len(self.pages)}"


def area_counts(project: Project, area: Area) -> AreaCounts:
    lessons = project.syllabus.lessons_in(area.slug)
    pages = tuple(page_url(lesson.page) for lesson in lessons if project.is_imported(lesson))
    return AreaCounts(sum(lesson.area == area.slug for lesson in lessons),
                      sum(lesson.area != area.slug for lesson in lessons), pages)


def page_url(page: str) -> str:
    """A page's URL path under the site: lectures/nie-2019/03.md -> lectures/nie-2019/03/."""
    return page.removesuffix("index.md").removesuffix(".md") + ("/" if not page.endswith("index.md") else "")


def map_figure(project: Project) -> str:
    """The 四纵四横 map as the course draws it: four layers stacked bottom-up across the
    whole width, and four lines standing across every layer, laid over them. It is a
    CSS grid of links (extra.css places each area; the lines overlap the layers), so it
    reflows on a phone, reads as words to a screen reader, and needs no script. Mermaid
    lays boxes out side by side and cannot draw one box across others."""
    data = project.syllabus
    layers = [area for area in data.areas.values() if area.kind == "layer"]
    lines = [area for area in data.areas.values() if area.kind == "line"]

    def read(counts: AreaCounts) -> str:
        return f'<span class="read-count" data-pages="{" ".join(counts.pages)}"></span>'

    cells = []
    for number, area in enumerate(layers):  # bottom-up: the first layer sits in the last row
        counts = area_counts(project, area)
        cells.append(
            f'<a class="map-area map-layer" data-row="{len(layers) + 1 - number}" href="{page_url(area.page)}">'
            f'<strong class="map-name">{area.name}</strong>'
            f'<span class="map-count">{counts.words()}{read(counts)}</span></a>')
    for number, area in enumerate(lines, 1):
        counts = area_counts(project, area)
        also = f"，兼属 {counts.also} 课" if counts.also else ""
        gap = f'<span class="map-gap">{area.gap}</span>' if area.gap else ""
        cells.append(
            f'<a class="map-area map-line{" map-gap-line" if area.gap else ""}" data-column="{number + 1}" '
            f'href="{page_url(area.page)}"><strong class="map-name">{area.short}</strong>'
            f'<span class="map-count">{counts.main} 课{also}</span>{gap}'
            f'<span class="map-count map-imported">已导入 {len(counts.pages)}{read(counts)}</span></a>')
    legend = ("横条是四横，从下往上；竖条是四纵，穿过每一层。虚线框的两条线是第一门课没有展开的："
              "追踪与高可用它只讲了高可用，部署没有涉及。“课”数是主属这个区域的课；“兼属”是主属别处、"
              "也与这里有关的课，不重复计入。“已读”只记在你自己的浏览器里。")
    return ('<nav class="area-map" aria-labelledby="area-map-title" aria-describedby="area-map-legend">\n'
            '<p class="area-map-title" id="area-map-title">四纵四横知识地图：四横自底向上，四纵贯穿每一层</p>\n'
            # The cells' names and counts are generated: left out of search.
            f'<div class="area-map-grid" data-pagefind-ignore="all">{"".join(cells)}</div>\n'
            f'<p class="area-map-legend" id="area-map-legend">{legend}</p>\n</nav>')


# A badge, not content: search neither finds it nor shows it in an excerpt.
PENDING = '<span class="lesson-pending" data-pagefind-ignore>未导入</span>'


def lesson_item(project: Project, lesson: Lesson, page: str) -> str:
    """A lesson as Markdown: linked if imported, marked 未导入 if not."""
    if project.is_imported(lesson):
        return f"[{text(lesson.title)}]({relative(lesson.page, page)})"
    return f'{text(lesson.title)} {PENDING}'


def lesson_list(project: Project, area: Area) -> str:
    """Both courses' lessons of an area in lesson order: imported ones linked, the others
    marked, and those whose first place is another area say so."""
    data = project.syllabus
    out = ["## 两门课中的相关课程", ""]
    for course in data.courses:
        lessons = [lesson for lesson in data.lessons_of(course) if area.slug in lesson.areas]
        if not lessons:
            continue
        # Down-weighted in search: every area page repeats the course and lecturer names.
        out += [f'### 《{course.title}》（{course.author}，{course.year}） {{ data-pagefind-weight="0.2" }}', ""]
        for lesson in lessons:
            item = lesson_item(project, lesson, area.page)
            if lesson.area != area.slug:
                item += f"（主属{data.areas[lesson.area].name}）"
            out.append(f"- {item}")
        out.append("")
    return "\n".join(out).rstrip("\n")


def term_list(project: Project, area: Area) -> str:
    """An area's key terms, each linked to its glossary entry."""
    link = relative(GLOSSARY_PAGE, area.page)
    items = [f"[{term.heading}]({link}#{term.id})" for term in project.terms if term.area == area.slug]
    return "## 本区术语\n\n" + "、".join(items) if items else ""


def area_lists(project: Project, area: Area) -> str:
    """The area's terms and lessons, left out of search (generated lists, not our notes),
    and the area as the 搜索 page's filter."""
    lists = "\n\n".join(part for part in (term_list(project, area), lesson_list(project, area)) if part)
    return (f'<span hidden data-pagefind-filter="地图位置:{area.name}"></span>\n\n'
            f'<div class="area-lists" data-pagefind-ignore="all" markdown>\n\n{lists}\n\n</div>')


def glossary_page(project: Project) -> str:
    """Every term by area: 中文（English）, our definition, its area and its lessons."""
    out = []
    for area in project.syllabus.areas.values():
        entries = [term for term in project.terms if term.area == area.slug]
        if not entries:
            continue
        out += [f"## {area.name}", ""]
        for term in entries:
            where = f"[{area.name}]({relative(area.page, GLOSSARY_PAGE)})"
            # Normal weight: Pagefind boosts headings, and the glossary defines a term in a
            # line where an area page treats it at length.
            out += [f'### {term.heading} {{ #{term.id} data-pagefind-weight="1" }}', ""]
            # Where it sits and its lessons are generated: left out of search and excerpts.
            facts = ([f"缩写：{term.abbr}"] if term.abbr else []) + [
                f"<span data-pagefind-ignore>地图位置：{where}</span>"]
            out += [" · ".join(facts), "", term.definition, ""]
            if term.lessons:
                lessons = "；".join(f"{lesson.course.label}·{lesson_item(project, lesson, GLOSSARY_PAGE)}"
                                   for lesson in term.lessons)
                out += [f"相关课程：{lessons}", "{ data-pagefind-ignore }", ""]
    return "\n".join(out).rstrip("\n")


COURSES = "courses"  # docs/courses/<course id>.md: each course's lessons in order


def course_table(project: Project, course) -> str:
    """Every lesson of a course in order: its number, title (linked when imported), its
    place on the map, and imported or not; the read marks are filled in the browser."""
    data = project.syllabus
    page = f"{COURSES}/{course.id}.md"
    lessons = data.lessons_of(course)
    imported = [page_url(lesson.page) for lesson in lessons if project.is_imported(lesson)]
    out = [f'<p class="course-progress">共 {len(lessons)} 课，已导入 {len(imported)} 课'
           f'<span class="read-count" data-pages="{" ".join(imported)}"></span>。</p>', "",
           *offline_control(course), "",
           # The rows are generated: search finds a lesson on its own page and in our notes.
           '<div class="course-lessons" data-pagefind-ignore="all" markdown>', "",
           "| 序号 | 课程 | 模块 | 地图位置 | 状态 |", "|---|---|---|---|---|"]
    for lesson in lessons:
        title = (f"[{text(lesson.name)}]({relative(lesson.page, page)})" if project.is_imported(lesson)
                 else text(lesson.name))
        places = "、".join(f"[{data.areas[slug].short}]({relative(data.areas[slug].page, page)})"
                          for slug in lesson.areas)
        state = (f'已导入<span class="read-mark" data-page="{page_url(lesson.page)}"></span>'
                 if project.is_imported(lesson) else PENDING)
        out.append(f"| {lesson.label} | {title} | {text(lesson.module)} | {places} | {state} |")
    return "\n".join([*out, "", "</div>"])


def offline_control(course) -> list[str]:
    """离线阅读 for a whole course, hidden until offline-reading.js finds the build's list
    of its files (a preview build without a service worker has none)."""
    return [f'<div class="offline-course" data-course="{course.id}" hidden>',
            '<button type="button" class="md-button offline-save">离线阅读</button>',
            '<button type="button" class="md-button offline-remove" hidden>移除离线副本</button>',
            '<progress hidden aria-label="保存进度"></progress>',
            '<span class="offline-status" role="status"></span>',
            "</div>"]


def not_found_links(project: Project) -> str:
    """The 404 page's way back: the map's eight areas, each a link from the site root."""
    areas = [area for area in project.syllabus.areas.values() if area.on_map]
    return "\n".join(f'<li><a href="{{{{ \'{page_url(area.page)}\' | url }}}}">{area.name}</a></li>' for area in areas)


# --- Between the markers ------------------------------------------------------------


@dataclass(frozen=True)
class Part:
    """One generated part: the file it lives in (relative to the project), its name
    in the markers, and its text."""

    path: str
    name: str
    content: str


def parts(project: Project) -> list[Part]:
    out = [
        Part("mkdocs.yml", "nav", _yaml({"nav": nav(project)}, 0)),
        Part("mkdocs.yml", "abbreviations", _yaml({"glossary": abbreviations(project.terms)}, 6)),
        Part("docs/index.md", "map", map_figure(project)),
        Part("overrides/404.html", "areas", not_found_links(project)),
        Part(f"docs/{GLOSSARY_PAGE}", "glossary", glossary_page(project)),
    ]
    out += [Part(f"docs/{area.page}", "area", area_lists(project, area)) for area in project.syllabus.areas.values()]
    out += [Part(f"docs/{COURSES}/{course.id}.md", "lessons", course_table(project, course))
            for course in project.syllabus.courses]
    return out


def _markers(path: str, name: str) -> tuple[str, str]:
    if path.endswith((".yml", ".yaml")):
        return f"# generated:begin {name}", f"# generated:end {name}"
    if path.endswith(".html"):  # a theme template
        return f"{{# generated:begin {name} #}}", f"{{# generated:end {name} #}}"
    return (f"<!-- generated:begin {name}（由 distnotes generate 从数据文件生成，请勿手改） -->",
            f"<!-- generated:end {name} -->")


def fill(source: str, part: Part) -> str:
    """The file's text with the part between its markers (the markers' indent kept)."""
    begin, end = _markers(part.path, part.name)
    pattern = re.compile(rf"^([ \t]*){re.escape(begin)}\n.*?^[ \t]*{re.escape(end)}$", re.S | re.M)
    match = pattern.search(source)
    if match is None:
        raise ValueError(f"{part.path}: no '{begin}' … '{end}' lines for the generated {part.name}")
    indent = match.group(1)
    block = f"{indent}{begin}\n{part.content}\n{indent}{end}"
    return source[: match.start()] + block + source[match.end():]


def generated(project: Project) -> dict[str, str]:
    """Every file that holds a generated part, as it should read (path -> text)."""
    files: dict[str, str] = {}
    for part in parts(project):
        source = files.get(part.path)
        if source is None:
            source = (project.root / part.path).read_text(encoding="utf-8")
        files[part.path] = fill(source, part)
    return files
