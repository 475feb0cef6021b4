"""`distnotes draw` in Debian's Chromium (the session's browser: Playwright's sync API
runs once per process)."""

import re

from distnotes.site import diagrams
from support import FLOWCHART, diagram_project


def test_draw_draws_in_chromium_then_removes_what_no_page_uses(browser, tmp_path):
    """Mermaid in Debian's Chromium: the drawing holds its labels as text, its colours as
    the theme's variables and its ids under its own; a second run draws nothing."""
    project = diagram_project(tmp_path)
    written, removed = diagrams.draw(project, browser=browser)
    assert len(written) == 2 and removed == []
    svg = (project / diagrams.DIAGRAMS_DIR / f"{diagrams.diagram_key(FLOWCHART)}.svg").read_text(encoding="utf-8")
    assert svg.startswith(f'<svg data-drawn="{diagrams.drawn_with(project)}" ')
    assert "写入" in svg and "复制" in svg
    assert "var(--md-mermaid-node-bg-color)" in svg
    assert not re.search(r'\bid="(?!diagram-)', svg)
    assert diagrams.check(project) == []
    assert diagrams.draw(project, browser=browser) == ([], [])
    page = project / "docs" / "areas" / "index.md"
    page.write_text(page.read_text(encoding="utf-8").replace("A[写入]", "A[读取]"), encoding="utf-8")
    written, removed = diagrams.draw(project, browser=browser)
    assert len(written) == 1 and len(removed) == 1 and "读取" in written[0].read_text(encoding="utf-8")
