"""The lecture's own text: its header (title, author, audio), then the body with the
scrapers' junk removed and every paragraph kept."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from distnotes.syllabus import normalise_title

from .blocks import Block
from .patterns import (
    ALLOWED_TAGS,
    ATTRIBUTE_LIST,
    AUDIO,
    AUDIO_SRC,
    AUTHOR_LINE,
    AUTOLINK,
    BYLINE,
    COMMENT_FORM_END,
    COMMENT_FORM_START,
    EMPTY_TEMPLATE_FIELD,
    ESCAPED_NUMBER,
    GLUED_NUMBER,
    H1,
    HTML_COMMENT,
    IMAGE,
    INLINE_CODE,
    LINK,
    LIST_MARKER,
    MARKDOWN_ESCAPE,
    PRIVATE_USE,
    SCHEME,
    SIMPLE_TAG,
    SPACER_MAX,
    TABS,
    UNWRAPPED_TAGS,
    WEB_JUNK,
)

Line = tuple[bool, str]  # (is code, the line)


@dataclass
class Header:
    """What the top of a file says about the lecture, and the lines left for the body."""

    title: str = ""
    author: str = ""
    audio: str = ""
    lines: list[Line] = field(default_factory=list)
    _text_seen: bool = False  # title, author and byline only count before any text
    _in_form: bool = False  # the saved page's comment form: skipped up to 提交留言

    def take(self, line: str) -> None:
        stripped = line.strip()
        if not self._text_seen and self._header_field(stripped):
            return
        if EMPTY_TEMPLATE_FIELD.match(stripped):
            return
        for pattern in (AUDIO, AUDIO_SRC):
            if match := pattern.search(stripped):
                self.audio = self.audio or match.group(1)
                stripped = pattern.sub("", stripped).strip()
                if not stripped:
                    return
                line = stripped
        if COMMENT_FORM_START.match(stripped):
            self._in_form = True
        if self._in_form:  # copyright notice, the scraper's own avatar and name, the form
            self._in_form = not COMMENT_FORM_END.match(stripped)
            return
        if WEB_JUNK.match(stripped) or HTML_COMMENT.match(stripped):
            return
        if stripped and not IMAGE.fullmatch(stripped):
            self._text_seen = True
        self.lines.append((False, line))

    def _header_field(self, stripped: str) -> bool:
        if not self.title and (match := H1.match(stripped)):
            self.title = normalise_title(match.group(1))
            if not re.search(r"[|｜丨]", self.title):
                self.title = GLUED_NUMBER.sub(r"\1｜", self.title)
            return True
        if not self.author and (match := AUTHOR_LINE.match(stripped) or BYLINE.match(stripped)):
            self.author = match.group(1).strip()
            return True
        return False


def header(parts: list[Block], filename: str) -> Header:
    found = Header()
    for block in parts:
        if block.code:
            found.lines += [(True, line) for line in block.lines]
            found._text_seen = True
        else:
            for line in block.lines:
                found.take(line)
    if not found.title and filename:
        found.title = title_from_filename(filename)
    return found


def title_from_filename(filename: str) -> str:
    stem = re.sub(r"\.(txt|md|markdown|html?)$", "", filename.rsplit("/", 1)[-1], flags=re.I)
    # `06 - 分布式事务…`, `11-雪崩（三）…`, `开篇词 _ …`: the bar became a dash or an underscore.
    stem = re.sub(r"^(\d+)\s*[-_]\s*|^(\S+?)\s+[-_]\s+", lambda m: f"{m.group(1) or m.group(2)}｜", stem, count=1)
    return normalise_title(stem)


def cut_next_lesson(lines: list[Line]) -> tuple[list[Line], str]:
    """A second H1 (outside code) starts the next lesson's text, glued on by the scraper:
    the lines before it, and the H1 itself ("" when there is none)."""
    for index, (code, line) in enumerate(lines):
        if not code and H1.match(line.strip()):
            return lines[:index], line.strip()
    return lines, ""


def clean_body(lines: list[Line]) -> str:
    out: list[str] = []
    for code, line in lines:
        if code:
            out.append(line.replace("&nbsp;", " "))
            continue
        cleaned = clean_prose_line(line)
        if cleaned is None:
            continue
        if not cleaned and (not out or not out[-1]):
            continue  # runs of blank lines become one
        out.append(cleaned)
    while out and not out[-1]:
        out.pop()
    return "\n".join(out)


def clean_prose_line(line: str) -> str | None:
    """One prose line with its scraping defects fixed; None drops a line of pure junk."""
    line = PRIVATE_USE.sub("", line).replace("&nbsp;", " ").replace("\u00a0", " ")
    indent = len(line) - len(line.lstrip(" \t"))
    lead, rest = line[:indent], TABS.sub(" ", line[indent:])
    if "\t" in lead:
        # A tab before a list item nests it; before prose it is a paragraph indent, which
        # Markdown would read as a code block.
        lead = lead.replace("\t", "    ") if LIST_MARKER.match(rest) else ""
    line = (lead + rest).rstrip()
    if not line:
        return ""
    line = ESCAPED_NUMBER.sub(lambda m: f"{m.group(1)}{m.group(2) or m.group(3)}.{m.group(4)}", line)
    had_image = bool(IMAGE.search(line))
    line = "".join(
        _clean_code_span(part) if part.startswith("`") else _clean_text(part)
        for part in _split_code_spans(line)
    )
    if had_image and not line.strip(" -*"):
        return None  # nothing but a spacer or an avatar
    return line


def _split_code_spans(line: str) -> list[str]:
    parts, last = [], 0
    for match in INLINE_CODE.finditer(line):
        parts += [line[last:match.start()], match.group(0)]
        last = match.end()
    parts.append(line[last:])
    return [part for part in parts if part]


def _clean_code_span(span: str) -> str:
    # Backslashes are literal inside code: an escape there is the scraper's, not the author's.
    return re.sub(r"\\([_*|])", r"\1", span)


def _clean_text(text: str) -> str:
    text = MARKDOWN_ESCAPE.sub(r"\1", text)
    text = ATTRIBUTE_LIST.sub(r"\\{", text)  # no attributes from scraped text
    text = IMAGE.sub(_image, text)
    text = LINK.sub(_link, text)
    return _tags(text)


def _image(match: re.Match) -> str:
    alt, url = match.group(1), match.group(2)
    if url.startswith("data:"):
        if len(url) <= SPACER_MAX:
            return ""
        return "*（此处原有一张内嵌图片，已略去）*"
    if "resize,m_fill" in url:  # an avatar thumbnail, not a figure
        return ""
    # `javascript:x`, `file:///C:/a.png`, and addresses no URL parser reads (`//[x/a.png`)
    if (SCHEME.match(url) and not re.match(r"^https?:", url, re.I)) or not _parses(url):
        return f"*（此处原有一张无法显示的图片：{html.escape(url)}）*"
    return f"![{alt}]({url}){{ loading=lazy }}"  # a scraped attribute list is dropped


def _link(match: re.Match) -> str:
    text, url = match.group(1), match.group(2)
    # `javascript&#58;…`, `java&#9;script:…`: the scheme as a browser reads it.
    scheme = re.sub(r"[\x00-\x20]", "", html.unescape(url)).lower()
    if re.match(r"(javascript|vbscript|data):", scheme):
        return text  # keep what the link said, drop what it would run
    if not _parses(url):
        return f"{text}（链接地址无法识别：{html.escape(url)}）"
    return match.group(0)


def _parses(url: str) -> bool:
    """Whether Python's URL parser reads the address: MkDocs checks every link and image
    with it, and one it refuses (`//[x/a.png`, an IPv6 bracket left open) would stop the
    whole site's build, not only this page."""
    try:
        urlsplit(url)
    except ValueError:
        return False
    return True


