"""Every page type passes axe-core (installed from npm at set-up, pinned) with the WCAG
2.2 A/AA rules and best practices, in both palettes, on a desktop and a 390 px phone;
and the map and a lecture page work by keyboard alone."""

import pytest
from playwright.sync_api import expect

from support import ROOT

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "best-practice"]
DISABLED: dict[str, str] = {}  # rule id -> why it is off; none are
PAGE_TYPES = {
    "home": "",
    "area": "areas/coordination/",
    "lecture": "lectures/nie-2019/00/",
    "course table 1": "courses/nie-2019/",
    "course table 2": "courses/chen-2022/",
    "glossary": "glossary/",
    "study path": "guide/path/",
    "404": "no/such/page/",
    "offline page": "offline/",
    "search page": "search/?q=%E5%A4%8D%E5%88%B6",  # 复制: results, sub-results and filters shown
}
VIEWS = [(scheme, width) for scheme in ("light", "dark") for width in (1280, 390)]


def violations(page):
    page.add_script_tag(path=str(AXE))
    return page.evaluate(
        """async ([tags, disabled]) => {
             const rules = Object.fromEntries(disabled.map(id => [id, {enabled: false}]));
             const result = await axe.run(document, {runOnly: {type: "tag", values: tags}, rules});
             return result.violations.map(v => `${v.id}: ${v.nodes.slice(0, 3).map(n => n.target.join(" ")).join(", ")}`);
           }""",
        [TAGS, list(DISABLED)],
    )


@pytest.mark.parametrize(("scheme", "width"), VIEWS, ids=[f"{s}-{w}" for s, w in VIEWS])
def test_every_page_type_passes_axe(browser, site, scheme, width):
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    found = {}
    for name, path in PAGE_TYPES.items():
        page.goto(site + path)
        page.wait_for_load_state("networkidle")
        if name == "lecture":
            page.locator("details.comments summary").click()  # the thread too, opened
        if name == "search page":
            page.locator(".search-page pagefind-results a").first.wait_for()
        if problems := violations(page):
            found[name] = problems
    context.close()
    assert found == {}


def test_the_map_by_keyboard(page, site):
    page.goto(site)
    names = []
    for _ in range(40):
        page.keyboard.press("Tab")
        focused = page.evaluate("""() => { const e = document.activeElement;
            return e.matches('a.map-area') ? [e.getAttribute('href'), e.innerText.replace(/\\s+/g, ' ').trim()] : null; }""")
        if focused:
            names.append(focused)
        if len(names) == 8:
            break
    assert len(names) == 8, names
    for _, name in names:
        assert "课" in name and "已导入" in name and " " in name, name  # words, not one character a line
    assert page.evaluate("getComputedStyle(document.activeElement).boxShadow") != "none"  # focus is visible
    page.keyboard.press("Enter")
    page.wait_for_url("**/" + names[-1][0].split("/dist-notes/")[-1])  # instant navigation makes hrefs absolute


def test_a_lecture_page_by_keyboard(page, site):
    # The context's route sees the service worker's requests too (a page's route does not).
    page.context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(site) else route.abort())
    page.goto(site + "lectures/nie-2019/00/")
    reached = set()
    for _ in range(80):
        page.keyboard.press("Tab")
        reached.add(page.evaluate("""() => { const e = document.activeElement;
            if (e.matches('button.lecture-read')) return 'read';
            if (e.matches('details.comments > summary')) return 'thread';
            if (e.matches('pagefind-searchbox input')) return 'search';
            if (e.matches('[for^=__palette], input[name=__palette]')) return 'palette';
            if (e.matches('audio')) return 'audio';
            if (e.matches('a.external-image')) return 'figure';
            return e.tagName; }"""))
        if {"read", "thread", "search", "palette", "audio", "figure"} <= reached:
            break
    assert {"read", "thread", "search", "palette", "audio", "figure"} <= reached, reached
    page.locator("a.external-image").first.focus()
    page.keyboard.press("Enter")  # the figures come in place (refused here: each then says so, with its link)
    expect(page.locator("article a.external-image")).to_have_count(0)
    # Focus is on the figure, or on the link that took its place when it failed.
    assert page.evaluate("document.activeElement.matches('article img, article a.media-missing')")
    page.locator("button.lecture-read").focus()
    page.keyboard.press("Enter")
    assert page.locator("button.lecture-read").get_attribute("aria-pressed") == "true"
    page.keyboard.press("Enter")
    assert page.locator("button.lecture-read").get_attribute("aria-pressed") == "false"
    page.locator("details.comments > summary").focus()
    page.keyboard.press("Enter")
    assert page.locator("details.comments").get_attribute("open") is not None
    page.locator("a.thread-collapse").focus()
    page.keyboard.press("Enter")
    assert page.locator("details.comments").get_attribute("open") is None


def test_slash_and_s_focus_search_and_are_typed_inside_it(page, site):
    page.goto(site + "areas/coordination/")
    box = page.locator("pagefind-searchbox input")
    box.wait_for()
    hint = page.locator("pagefind-searchbox .pf-trigger-shortcut")
    assert hint.is_visible() and hint.inner_text().strip() == "/"
    for key in ("/", "s"):
        page.locator("article h1").click()  # focus back on the page, out of the box
        assert not box.evaluate("e => e === document.activeElement")
        page.keyboard.press(key)
        assert box.evaluate("e => e === document.activeElement"), key
        assert box.input_value() == "", f"{key} focuses the box without typing itself"
    page.keyboard.type("sls/")  # inside the box the keys are text
    assert box.input_value() == "sls/"
    page.keyboard.press("Escape")


@pytest.mark.viewport(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
def test_the_key_hint_is_left_out_on_a_phone(page, site):
    """A touch screen has no `/` key: Pagefind's own style drops the hint (hover: none)."""
    page.goto(site)
    assert page.evaluate("matchMedia('(hover: none)').matches")  # the emulated phone
    page.locator("pagefind-searchbox input").wait_for(state="attached")
    assert not page.locator("pagefind-searchbox .pf-trigger-shortcut").is_visible()
