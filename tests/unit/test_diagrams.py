"""The notes' diagrams are drawn once (`distnotes draw`) and put into the pages by the
Markdown fence; `--check` finds drawings that are missing, stale or left over."""

import os
import re

import markdown
import pytest

from distnotes.cli import main
from distnotes.site import diagrams
from support import ROOT

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")

FLOWCHART = "flowchart LR\n  A[写入] --> B[复制]"
PAGE = f"# 区域\n\n```mermaid\n{FLOWCHART}\n```\n\n!!! note\n\n    ```mermaid\n    flowchart TB\n      C --> D\n    ```\n"


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A project of one note page with two diagrams (one inside an admonition) and a
    lecture with one; Mermaid's package from the set-up."""
    for name in ("mkdocs.yml", "syllabus.yml"):
        (tmp_path / name).write_text((ROOT / name).read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "node_modules").symlink_to(ROOT / "node_modules")
    (tmp_path / "docs" / "areas").mkdir(parents=True)
    (tmp_path / "docs" / "areas" / "index.md").write_text(PAGE, encoding="utf-8")
    (tmp_path / "docs" / "lectures").mkdir()
    (tmp_path / "docs" / "lectures" / "00.md").write_text("```mermaid\nflowchart LR\n  X --> Y\n```\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def fake_drawing(project, source, made_with=None):
    """A drawing file as `draw` writes it, without the browser (its content is Mermaid's
    business, tested with Chromium in tests/browser/test_built.py)."""
    folder = project / diagrams.DIAGRAMS_DIR
    folder.mkdir(exist_ok=True)
    made_with = made_with or diagrams.drawn_with(project)
    path = folder / f"{diagrams.diagram_key(source)}.svg"
    path.write_text(f'<svg data-drawn="{made_with}" id="diagram-x"><text>写入</text></svg>\n', encoding="utf-8")
    return path


def test_every_fence_of_the_notes_is_found_but_not_the_lectures(project):
    sources = diagrams.diagram_sources(project / "docs")
    assert sorted(sources.values()) == sorted([FLOWCHART, "flowchart TB\n  C --> D"])  # the indent taken off


def test_check_names_missing_stale_and_left_over_drawings(project, capsys):
    assert len(diagrams.check(project)) == 2 and all("missing" in problem for problem in diagrams.check(project))
    fake_drawing(project, FLOWCHART)
    fake_drawing(project, "flowchart TB\n  C --> D", made_with="mermaid 0.0.1; style 000000000000")
    fake_drawing(project, "flowchart LR\n  Old --> Page")
    problems = diagrams.check(project)
    assert len(problems) == 2, problems
    assert "not drawn with mermaid" in problems[0] or "not drawn with mermaid" in problems[1]
    assert any("no page has its diagram" in problem for problem in problems)
    assert main(["--root", str(project), "draw", "--check"]) == 1
    assert "distnotes draw" in capsys.readouterr().err


def test_check_passes_when_every_drawing_is_current(project):
    fake_drawing(project, FLOWCHART)
    fake_drawing(project, "flowchart TB\n  C --> D")
    assert diagrams.check(project) == []
    assert main(["--root", str(project), "draw", "--check"]) == 0


def render(text):
    return markdown.markdown(text, extensions=["pymdownx.superfences"], extension_configs={"pymdownx.superfences": {
        "custom_fences": [{"name": "mermaid", "class": "mermaid", "format": diagrams.fence_mermaid_custom}]}})


def test_the_fence_puts_in_the_drawing_or_leaves_the_source_for_mermaid(project):
    undrawn = render(f"```mermaid\n{FLOWCHART}\n```")
    assert undrawn == '<pre class="mermaid"><code>flowchart LR\n  A[写入] --&gt; B[复制]\n</code></pre>'
    fake_drawing(project, FLOWCHART)
    drawn = render(f"```mermaid\n{FLOWCHART}\n```")
    assert drawn.startswith('<figure class="diagram"><svg data-drawn=') and "<text>写入</text>" in drawn
    assert "<pre" not in drawn


def test_a_drawings_ids_are_its_own():
    svg = ('<svg id="diagram-k"><marker id="arrowhead"/><g id="root-0"/><use href="#root-0"/>'
           '<line marker-end="url(#arrowhead)"/></svg>')
    assert diagrams._own_ids(svg, "diagram-k") == (
        '<svg id="diagram-k"><marker id="diagram-k-arrowhead"/><g id="diagram-k-root-0"/><use href="#diagram-k-root-0"/>'
        '<line marker-end="url(#diagram-k-arrowhead)"/></svg>')


def test_draw_draws_in_chromium_then_removes_what_no_page_uses(project):
    """Mermaid in Debian's Chromium: the drawing holds its labels as text, its colours as
    the theme's variables and its ids under its own; a second run draws nothing."""
    written, removed = diagrams.draw(project, CHROMIUM)
    assert len(written) == 2 and removed == []
    svg = (project / diagrams.DIAGRAMS_DIR / f"{diagrams.diagram_key(FLOWCHART)}.svg").read_text(encoding="utf-8")
    assert svg.startswith(f'<svg data-drawn="{diagrams.drawn_with(project)}" ')
    assert "写入" in svg and "复制" in svg
    assert "var(--md-mermaid-node-bg-color)" in svg
    assert not re.search(r'\bid="(?!diagram-)', svg)
    assert diagrams.check(project) == []
    assert diagrams.draw(project, CHROMIUM) == ([], [])
    page = project / "docs" / "areas" / "index.md"
    page.write_text(page.read_text(encoding="utf-8").replace("A[写入]", "A[读取]"), encoding="utf-8")
    written, removed = diagrams.draw(project, CHROMIUM)
    assert len(written) == 1 and len(removed) == 1 and "读取" in written[0].read_text(encoding="utf-8")
