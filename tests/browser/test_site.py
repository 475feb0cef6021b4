"""The built site in headless Chromium: the map, navigation, palettes, offline, subpath."""

import re
import time
import urllib.error
import urllib.request
from html.parser import HTMLParser
from urllib.parse import urljoin, urlparse

import pytest
import yaml
from playwright.sync_api import expect

from support import ROOT, served_project

AREAS = {a["slug"]: a["name"] for a in yaml.safe_load((ROOT / "syllabus.yml").read_text("utf-8"))["areas"]
         if a["kind"] in ("layer", "line")}
MAP_SVG = ".area-map-grid"  # the home map: a grid of links (distnotes generate)
DRAWN_SVG = "article figure.diagram > svg"  # an area page's own diagrams, drawn at build time
LIVE_SVG = "div.mermaid svg"  # a diagram not drawn yet, drawn by Mermaid in the page


def draw_first_diagram(page):
    """Diagrams not drawn at build time are drawn as they near the viewport
    (mermaid-global.mjs): bring one there, and again until it is drawn. After an
    instant navigation the theme scrolls the new page to its top a moment after its
    content is in, which can undo a single scroll and leave the diagram far below."""
    page.locator("article pre.mermaid").first.wait_for(state="attached")
    page.wait_for_function("""() => {
        document.querySelector("article pre.mermaid")?.scrollIntoView({ block: "center" });
        return document.querySelector("article div.mermaid")?.shadowRoot?.querySelector("svg");
    }""", polling=250, timeout=30000)  # the module, then the drawing, on a busy machine
    page.locator(LIVE_SVG).first.wait_for()


@pytest.fixture(scope="module")
def undrawn_site(tmp_path_factory):
    """The project built without its drawings (diagrams/): every fence is drawn live, as
    one a person has just written is while serving."""
    with served_project(tmp_path_factory.mktemp("undrawn"), {}, drawings=False) as (site, _):
        yield site
LAYERS_BOTTOM_UP = ["resource-pooling", "communication", "data-storage", "computing"]
LINES = ["coordination", "scheduling", "tracing-ha", "deployment"]


def area_link(svg, slug):
    return svg.locator(f'a.map-area[href$="areas/{slug}/"]')  # instant navigation may make it absolute


def open_map(page, url):
    page.goto(url)
    page.locator(MAP_SVG).first.wait_for()
    return page.locator(MAP_SVG).first


def box(locator):
    return locator.bounding_box()


def test_map_renders_all_eight_areas_with_their_names(page, site):
    svg = open_map(page, site)
    text = svg.text_content()
    for slug, name in AREAS.items():
        assert name.removeprefix("分布式") in text, name
        link = area_link(svg, slug)
        assert link.count() == 1
        assert link.text_content().startswith(name.removeprefix("分布式") if link.get_attribute("class").count(
            "map-line") else name), link.text_content()
    assert svg.locator("a.map-layer").count() == 4 and svg.locator("a.map-line").count() == 4
    gaps = svg.locator("a.map-gap-line")  # the lines course 1 leaves out, drawn dashed
    assert gaps.count() == 2 and all(gap.evaluate("e => getComputedStyle(e).borderTopStyle") == "dashed"
                                     for gap in gaps.all())
    assert svg.locator("a.map-line").first.evaluate("e => getComputedStyle(e).borderTopStyle") == "solid"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_lines_stand_across_every_layer_bottom_up(browser, site, scheme):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    svg = open_map(page, site)
    layers = [box(area_link(svg, slug)) for slug in LAYERS_BOTTOM_UP]
    assert [layer["y"] for layer in layers] == sorted((layer["y"] for layer in layers), reverse=True)  # bottom-up
    stack_top = min(layer["y"] for layer in layers)
    stack_bottom = max(layer["y"] + layer["height"] for layer in layers)
    for slug in LINES:
        line = box(area_link(svg, slug))
        assert line["y"] <= stack_top and line["y"] + line["height"] >= stack_bottom, slug
        for layer in layers:
            assert layer["x"] < line["x"] and line["x"] + line["width"] < layer["x"] + layer["width"], slug
    context.close()


@pytest.mark.parametrize("slug", list(AREAS))
def test_clicking_an_area_opens_its_page(page, site, slug):
    svg = open_map(page, site)
    area_link(svg, slug).locator(".map-name").click()  # a layer's middle lies under the lines
    page.wait_for_url(f"**/areas/{slug}/")
    page.locator("article h1", has_text=AREAS[slug]).first.wait_for()  # instant navigation swaps the content in
    assert page.locator("article h1").first.text_content().strip().rstrip("¶") == AREAS[slug]


