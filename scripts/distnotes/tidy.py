"""Scraped lecture text in, a `Lecture` out.

Pure functions only: no file I/O here, so each scraping defect is testable on a string.
The text is cut into code fences (kept byte for byte) and prose; the prose is split into
the lecture and its comment thread, and each part is cleaned by the rules below. A line
no rule recognises stays in the page.
"""

from __future__ import annotations

import codecs
import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser

from .lecture import Comment, Lecture
from .syllabus import normalise_title

PRIVATE_USE = re.compile("[\ue000-\uf8ff]")  # icon-font glyphs: reply and like icons
FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
DATE = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}$")
H1 = re.compile(r"^#\s+(.+?)\s*#*\s*$")
THREAD_HEADING = re.compile(r"^#{1,3}\s*精选留言\s*[(（]\s*(\d*)\s*[)）]\s*$")
THREAD_HTML = re.compile(r"<div>\s*<strong>\s*精选留言\s*[(（]\s*(\d*)\s*[)）]\s*</strong>\s*</div>")
AUTHOR_LINE = re.compile(r"^作者\s*[:：]\s*(.*)$")
EMPTY_TEMPLATE_FIELD = re.compile(r"^(完成时间|总结时间)\s*[:：]\s*$")
BYLINE = re.compile(r"^(\S{1,20})\s+(\d{4}-\d{2}-\d{2})$")
AUDIO = re.compile(r"<audio[^>]*>.*?<source[^>]*\bsrc=\"([^\"]+)\".*?</audio>", re.S)
HTML_COMMENT = re.compile(r"^<!--\s*(\[\[\[read_end\]\]\])?\s*-->$")
_URL = r"<?((?:[^()<>\s]|\([^()<>\s]*\))*)>?"  # one level of parentheses: javascript:f(1)
IMAGE = re.compile(r"!\[([^\]]*)\]\(\s*" + _URL + r"\s*\)(\\?\{[^}\n]*\})?")
LINK = re.compile(r"(?<!!)\[([^\]]*)\]\(\s*" + _URL + r"\s*\)")
# `` `code` ``, ``` ``a`b`` ```; not from an escaped backtick (`` \`<img …>` `` is no code).
INLINE_CODE = re.compile(r"(?<![\\`])(`+)(.+?)(?<!`)\1(?!`)")
# A whole tag with nothing odd inside: `<b onclick="x">`, `</span>`, `<br/>`.
SIMPLE_TAG = re.compile(r"</?([a-zA-Z][a-zA-Z0-9]*)(?:\s[^<>]*)?/?>")
AUTOLINK = re.compile(r"<(?:https?|mailto):[^<>\s]+>")  # `<https://example.org/a>`
# Python-Markdown's attribute lists: `{: onerror=alert(1) }`, `{ .big }`, `{#top}`.
ATTRIBUTE_LIST = re.compile(r"(?<!\\)\{(?=:?\s*[#.\w][^{}\n]*\})")
LIST_MARKER = re.compile(r"^([-*+]|\d+\.)\s")
GLUED_NUMBER = re.compile(r"^(\d{2})(?=[^\d\s.|｜丨:：])")  # `19CommitFailed…`: lesson 19
ESCAPED_NUMBER = re.compile(r"^(\s*)(?:\\(\d+)\.|(\d+)\\\.)(\s)")
# Player chrome and page furniture of a saved web page.
WEB_JUNK = re.compile(
    r"^(\d{1,2}:\d{2}|\[[\d.]+x\**\]\(javascript:;?\)|讲述[:：].*大小[:：].*时长[:：].*"
    r"|提交留言|Ctrl \+ Enter 发表|\d+/2000字|©\s*版权归.*所有.*)$"
)
COMMENT_FORM_START = re.compile(r"^©\s*版权归.*所有")
COMMENT_FORM_END = re.compile(r"^提交留言$")
FOOTER = re.compile("^\\*[\ue000-\uf8ff]?\\*(\\d*)$")  # `*<icon>*14`, `**14`, `**`
EXPAND = re.compile(r"展开\*\*$")
REPLY = re.compile(r"^作者回复\s*[:：]\s*")
LIKES = re.compile(r"👍\s*[（(]\s*(\d+)\s*[)）]")
REPLIES = re.compile(r"💬\s*[（(]\s*(\d+)\s*[)）]")
DATE_IN_TEXT = re.compile(r"\d{4}-\d{2}-\d{2}")
# Inline tags a lecture may use; anything else is shown as text, never run.
ALLOWED_TAGS = {"br", "sub", "sup", "strong", "em", "b", "i", "u", "code", "kbd", "mark", "del"}
UNWRAPPED_TAGS = {"span", "font"}  # the export's colour fragments: keep their text only
SPACER_MAX = 200  # characters of base64: a 1-pixel PNG spacer, not a figure


