"""The glossary data file: terms of the map, in our words, with where each is treated."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from .syllabus import Lesson, Syllabus


@dataclass(frozen=True)
class Term:
    id: str
    zh: str
    en: str
    area: str
    definition: str
    abbr: str = ""
    lessons: tuple[Lesson, ...] = ()

    @property
    def heading(self) -> str:
        """The term as 中文（English）, the way every page introduces it."""
        return self.zh if self.zh == self.en else f"{self.zh}（{self.en}）"


def load_glossary(path: str | Path, syllabus: Syllabus) -> tuple[Term, ...]:
    """The terms, each checked against the syllabus: a known area, lessons that exist."""
    lessons = {f"{lesson.course.id}:{lesson.n}": lesson for lesson in syllabus.lessons}
    terms, seen = [], set()
    for entry in yaml.safe_load(Path(path).read_text(encoding="utf-8")):
        where = f"{path}: term {entry.get('id')!r}"
        if entry["id"] in seen:
            raise ValueError(f"{where} appears twice")
        if entry["area"] not in syllabus.areas:
            raise ValueError(f"{where} names unknown area {entry['area']!r}")
        missing = [ref for ref in entry.get("lessons", []) if ref not in lessons]
        if missing:
            raise ValueError(f"{where} names lessons the syllabus does not have: {missing}")
        seen.add(entry["id"])
        terms.append(Term(
            id=entry["id"], zh=str(entry["zh"]), en=str(entry["en"]), area=entry["area"],
            definition=entry["def"], abbr=str(entry.get("abbr", "")),
            lessons=tuple(lessons[ref] for ref in entry.get("lessons", [])),
        ))
    return tuple(terms)
