"""The command line of tidy: reading, placing and writing files around the pure core."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from tqdm import tqdm

from .lecture import Lecture
from .render import Placement, edited_by_hand, notes_of, render
from .syllabus import UNSORTED, Syllabus, load_syllabus, title_key
from .tidy import decode, tidy

ROOT = Path(__file__).resolve().parents[2]
RAW_SUFFIXES = {".txt", ".md", ".markdown", ".html", ".htm"}
PROGRESS_FROM = 20  # files; fewer finish before a bar would be worth drawing


@dataclass
class Outcome:
    source: Path
    page: Path | None = None
    lecture: Lecture | None = None
    error: str = ""
    placed: str = ""
    changed: bool = False


def place(lecture: Lecture, syllabus: Syllabus, source: Path, root: Path = ROOT) -> Placement:
    """The lecture's lesson and area: the syllabus's word where it knows the file."""
    lesson = syllabus.match(lecture.title, source.name)
    relative = _relative(source, root)
    if lesson is None:
        title = lecture.title or source.stem
        return Placement(title=title, area=syllabus.guess_area(title), source=relative)
    return Placement(
        title=lesson.title,
        course=lesson.course.title,
        course_id=lesson.course.id,
        author=lesson.course.author,
        lesson=lesson.n,
        area=lesson.area,
        also=lesson.also,
        source=relative,
    )


def _relative(path: Path, root: Path = ROOT) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.name


def _page_path(placement: Placement, source: Path, docs: Path, out: Path | None) -> Path:
    if out is not None:
        return out / f"{source.stem}.md"
    if placement.course_id:
        return docs / "lectures" / placement.course_id / f"{placement.lesson:02d}.md"
    slug = title_key(source.stem) or "lecture"
    return docs / "lectures" / UNSORTED / f"{slug}.md"


def write_atomically(path: Path, text: str) -> None:
    """Write beside the target, then rename: a reader never sees half a page."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def tidy_file(source: Path, syllabus: Syllabus, root: Path, out: Path | None,
              check: bool, force: bool, claimed: dict[Path, Path]) -> Outcome:
    outcome = Outcome(source)
    try:
        text = decode(source.read_bytes())
    except (OSError, ValueError) as error:
        outcome.error = str(error)
        return outcome
    lecture = tidy(text, source.name)
    placement = place(lecture, syllabus, source, root)
    page = _page_path(placement, source, root / "docs", out)
    if page in claimed:
        outcome.error = f"{_relative(claimed[page], root)} already makes {_relative(page, root)}"
        return outcome
    claimed[page] = source
    outcome.lecture, outcome.page = lecture, page
    outcome.placed = placement.area if placement.course_id else f"{placement.area}, not in the syllabus"
    existing = page.read_text(encoding="utf-8") if page.exists() else None
    if existing is not None and edited_by_hand(existing) and not force:
        outcome.error = f"{_relative(page, root)} was edited outside its notes region; --force overwrites it"
        return outcome
    text = render(lecture, placement, notes_of(existing) if existing else "")
    outcome.changed = text != existing
    if outcome.changed and not check:
        write_atomically(page, text)
    return outcome


def raw_files(folder: Path) -> list[Path]:
    return sorted(
        path for path in folder.iterdir()
        if path.is_file() and path.suffix.lower() in RAW_SUFFIXES and not path.name.startswith(".")
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="tidy.py",
        description="Turn scraped lecture files into clean pages placed on the 四纵四横 map.",
        epilog="With no FILE, every file of the raw folder is tidied into docs/. "
        "Exit status: 0 all tidied, 1 some failed (the rest are written), 2 usage error.",
    )
    parser.add_argument("files", nargs="*", type=Path, metavar="FILE", help="scraped files (needs --out)")
    parser.add_argument("--out", type=Path, metavar="DIR", help="write one page per FILE into DIR")
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 if any page differs from what tidy would write")
    parser.add_argument("--force", action="store_true", help="overwrite pages edited by hand")
    parser.add_argument("--root", type=Path, default=ROOT, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if bool(args.files) != bool(args.out):
        parser.error("FILE and --out DIR go together (or give neither to tidy the raw folder)")

    root = args.root
    syllabus = load_syllabus(root / "syllabus.yml")
    files = args.files or raw_files(root / "raw")
    claimed: dict[Path, Path] = {}
    outcomes = []
    for source in tqdm(files, disable=len(files) < PROGRESS_FROM, unit="file", file=sys.stderr):
        outcomes.append(tidy_file(source, syllabus, root, args.out, args.check, args.force, claimed))

    failed = stale = warnings = comments = 0
    for outcome in outcomes:
        name = _relative(outcome.source, root)
        if outcome.error:
            failed += 1
            print(f"{name}: error: {outcome.error}", file=sys.stderr)
            continue
        for warning in outcome.lecture.warnings:
            warnings += 1
            print(f"{name}: warning: {warning}", file=sys.stderr)
        comments += len(outcome.lecture.comments)
        if args.check and outcome.changed:
            stale += 1
            print(f"{name}: {_relative(outcome.page, root)} differs from what tidy writes", file=sys.stderr)
        elif outcome.changed:
            print(f"{name} -> {_relative(outcome.page, root)} ({outcome.placed})")
    lectures = len(outcomes) - failed
    print(f"{len(outcomes)} files: {lectures} lectures, {comments} comments, "
          f"{warnings} warnings, {failed} failed" + (f", {stale} out of date" if args.check else ""))
    return 1 if failed or stale else 0