def decode(data: bytes) -> str:
    """Bytes of a scraped file as text: UTF-8 (with or without BOM), else GB18030."""
    if b"\x00" in data:
        raise ValueError("not a text file (it has NUL bytes)")
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            return data.decode("gb18030")
        except UnicodeDecodeError as error:
            raise ValueError(f"neither UTF-8 nor GB18030 ({error.reason} at byte {error.start})") from None


@dataclass
class _Block:
    code: bool
    lines: list[str]


def _blocks(lines: list[str]) -> list[_Block]:
    """Code fences (kept as they are) and the prose between them."""
    blocks: list[_Block] = []
    fence = ""
    for line in lines:
        match = FENCE.match(line)
        if fence:
            blocks[-1].lines.append(line)
            if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence) \
                    and not line.strip().strip(fence[0]):
                fence = ""
        elif match:
            fence = match.group(1)
            blocks.append(_Block(True, [line]))
        else:
            if not blocks or blocks[-1].code:
                blocks.append(_Block(False, []))
            blocks[-1].lines.append(line)
    return blocks


def tidy(text: str, filename: str = "") -> Lecture:
    """Turn one scraped lecture file's text into a `Lecture`."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    warnings: list[str] = []
    blocks = _blocks(text.split("\n"))
    lecture_blocks, thread_text, declared = _split_thread(blocks)
    title, author, audio, body_lines = _header(lecture_blocks, filename)
    body_lines, appended = _cut_next_lesson(body_lines)
    thread_text, appended_after_thread = _cut_next_lesson_text(thread_text)
    for cut in (appended, appended_after_thread):
        if cut:
            warnings.append(f"dropped text of the next lesson appended at the end ({cut})")
    comments, unrecognised, thread_warnings = parse_thread(thread_text)
    warnings += thread_warnings
    return Lecture(
        title=title,
        author=author,
        audio=audio,
        body=_clean_body(body_lines),
        comments=comments,
        declared_comments=declared,
        unrecognised=unrecognised,
        warnings=tuple(warnings),
    )


def _split_thread(blocks: list[_Block]) -> tuple[list[_Block], str, int | None]:
    """The lecture's blocks, and the comment thread's raw text with its declared count."""
    for index, block in enumerate(blocks):
        if block.code:
            continue
        for number, line in enumerate(block.lines):
            heading = THREAD_HEADING.match(line.strip())
            inline = THREAD_HTML.search(line)
            if not (heading or inline):
                continue
            found = heading or inline
            before = block.lines[:number]
            if inline and line[: inline.start()].strip():
                before = before + [line[: inline.start()]]
            rest = [line[inline.end():]] if inline else []
            rest += block.lines[number + 1:]
            for later in blocks[index + 1:]:
                rest += later.lines
            count = int(found.group(1)) if found.group(1) else None
            return blocks[:index] + [_Block(False, before)], "\n".join(rest), count
    return blocks, "", None


def _header(blocks: list[_Block], filename: str) -> tuple[str, str, str, list[tuple[bool, str]]]:
    """Title, author, audio, and the remaining lines tagged (is_code, line)."""
    title = author = audio = ""
    lines: list[tuple[bool, str]] = []
    in_form = False
    seen_text = False
    for block in blocks:
        if block.code:
            lines += [(True, line) for line in block.lines]
            seen_text = True
            continue
        for line in block.lines:
            stripped = line.strip()
            if not title and not seen_text and (match := H1.match(stripped)):
                title = normalise_title(match.group(1))
                if not re.search(r"[|｜丨]", title):
                    title = GLUED_NUMBER.sub(r"\1｜", title)
                continue
            if not author and (match := AUTHOR_LINE.match(stripped)) and not seen_text:
                author = match.group(1).strip()
                continue
            if not author and not seen_text and (match := BYLINE.match(stripped)):
                author = match.group(1)
                continue
            if EMPTY_TEMPLATE_FIELD.match(stripped):
                continue
            if match := AUDIO.search(stripped):
                audio = audio or match.group(1)
                stripped = AUDIO.sub("", stripped).strip()
                if not stripped:
                    continue
                line = stripped
            if COMMENT_FORM_START.match(stripped):
                in_form = True
            if in_form:  # copyright notice, the scraper's own avatar and name, the form
                in_form = not COMMENT_FORM_END.match(stripped)
                continue
            if WEB_JUNK.match(stripped) or HTML_COMMENT.match(stripped):
                continue
            if stripped and not IMAGE.fullmatch(stripped):
                seen_text = True
            lines.append((False, line))
    if not title and filename:
        title = _title_from_filename(filename)
    return title, author, audio, lines


def _title_from_filename(filename: str) -> str:
    stem = re.sub(r"\.(txt|md|markdown|html?)$", "", filename.rsplit("/", 1)[-1], flags=re.I)
    # `06 - 分布式事务…`, `11-雪崩（三）…`, `开篇词 _ …`: the bar became a dash or an underscore.
    stem = re.sub(r"^(\d+)\s*[-_]\s*|^(\S+?)\s+[-_]\s+", lambda m: f"{m.group(1) or m.group(2)}｜", stem, count=1)
    return normalise_title(stem)


def _cut_next_lesson(lines: list[tuple[bool, str]]) -> tuple[list[tuple[bool, str]], str]:
    """A second H1 (outside code) starts the next lesson's text, glued on by the scraper:
    the lines before it, and the H1 itself ("" when there is none)."""
    for index, (code, line) in enumerate(lines):
        if not code and H1.match(line.strip()):
            return lines[:index], line.strip()
    return lines, ""


def _cut_next_lesson_text(text: str) -> tuple[str, str]:
    lines, cut = _cut_next_lesson([(False, line) for line in text.split("\n")])
    return "\n".join(line for _, line in lines), cut


def _clean_body(lines: list[tuple[bool, str]]) -> str:
    out: list[str] = []
    for code, line in lines:
        if code:
            out.append(line.replace("&nbsp;", " "))
            continue
        line = _clean_prose_line(line)
        if line is None:
            continue
        if not line and (not out or not out[-1]):
            continue  # runs of blank lines become one
        out.append(line)
    while out and not out[-1]:
        out.pop()
    return "\n".join(out)


def _clean_prose_line(line: str) -> str | None:
    """One prose line with its scraping defects fixed; None drops a line of pure junk."""
    line = PRIVATE_USE.sub("", line).replace("&nbsp;", " ").replace("\u00a0", " ")
    indent = len(line) - len(line.lstrip(" \t"))
    lead, rest = line[:indent], re.sub(r"\t+", " ", line[indent:])
    if "\t" in lead:
        # A tab before a list item nests it; before prose it is a paragraph indent, which
        # Markdown would read as a code block.
        lead = lead.replace("\t", "    ") if LIST_MARKER.match(rest) else ""
    line = lead + rest
    line = line.rstrip()
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
    text = re.sub(r"\\([_|])", r"\1", text)
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
    if not re.match(r"^(https?:|\.{0,2}/|[\w.-]+/)", url):
        return f"*（此处原有一张无法显示的图片：{html.escape(url)}）*"
    return f"![{alt}]({url}){{ loading=lazy }}"  # a scraped attribute list is dropped


def _link(match: re.Match) -> str:
    text, url = match.group(1), match.group(2)
    # `javascript&#58;…`, `java&#9;script:…`: the scheme as a browser reads it.
    scheme = re.sub(r"[\x00-\x20]", "", html.unescape(url)).lower()
    if re.match(r"(javascript|vbscript|data):", scheme):
        return text  # keep what the link said, drop what it would run
    return match.group(0)


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


# --- The comment thread -------------------------------------------------------------


def parse_thread(text: str) -> tuple[tuple[Comment, ...], tuple[str, ...], list[str]]:
    """Comments of either export layout, text no rule knows, and warnings."""
    if not text.strip():
        return (), (), []
    if re.search(r"<li\b", text):
        comments, leftover, warnings = _html_thread(text)
    else:
        comments, leftover, warnings = _markdown_thread(text)
    unique: list[Comment] = []
    for comment in comments:
        if comment not in unique:
            unique.append(comment)
    if len(unique) < len(comments):
        warnings.append(f"dropped {len(comments) - len(unique)} duplicated comment(s)")
    return tuple(unique), tuple(leftover), warnings


def _markdown_thread(text: str) -> tuple[list[Comment], list[str], list[str]]:
    items: list[list[str]] = []
    leftover: list[str] = []
    for line in text.split("\n"):
        if re.match(r"^-( |$)", line):
            items.append([line[2:]])
        elif items:
            items[-1].append(line[2:] if line.startswith("  ") else line)
        elif line.strip():
            leftover.append(line)
    comments, warnings = [], []
    for number, item in enumerate(items, 1):
        comment, complete = _markdown_comment(item)
        if comment is None:
            leftover.append("\n".join(item).strip())
            continue
        if not complete:
            warnings.append(f"comment {number} ({comment.name}) is cut off")
        comments.append(comment)
    return comments, [text for text in leftover if text], warnings


def _markdown_comment(lines: list[str]) -> tuple[Comment | None, bool]:
    name = date = ""
    counts: list[int | None] = []
    paragraphs: list[list[str]] = [[]]
    reply: list[str] = []
    target = paragraphs
    for raw in lines:
        line = IMAGE.sub("", raw).strip() if not name else raw.strip()
        line = EXPAND.sub("", line).strip()
        footer = FOOTER.match(line)
        if footer:
            counts.append(int(footer.group(1)) if footer.group(1) else None)
            continue
        line = PRIVATE_USE.sub("", line)
        if not line:
            if target is paragraphs and paragraphs[-1]:
                paragraphs.append([])
            continue
        if DATE.match(line):
            date = line
        elif not name:
            name = line
        elif REPLY.match(line):
            target = reply
            reply.append(REPLY.sub("", line))
        elif target is reply:
            reply.append(line)
        else:
            paragraphs[-1].append(line)
    text = "\n\n".join("\n".join(lines) for lines in paragraphs if lines)
    if not name and not text:
        return None, False
    replies, likes = (counts + [None, None])[:2]
    comment = Comment(name=name, text=text, date=date, likes=likes, replies=replies,
                      reply="\n".join(reply))
    return comment, bool(date) and len(counts) >= 2


class _ThreadParser(HTMLParser):
    """`<li>` items of the HTML layout: `<span>` name, counts and date as loose text,
    the comment in a `<div>` or `<p>`; entities are decoded by the parser."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.items: list[dict] = []
        self.outside: list[str] = []
        self._field = ""  # name, text or "" for loose text in the item
        self._depth = 0

    def handle_starttag(self, tag, attrs):
        if tag == "li":
            self.items.append({"name": "", "texts": [], "loose": "", "closed": False})
            self._field, self._depth = "", 0
        elif not self.items or self.items[-1]["closed"]:
            return
        elif tag == "span" and not self._field and not self.items[-1]["name"]:
            self._field = "name"
        elif tag in ("div", "p"):
            if self._field != "text":
                self._field, self._depth = "text", 0
                self.items[-1]["texts"].append("")
            else:
                self._depth += 1
                self.items[-1]["texts"][-1] += "\n"
        elif tag == "br" and self._field == "text":
            self.items[-1]["texts"][-1] += "\n"

    def handle_endtag(self, tag):
        if not self.items or self.items[-1]["closed"]:
            return
        if tag == "li":
            self.items[-1]["closed"] = True
            self._field = ""
        elif tag == "span" and self._field == "name":
            self._field = ""
        elif tag in ("div", "p") and self._field == "text":
            if self._depth:
                self._depth -= 1
            else:
                self._field = ""

    def handle_data(self, data):
        if not self.items or self.items[-1]["closed"]:
            if data.strip():
                self.outside.append(data.strip())
            return
        item = self.items[-1]
        if self._field == "name":
            item["name"] += data
        elif self._field == "text":
            item["texts"][-1] += data
        else:
            item["loose"] += data


def _html_thread(text: str) -> tuple[list[Comment], list[str], list[str]]:
    parser = _ThreadParser()
    parser.feed(text)
    parser.close()
    comments, warnings = [], []
    for number, item in enumerate(parser.items, 1):
        texts = [_tidy_comment_text(part) for part in item["texts"]]
        replies = [REPLY.sub("", part) for part in texts if REPLY.match(part)]
        body = [part for part in texts if part and not REPLY.match(part)]
        loose = item["loose"]
        likes, count, date = LIKES.search(loose), REPLIES.search(loose), DATE_IN_TEXT.search(loose)
        comment = Comment(
            name=item["name"].strip(),
            text="\n\n".join(body),
            date=date.group(0) if date else "",
            likes=int(likes.group(1)) if likes else None,
            replies=int(count.group(1)) if count else None,
            reply="\n\n".join(replies),
        )
        if not item["closed"]:
            warnings.append(f"comment {number} ({comment.name}) is cut off")
        comments.append(comment)
    return comments, parser.outside, warnings


def _tidy_comment_text(text: str) -> str:
    """Blank-line runs to one, no trailing spaces, no icon glyphs; the text stays text."""
    lines = [PRIVATE_USE.sub("", line).rstrip() for line in text.strip().split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
