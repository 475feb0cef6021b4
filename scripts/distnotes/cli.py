"""The command line around the pure core: reading, placing and writing files.

    distnotes tidy [--check] [--force] [--out DIR FILE…]   raw/ -> docs/lectures/, then generate
    distnotes generate [--check]                          data files -> generated parts of the sources
    distnotes draw [--check]                              the notes' Mermaid fences -> diagrams/*.svg
    distnotes index SITE_DIR                              a built site -> its Pagefind index
    distnotes zensical                                    the same sources built with Zensical

Exit status: 0 all done, 1 some file failed or is out of date (the rest are written),
2 usage error.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from tqdm import tqdm

from .generate import generated, load_project
from .model import UNSORTED, Lecture, Placement
from .project import find_root, mkdocs_setting
from .render import edited_by_hand, notes_of, render
from .syllabus import Syllabus, load_syllabus, place, title_key
from .tidy import decode, mark_preview, tidy
from .tidy.body import image_references, replace_images

RAW_SUFFIXES = {".txt", ".md", ".markdown", ".html", ".htm"}
IMAGE_FOLDERS = ("{stem}.resource", "{stem}_files")  # the Markdown export's, a saved page's
IMAGES = "assets/images"  # in docs/: images saved beside raw files, by content hash
PROGRESS_FROM = 20  # files; fewer finish before a bar would be worth drawing


@dataclass(frozen=True)
class Written:
    """A file tidied into its page (written, or found up to date)."""

    source: Path
    page: Path
    lecture: Lecture
    placed: str
    changed: bool


@dataclass(frozen=True)
class Failed:
    source: Path
    error: str


@dataclass
class Job:
    """What every file of one run shares."""

    root: Path
    syllabus: Syllabus
    out: Path | None = None  # --out: one page per file here, not in docs/
    check: bool = False  # --check: write nothing
    force: bool = False  # --force: overwrite pages edited by hand
    claimed: dict[Path, Path] = field(default_factory=dict)  # page -> the file that makes it

    @property
    def docs(self) -> Path:
        return self.root / "docs"

    def name(self, path: Path) -> str:
        """A path as the project names it: relative to the project where it is inside."""
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return path.name


def write_atomically(path: Path, data: str | bytes) -> None:
    """Write beside the target, then rename: a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data.encode("utf-8") if isinstance(data, str) else data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _page_path(placement: Placement, source: Path, job: Job) -> Path:
    if job.out is not None:
        return job.out / f"{source.stem}.md"
    if placement.course_id and placement.lesson is not None:
        return job.docs / "lectures" / placement.course_id / f"{placement.lesson:02d}.md"
    return job.docs / "lectures" / UNSORTED / f"{title_key(source.stem) or 'lecture'}.md"


def _saved_images(lecture: Lecture, source: Path, page: Path, job: Job) -> Lecture:
    """Images the scraper saved beside the file, copied into the site under their
    content hash (a re-run copies nothing twice); the page links the copies."""
    folders = [source.parent / pattern.format(stem=source.stem) for pattern in IMAGE_FOLDERS]
    links = {}
    for reference in image_references(lecture.body):
        local = (source.parent / unquote(reference)).resolve()  # `07%20-%20….resource/a.png`
        if not any(local.is_relative_to(folder.resolve()) for folder in folders) or not local.is_file():
            continue
        data = local.read_bytes()
        target = job.docs / IMAGES / f"{hashlib.sha256(data).hexdigest()[:20]}{local.suffix.lower()}"
        if not job.check and not target.exists():
            write_atomically(target, data)
        links[reference] = Path(os.path.relpath(target, page.parent)).as_posix()
    if not links:
        return lecture
    return Lecture(**{**lecture.__dict__, "body": replace_images(lecture.body, links)})


