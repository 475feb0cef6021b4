"""`distnotes ebook` on a project copy with lectures of both courses, one with a saved
image: EPUBCheck (Debian's package) finds no error in any book, and each book holds
the course's lessons in order, its imported lectures with their images, our notes, the
contents with 未导入 marks, no script, and no comment thread unless asked for."""

import io
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from urllib.parse import quote

import pytest
import yaml
from PIL import Image

from distnotes.cli import main
from support import ROOT

EPUBCHECK = Path("/usr/share/java/epubcheck.jar")
LOCK = "07 - 分布式锁：关键重地，非请勿入"
LECTURES = {
    f"{LOCK}.md": f"# 07 | 分布式锁：关键重地，非请勿入\n\n锁让多台机器互斥地访问资源。\n\n![锁的示意图]({quote(LOCK)}.resource/lock.png)\n\n"
                  "![远程图](https://static001.geekbang.org/resource/image/aa/bb/x.png)\n\n"
                  "## 精选留言(1)\n\n- 读者甲\n\n  只在留言里出现的句子。\n",
    "04 - 分布式选举：国不可一日无君.md": "# 04 | 分布式选举：国不可一日无君\n\n选举在一组节点里选出一个主节点。\n",
}


@pytest.fixture(scope="module")
def books(tmp_path_factory):
    """(project, books without threads, books with threads)."""
    project = tmp_path_factory.mktemp("ebook")
    for name in ("syllabus.yml", "glossary.yml", "mkdocs.yml"):
        shutil.copy(ROOT / name, project)
    shutil.copytree(ROOT / "raw", project / "raw")
    shutil.copytree(ROOT / "docs", project / "docs", ignore=shutil.ignore_patterns("lectures", "ebooks"))
    shutil.copytree(ROOT / "overrides", project / "overrides")
    for name, text in LECTURES.items():
        (project / "raw" / name).write_text(text, encoding="utf-8")
    (project / "raw" / f"{LOCK}.resource").mkdir()
    picture = io.BytesIO()
    Image.new("RGB", (40, 20), "#4051b5").save(picture, format="PNG")
    (project / "raw" / f"{LOCK}.resource" / "lock.png").write_bytes(picture.getvalue())
    assert main(["--root", str(project), "tidy"]) == 0
    plain, threads = project / "books", project / "books-threads"
    site = "https://example.org/dist-notes/"
    assert main(["--root", str(project), "ebook", "--out", str(plain), "--site-url", site]) == 0
    assert main(["--root", str(project), "ebook", "--out", str(threads), "--site-url", site, "--threads"]) == 0
    return project, plain, threads


def courses():
    return yaml.safe_load((ROOT / "syllabus.yml").read_text(encoding="utf-8"))["courses"]


def texts(book: Path) -> dict[str, str]:
    with zipfile.ZipFile(book) as epub:
        return {name: epub.read(name).decode("utf-8") for name in epub.namelist()
                if name.endswith((".xhtml", ".opf", ".ncx"))}


@pytest.mark.parametrize("threads", [False, True], ids=["plain", "threads"])
def test_epubcheck_finds_no_error(books, threads):
    _, plain, with_threads = books
    for book in sorted((with_threads if threads else plain).glob("*.epub")):
        check = subprocess.run(["java", "-jar", str(EPUBCHECK), str(book)], capture_output=True, text=True)
        assert check.returncode == 0, check.stdout + check.stderr
        assert "0 errors" in check.stdout + check.stderr