@pytest.mark.viewport(viewport={"width": 390, "height": 844})
def test_phone_gets_a_map_it_can_read(page, site):
    svg = open_map(page, site)
    links = svg.locator("a.map-area")
    assert links.count() == 8
    for link in links.all():
        assert link.is_visible()
        for label in link.locator(".map-name, .map-count").all():
            assert float(label.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")) >= 12, label.text_content()
    assert page.evaluate("document.scrollingElement.scrollWidth <= document.scrollingElement.clientWidth")
    assert len(page.locator(".md-header__title .md-ellipsis").first.text_content().strip()) > 1
    area_link(svg, "computing").locator(".map-name").click()
    page.wait_for_url("**/areas/computing/")


def test_map_is_there_again_after_instant_navigation(page, site):
    open_map(page, site)
    page.evaluate("window.__sameDocument = true")  # gone if the browser reloads the page
    page.locator("a.md-tabs__link", has_text="导读").click()
    page.wait_for_url("**/guide/")
    page.locator("article a", has_text="开篇词｜四纵四横").first.click()
    page.wait_for_url("**/lectures/nie-2019/00/")
    page.locator("a.md-tabs__link", has_text="首页").click()
    page.wait_for_url(site)
    page.locator(MAP_SVG).first.wait_for()
    assert page.evaluate("window.__sameDocument") is True


def fences(page_source):
    return (ROOT / "docs" / page_source).read_text(encoding="utf-8").count("```mermaid")


def test_area_diagrams_are_drawn_at_build_time_and_load_no_mermaid(page, site):
    """The notes' diagrams come drawn (distnotes draw): nothing to load, nothing to block."""
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(site + "lectures/chen-2022/00/")
    page.locator("a.md-tabs__link", has_text="四纵").click()  # instant navigation, then a full load
    page.wait_for_url("**/areas/coordination/")
    page.locator("article h1", has_text="分布式协同").wait_for()
    for area in ("coordination", "scheduling"):
        if area != "coordination":
            page.goto(site + f"areas/{area}/")
        page.mouse.wheel(0, 20000)  # the live drawings waited for the viewport
        page.wait_for_load_state("networkidle")
        assert page.locator(DRAWN_SVG).count() == fences(f"areas/{area}/index.md") >= 2, area
        assert page.locator("pre.mermaid, div.mermaid").count() == 0, area
    assert page.locator(DRAWN_SVG).first.locator("text", has_text="Mesos Master").count() >= 1  # the labels are text
    assert not [url for url in requests if "mermaid" in url], [url for url in requests if "mermaid" in url]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_drawing_takes_the_palette_colours(browser, site, scheme):
    """One SVG for both palettes: its boxes and lines are the theme's Mermaid colours."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    page.goto(site + "areas/coordination/")
    theme = page.evaluate("""() => { const style = getComputedStyle(document.querySelector("article"));
        const probe = document.createElement("div"); document.querySelector("article").append(probe);
        const resolve = (name) => { probe.style.color = `var(${name})`; return getComputedStyle(probe).color; };
        return {node: resolve("--md-mermaid-node-fg-color"), edge: resolve("--md-mermaid-edge-color"),
                label: resolve("--md-mermaid-label-fg-color"), background: style.backgroundColor}; }""")
    flowchart = page.locator("article figure.diagram > svg.flowchart").first
    assert flowchart.locator(".node rect").first.evaluate("e => getComputedStyle(e).stroke") == theme["node"]
    assert flowchart.locator(".flowchart-link").first.evaluate("e => getComputedStyle(e).stroke") == theme["edge"]
    label = flowchart.locator(".nodeLabel").first
    assert label.evaluate("e => getComputedStyle(e).color") == theme["label"]
    page_background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert contrast(over(theme["label"], page_background), page_background) >= 4.5, (scheme, theme)
    context.close()


@pytest.mark.viewport(viewport={"width": 390, "height": 844})
def test_a_wide_drawing_scrolls_on_a_phone_at_a_readable_size(page, site):
    """Shrunk to 390 px the Mesos offer sequence's labels would be about 5 px high: it keeps
    600 px and scrolls sideways, by keyboard too."""
    page.goto(site + "areas/scheduling/")
    figure = page.locator("article figure.diagram", has=page.locator("svg[aria-roledescription=sequence]")).first
    figure.scroll_into_view_if_needed()
    assert figure.locator("svg").evaluate("e => e.getBoundingClientRect().width") >= 599
    assert figure.evaluate("e => e.scrollWidth > e.clientWidth")
    # Set once the drawing is laid out (a11y.js observes its size).
    expect(figure).to_have_attribute("tabindex", "0")
    expect(figure).to_have_attribute("role", "region")
    expect(figure).to_have_attribute("aria-label", re.compile("示意图"))
    figure.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("e => e.scrollLeft > 0", arg=figure.element_handle())
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # the page itself does not scroll sideways


def test_arriving_on_a_lecture_then_opening_a_diagram_stays_local(page, undrawn_site):
    """A diagram not drawn yet: Mermaid is loaded by instant navigation itself, not
    fetched from a CDN."""
    site = undrawn_site
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(site + "lectures/chen-2022/00/")
    page.locator("a.md-tabs__link", has_text="四纵").click()
    page.wait_for_url("**/areas/coordination/")
    page.locator("article h1", has_text="分布式协同").wait_for()  # instant navigation swapped the page in
    draw_first_diagram(page)
    assert all(url.startswith(site) for url in requests if "mermaid" in url), requests


def rgba(color):
    values = [float(x) for x in re.findall(r"[\d.]+", color)]
    return values[:3], (values[3] if len(values) > 3 else 1.0)


def over(color, base):
    """A CSS colour composited over an opaque base colour."""
    (rgb, alpha), (base_rgb, _) = rgba(color), rgba(base)
    return "rgb({})".format(",".join(str(a * alpha + b * (1 - alpha)) for a, b in zip(rgb, base_rgb, strict=True)))


def contrast(foreground, background):
    def luminance(rgb):
        channels = [x / 255 for x in rgba(rgb)[0]]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    light, dark = sorted([luminance(foreground), luminance(background)], reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.viewport(color_scheme="dark")
def test_dark_mode_map_is_readable(page, site):
    svg = open_map(page, site)
    assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"
    page_background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    for area in svg.locator("a.map-area").all():
        background = over(area.evaluate("e => getComputedStyle(e).backgroundColor"), page_background)
        if "map-layer" not in area.get_attribute("class"):  # a line's fill lies over a layer's
            layer = svg.locator("a.map-layer").first.evaluate("e => getComputedStyle(e).backgroundColor")
            background = over(area.evaluate("e => getComputedStyle(e).backgroundColor"), over(layer, page_background))
        for label in area.locator(".map-name, .map-count").all():
            color = label.evaluate("e => getComputedStyle(e).color")
            assert contrast(over(color, background), background) >= 4.5, (area.get_attribute("href"), color)


def test_palette_toggle_redraws_nothing_broken(page, site):
    open_map(page, site)
    page.locator("label.md-header__button[for^=__palette]:visible").first.click()
    assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"
    assert page.locator(MAP_SVG).count() == 1


# Records every change of the body's data-md-color-switching mark, from before any script
# of the page runs.
WATCH_SWITCHING_MARK = """
window.switchingMarks = [];
new MutationObserver((changes) => {
  for (const change of changes) {
    if (change.target === document.body) window.switchingMarks.push(document.body.hasAttribute(change.attributeName));
  }
}).observe(document, { subtree: true, attributeFilter: ["data-md-color-switching"] });
"""


@pytest.mark.parametrize("generator", ["site", "zensical_site"])
def test_first_load_does_not_mark_a_palette_switch(context, request, generator):
    """The theme marks the body while the palette switches (no transitions), and each mark
    restyles the whole page; overrides/main.html skips the two marks of its first mount,
    where nothing switches. A reader's switch is still marked, and still switches. Both
    generators' bundles mount the palette alike."""
    site = request.getfixturevalue(generator)
    context.add_init_script(WATCH_SWITCHING_MARK)

    def late(route):  # the bundle arrives after the page has drawn frames, as on a slow network
        time.sleep(0.5)
        route.continue_()

    context.route("**/assets/javascripts/bundle.*.min.js", late)
    page = context.new_page()
    page.goto(site + "areas/data-storage/")
    page.wait_for_load_state("load")
    page.evaluate("() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")
    assert page.evaluate("window.switchingMarks") == []
    assert page.locator("body").get_attribute("data-md-color-scheme") == "default"
    page.locator("label.md-header__button[for^=__palette]:visible").first.click()
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    page.wait_for_function("window.switchingMarks.length >= 2")  # set, then removed a frame later
    assert page.evaluate("window.switchingMarks") == [True, False]
    assert not page.locator("body").evaluate("b => b.hasOwnProperty('setAttribute')")


@pytest.mark.parametrize("generator", ["site", "zensical_site"])
def test_scripts_run_in_order_once_the_page_is_parsed(context, request, generator):
    """The theme's bundle and our scripts are deferred (overrides/main.html): each runs
    after the whole page has been parsed (so the text can be painted first), in the order
    the page lists them, the bundle first, before DOMContentLoaded; and the page works."""
    site = request.getfixturevalue(generator)
    names = ["bundle", "course-media", "progress", "a11y", "search", "offline"]

    def recorded(route):  # each script first notes its name and how far the page had got
        name = next(name for name in names if f"/{name}." in route.request.url)
        body = route.fetch().text()
        route.fulfill(body=f"(window.ran ||= []).push(['{name}', document.readyState]);\n" + body,
                      content_type="text/javascript")

    context.route("**/assets/javascripts/*.js", recorded)
    context.add_init_script("addEventListener('DOMContentLoaded', () => (window.ran ||= []).push(['loaded', document.readyState]))")
    page = context.new_page()
    page.goto(site + "areas/data-storage/")
    page.wait_for_load_state("load")
    assert page.evaluate("window.ran") == [[name, "interactive"] for name in names] + [["loaded", "interactive"]]
    expect(page.locator(".md-sidebar--secondary .md-nav__link").first).to_be_visible()  # the theme's table of contents
    page.keyboard.press("s")  # search.js: `s` focuses the search box
    expect(page.locator("pagefind-searchbox input")).to_be_focused()


def test_the_offline_reading_script_comes_only_with_its_controls(page, site):
    """offline.js fetches offline-reading.js for a page with 离线阅读's controls (a course
    table, the offline page); a lecture page goes without it."""
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(site + "lectures/nie-2019/00/")
    page.wait_for_load_state("networkidle")
    assert not [url for url in requested if url.endswith("/offline-reading.js")]
    page.locator(".lecture-table").click()  # instant navigation to the course table
    expect(page.locator(".offline-course button.offline-save")).to_be_visible()
    assert [url for url in requested if url.endswith("/offline-reading.js")] == [site + "assets/javascripts/offline-reading.js"]


@pytest.mark.viewport(viewport={"width": 390, "height": 844})
def test_the_course_table_stays_put_when_the_offline_controls_show(context, site):
    """离线阅读 shows once offline-reading.js has fetched the course's list, after the page
    has been drawn: its line is kept from the start (extra.css), so the table under it does
    not jump down (as it did by 72 px on a phone)."""
    context.add_init_script("addEventListener('DOMContentLoaded', () => "
                            "window.tableTop = document.querySelector('.course-lessons').getBoundingClientRect().top)")
    page = context.new_page()
    page.goto(site + "courses/nie-2019/")
    expect(page.locator(".offline-course button.offline-save")).to_be_visible()
    assert page.evaluate("document.querySelector('.course-lessons').getBoundingClientRect().top") == page.evaluate("window.tableTop")


def pages_of(built):
    return sorted(path.relative_to(built).parent.as_posix() for path in built.rglob("index.html"))


def test_no_request_leaves_the_site(context, site, built):
    """Fonts, scripts, styles and diagrams all come from the site, and the courses'
    hot-linked figures wait for the reader (test_course_media.py): opening every page
    asks no other host for anything, and offline it still works."""
    outside = []

    def route(route):
        if route.request.url.startswith(site):
            return route.continue_()
        outside.append((route.request.resource_type, route.request.url))
        route.abort()

    context.route("**/*", route)
    page = context.new_page()
    for path in pages_of(built):
        page.goto(site + ("" if path == "." else path + "/"))
        page.wait_for_load_state("networkidle")
    page.goto(site + "areas/coordination/")
    page.locator(DRAWN_SVG).first.wait_for()  # the diagrams shown with every outside request refused
    assert outside == []


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value and not value.startswith(("#", "mailto:", "data:")):
                self.urls.append(value)


def status(url):
    try:
        with urllib.request.urlopen(url) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_no_broken_link_or_asset_under_the_subpath(site, built):
    checked = {}
    for path in pages_of(built) + ["404.html"]:
        page_url = site + ("" if path == "." else path if path.endswith(".html") else path + "/")
        parser = Links()
        parser.feed(urllib.request.urlopen(page_url).read().decode("utf-8"))
        for link in parser.urls:
            url = urljoin(page_url, link).split("#")[0]
            if urlparse(url).hostname != "127.0.0.1":
                continue
            assert url.startswith(site), f"{page_url} links outside the subpath: {link}"
            if url not in checked:
                checked[url] = status(url)
            assert checked[url] == 200, f"{page_url} -> {link} ({checked[url]})"
    assert len(checked) > 15


def test_404_page(page, site):
    response = page.goto(site + "no/such/page/")
    assert response.status == 404
    article = page.locator("article").text_content()
    assert "找不到这一页" in article and "Not found" not in article
    assert page.locator("article a", has_text="四纵四横地图").count() == 1
    assert page.locator("ul.not-found-areas a").count() == 8
    header = page.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor")
    assert header not in ("rgba(0, 0, 0, 0)", "transparent")  # the theme's stylesheet loaded
    page.locator("a.md-header__button.md-logo").click()
    page.locator(MAP_SVG).first.wait_for()


@pytest.mark.viewport(viewport={"width": 390, "height": 844})
def test_phone_shows_the_navigation_drawer(page, site):
    page.goto(site)
    drawer = page.locator("div.md-sidebar--primary")
    assert drawer.bounding_box()["x"] + drawer.bounding_box()["width"] <= 0  # off-canvas
    page.locator("label.md-header__button[for=__drawer]").click()
    page.wait_for_function("document.querySelector('div.md-sidebar--primary').getBoundingClientRect().x >= 0")
    for section in ("导读", "四横", "四纵", "拓展", "课程表"):
        assert drawer.locator(".md-nav__link", has_text=section).first.is_visible()


@pytest.mark.viewport(viewport={"width": 390, "height": 844})
def test_phone_drawer_lists_an_area_section(page, site):
    page.goto(site + "areas/communication/")
    page.locator("label.md-header__button[for=__drawer]").click()
    drawer = page.locator("div.md-sidebar--primary")
    page.wait_for_function("document.querySelector('div.md-sidebar--primary').getBoundingClientRect().x >= 0")
    visible = [link.text_content().strip() for link in drawer.locator(".md-nav__link").all() if link.is_visible()]
    assert any("分布式通信" in text for text in visible), visible


def test_lecture_page_has_header_player_and_collapsed_comments(page, site):
    page.goto(site + "lectures/nie-2019/00/")
    header = page.locator(".lecture-header")
    assert "分布式技术原理与算法解析" in header.text_content() and "聂鹏程" in header.text_content()
    header.locator("a", has_text="导读").click()
    page.wait_for_url("**/guide/")
    page.go_back()
    assert page.locator("audio").get_attribute("preload") == "none"
    thread = page.locator("details.comments")
    assert thread.get_attribute("open") is None
    assert "95 条留言" in thread.locator("summary").text_content()
    assert "精选留言（95）" in page.locator("article h2#thread").text_content()  # its own heading, in the TOC
    assert page.locator("nav.md-nav--secondary a[href$='#thread']").count() >= 1
    assert page.locator('meta[name="referrer"]').get_attribute("content") == "no-referrer"


def test_chinese_heading_anchors(page, site):
    page.goto(site + "areas/data-storage/")
    anchor = page.locator("article h3", has_text="数据怎样分布").get_attribute("id")
    assert re.search(r"[\u4e00-\u9fff]", anchor), anchor
    page.goto(site + f"areas/data-storage/#{anchor}")
    assert page.locator(f'[id="{anchor}"]').is_visible()


def test_diagrams_not_drawn_yet_are_drawn_live_as_they_near_the_viewport(page, undrawn_site):
    page.goto(undrawn_site + "areas/coordination/")
    page.wait_for_load_state("networkidle")
    total = page.locator("pre.mermaid").count()
    assert total >= 2
    page.wait_for_timeout(500)
    assert page.locator("div.mermaid").count() < total  # those far below are not drawn on load
    # Each one not drawn yet is brought near the viewport, again until it is drawn: on a
    # busy machine a drawing can take longer than any fixed pause (CI, 2026-12-02).
    page.wait_for_function("""() => {
        const pending = [...document.querySelectorAll("pre.mermaid")].find((pre) => !pre.querySelector("div.mermaid"));
        pending?.scrollIntoView({ block: "center" });
        return !pending;
    }""", polling=250, timeout=30000)
    page.wait_for_function(f"document.querySelectorAll('div.mermaid').length === {total}")