def tidy_file(source: Path, job: Job) -> Written | Failed:
    """One file, start to end; any error is this file's, named, and the run goes on."""
    try:
        lecture = tidy(decode(source.read_bytes()), source.name)
        placement = place(lecture, job.syllabus, job.name(source), source.name)
        lecture = mark_preview(lecture, placement.full_length)
        page = _page_path(placement, source, job)
        if page in job.claimed:
            return Failed(source, f"{job.name(job.claimed[page])} already makes {job.name(page)}")
        job.claimed[page] = source
        existing = page.read_text(encoding="utf-8") if page.exists() else None
        if existing is not None and edited_by_hand(existing) and not job.force:
            return Failed(source, f"{job.name(page)} was edited outside its notes region; --force overwrites it")
        lecture = _saved_images(lecture, source, page, job)
        text = render(lecture, placement, notes_of(existing) if existing else "")
        changed = text != existing
        if changed and not job.check:
            write_atomically(page, text)
    except (OSError, ValueError) as error:  # unreadable, undecodable, unwritable
        return Failed(source, str(error))
    except Exception as error:  # noqa: BLE001 - a bug meets one file: named, and the others go on
        return Failed(source, f"unexpected {type(error).__name__}: {error}")
    placed = placement.area if placement.course_id else f"{placement.area}, not in the syllabus"
    return Written(source, page, lecture, placed, changed)


def raw_files(folder: Path) -> list[Path]:
    return sorted(
        path for path in folder.iterdir()
        if path.is_file() and path.suffix.lower() in RAW_SUFFIXES and not path.name.startswith(".")
    )


def _report(results: list[Written | Failed], job: Job) -> int:
    failed = stale = warnings = comments = 0
    for result in results:
        name = job.name(result.source)
        if isinstance(result, Failed):
            failed += 1
            print(f"{name}: error: {result.error}", file=sys.stderr)
            continue
        for warning in result.lecture.warnings:
            warnings += 1
            print(f"{name}: warning: {warning}", file=sys.stderr)
        comments += len(result.lecture.comments)
        if job.check and result.changed:
            stale += 1
            print(f"{name}: {job.name(result.page)} differs from what tidy writes", file=sys.stderr)
        elif result.changed:
            print(f"{name} -> {job.name(result.page)} ({result.placed})")
    print(f"{len(results)} files: {len(results) - failed} lectures, {comments} comments, "
          f"{warnings} warnings, {failed} failed" + (f", {stale} out of date" if job.check else ""))
    return 1 if failed or stale else 0


def generate(root: Path, check: bool) -> int:
    """The generated parts of the sources, written (or, with check, compared)."""
    stale = 0
    for path, text in generated(load_project(root)).items():
        target = root / path
        if target.read_text(encoding="utf-8") == text:
            continue
        if check:
            stale += 1
            print(f"{path}: generated parts differ from the data files (run `distnotes generate`)", file=sys.stderr)
        else:
            write_atomically(target, text)
            print(f"{path}: generated parts updated")
    return 1 if stale else 0


