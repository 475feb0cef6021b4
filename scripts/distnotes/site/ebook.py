"""Each course as an EPUB 3, from the same Markdown as the site (`distnotes ebook`).

The book's text is made here, and pandoc (Debian's package) makes the EPUB:

- the Markdown of the lecture pages and area notes is rendered with the site's own
  Markdown extensions (Python-Markdown and pymdownx, no site generator), and the lecture
  pages go through the site's sanitizer;
- the contents follow the course's lesson order; a lesson not yet imported is a title
  marked 未导入; then our notes for each area the course touches, with the map;
- links between pages point at the published site; images saved with the lectures are
  embedded, images only hot-linked from the course's host become a link (the book must
  not fetch anything when read); comment threads are left out unless asked for.
"""

from __future__ import annotations

import html
import posixpath
import re
import shutil
import subprocess
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import markdown
import yaml
from bs4 import BeautifulSoup

from distnotes.generate import Project, page_url
from distnotes.syllabus import Course, Lesson

from .sanitize import sanitize

# The site's extensions that matter in a book (mkdocs.yml's list; the theme-only ones
# and the glossary tooltips are left out). A Mermaid diagram becomes a pointer to the site.
MERMAID = "ebook-diagram"
EXTENSIONS = ["admonition", "attr_list", "def_list", "footnotes", "md_in_html", "tables", "toc",
              "pymdownx.details", "pymdownx.superfences", "pymdownx.tabbed", "pymdownx.tasklist",
              "pymdownx.highlight"]
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp"}
# The thread's heading, as distnotes.render writes it: `## 💬 精选留言（12） { #thread … }`.
THREAD_HEADING = re.compile(r"^## 💬 精选留言.*$", re.M)
# A page's front matter: `---\ntitle: …\n---\n`.
FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.S)


class EbookError(Exception):
    """A book cannot be made; the message says which and why."""


@dataclass(frozen=True)
class Chapter:
    title: str
    html: str  # the chapter's body, its own h1 first


def _markdown_to_html(text: str) -> str:
    def diagram(source, language, css_class, options, md, **kwargs):
        return f'<p class="{MERMAID}"></p>'

    converter = markdown.Markdown(extensions=EXTENSIONS, extension_configs={
        "pymdownx.superfences": {"custom_fences": [{"name": "mermaid", "class": "mermaid", "format": diagram}]},
        "pymdownx.highlight": {"use_pygments": False},
        "toc": {"slugify": _slugify()},
    })
    return converter.convert(text)


def _slugify():
    from pymdownx.slugs import slugify  # the site's slugs (mkdocs.yml): Chinese headings keep their words
    return slugify(case="lower")


def split_page(text: str) -> tuple[dict, str]:
    """(front matter, body without its first `# ` heading)."""
    meta: dict = {}
    found = FRONT_MATTER.match(text)
    if found:
        meta = yaml.safe_load(found[1]) or {}
        text = text[found.end():]
    text = re.sub(r"\A\s*# .*\n", "", text, count=1)
    return meta, text


def _page_html(project: Project, page: str, site_url: str, chapter_id: str, *, lecture: bool, threads: bool) -> str:
    """A page's body as book HTML: links to the site, local images as files, ids its own."""
    _, body = split_page((project.docs / page).read_text(encoding="utf-8"))
    if lecture and not threads:
        body = THREAD_HEADING.split(body, maxsplit=1)[0]
    rendered = _markdown_to_html(body)
    if lecture:
        rendered = sanitize(rendered)  # scraped text: the site's allowlist
    soup = BeautifulSoup(rendered, "html.parser")
    here = urljoin(site_url, page_url(page))
    for heading in soup.find_all("h1"):  # a chapter has one title: the book's contents list it
        heading.name = "h2"
    _point_diagrams_at_the_site(soup, here)
    _own_ids_and_site_links(soup, page, site_url, chapter_id)
    saved_images = (project.docs / "assets" / "images").resolve()
    for image in soup.find_all("img"):
        src = str(image.get("src", ""))
        local = ((project.docs / page).parent / src).resolve()
        # Only what tidy saved is embedded: a scraped path such as `../../../.git/config`
        # must not pull a file of the build machine into a published book.
        if (src and not urlsplit(src).scheme and local.is_relative_to(saved_images) and local.is_file()
                and local.suffix.lower() in IMAGE_SUFFIXES):
            image["src"] = str(local)  # pandoc embeds it
        else:
            link = soup.new_tag("a", href=src)
            link.string = f"［图：{image.get('alt') or '原图'}］"
            image.replace_with(link)
    for media in soup.find_all(["audio", "video", "iframe", "script", "style"]):
        media.decompose()
    return str(soup)


