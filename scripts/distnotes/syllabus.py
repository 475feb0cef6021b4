"""The syllabus data file: areas of the 四纵四横 map, both courses and their lessons."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .model import UNSORTED, Lecture, Placement

_SEPARATOR = re.compile(r"\s*(?:\\?[|｜丨])\s*")


def normalise_title(title: str) -> str:
    """One separator, unescaped: `开篇词 \\| 标题` and `开篇词丨标题` become `开篇词｜标题`."""
    return _SEPARATOR.sub("｜", title.strip(), count=1)


def title_key(text: str) -> str:
    """What two spellings of one lesson title share: letters and digits, lower case.

    Separators (`|`, `｜`, ` - `, `_`), spaces and punctuation differ between exports and
    file names, so they are left out; `19CommitFailed…` and `19 | CommitFailed…` agree.
    """
    return re.sub(r"[\W_]+", "", text).lower()


@dataclass(frozen=True)
class Area:
    slug: str
    name: str
    short: str
    kind: str  # layer, line, guide or extras
    gap: str = ""  # what course 1 leaves out of this line, if anything
    keywords: tuple[str, ...] = ()

    @property
    def on_map(self) -> bool:
        return self.kind in ("layer", "line")

    @property
    def page(self) -> str:
        return f"areas/{self.slug}/index.md" if self.on_map else f"{self.slug}/index.md"


@dataclass(frozen=True)
class Course:
    id: str
    title: str
    author: str
    year: int
    column: str = ""  # the course on its publisher's site
    number: int = 0  # its place in the syllabus: 1 for 课程一

    @property
    def label(self) -> str:
        """课程一, 课程二: how the notes cite a course."""
        return "课程" + "一二三四五六七八九"[self.number - 1]


@dataclass(frozen=True)
class Lesson:
    course: Course
    n: int
    title: str
    area: str
    module: str = ""  # the part of the course: 开篇词, 第一站：分布式协调与同步, …
    brief: bool = False  # short by nature (a quiz page), not a cut-off preview
    also: tuple[str, ...] = ()
    raw: str = ""

    @property
    def page(self) -> str:
        return f"lectures/{self.course.id}/{self.n:02d}.md"

    @property
    def areas(self) -> tuple[str, ...]:
        return (self.area, *self.also)

    @property
    def label(self) -> str:
        """The lesson as the notes cite it within its course: 第 3 讲, or 开篇词, 特别放送."""
        label = self.title.split("｜", 1)[0]
        return f"第 {int(label)} 讲" if label.isdigit() else label

    @property
    def name(self) -> str:
        """The title without its number or label: `分布式锁：…` of `07｜分布式锁：…`."""
        parts = self.title.split("｜", 1)
        return parts[-1]


@dataclass(frozen=True)
class Syllabus:
    areas: dict[str, Area]
    courses: tuple[Course, ...]
    lessons: tuple[Lesson, ...]
    _by_key: dict[str, Lesson] = field(repr=False, compare=False, default_factory=dict)

    def lessons_in(self, slug: str) -> list[Lesson]:
        """Lessons placed in an area, first those whose main area it is."""
        main = [lesson for lesson in self.lessons if lesson.area == slug]
        secondary = [lesson for lesson in self.lessons if slug in lesson.also]
        return main + secondary

    def lessons_of(self, course: Course) -> list[Lesson]:
        """A course's lessons in its order."""
        return [lesson for lesson in self.lessons if lesson.course == course]

    def areas_of(self, course: Course) -> list[str]:
        """The areas a course's lessons are placed in, in the order the course reaches them."""
        return list(dict.fromkeys(slug for lesson in self.lessons_of(course) for slug in lesson.areas))

    def match(self, title: str = "", filename: str = "") -> Lesson | None:
        """The lesson a scraped file is, by its raw name, its title or its file name."""
        if filename:
            for lesson in self.lessons:
                if lesson.raw and lesson.raw == Path(filename).name:
                    return lesson
        for candidate in (title, Path(filename).stem if filename else ""):
            key = title_key(candidate)
            if key and key in self._by_key:
                return self._by_key[key]
        # A title without its number (`# 分布式事务：All or nothing`), if only one lesson fits.
        for candidate in (title, Path(filename).stem if filename else ""):
            key = title_key(_SEPARATOR.split(normalise_title(candidate), 1)[-1])
            if not key:
                continue
            fits = [lesson for lesson in self.lessons if title_key(lesson.name) == key]
            if len(fits) == 1:
                return fits[0]
        return None

    def guess_area(self, title: str) -> str:
        """An area a title makes clear by one of the area's keywords, else unsorted."""
        for area in self.areas.values():
            if any(word.lower() in title.lower() for word in area.keywords):
                return area.slug
        return UNSORTED


