"""The notes' diagrams are drawn once (`distnotes draw`) and put into the pages by the
Markdown fence; `--check` finds drawings that are missing, stale or left over."""

import markdown
import pytest

from distnotes.cli import main
from distnotes.site import diagrams
from support import FLOWCHART, diagram_project


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # the fence finds the project from the working directory
    return diagram_project(tmp_path)


def fake_drawing(project, source, made_with=None):
    """A drawing file as `draw` writes it, without the browser (its content is Mermaid's
    business, tested with Chromium in tests/browser/test_draw.py)."""
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


def test_outside_a_project_the_fence_leaves_the_source_for_mermaid(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # `mkdocs build -f` run from elsewhere: no drawings to be found
    assert render(f"```mermaid\n{FLOWCHART}\n```").startswith('<pre class="mermaid"><code>flowchart LR')
