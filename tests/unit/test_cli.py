"""`distnotes tidy` end to end on a temporary project: exit codes, placement, re-runs,
--check, and the generated parts following the pages."""

import runpy
import shutil
import subprocess
import sys
from urllib.parse import quote

import pytest

from distnotes.cli import main
from distnotes.render import NOTES_END
from support import FIXTURES, ROOT

TIDY = [sys.executable, "-m", "distnotes", "tidy"]


@pytest.fixture
def project(tmp_path):
    """A copy of the project's sources and raw folder, with no lecture pages yet."""
    for name in ("syllabus.yml", "glossary.yml", "mkdocs.yml"):
        shutil.copy(ROOT / name, tmp_path)
    shutil.copytree(ROOT / "raw", tmp_path / "raw")
    shutil.copytree(ROOT / "docs", tmp_path / "docs", ignore=shutil.ignore_patterns("lectures"))
    shutil.copytree(ROOT / "overrides", tmp_path / "overrides")  # the 404 page's links are generated
    return tmp_path


def run(project, *args):
    return main(["--root", str(project), "tidy", *args])


def test_raw_folder_lands_on_the_map(project, capsys):
    assert run(project) == 0
    out = capsys.readouterr().out
    assert (project / "docs/lectures/nie-2019/00.md").exists()
    assert (project / "docs/lectures/chen-2022/00.md").exists()
    assert "2 files: 2 lectures" in out and "0 failed" in out


def test_second_run_changes_nothing_and_check_passes(project, capsys):
    run(project)
    before = {p: p.read_bytes() for p in (project / "docs").rglob("*.md")}
    capsys.readouterr()
    assert run(project) == 0
    assert "->" not in capsys.readouterr().out  # nothing rewritten
    assert {p: p.read_bytes() for p in (project / "docs").rglob("*.md")} == before
    assert run(project, "--check") == 0


def test_check_fails_when_a_page_is_stale(project, capsys):
    run(project)
    raw = project / "raw/002_9fae27c13c2beacb.txt"
    raw.write_text(raw.read_text(encoding="utf-8") + "\n新加的一段。\n", encoding="utf-8")
    assert run(project, "--check") == 1
    assert "differs from what tidy writes" in capsys.readouterr().err


def test_notes_survive_and_hand_edits_are_protected(project, capsys):
    run(project)
    page = project / "docs/lectures/chen-2022/00.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace(NOTES_END, "我的心得：CAP 要结合场景看。\n" + NOTES_END), encoding="utf-8")
    assert run(project) == 0
    assert "我的心得：CAP 要结合场景看。" in page.read_text(encoding="utf-8")

    edited = page.read_text(encoding="utf-8").replace("你好，我是陈现麟", "你好，我改了这一句")
    page.write_text(edited, encoding="utf-8")
    assert run(project) == 1
    assert "edited outside its notes region" in capsys.readouterr().err
    assert page.read_text(encoding="utf-8") == edited  # not overwritten
    assert run(project, "--force") == 0
    assert "你好，我是陈现麟" in page.read_text(encoding="utf-8")


def test_a_bad_file_is_named_and_the_others_are_still_written(project, capsys):
    (project / "raw/broken.txt").write_bytes(b"\x00\x01binary")
    (project / "raw/gbk.txt").write_bytes("# 06 | 分布式事务：All or nothing\n\n两阶段提交。\n".encode("gb18030"))
    assert run(project) == 1
    captured = capsys.readouterr()
    assert "raw/broken.txt: error: not a text file" in captured.err
    assert (project / "docs/lectures/nie-2019/06.md").exists()
    assert (project / "docs/lectures/nie-2019/00.md").exists()
    assert "1 failed" in captured.out
    assert not list((project / "docs").rglob("*.tmp"))  # atomic writes leave no temp file


def test_out_dir_and_unknown_lectures(tmp_path, capsys):
    code = main(["--root", str(ROOT), "tidy", "--out", str(tmp_path), str(FIXTURES / "no_comment_block.txt"),
                 str(FIXTURES / "fullwidth_bar_title.txt")])
    assert code == 0
    out = capsys.readouterr().out
    assert "not in the syllabus" in out
    assert (tmp_path / "no_comment_block.md").exists()
    assert "lesson: 14" in (tmp_path / "fullwidth_bar_title.md").read_text(encoding="utf-8")


def test_file_named_by_title_lands_in_its_place(project):
    name = "11-雪崩（三）：降级，无奈的丢车保帅之举.md"
    (project / "raw" / name).write_text("降级是丢车保帅。\n", encoding="utf-8")
    assert run(project) == 0
    page = (project / "docs/lectures/chen-2022/14.md").read_text(encoding="utf-8")
    assert "area: tracing-ha" in page


def test_usage_errors_exit_2(tmp_path):
    assert subprocess.run([*TIDY, "--out"], capture_output=True, cwd=ROOT).returncode == 2
    assert subprocess.run([*TIDY, str(FIXTURES / "cut_off.txt")], capture_output=True, cwd=ROOT).returncode == 2
    assert subprocess.run([sys.executable, "-m", "distnotes"], capture_output=True, cwd=ROOT).returncode == 2
    outside = subprocess.run([*TIDY], capture_output=True, text=True, cwd=tmp_path)
    assert outside.returncode == 2 and "no project here" in outside.stderr


