"""Scraped text is hostile: raw files carrying some 76 classic vectors (in titles, author
lines, bodies and comments; Markdown, HTML-bodied and saved-page layouts) go through tidy
and a strict build, and every page they make is opened in Chromium: every link hovered
and clicked, every <details> opened. No dialog fires, no `on*` attribute and no
`javascript:` or `data:text/html` URL is in the DOM, and every page keeps its thread,
its notes and its footer."""

from pathlib import Path

import pytest

from support import served_project

HOSTILE = Path(__file__).parent / "hostile"
URL_ATTRIBUTES = ["href", "src", "action", "formaction", "data", "xlink:href", "poster", "background"]
# Everything a page shows that could carry an attribute or a URL, read in the browser.
DOM_CHECK = """
() => {
  const bad = [];
  for (const element of document.querySelectorAll("*")) {
    for (const attribute of element.attributes) {
      const name = attribute.name.toLowerCase();
      const value = attribute.value.replace(/[\\u0000-\\u0020]/g, "").toLowerCase();
      if (name.startsWith("on")) bad.push(`${element.tagName} ${name}`);
      if (/^(javascript|vbscript):/.test(value) || value.startsWith("data:text/html")) {
        bad.push(`${element.tagName} ${name}=${attribute.value.slice(0, 40)}`);
      }
    }
  }
  return bad;
}
"""


# Every figure a page shows, by the address the browser resolved: none on another origin.
ONLY_OUR_FIGURES = """
() => [...document.querySelectorAll("article img")].map((image) => image.src)
  .filter((src) => new URL(src).origin !== location.origin)
"""


# How many held figures of the page are on the given host (or, with `true`, on another).
HELD_ON = """([host, elsewhere]) => [...document.querySelectorAll("article [data-held-src]")].filter((held) => {
  let on = "";
  try { on = new URL(held.dataset.heldSrc, location.href).host; } catch {}
  return (on === host) !== elsewhere;
}).length"""


def show_held_figures(page) -> bool:
    """Follow a held figure as a reader would (a plain click, run by course-media.js):
    the page's figures from that host come in place, the others stay held."""
    held = page.locator("article a[data-held-src]")
    if held.count() == 0:
        return False
    host = held.first.evaluate("link => { try { return new URL(link.dataset.heldSrc, location.href).host; } "
                               "catch { return ''; } }")
    others = page.evaluate(HELD_ON, [host, True])
    held.first.click()
    assert page.evaluate(HELD_ON, [host, False]) == 0
    assert page.evaluate(HELD_ON, [host, True]) == others
    return True


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    with served_project(tmp_path_factory.mktemp("hostile"), HOSTILE) as (site, built):
        yield site, sorted(path.parent.relative_to(built).as_posix() + "/"
                           for path in (built / "lectures").rglob("index.html"))


def test_every_hostile_file_made_a_page(hostile):
    site, pages = hostile
    assert len(pages) == len(list(HOSTILE.iterdir())) == 6


def test_no_hostile_vector_runs_and_every_page_stays_whole(hostile, context):
    site, pages = hostile
    dialogs = []
    context.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    # Only the site itself answers: nothing leaves the machine, whatever a link says.
    outside: list[str] = []
    showed = 0

    def route(route):
        if route.request.url.startswith(site):
            return route.continue_()
        outside.append(route.request.url)
        return route.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.set_default_timeout(5000)
    for path in pages:
        outside.clear()  # what the links of the page before asked for
        page.goto(site + path)
        page.wait_for_load_state("networkidle")
        # Opening the page asked no other host for anything: every figure left in it is the site's.
        assert outside == [], (path, outside)
        assert page.evaluate(ONLY_OUR_FIGURES) == [], path
        showed += show_held_figures(page)
        for details in page.locator("article details").all():
            details.evaluate("element => { element.open = true; }")
        links = page.locator("article a[href], article [href]").count()
        for number in range(links):
            link = page.locator("article a[href], article [href]").nth(number)
            if not link.is_visible():
                continue
            link.hover()
            link.click(modifiers=["Control"], no_wait_after=True)  # a new tab, if anything; the page stays
            page.wait_for_timeout(20)
        page.wait_for_timeout(200)
        assert page.evaluate(DOM_CHECK) == [], path
        assert page.locator("article details.comments").count() == 1, f"{path}: the thread is one block"
        assert page.locator("article h2", has_text="我的笔记").count() == 1, f"{path}: notes heading"
        assert page.locator("footer.md-footer").count() == 1, f"{path}: footer"
        # The thread is closed: the notes come before it, nothing of the page is inside it.
        assert page.locator("details.comments h2").count() == 0, path
    assert dialogs == []
    assert showed >= 2  # the hostile pages with figures on other hosts (hostile_3, hostile_4)


def test_scraped_titles_and_authors_are_text(hostile, page):
    site, pages = hostile
    seen = []
    for path in pages:
        page.goto(site + path)
        seen.append((page.title(), page.locator("article h1").first.text_content(),
                     page.locator("meta[name=author]").get_attribute("content") if page.locator(
                         "meta[name=author]").count() else ""))
    titles = " ".join(title for title, _, _ in seen)
    headings = " ".join(heading for _, heading, _ in seen)
    authors = " ".join(author or "" for _, _, author in seen)
    assert "<img src=x onerror=alert(50)>第一份" in titles and "<img src=x onerror=alert(50)>第一份" in headings
    assert "<script>alert(52)</script>" in headings
    assert "<img src=x onerror=alert(51)>" in authors and '" onmouseover="alert(53)' in authors
    nav = page.locator("nav.md-nav--primary").first.inner_html()
    assert "<svg onload" not in nav and "&lt;svg onload=alert(54)&gt;" in nav

