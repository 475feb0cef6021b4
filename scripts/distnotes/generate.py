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
        {"术语表": GLOSSARY_PAGE},
    ]


def abbreviations(terms: tuple[Term, ...]) -> dict[str, str]:
    """The abbr extension's glossary: a tooltip on every abbreviation, site-wide."""
    return {term.abbr: term.heading for term in terms if term.abbr}


def _yaml(value: object, indent: int) -> str:
    dumped = yaml.safe_dump(value, allow_unicode=True, sort_keys=False, width=1000)
    return textwrap.indent(dumped, " " * indent).rstrip("\n")


# --- Pages --------------------------------------------------------------------------


def map_diagram(project: Project) -> str:
    """The 四纵四横 map as Mermaid: wide layers stacked bottom-up, and beside them the
    four lines as tall pillars (their names written top to bottom) that span every layer."""
    data = project.syllabus

    def counts(area: Area) -> str:
        lessons = data.lessons_in(area.slug)
        done = sum(project.is_imported(lesson) for lesson in lessons)
        return f"{len(lessons)} 课 · 已导入 {done}"

    # Markdown strings: Material reads the diagram as text, so HTML such as <br> is lost.
    def layer(area: Area, node_id: str) -> str:
        return f'{node_id}["`**{area.name}**\n{counts(area)}`"]'

    def line(area: Area, node_id: str) -> str:
        name = "\n".join(area.short)
        gap = "\n\n" + "\n".join(textwrap.wrap(area.gap, 4)) if area.gap else ""
        return f'{node_id}("`**{name}**\n\n{counts(area).replace(" · ", chr(10))}{gap}`")'

    layers = [area for area in data.areas.values() if area.kind == "layer"]
    lines = [area for area in data.areas.values() if area.kind == "line"]
    ids = {area.slug: f"L{i}" for i, area in enumerate(layers, 1)}
    ids |= {area.slug: f"V{i}" for i, area in enumerate(lines, 1)}
    # Top to bottom, the two unlinked subgraphs share a rank and stand side by side; a
    # subgraph keeps its own direction only while no edge links it to the outside.
    out = ["flowchart TB", '  subgraph layers["四横（自底向上）"]', "    direction BT"]
    out += [f"    {layer(area, ids[area.slug])}" for area in layers]
    out.append("    " + " --> ".join(ids[area.slug] for area in layers))
    out += ["  end", '  subgraph lines["四纵（贯穿每一层）"]', "    direction LR"]
    out += [f"    {line(area, ids[area.slug])}" for area in lines]
    out.append("    " + " ~~~ ".join(ids[area.slug] for area in lines))  # invisible: one row
    out += ["  end"]
    out += [f'  click {ids[area.slug]} href "areas/{area.slug}/" "打开{area.name}"'
            for area in [*layers, *lines]]
    out += [
        "  classDef layer stroke-width:2px",
        "  classDef line stroke-width:2px,stroke-dasharray:6 3",
        "  classDef gap stroke-dasharray:2 4,opacity:0.75",
        f"  class {','.join(ids[a.slug] for a in layers)} layer",
        f"  class {','.join(ids[a.slug] for a in lines)} line",
    ]
    gaps = [ids[area.slug] for area in lines if area.gap]
    if gaps:
        out.append(f"  class {','.join(gaps)} gap")
    return "```mermaid\n" + "\n".join(out) + "\n```"


def lesson_item(project: Project, lesson: Lesson, page: str) -> str:
    """A lesson as Markdown: linked if imported, marked 未导入 if not."""
    if project.is_imported(lesson):
        return f"[{text(lesson.title)}]({relative(lesson.page, page)})"
    return f'{text(lesson.title)} <span class="lesson-pending">未导入</span>'


def lesson_list(project: Project, area: Area) -> str:
    """Both courses' lessons of an area: imported ones linked, the others marked."""
    data = project.syllabus
    out = ["## 两门课中的相关课程", ""]
    for course in data.courses:
        lessons = [lesson for lesson in data.lessons_in(area.slug) if lesson.course == course]
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
    return "\n\n".join(part for part in (term_list(project, area), lesson_list(project, area)) if part)


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
            facts = ([f"缩写：{term.abbr}"] if term.abbr else []) + [f"地图位置：{where}"]
            out += [" · ".join(facts), "", term.definition, ""]
            if term.lessons:
                lessons = "；".join(lesson_item(project, lesson, GLOSSARY_PAGE) for lesson in term.lessons)
                out += [f"相关课程：{lessons}", ""]
    return "\n".join(out).rstrip("\n")


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
        Part("docs/index.md", "map", map_diagram(project)),
        Part(f"docs/{GLOSSARY_PAGE}", "glossary", glossary_page(project)),
    ]
    out += [Part(f"docs/{area.page}", "area", area_lists(project, area)) for area in project.syllabus.areas.values()]
    return out


def _markers(path: str, name: str) -> tuple[str, str]:
    if path.endswith((".yml", ".yaml")):
        return f"# generated:begin {name}", f"# generated:end {name}"
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
