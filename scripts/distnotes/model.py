"""What flows through the pipeline: a tidied `Lecture`, and the `Placement` that puts it
on the map. Parsing makes the first, the syllabus the second, rendering reads both."""

from __future__ import annotations

from dataclasses import dataclass, field

# A lecture whose lesson and area are unknown lands here (not on the map).
UNSORTED = "unsorted"


@dataclass(frozen=True)
class Comment:
    name: str
    text: str
    date: str = ""
    likes: int | None = None
    replies: int | None = None
    reply: str = ""  # the author's reply, if any


@dataclass(frozen=True)
class Lecture:
    title: str
    body: str  # Markdown, junk removed, every paragraph of the lecture kept
    author: str = ""
    audio: str = ""
    comments: tuple[Comment, ...] = ()
    declared_comments: int | None = None  # the count the thread's heading claims
    unrecognised: tuple[str, ...] = ()  # text kept visibly because no rule knew it
    preview_only: bool = False  # the scraper saved only the free preview
    warnings: tuple[str, ...] = field(default=(), compare=False)


@dataclass(frozen=True)
class Placement:
    """Where a lecture sits: its lesson of the syllabus, if known, and its map areas."""

    title: str
    course: str = ""
    course_id: str = ""
    author: str = ""  # the course's lecturer, for files that do not name theirs
    lesson: int | None = None
    area: str = UNSORTED
    also: tuple[str, ...] = ()
    source: str = ""
    full_length: bool = False  # a lesson of the syllabus that runs thousands of characters