def _tidy_command(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    if bool(args.files) != bool(args.out):
        parser.error("FILE and --out DIR go together (or give neither to tidy the raw folder)")
    job = Job(args.root, load_syllabus(args.root / "syllabus.yml"), args.out, args.check, args.force)
    files = args.files or raw_files(args.root / "raw")
    results = [tidy_file(source, job)
               for source in tqdm(files, disable=len(files) < PROGRESS_FROM, unit="file", file=sys.stderr)]
    status = _report(results, job)
    if args.out is None:  # the nav, lists and map follow the pages
        status = max(status, generate(args.root, args.check))
    return status


def _index_command(args: argparse.Namespace) -> int:
    from .site.search import build_index  # Pagefind only for this command

    print(f"{args.site}: {build_index(args.root, args.site)} pages indexed")
    return 0


def _ebook_command(args) -> int:
    """One EPUB per course; a course that fails is named, and the others are still made."""
    from .site.ebook import EbookError, make_epub  # pandoc and the sanitizer: the site side

    project = load_project(args.root)
    site_url = args.site_url or os.environ.get("SITE_URL") or mkdocs_setting(args.root, "site_url")
    site_url = site_url.rstrip("/") + "/"
    failed = 0
    for course in project.syllabus.courses:
        try:
            book = make_epub(project, course, args.out or args.root / "docs" / "ebooks", site_url, args.threads)
        except (EbookError, OSError) as error:
            print(f"error: {course.id}: {error}", file=sys.stderr)
            failed += 1
            continue
        print(f"{book}: {book.stat().st_size / 1024 / 1024:.1f} MB")
    return 1 if failed else 0


def _draw_command(args) -> int:
    from .site import diagrams

    if args.check:
        problems = diagrams.check(args.root)
        for problem in problems:
            print(problem, file=sys.stderr)
        return 1 if problems else 0
    written, removed = diagrams.draw(args.root, os.environ.get("CHROMIUM", "/usr/bin/chromium"))
    for path in written:
        print(f"{path.relative_to(args.root)}: drawn")
    for path in removed:
        print(f"{path.relative_to(args.root)}: removed (no page has its diagram)")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="distnotes", description="分布式技术笔记: raw/ → tidy → docs/ → site → search index.")
    parser.add_argument("--root", type=Path, help="the project (default: found from the working directory)")
    commands = parser.add_subparsers(dest="command", required=True)
    tidy_parser = commands.add_parser(
        "tidy", help="turn scraped lecture files into pages placed on the 四纵四横 map",
        epilog="With no FILE, every file of raw/ is tidied into docs/, and the generated parts follow.")
    tidy_parser.add_argument("files", nargs="*", type=Path, metavar="FILE", help="scraped files (needs --out)")
    tidy_parser.add_argument("--out", type=Path, metavar="DIR", help="write one page per FILE into DIR")
    tidy_parser.add_argument("--check", action="store_true",
                             help="write nothing; exit 1 if any page or generated part differs")
    tidy_parser.add_argument("--force", action="store_true", help="overwrite pages edited by hand")
    generate_parser = commands.add_parser("generate", help="write the nav, map, lists and glossary from the data files")
    generate_parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if a part differs")
    draw_parser = commands.add_parser("draw", help="draw the notes' Mermaid diagrams into diagrams/ (needs Chromium)",
                                      epilog="The pages show the drawings; a fence with none is drawn live.")
    draw_parser.add_argument("--check", action="store_true",
                             help="no browser, write nothing; exit 1 if a drawing is missing, stale or left over")
    index_parser = commands.add_parser("index", help="build the Pagefind index of a built site")
    index_parser.add_argument("site", type=Path, metavar="SITE_DIR")
    commands.add_parser("zensical", help="build the same sources with Zensical (beta) into .zensical/site")
    ebook_parser = commands.add_parser("ebook", help="make each course an EPUB 3 (needs pandoc)",
                                       epilog="The Pages workflow publishes them beside the site (docs/ebooks/).")
    ebook_parser.add_argument("--out", type=Path, metavar="DIR", help="where the books go (default: docs/ebooks)")
    ebook_parser.add_argument("--threads", action="store_true", help="keep the comment threads, collapsed")
    ebook_parser.add_argument("--site-url", metavar="URL", help="where links point (default: SITE_URL, else mkdocs.yml)")
    args = parser.parse_args(argv)
    try:
        args.root = (args.root or find_root()).resolve()
    except FileNotFoundError as error:
        parser.error(str(error))
    if args.command == "tidy":
        return _tidy_command(args, tidy_parser)
    if args.command == "generate":
        return generate(args.root, args.check)
    if args.command == "ebook":
        return _ebook_command(args)
    if args.command == "draw":
        return _draw_command(args)
    if args.command == "zensical":
        from .site.zensical import build  # Zensical only for this command

        build(args.root)
        return 0
    return _index_command(args)
