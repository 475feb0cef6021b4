"""MkDocs hooks for the site's content: the syllabus drives the nav, the area lesson
lists and the home map; the glossary drives the 术语表 page, each area's term links and
the abbreviation tooltips.

Nothing here is kept by hand in a second place: a lecture page that tidy writes into
docs/lectures/ shows up in its area's nav section, lesson list and map count on the
next build. (How the site is delivered, Mermaid and search, is in delivery.py.)
"""

from __future__ import annotations

import textwrap
from functools import lru_cache
from pathlib import Path

from mkdocs.structure.files import Files
from mkdocs.utils import get_relative_url
from mkdocs.utils.meta import get_data

from distnotes.glossary import Term, abbreviations, add_terms_to_segmenter, load_glossary
from distnotes.sanitize import as_text, sanitize
from distnotes.syllabus import UNSORTED, Area, Lesson, Syllabus, load_syllabus

ROOT = Path(__file__).resolve().parents[2]
MAP_MARKER = "<!-- map -->"
GLOSSARY_MARKER = "<!-- glossary -->"
GLOSSARY_PAGE = "glossary.md"


def site_data(root: Path = ROOT) -> tuple[Syllabus, tuple[Term, ...]]:
    """The syllabus and the glossary, read again whenever either file changes
    (`mkdocs serve` keeps this module between rebuilds)."""
    files = (root / "syllabus.yml", root / "glossary.yml")
    return _site_data(*files, *(path.stat().st_mtime_ns for path in files))


@lru_cache(maxsize=2)
def _site_data(syllabus_path: Path, glossary_path: Path, *mtimes: int) -> tuple[Syllabus, tuple[Term, ...]]:
    syllabus = load_syllabus(syllabus_path)
    terms = load_glossary(glossary_path, syllabus)
    add_terms_to_segmenter(terms)
    return syllabus, terms


def imported(docs: Path, lesson: Lesson) -> bool:
    return (docs / lesson.page).is_file()


def unsorted_pages(docs: Path) -> list[tuple[str, str, str]]:
    """(path, title, area) of lecture pages the syllabus does not list."""
    pages = []
    for path in sorted((docs / "lectures" / UNSORTED).glob("*.md")):
        _, meta = get_data(path.read_text(encoding="utf-8"))
        relative = path.relative_to(docs).as_posix()
        pages.append((relative, str(meta.get("title", path.stem)), str(meta.get("area", UNSORTED))))
    return pages


def build_nav(docs: Path, data: Syllabus) -> list:
    """首页, 导读, 四横, 四纵, 拓展: each area's page first, then its imported lectures."""
    extra = unsorted_pages(docs)

    def section(area: Area) -> list:
        lectures = [{as_text(lesson.title): lesson.page} for lesson in data.lessons
                    if lesson.area == area.slug and imported(docs, lesson)]
        lectures += [{as_text(title): path} for path, title, slug in extra if slug == area.slug]
        return [area.page, *lectures]

    areas = data.areas.values()
    unplaced = [{as_text(title): path} for path, title, slug in extra if slug not in data.areas]
    return [
        {"首页": "index.md"},
        {"导读": section(data.areas["guide"])},
        {"四横": [{area.name: section(area)} for area in areas if area.kind == "layer"]},
        {"四纵": [{area.name: section(area)} for area in areas if area.kind == "line"]},
        {"拓展": section(data.areas["extras"]) + ([{"未归类": unplaced}] if unplaced else [])},
        {"术语表": GLOSSARY_PAGE},
    ]


def on_config(config):
    syllabus, terms = site_data()
    config["nav"] = build_nav(Path(config["docs_dir"]), syllabus)
    # Every page gets the abbreviation tooltips (abbr extension) from the glossary.
    config["mdx_configs"].setdefault("abbr", {})["glossary"] = abbreviations(terms)
    return config


def map_diagram(docs: Path, data: Syllabus) -> str:
    """The 四纵四横 map as Mermaid: wide layers stacked bottom-up, and beside them the
    four lines as tall pillars (their names written top to bottom) that span every layer."""

    def counts(area: Area) -> str:
        lessons = data.lessons_in(area.slug)
        done = sum(imported(docs, lesson) for lesson in lessons)
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


