"""Scraped lecture text in, a `Lecture` out: `tidy(text, filename)`.

Pure functions only: no file I/O here, so each scraping defect is testable on a string.
The text is cut into code fences (kept byte for byte) and prose (blocks), the prose into
the lecture and its comment thread; the lecture's header and body are cleaned by the
rules in body, the thread parsed by thread. A line no rule recognises stays in the page.
Files that are HTML (a downloader's body, a saved web page) are first made Markdown by
markup.
"""

from __future__ import annotations

import re
from dataclasses import replace

from distnotes.model import Lecture

from .blocks import Block, blocks, decode, split_thread
from .body import clean_body, cut_next_lesson, header
from .markup import html_body, is_document, is_html_body, saved_page
from .patterns import READ_END
from .thread import parse_thread

__all__ = ["decode", "mark_preview", "parse_thread", "tidy"]


PREVIEW_TAIL = 200  # characters after [[[read_end]]]: fewer, and only the preview was saved
# Characters of text: a whole lesson of either course runs 4,000 to 14,000; a body shorter
# than this, of a lesson that is not short by nature, is only its opening.
PREVIEW_LENGTH = 1500


def tidy(text: str, filename: str = "") -> Lecture:
    """Turn one scraped lecture file's text into a `Lecture`."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if is_document(text):
        page = saved_page(text)
        return _tidy_markdown(f"# {page.title}\n\n{page.markdown}" if page.title else page.markdown, filename)
    if is_html_body(text):
        body = html_body(text)
        lecture = _tidy_markdown(body.markdown, filename)
        return replace(lecture, audio=body.audio or lecture.audio, comments=body.comments or lecture.comments)
    return _tidy_markdown(text, filename)


def _tidy_markdown(text: str, filename: str) -> Lecture:
    warnings: list[str] = []
    lecture_blocks, thread_text, declared = split_thread(blocks(text.split("\n")))
    preview = _preview_only(lecture_blocks)
    if preview is not None:
        warnings.append(f"only the free preview was saved: the text stops {preview} characters after [[[read_end]]]")
    top = header(lecture_blocks, filename)
    body_lines, appended = cut_next_lesson(top.lines)
    thread_lines, appended_after_thread = cut_next_lesson([(False, line) for line in thread_text.split("\n")])
    for cut in (appended, appended_after_thread):
        if cut:
            warnings.append(f"dropped text of the next lesson appended at the end ({cut})")
    comments, unrecognised, thread_warnings = parse_thread("\n".join(line for _, line in thread_lines))
    warnings += thread_warnings
    return Lecture(
        title=top.title,
        author=top.author,
        audio=top.audio,
        body=clean_body(body_lines),
        comments=comments,
        declared_comments=declared,
        unrecognised=unrecognised,
        preview_only=preview is not None,
        warnings=tuple(warnings),
    )


def mark_preview(lecture: Lecture, full_length: bool) -> Lecture:
    """A lecture far shorter than its lesson, marked as the free preview it is."""
    length = len(_visible(lecture.body))
    if lecture.preview_only or not full_length or length >= PREVIEW_LENGTH:
        return lecture
    warning = f"only the free preview was saved: {length} characters, where a whole lesson has thousands"
    return replace(lecture, preview_only=True, warnings=(*lecture.warnings, warning))


def _visible(text: str) -> str:
    """Text a reader sees: no white space, images or tags."""
    return re.sub(r"\s+|!\[[^\]]*\]\([^)]*\)(\{[^}]*\})?|<[^>]*>", "", text)


def _preview_only(parts: list[Block]) -> int | None:
    """How much text follows the free-preview marker, if so little that the scraper
    saved only the preview (None: a whole lecture, or no marker)."""
    lines = [line for block in parts for line in block.lines]
    marked = [index for index, line in enumerate(lines) if READ_END.search(line)]
    if not marked:
        return None
    tail = len(_visible("".join(lines[marked[-1] + 1:])))
    return tail if tail < PREVIEW_TAIL else None
