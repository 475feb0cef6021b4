"""What a tidied lecture is: the model between parsing and rendering."""

from __future__ import annotations

from dataclasses import dataclass, field


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
    warnings: tuple[str, ...] = field(default=(), compare=False)