def _point_diagrams_at_the_site(soup: BeautifulSoup, here: str) -> None:
    for tag in soup.select(f"p.{MERMAID}"):
        link = soup.new_tag("a", href=here)
        link.string = "网站上的这一页"
        tag.append("（此处是一幅示意图，见")
        tag.append(link)
        tag.append("。）")


def _own_ids_and_site_links(soup: BeautifulSoup, page: str, site_url: str, chapter_id: str) -> None:
    """Ids prefixed with the chapter's (pages share heading names); links to other pages
    lead to the published site."""
    for tag in soup.find_all(id=True):
        tag["id"] = f"{chapter_id}-{tag['id']}"
    for link in soup.find_all("a", href=True):
        href = str(link["href"])
        if href.startswith("#"):
            link["href"] = f"#{chapter_id}-{href[1:]}"
        elif not urlsplit(href).scheme:  # `../areas/x/index.md#a`, from the page's source
            path, _, fragment = href.partition("#")
            source = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
            target = urljoin(site_url, page_url(source) if source.endswith(".md") else source)
            link["href"] = target + (f"#{fragment}" if fragment else "")


def chapters(project: Project, course: Course, site_url: str, threads: bool = False) -> list[Chapter]:
    lessons = project.syllabus.lessons_of(course)
    out = [Chapter("关于本书", _about(project, course, lessons, site_url))]
    for number, lesson in enumerate(lessons, 1):
        title = f"{lesson.label}｜{lesson.name}" if lesson.label != lesson.name else lesson.name
        if not project.is_imported(lesson):
            title += "（未导入）"
            body = "<p>本讲尚未导入：把抓取的讲稿放进 <code>raw/</code>，运行 <code>distnotes tidy</code> 后重新生成本书。</p>"
        else:
            body = _page_html(project, lesson.page, site_url, f"l{number}", lecture=True, threads=threads)
        out.append(Chapter(title, f"<h1>{html.escape(title)}</h1>\n{body}"))
    for number, slug in enumerate(project.syllabus.areas_of(course), 1):
        area = project.syllabus.areas[slug]
        if not (project.docs / area.page).is_file():
            continue
        title = f"笔记·{area.name}"
        body = _page_html(project, area.page, site_url, f"a{number}", lecture=False, threads=False)
        out.append(Chapter(title, f"<h1>{html.escape(title)}</h1>\n{body}"))
    return out


def _about(project: Project, course: Course, lessons: list[Lesson], site_url: str) -> str:
    imported = sum(project.is_imported(lesson) for lesson in lessons)
    return (f"<h1>关于本书</h1>\n<p>《{html.escape(course.title)}》，{html.escape(course.author)}，{course.year} 年。"
            f"共 {len(lessons)} 讲，本书收入已导入的 {imported} 讲，其余只列标题并标为“未导入”；"
            f"书末是我们按“四纵四横”地图写的学习笔记（本课涉及的区域）。</p>\n"
            f'<p>网站：<a href="{html.escape(site_url)}">{html.escape(site_url)}</a>。留言默认不收入。</p>\n'
            f'<p><img src="map.svg" alt="四纵四横知识地图：四层（资源池化、通信、数据存储与管理、计算）自下而上，'
            f'四条纵线（协同、调度、追踪与高可用、部署）贯穿各层"/></p>')


def map_svg(project: Project) -> str:
    """The 四纵四横 map as an image: the four layers stacked bottom-up, the four lines
    standing across them (the home page draws the same from syllabus.yml)."""
    areas = project.syllabus.areas.values()
    layers = [area for area in areas if area.kind == "layer"]
    lines = [area for area in areas if area.kind == "line"]
    width, row, top = 760, 70, 20
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {top * 2 + row * len(layers) + 40}" '
             f'width="{width}" height="{top * 2 + row * len(layers) + 40}" font-family="sans-serif">']
    for index, layer in enumerate(reversed(layers)):  # the first layer at the bottom
        y = top + 40 + index * row
        parts.append(f'<rect x="10" y="{y}" width="{width - 20}" height="{row - 10}" rx="6" fill="#e8eaf6" '
                     f'stroke="#4051b5"/><text x="24" y="{y + row / 2}" font-size="20" fill="#1a237e">'
                     f'{html.escape(layer.name)}</text>')
    for index, line in enumerate(lines):
        x = 300 + index * 110
        parts.append(f'<rect x="{x}" y="{top}" width="90" height="{row * len(layers) + 30}" rx="6" '
                     f'fill="#ff7043" fill-opacity="0.25" stroke="#e64a19"/>'
                     f'<text x="{x + 45}" y="{top + 26}" font-size="16" text-anchor="middle" fill="#bf360c">'
                     f'{html.escape(line.short)}</text>')
    return "\n".join(parts + ["</svg>\n"])


