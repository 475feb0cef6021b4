"""The same sources built with Zensical (`distnotes zensical`), served under the subpath:
the generated nav, the drawn map, the lesson lists and search all come through."""

import yaml

from support import ROOT

AREAS = [a["name"] for a in yaml.safe_load((ROOT / "syllabus.yml").read_text("utf-8"))["areas"]
         if a["kind"] in ("layer", "line")]


def test_nav_lists_the_map_and_the_imported_lectures(page, zensical_site):
    page.goto(zensical_site + "guide/")
    tabs = page.locator(".md-tabs").first.text_content()
    for label in ["首页", "导读", "四横", "四纵", "拓展", "术语表"]:
        assert label in tabs, label
    assert "开篇词｜四纵四横，带你透彻理解分布式技术" in page.locator("nav.md-nav--primary").first.text_content()
    page.goto(zensical_site + "areas/coordination/")  # the nav shows the open section's areas
    nav = page.locator("nav.md-nav--primary").first.text_content()
    assert all(name in nav for name in AREAS[4:]), nav


def test_the_map_and_the_drawn_diagrams_come_from_the_site_itself(page, zensical_site):
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(zensical_site)
    grid = page.locator(".area-map-grid")
    assert grid.locator("a.map-area").count() == 8
    text = grid.text_content()
    for name in AREAS:
        assert name.removeprefix("分布式") in text, name
    page.goto(zensical_site + "areas/coordination/")  # an area's own diagrams, drawn by `distnotes draw`
    page.mouse.wheel(0, 20000)
    page.wait_for_load_state("networkidle")
    assert page.locator("article figure.diagram > svg").count() >= 2
    assert page.locator("pre.mermaid").count() == 0
    assert all(url.startswith(zensical_site) for url in requests), [u for u in requests if not u.startswith(zensical_site)]
    assert not [url for url in requests if "mermaid" in url]  # nothing left to draw in the page


def test_area_pages_carry_their_lesson_lists(page, zensical_site):
    page.goto(zensical_site + "areas/coordination/")
    article = page.locator("article").first.text_content()
    assert "两门课中的相关课程" in article and "03｜分布式互斥：有你没我，有我没你" in article
    assert "本区术语" in article


def test_search_finds_a_term(page, zensical_site):
    page.goto(zensical_site + "areas/coordination/")
    box = page.locator("pagefind-searchbox input")
    box.click()
    box.press_sequentially("两阶段提交")
    result = page.locator("a.pf-searchbox-result").first
    result.wait_for(timeout=10000)
    assert "/dist-notes/" in result.get_attribute("href")
