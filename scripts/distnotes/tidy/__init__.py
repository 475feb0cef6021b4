"""Scraped lecture text in, a `Lecture` out: `tidy(text, filename)`.

Pure functions only: no file I/O here, so each scraping defect is testable on a string.
The text is cut into code fences (kept byte for byte) and prose (blocks), the prose into
the lecture and its comment thread; the lecture's header and body are cleaned by the
rules in body, the thread parsed by thread. A line no rule recognises stays in the page.
"""

from __future__ import annotations

from distnotes.model import Lecture

from .blocks import blocks, decode, split_thread
from .body import clean_body, cut_next_lesson, header
from .thread import parse_thread

__all__ = ["decode", "parse_thread", "tidy"]


def tidy(text: str, filename: str = "") -> Lecture:
    """Turn one scraped lecture file's text into a `Lecture`."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    warnings: list[str] = []
    lecture_blocks, thread_text, declared = split_thread(blocks(text.split("\n")))
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
        warnings=tuple(warnings),
    )