def cover_svg(course: Course) -> str:
    lines = [html.escape(course.title[i:i + 12]) for i in range(0, len(course.title), 12)]
    text = "".join(f'<text x="300" y="{300 + 64 * n}" font-size="48" text-anchor="middle" fill="#ffffff">{line}</text>'
                   for n, line in enumerate(lines))
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 600 900" width="600" height="900" '
            f'font-family="sans-serif"><rect width="600" height="900" fill="#4051b5"/>{text}'
            f'<text x="300" y="{380 + 64 * len(lines)}" font-size="32" text-anchor="middle" fill="#ffccbc">'
            f'{html.escape(course.author)}</text>'
            f'<text x="300" y="820" font-size="24" text-anchor="middle" fill="#c5cae9">分布式技术笔记 · 学习版</text></svg>\n')


# pandoc reads a <summary> as blocks and writes `<summary>\n<p>展开</p>\n</summary>`,
# which XHTML does not allow (a summary holds phrasing content).
SUMMARY_PARAGRAPH = re.compile(r"<summary>\s*<p>(.*?)</p>\s*</summary>", re.S)


def _mend_summaries(source: Path, target: Path) -> None:
    """Copy the EPUB, each chapter's summaries unwrapped; `mimetype` stays first and
    uncompressed, as the format requires."""
    with zipfile.ZipFile(source) as book, zipfile.ZipFile(target, "w") as out:
        for item in book.infolist():
            data = book.read(item)
            if item.filename.endswith(".xhtml"):
                data = SUMMARY_PARAGRAPH.sub(r"<summary>\1</summary>", data.decode("utf-8")).encode("utf-8")
            out.writestr(item, data, compress_type=item.compress_type)


def make_epub(project: Project, course: Course, out: Path, site_url: str, threads: bool = False) -> Path:
    """Write `out/<course>.epub` with pandoc; the file's path."""
    pandoc = shutil.which("pandoc")
    if pandoc is None:
        raise EbookError("pandoc is not installed (Debian: apt-get install pandoc)")
    out.mkdir(parents=True, exist_ok=True)
    target = out / f"{course.id}.epub"
    with tempfile.TemporaryDirectory(prefix="distnotes-ebook-") as folder:
        work = Path(folder)
        (work / "map.svg").write_text(map_svg(project), encoding="utf-8")
        (work / "cover.svg").write_text(cover_svg(course), encoding="utf-8")
        body = "\n".join(chapter.html for chapter in chapters(project, course, site_url, threads))
        (work / "book.html").write_text(f'<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
                                        f"<title>{html.escape(course.title)}</title></head><body>\n{body}\n"
                                        "</body></html>\n", encoding="utf-8")
        metadata = {"title": course.title, "creator": [{"role": "author", "text": course.author}],
                    "lang": "zh-CN", "date": str(course.year), "publisher": "分布式技术笔记",
                    "identifier": [{"scheme": "URI", "text": urljoin(site_url, f"courses/{course.id}/")}],
                    "description": f"《{course.title}》的讲稿与“四纵四横”学习笔记"}
        (work / "metadata.yaml").write_text(yaml.safe_dump(metadata, allow_unicode=True), encoding="utf-8")
        partial = work / "book.epub"
        run = subprocess.run([pandoc, "book.html", "--from=html+raw_html", "--to=epub3", f"--output={partial}",
                              "--metadata-file=metadata.yaml", "--epub-cover-image=cover.svg", "--toc",
                              "--toc-depth=1", "--epub-chapter-level=1", "--resource-path=.", "--quiet"],
                             cwd=work, capture_output=True, text=True)
        if run.returncode != 0:
            raise EbookError(f"{target.name}: pandoc failed: {run.stderr.strip()}")
        written = target.with_name(target.name + ".part")  # whole or not at all
        _mend_summaries(partial, written)
        written.replace(target)
    return target
