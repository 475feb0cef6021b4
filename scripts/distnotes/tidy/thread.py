"""The comment thread of either export layout, as `Comment`s.

The Markdown export writes one `- ` item a comment (avatar, name, date, text, the
author's reply, an icon footer with counts); the HTML comment block and the
downloaders write `<li>` items. Comment text stays text: it is escaped when rendered.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

from distnotes.model import Comment

from .patterns import (
    BLANK_RUN,
    DATE,
    DATE_IN_TEXT,
    EXPAND,
    FOOTER,
    IMAGE,
    LIKES,
    MARKDOWN_ITEM,
    PRIVATE_USE,
    REPLIES,
    REPLY,
)


def parse_thread(text: str) -> tuple[tuple[Comment, ...], tuple[str, ...], list[str]]:
    """Comments, text no rule knows, and warnings."""
    if not text.strip():
        return (), (), []
    if "<li" in text:
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
        if MARKDOWN_ITEM.match(line):
            items.append([line[2:]])
        elif items:
            items[-1].append(line[2:] if line.startswith("  ") else line)
        elif line.strip():
            leftover.append(line)
    comments, warnings = [], []
    for number, item in enumerate(items, 1):
        parsed = _markdown_comment(item)
        if parsed is None:
            leftover.append("\n".join(item).strip())
            continue
        comment, complete = parsed
        if not complete:
            warnings.append(f"comment {number} ({comment.name}) is cut off")
        comments.append(comment)
    return comments, [text for text in leftover if text], warnings


@dataclass
class _Fields:
    name: str = ""
    date: str = ""
    counts: list[int | None] = field(default_factory=list)  # replies, then likes
    paragraphs: list[list[str]] = field(default_factory=lambda: [[]])
    reply: list[str] = field(default_factory=list)  # once it starts, text lines are reply


def _markdown_comment(lines: list[str]) -> tuple[Comment, bool] | None:
    """One item's comment, and whether it is complete (it has a date and both counts)."""
    fields = _Fields()
    for raw in lines:
        line = IMAGE.sub("", raw).strip() if not fields.name else raw.strip()
        line = EXPAND.sub("", line).strip()
        if footer := FOOTER.match(line):
            fields.counts.append(int(footer.group(1)) if footer.group(1) else None)
            continue
        line = PRIVATE_USE.sub("", line)
        if not line:
            if not fields.reply and fields.paragraphs[-1]:
                fields.paragraphs.append([])
        elif DATE.match(line):
            fields.date = line
        elif not fields.name:
            fields.name = line
        elif REPLY.match(line):
            fields.reply.append(REPLY.sub("", line))
        elif fields.reply:
            fields.reply.append(line)
        else:
            fields.paragraphs[-1].append(line)
    text = "\n\n".join("\n".join(lines) for lines in fields.paragraphs if lines)
    if not fields.name and not text:
        return None
    replies, likes = (fields.counts + [None, None])[:2]
    comment = Comment(name=fields.name, text=text, date=fields.date, likes=likes, replies=replies,
                      reply="\n".join(fields.reply))
    return comment, bool(fields.date) and len(fields.counts) >= 2


@dataclass
class _Item:
    name: str = ""
    texts: list[str] = field(default_factory=list)
    loose: str = ""  # counts and date, between the tags
    closed: bool = False


class _ThreadParser(HTMLParser):
    """`<li>` items of the HTML layout: `<span>` name, counts and date as loose text,
    the comment in a `<div>` or `<p>`; entities are decoded by the parser."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.items: list[_Item] = []
        self.outside: list[str] = []
        self._field = ""  # name, text or "" for loose text in the item
        self._depth = 0

    @property
    def _open(self) -> _Item | None:
        return self.items[-1] if self.items and not self.items[-1].closed else None

    def handle_starttag(self, tag, attrs):
        if tag == "li":
            self.items.append(_Item())
            self._field, self._depth = "", 0
            return
        item = self._open
        if item is None:
            return
        if tag == "span" and not self._field and not item.name:
            self._field = "name"
        elif tag in ("div", "p"):
            if self._field != "text":
                self._field, self._depth = "text", 0
                item.texts.append("")
            else:
                self._depth += 1
                item.texts[-1] += "\n"
        elif tag == "br" and self._field == "text":
            item.texts[-1] += "\n"

    def handle_endtag(self, tag):
        item = self._open
        if item is None:
            return
        if tag == "li":
            item.closed = True
            self._field = ""
        elif tag == "span" and self._field == "name":
            self._field = ""
        elif tag in ("div", "p") and self._field == "text":
            if self._depth:
                self._depth -= 1
            else:
                self._field = ""

    def handle_data(self, data):
        item = self._open
        if item is None:
            if data.strip():
                self.outside.append(data.strip())
        elif self._field == "name":
            item.name += data
        elif self._field == "text":
            item.texts[-1] += data
        else:
            item.loose += data


def _html_thread(text: str) -> tuple[list[Comment], list[str], list[str]]:
    parser = _ThreadParser()
    parser.feed(text)
    parser.close()
    comments, warnings = [], []
    for number, item in enumerate(parser.items, 1):
        texts = [_tidy_comment_text(part) for part in item.texts]
        replies = [REPLY.sub("", part) for part in texts if REPLY.match(part)]
        body = [part for part in texts if part and not REPLY.match(part)]
        likes, count, date = LIKES.search(item.loose), REPLIES.search(item.loose), DATE_IN_TEXT.search(item.loose)
        comment = Comment(
            name=PRIVATE_USE.sub("", item.name).strip(),
            text="\n\n".join(body),
            date=date.group(0) if date else "",
            likes=int(likes.group(1)) if likes else None,
            replies=int(count.group(1)) if count else None,
            reply="\n\n".join(replies),
        )
        if not item.closed:
            warnings.append(f"comment {number} ({comment.name}) is cut off")
        comments.append(comment)
    return comments, parser.outside, warnings


def _tidy_comment_text(text: str) -> str:
    """Blank-line runs to one, no trailing spaces, no icon glyphs; the text stays text."""
    lines = [PRIVATE_USE.sub("", line).rstrip() for line in text.strip().split("\n")]
    return BLANK_RUN.sub("\n\n", "\n".join(lines)).strip()