def lesson_item(docs: Path, lesson: Lesson, page_path: str) -> str:
    """A lesson as Markdown: linked if imported, marked 未导入 if not."""
    if imported(docs, lesson):
        return f"[{lesson.title}]({get_relative_url(lesson.page, page_path)})"
    return f'{lesson.title} <span class="lesson-pending">未导入</span>'


def lesson_list(docs: Path, data: Syllabus, area: Area, page_path: str) -> str:
    """Both courses' lessons of an area: imported ones linked, the others marked."""
    out = ["## 两门课中的相关课程", ""]
    for course in data.courses:
        lessons = [lesson for lesson in data.lessons_in(area.slug) if lesson.course == course]
        if not lessons:
            continue
        # Down-weighted in search: every area page repeats the course and lecturer names.
        out += [f'### 《{course.title}》（{course.author}，{course.year}） {{ data-pagefind-weight="0.2" }}', ""]
        for lesson in lessons:
            item = lesson_item(docs, lesson, page_path)
            if lesson.area != area.slug:
                item += f"（主属{data.areas[lesson.area].name}）"
            out.append(f"- {item}")
        out.append("")
    return "\n".join(out)


def term_list(terms: tuple[Term, ...], area: Area, page_path: str) -> str:
    """An area's key terms, each linked to its glossary entry."""
    link = get_relative_url(GLOSSARY_PAGE, page_path)
    items = [f"[{term.heading}]({link}#{term.id})" for term in terms if term.area == area.slug]
    return "## 本区术语\n\n" + "、".join(items) + "\n" if items else ""


def glossary_page(docs: Path, data: Syllabus, terms: tuple[Term, ...]) -> str:
    """Every term by area: 中文（English）, our definition, its area and its lessons."""
    out = []
    for area in data.areas.values():
        entries = [term for term in terms if term.area == area.slug]
        if not entries:
            continue
        out += [f"## {area.name}", ""]
        for term in entries:
            where = f"[{area.name}]({get_relative_url(area.page, GLOSSARY_PAGE)})"
            # Normal weight: Pagefind boosts headings, and the glossary defines a term in a
            # line where an area page treats it at length.
            out += [f'### {term.heading} {{ #{term.id} data-pagefind-weight="1" }}', ""]
            facts = ([f"缩写：{term.abbr}"] if term.abbr else []) + [f"地图位置：{where}"]
            out += [" · ".join(facts), "", term.definition, ""]
            if term.lessons:
                lessons = "；".join(lesson_item(docs, lesson, GLOSSARY_PAGE) for lesson in term.lessons)
                out += [f"相关课程：{lessons}", ""]
    return "\n".join(out)


def on_page_markdown(markdown: str, page, config, files: Files) -> str:
    docs, (data, terms) = Path(page.file.src_dir), site_data()
    path = page.file.src_uri
    if path == "index.md":
        return markdown.replace(MAP_MARKER, map_diagram(docs, data))
    if path == GLOSSARY_PAGE:
        return markdown.replace(GLOSSARY_MARKER, glossary_page(docs, data, terms))
    area_slug = page.meta.get("area_page")
    if area_slug:
        area = data.areas[area_slug]
        extra = [term_list(terms, area, path), lesson_list(docs, data, area, path)]
        return markdown.rstrip() + "\n\n" + "\n".join(part for part in extra if part) + "\n"
    if path.startswith("lectures/"):
        # Scraped values are text: the theme prints them as HTML (the lecture header,
        # `<meta name="author">`), so they are escaped once, here.
        for key in ("title", "author", "course"):
            if key in page.meta:
                page.meta[key] = as_text(page.meta[key])
        # The lecture header (overrides/main.html) links the page's map areas.
        slugs = [page.meta.get("area", UNSORTED), *page.meta.get("also", [])]
        page.meta["area_links"] = [
            (data.areas[slug].name, get_relative_url(data.areas[slug].page.replace("index.md", ""), page.url))
            for slug in slugs if slug in data.areas
        ] or [("未归类", None)]
    return markdown


def on_page_content(html: str, page, config, files: Files) -> str:
    """A lecture page's HTML through the sanitizer, whoever wrote its Markdown (tidy or
    a hand edit); its table of contents is text too (the theme prints heading names
    unescaped, and Markdown's toc unescapes entities in them)."""
    if not page.file.src_uri.startswith("lectures/"):
        return html

    def escape_titles(items) -> None:
        for item in items:
            item.title = as_text(item.title)
            escape_titles(item.children)

    escape_titles(page.toc)
    return sanitize(html)
