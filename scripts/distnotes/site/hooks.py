"""The MkDocs events of the site (loaded once, through overrides/hooks/site.py).

What the site *shows* is generated into the sources (distnotes.generate), so any
generator builds it; these events only do what belongs to this build:

- serve: regenerate the generated parts when a data file changes, and re-index search;
- every lecture page: its HTML through the sanitizer, its scraped values as text;
- Mermaid served by the site itself, and kept working through instant navigation;
- the Pagefind index after each build (distnotes.site.search), then the manifest,
  icons, course lists and service worker (distnotes.site.offline).
"""

from __future__ import annotations

import functools
import html
import logging
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

from bs4 import BeautifulSoup
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.utils import get_relative_url

from distnotes.generate import Project, generated, load_project

from .assets import mermaid_files
from .offline import make_offline
from .sanitize import lecture_html
from .search import build_index

__all__ = ["on_config", "on_files", "on_nav", "on_page_content", "on_page_context", "on_page_markdown", "on_post_build",
           "on_post_page", "on_pre_build", "on_startup"]

log = logging.getLogger("mkdocs.hooks.distnotes")
_serving = False
_indexer: ThreadPoolExecutor | None = None  # one index at a time, in order, while serving
_project: Project | None = None  # the data files of this build
_courses: dict[str, list] = {}  # course id -> its imported lecture pages in lesson order, this build


def _root(config) -> Path:
    return Path(config.config_file_path).resolve().parent


def on_startup(command, dirty):
    global _serving, _indexer
    _serving = command == "serve"
    if _serving:
        _indexer = ThreadPoolExecutor(max_workers=1)


def on_config(config):
    # The search box lives in the header, which instant navigation keeps across pages:
    # it needs the site's absolute path, not a page-relative one.
    config["extra"]["site_path"] = urlsplit(config["site_url"] or "/").path or "/"
    return config


def on_pre_build(config) -> None:
    """Read the data files once a build. While serving, an edit to syllabus.yml or
    glossary.yml (both watched) rewrites the generated parts it changes, and the
    watcher rebuilds with them."""
    global _project
    _project = load_project(_root(config))
    if not _serving:
        return  # a build checks the committed parts instead (`distnotes generate --check`)
    for path, text in generated(_project).items():
        target = _project.root / path
        if target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")
            log.info("regenerated %s", path)


def on_files(files: Files, config) -> Files:
    """Serve Mermaid from the site itself, straight from the npm package."""
    for site_path, source in mermaid_files(_root(config)):
        files.append(File.generated(config, site_path, abs_src_path=str(source)))
    return files


def on_page_markdown(markdown: str, page, config, files: Files) -> str:
    if page.file.src_uri.startswith("courses/"):  # the e-book under the 离线阅读 control
        control = markdown.find('class="offline-course"')
        end = markdown.find("</div>", control) + len("</div>") if control >= 0 else len(markdown)
        return markdown[:end] + _ebook_link(page, files) + markdown[end:]
    if not page.file.src_uri.startswith("lectures/"):
        return markdown
    # Scraped values are text: the theme prints them as HTML (the lecture header,
    # `<meta name="author">`), so they are escaped once, here.
    for key in ("title", "author", "course"):
        if key in page.meta:
            page.meta[key] = html.escape(str(page.meta[key]))
    # The lecture header (overrides/main.html) links the page's map areas.
    assert _project is not None
    areas = _project.syllabus.areas
    slugs = [page.meta.get("area", ""), *page.meta.get("also", [])]
    links: list[tuple[str, str | None]] = [
        (areas[slug].name, get_relative_url(areas[slug].page.replace("index.md", ""), page.url))
        for slug in slugs if slug in areas
    ]
    page.meta["area_links"] = links or [("未归类", None)]
    lesson = _lesson(page)
    if lesson is not None:  # the header names the lesson, links the course and its table
        page.meta.update(lesson_label=lesson.label, column=lesson.course.column,
                         course_table=get_relative_url(f"courses/{lesson.course.id}/", page.url))
    return markdown