def test_committed_pages_match_what_tidy_writes():
    result = subprocess.run([*TIDY, "--check"], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr


def test_a_lecture_joins_the_nav_and_lists_with_no_hand_edit(project):
    assert run(project) == 0
    nav = (project / "mkdocs.yml").read_text(encoding="utf-8")
    assert "lectures/nie-2019/00.md" in nav
    name = "06 - 分布式事务：All or nothing.md"
    (project / "raw" / name).write_text("两阶段提交先投票再提交。\n", encoding="utf-8")
    assert run(project) == 0
    assert "lectures/nie-2019/06.md" in (project / "mkdocs.yml").read_text(encoding="utf-8")
    area = (project / "docs/areas/coordination/index.md").read_text(encoding="utf-8")
    assert "[06｜分布式事务：All or nothing](../../lectures/nie-2019/06.md)" in area
    assert main(["--root", str(project), "generate", "--check"]) == 0


def test_throughput_benchmark_reports_its_table():
    result = subprocess.run([sys.executable, str(ROOT / "bench/bench_tidy.py"), "--megabytes", "0.3"],
                            capture_output=True, text=True, check=True)
    header, _, row = result.stdout.strip().split("\n")
    assert "MB/s" in header
    cells = [cell.strip() for cell in row.strip("|").split("|")]
    assert float(cells[0].split()[0]) >= 0.3 and int(cells[1]) > 2 and float(cells[4]) > 0


def test_site_benchmark_corpus_is_distinct_and_spread(monkeypatch):
    monkeypatch.syspath_prepend(str(ROOT / "bench"))  # bench.py imports the modules beside it
    synthetic_corpus = runpy.run_path(str(ROOT / "bench" / "bench.py"))["synthetic_corpus"]

    corpus = synthetic_corpus(12)
    titles = [text.split("\n", 1)[0] for _, text in corpus]
    assert len(set(titles)) == 12 and len({text for _, text in corpus}) == 12
    assert all(title.startswith("# 合成第") for title in titles)


def test_a_write_error_in_one_file_leaves_the_others_written(project, capsys):
    (project / "raw" / "06 - 分布式事务：All or nothing.md").write_text("两阶段提交。\n", encoding="utf-8")
    (project / "docs/lectures/nie-2019/06.md").mkdir(parents=True)  # the page's place is taken by a folder
    assert run(project) == 1
    err = capsys.readouterr().err
    assert "raw/06 - 分布式事务：All or nothing.md: error:" in err and "Is a directory" in err
    assert (project / "docs/lectures/nie-2019/00.md").is_file()
    assert (project / "docs/lectures/chen-2022/00.md").is_file()


def test_a_saved_page_without_an_article_fails_by_name(project, capsys):
    (project / "raw" / "menu.html").write_text("<!DOCTYPE html><html><body><nav><a href='/'>首页</a></nav></body></html>",
                                             encoding="utf-8")
    assert run(project) == 1
    err = capsys.readouterr().err
    assert "raw/menu.html: error: a saved web page with no article in it" in err
    assert not list((project / "docs/lectures").rglob("menu*.md"))  # the page source is never emitted
    assert (project / "docs/lectures/nie-2019/00.md").is_file()


def test_images_saved_beside_the_file_are_copied_once_under_their_hash(project, capsys):
    folder = project / "raw" / "07 - 分布式锁：关键重地，非请勿入.resource"
    folder.mkdir()
    (folder / "figure.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"figure" * 10)
    (project / "raw" / "07 - 分布式锁：关键重地，非请勿入.md").write_text(
        "# 07 | 分布式锁：关键重地，非请勿入\n\n锁的示意图：\n\n![](" + quote("07 - 分布式锁：关键重地，非请勿入") + ".resource/figure.png)\n\n"
        "![远程图](https://static001.geekbang.org/resource/image/aa/bb/x.png)\n", encoding="utf-8")
    assert run(project) == 0
    copies = list((project / "docs/assets/images").iterdir())
    assert len(copies) == 1 and copies[0].read_bytes().endswith(b"figure")
    page = (project / "docs/lectures/nie-2019/07.md").read_text(encoding="utf-8")
    assert f"![](../../assets/images/{copies[0].name})" in page
    assert "https://static001.geekbang.org/resource/image/aa/bb/x.png" in page  # remote images stay hot-linked
    stamp = copies[0].stat().st_mtime_ns
    assert run(project) == 0 and copies[0].stat().st_mtime_ns == stamp  # nothing copied twice
    assert run(project, "--check") == 0


def test_html_layouts_land_as_clean_pages(project):
    for name in ("html_body_download.md", "saved_page_mkdocs.html"):
        shutil.copy(FIXTURES / name, project / "raw" / name)
    assert run(project) == 0
    page = (project / "docs/lectures/nie-2019/21.md").read_text(encoding="utf-8")  # matched by its title
    assert "<p>" not in page.split("## 我的笔记")[0] and "&lt;p&gt;" not in page
    assert "comment-name\">读者丁" in page and "[[[read_end]]]" not in page