def test_each_book_holds_its_course_in_lesson_order(books, syllabus):
    project, plain, _ = books
    assert sorted(path.name for path in plain.glob("*.epub")) == sorted(f"{c['id']}.epub" for c in courses())
    for course in courses():
        files = texts(plain / f"{course['id']}.epub")
        opf = next(text for name, text in files.items() if name.endswith(".opf"))
        assert "<dc:language>zh-CN</dc:language>" in opf
        assert f">{course['title']}</dc:title>" in opf and f">{course['author']}</dc:creator>" in opf
        nav = next(text for name, text in files.items() if name.endswith("nav.xhtml"))
        # Every lesson, in the syllabus's order; those with no page marked 未导入.
        position = 0
        for lesson in (lesson for lesson in syllabus.lessons if lesson.course.id == course["id"]):
            found = nav.find(lesson.name.replace("&", "&amp;"), position)
            assert found >= position, f"{course['id']}: {lesson.title} missing or out of order"
            imported = (project / "docs" / lesson.page).is_file()
            assert ("（未导入）" in nav[found:nav.find("</a>", found)]) is not imported, lesson.title
            position = found + 1
        body = "".join(text for name, text in files.items() if name.endswith(".xhtml"))
        assert "<script" not in body
        assert "精选留言" not in body and "只在留言里出现的句子" not in body
        # Our notes for every area the course touches follow the lessons.
        touched = dict.fromkeys(slug for lesson in syllabus.lessons if lesson.course.id == course["id"]
                                for slug in lesson.areas)
        notes = [syllabus.areas[slug] for slug in touched if (project / "docs" / syllabus.areas[slug].page).is_file()]
        assert notes
        for area in notes:
            assert f"笔记·{area.name}" in nav[position:], area.name
        assert body.count("核心问题与技术") >= len([a for a in notes if a.on_map])


def test_imported_lectures_carry_their_text_and_embedded_images(books):
    _, plain, _ = books
    with zipfile.ZipFile(plain / "nie-2019.epub") as epub:
        names = epub.namelist()
        body = "".join(epub.read(name).decode("utf-8") for name in names if name.endswith(".xhtml"))
        assert "锁让多台机器互斥地访问资源。" in body and "选举在一组节点里选出一个主节点。" in body
        media = [name for name in names if name.startswith("EPUB/media/") and name.endswith(".png")]
        assert len(media) == 1 and epub.read(media[0]).startswith(b"\x89PNG")
        assert re.search(rf'<img src="\.\./media/{Path(media[0]).name}"[^>]* alt="锁的示意图"', body)
        # The hot-linked picture would need the network when read: a link instead.
        assert '<a href="https://static001.geekbang.org/resource/image/aa/bb/x.png">［图：远程图］</a>' in body
        assert any(name.endswith(".svg") for name in names if "media" in name)  # the map
        # Links between pages lead to the published site.
        assert 'href="https://example.org/dist-notes/areas/coordination/' in body


def test_threads_come_in_only_when_asked_for_and_collapsed(books):
    _, _, threads = books
    body = "".join(text for text in texts(threads / "nie-2019.epub").values())
    assert "只在留言里出现的句子" in body
    thread = body[body.index("精选留言"):]
    details = re.search(r"<details[^>]*>", thread)
    assert details and " open" not in details[0], "the thread comes collapsed"
    assert "只在留言里出现的句子" in thread[details.start():]


def test_the_build_publishes_the_books_and_each_course_table_links_its_own(books, tmp_path):
    project, plain, _ = books
    shutil.copytree(plain, project / "docs" / "ebooks", dirs_exist_ok=True)
    (project / "node_modules").symlink_to(ROOT / "node_modules")
    site = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(site)], cwd=project,
                   env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, check=True)
    for course in courses():
        book = site / "ebooks" / f"{course['id']}.epub"
        assert book.read_bytes() == (plain / book.name).read_bytes()
        table = (site / "courses" / course["id"] / "index.html").read_text(encoding="utf-8")
        size = f"{book.stat().st_size / 1024 / 1024:.1f} MB"
        assert re.search(rf'<p class="course-ebook">电子书：<a href="\.\./\.\./ebooks/{course["id"]}\.epub">'
                         rf'{course["id"]}\.epub（EPUB 3，{re.escape(size)}）</a>', table), table[:2000]