def _ebook_link(page, files: Files) -> str:
    """The course's EPUB, when `distnotes ebook` made one before this build (the Pages
    workflow does): a link with its size under the table."""
    course = Path(page.file.src_uri).stem
    book = files.get_file_from_path(f"ebooks/{course}.epub")
    if book is None or book.abs_src_path is None:
        return ""
    size = Path(book.abs_src_path).stat().st_size / 1024 / 1024
    return (f"\n\n电子书：[{course}.epub（EPUB 3，{size:.1f} MB）](../ebooks/{course}.epub)，"
            "讲稿按课程顺序，附学习笔记和地图，手机和阅读器都能读。\n{: .course-ebook }\n")


def _lesson(page):
    assert _project is not None
    return next((lesson for lesson in _project.syllabus.lessons if lesson.page == page.file.src_uri), None)


def on_nav(nav, config, files):
    """Each course's imported lecture pages in lesson order, once a build."""
    assert _project is not None
    pages = {item.file.src_uri: item for item in nav.pages}
    _courses.clear()
    for lesson in _project.syllabus.lessons:
        if lesson.page in pages:
            _courses.setdefault(lesson.course.id, []).append(pages[lesson.page])
    return nav


def on_page_context(context, page, config, nav):
    """On a lecture, previous and next are the neighbouring imported lessons of the same
    course in lesson order (the menu mixes the courses and the area pages)."""
    lesson = _lesson(page)
    if lesson is None:
        return context
    course = _courses[lesson.course.id]
    here = course.index(page)
    page.previous_page = course[here - 1] if here > 0 else None
    page.next_page = course[here + 1] if here + 1 < len(course) else None
    return context


def _escape_titles(items) -> None:
    for item in items:
        item.title = html.escape(item.title, quote=False)
        _escape_titles(item.children)


def on_page_content(content: str, page, config, files: Files) -> str:
    """A lecture page's HTML through the sanitizer, whoever wrote its Markdown (tidy or
    a hand edit), with its figures from other hosts held until asked for, and its table
    of contents as text (the theme prints heading names unescaped, and Markdown's toc
    unescapes entities in them)."""
    if not page.file.src_uri.startswith("lectures/"):
        return content
    _escape_titles(page.toc)
    return lecture_html(content)


@event_priority(-100)  # after mermaid2 has added its script tag
def on_post_page(output: str, page, config) -> str:
    """Put mermaid2's loader where instant navigation runs it.

    Material re-runs only the scripts inside its container when it swaps pages, and waits
    for the last one's `load` before rendering; a script elsewhere in the body runs only
    on a full page load, so a reader who arrives on a lecture and then opens the map
    would make Material fetch Mermaid from a public CDN.
    """
    if "import mermaid from" not in output:
        return output
    soup = BeautifulSoup(output, "html.parser")
    container = soup.select_one("[data-md-component=container]")
    for script in soup.select("script[type=module]"):
        source = (script.string or "").split('"')
        if script.string and script.string.startswith("import mermaid from") and len(source) > 1 and container:
            loader = soup.new_tag("script", attrs={"type": "module", "src": source[1]})
            script.decompose()
            container.append(loader)
    return str(soup)


def _report(future: Future) -> None:
    if error := future.exception():
        log.error("search index or offline files failed: %s", error)


def on_post_build(config) -> None:
    """Index the built site and make it work offline. While serving, a rebuild that kept
    the previous index (`--dirty`) does both in the background: the edited page shows at
    once, and search, the icons and the course packs catch up a moment later (before the
    page showed, the icons and packs alone held a one-lecture edit back by some 3 s on
    this machine: bench/ has the figure); a failure is logged, not lost."""
    site_dir, root = Path(config["site_dir"]), _root(config)
    assert _project is not None
    offline = functools.partial(make_offline, _project, site_dir, config["site_name"],
                                config["site_description"] or "", config["extra"]["site_path"])
    if _indexer is not None and (site_dir / "pagefind").is_dir():  # serving, a rebuild
        _indexer.submit(_index_and_offline, root, site_dir, offline).add_done_callback(_report)
        return
    build_index(root, site_dir)
    # After the index: the worker precaches the search engine it wrote. Serving has no
    # service worker, which would hold on to old pages.
    offline(service_worker=not _serving)


def _index_and_offline(root: Path, site_dir: Path, offline) -> None:
    build_index(root, site_dir)
    offline(service_worker=False)
