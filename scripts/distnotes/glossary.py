"""The glossary data file: terms of the map, in our words, with where each is treated."""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from pathlib import Path

import yaml

with warnings.catch_warnings():  # jieba 0.42 imports the deprecated pkg_resources
    warnings.simplefilter("ignore", UserWarning)
    import jieba

from .syllabus import Lesson, Syllabus

jieba.setLogLevel(60)  # its dictionary-loading chatter would drown the build log


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

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(name for name in (self.zh, self.en, self.abbr) if name)


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


def abbreviations(terms: tuple[Term, ...]) -> dict[str, str]:
    """The abbr extension's glossary: a tooltip on every abbreviation, site-wide."""
    return {term.abbr: term.heading for term in terms if term.abbr}


def search_aliases(text: str, names: list[str]) -> list[str]:
    """Index-only tokens for the names (glossary terms, lecturers) a page contains.

    The index is segmented at build time and the reader's query by the browser's own
    segmenter, and the two disagree on domain terms (the browser splits 灰度发布 into
    灰 / 度 / 发布). Indexing each term whole, in jieba's search-engine pieces and
    character by character lets any split of the term find the pages that treat it.
    """
    tokens: list[str] = []
    for name in names:
        if name in text:
            han = re.findall(r"[\u4e00-\u9fff]", name)
            for token in [name.replace(" ", ""), *jieba.cut_for_search(name), *han]:
                token = token.strip()
                if token and token not in tokens:
                    tokens.append(token)
    return tokens


def add_terms_to_segmenter(terms: tuple[Term, ...]) -> None:
    """Keep every domain term whole when jieba cuts it (and its pieces for search)."""
    for term in terms:
        jieba.add_word(term.zh.replace(" ", ""))
