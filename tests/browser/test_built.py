"""The built pages themselves: no scraped junk or scraped script, a valid Pages workflow."""

import re

import yaml

from support import ROOT

JUNK = ["[[[read_end]]]", "data:image", "resize,m_fill", "javascript:"]


def test_no_scraped_junk_or_script_in_built_pages(built):
    pages = list(built.rglob("*.html"))
    assert len(pages) > 10
    for path in pages:
        html = path.read_text(encoding="utf-8")
        for junk in JUNK:
            assert junk not in html, f"{path.relative_to(built)}: {junk}"
        assert not re.search("[\ue000-\uf8ff]", html), f"{path.relative_to(built)}: private-use character"
        content = html.split('<article class="md-content__inner', 1)[-1].split("</article>", 1)[0]
        # The one script in the content is ours (search highlighting), after the page body.
        ours = content.count('has("highlight")')
        assert content.count("<script") == ours <= 1, f"{path.relative_to(built)}: script in the content"


def test_pages_workflow_is_valid_and_uses_the_readme_set_up():
    workflow = yaml.safe_load((ROOT / ".github/workflows/pages.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["build"]["steps"]
    assert any(step.get("run") == "bash scripts/dev.sh build" for step in steps)
    assert any(step.get("uses", "").startswith("actions/upload-pages-artifact") for step in steps)
    deploy = workflow["jobs"]["deploy"]["steps"]
    assert deploy[0]["uses"].startswith("actions/deploy-pages")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "bash scripts/dev.sh serve" in readme and "bash scripts/dev.sh test" in readme
    assert "bash scripts/dev.sh test" in (ROOT / ".ci/run").read_text(encoding="utf-8")


def test_abbreviations_have_their_tooltip(built):
    html = (built / "areas/data-storage/index.html").read_text(encoding="utf-8")
    assert '<abbr title="CAP 定理（CAP Theorem）">CAP</abbr>' in html
    assert '<abbr title="Quorum 机制（Read/Write Quorum）">NWR</abbr>' in html  # no doubled brackets