def place(lecture: Lecture, syllabus: Syllabus, source: str, filename: str) -> Placement:
    """The lecture's lesson and area: the syllabus's word where it knows the file.

    `source` is how the page names its raw file (a path relative to the project)."""
    lesson = syllabus.match(lecture.title, filename)
    if lesson is None:
        title = lecture.title or Path(filename).stem
        return Placement(title=title, area=syllabus.guess_area(title), source=source)
    return Placement(
        title=lesson.title,
        course=lesson.course.title,
        course_id=lesson.course.id,
        author=lesson.course.author,
        lesson=lesson.n,
        area=lesson.area,
        also=lesson.also,
        source=source,
        full_length=not lesson.brief,
    )


class SyllabusError(ValueError):
    """A syllabus entry that cannot be used; the message names the file and the entry."""


def load_syllabus(path: str | Path) -> Syllabus:
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    areas: dict[str, Area] = {}
    for number, entry in enumerate(data.get("areas", []), 1):
        where = f"{path}: area {entry.get('slug') or number}"
        try:
            areas[entry["slug"]] = Area(
                slug=entry["slug"], name=entry["name"], short=entry["short"], kind=entry["kind"],
                gap=entry.get("gap", ""), keywords=tuple(entry.get("keywords", ())),
            )
        except KeyError as missing:
            raise SyllabusError(f"{where}: no {missing.args[0]!r}") from None
    courses: list[Course] = []
    lessons, seen = [], set()
    for entry in data.get("courses", []):
        where = f"{path}: course {entry.get('id', '?')}"
        try:
            course = Course(entry["id"], entry["title"], entry["author"], int(entry["year"]),
                            column=entry.get("column", ""), number=len(courses) + 1)
        except KeyError as missing:
            raise SyllabusError(f"{where}: no {missing.args[0]!r}") from None
        courses.append(course)
        for row in entry.get("lessons", []):
            at = f"{where}, lesson {row.get('n', '?')} ({row.get('title', 'no title')})"
            try:
                lesson = Lesson(
                    course=course, n=int(row["n"]), title=normalise_title(row["title"]),
                    area=row["area"], also=tuple(row.get("also", ())), raw=row.get("raw", ""),
                    module=str(row.get("module", "")), brief=bool(row.get("brief", False)),
                )
            except KeyError as missing:
                raise SyllabusError(f"{at}: no {missing.args[0]!r}") from None
            except (TypeError, ValueError) as error:
                raise SyllabusError(f"{at}: {error}") from None
            unknown = [slug for slug in lesson.areas if slug not in areas]
            if unknown:
                raise SyllabusError(f"{at}: unknown area {', '.join(unknown)}")
            if (course.id, lesson.n) in seen:
                raise SyllabusError(f"{at}: a second lesson {lesson.n} of {course.id} (both would be {lesson.page})")
            seen.add((course.id, lesson.n))
            lessons.append(lesson)
    by_key = {title_key(lesson.title): lesson for lesson in lessons}
    return Syllabus(areas, tuple(courses), tuple(lessons), by_key)