def _tags(text: str) -> str:
    """Scraped markup shown as text, but for a few inline tags (attributes dropped) and
    autolinks: every other `<` becomes `&lt;`, so that no tag, whole or split over lines
    or with a `<` in an attribute, opens an HTML block that would swallow the page.
    Cosmetic: the build's sanitizer is what makes a page safe."""
    out, last = [], 0
    for opening in re.finditer("<", text):
        start = opening.start()
        if start < last:
            continue
        out.append(text[last:start])
        tag = SIMPLE_TAG.match(text, start)
        name = tag.group(1).lower() if tag else ""
        if link := AUTOLINK.match(text, start):
            out.append(link.group(0))
            last = link.end()
        elif tag and name in UNWRAPPED_TAGS:
            last = tag.end()
        elif tag and name in ALLOWED_TAGS:
            out.append(f"</{name}>" if tag.group(0).startswith("</") else f"<{name}>")
            last = tag.end()
        else:
            out.append("&lt;")
            last = start + 1
    out.append(text[last:])
    return "".join(out)


def image_references(body: str) -> list[str]:
    """The local paths the body's images name (`01.resource/a.png`), not URLs."""
    return [match.group(2) for match in IMAGE.finditer(body) if not SCHEME.match(match.group(2))]


def replace_images(body: str, links: dict[str, str]) -> str:
    """The body with each image named in `links` pointing at its new place."""
    def relink(match: re.Match) -> str:
        url = links.get(match.group(2))
        return match.group(0) if url is None else match.group(0).replace(f"({match.group(2)}", f"({url}", 1)
    return IMAGE.sub(relink, body)
