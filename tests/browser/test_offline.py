"""Reading without a connection, in Chromium, on a project copy built and served under
the Pages subpath: the manifest, the service worker (Workbox), pages opened before going
offline, the offline page, a rebuild seen online, and a course saved for the road."""

import json
import os
import subprocess
import sys

import pytest
from test_search import RESULT, search

from support import served_project

LECTURE = "lectures/nie-2019/00/"
INDIGO = "rgb(64, 81, 181)"  # the header, when the theme's styles are there


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("offline")
    with served_project(root, {}) as (site, built):
        yield site, built, root / "project"


@pytest.fixture
def reader(browser):
    """A browser profile of its own: its worker and caches meet no other test's."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="allow")
    yield context
    context.close()


def controlled(page):
    page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=30000)


def cached(page, url):
    """Wait until some cache of this origin holds `url`."""
    page.wait_for_function("url => caches.match(url).then(Boolean)", arg=url, timeout=15000)


def styled(page):
    header = page.locator("header.md-header")
    return header.evaluate("e => getComputedStyle(e).backgroundColor") == INDIGO


def test_the_manifest_is_valid_under_the_subpath_and_the_worker_controls_the_page(reader, offline_site):
    site, built, _ = offline_site
    page = reader.new_page()
    page.goto(site)
    cdp = reader.new_cdp_session(page)
    answer = cdp.send("Page.getAppManifest")
    assert answer["url"] == site + "manifest.webmanifest"
    assert answer["errors"] == [], answer["errors"]
    manifest = json.loads(answer["data"])
    assert manifest["name"] == "分布式技术笔记" and manifest["short_name"] and manifest["lang"] == "zh-CN"
    subpath = site.split("127.0.0.1")[1].split("/", 1)[1]
    assert manifest["start_url"] == manifest["scope"] == "/" + subpath
    sizes = {icon["sizes"] for icon in manifest["icons"] if icon["type"] == "image/png"}
    assert {"192x192", "512x512"} <= sizes
    for icon in manifest["icons"]:
        response = page.request.get(site + icon["src"])
        assert response.ok and response.headers["content-type"] == icon["type"], icon
    assert any(icon.get("purpose") == "maskable" for icon in manifest["icons"])
    controlled(page)  # the first visit: the worker installs and takes the page over
    scope = page.evaluate("navigator.serviceWorker.ready.then(r => r.scope)")
    assert scope == site
    assert page.evaluate("navigator.serviceWorker.controller.scriptURL") == site + "sw.js"


def test_opened_pages_work_offline_and_an_unvisited_page_shows_the_offline_page(reader, offline_site):
    site, built, project = offline_site
    page = reader.new_page()
    page.goto(site)
    controlled(page)
    cached(page, site)  # the first page, fetched again through the worker once it controls
    page.goto(site + LECTURE)
    cached(page, site + LECTURE)
    # Stored this page's text for the rebuild below.
    reader.set_offline(True)
    try:
        for url in (site, site + LECTURE):
            page.goto(url)
            assert styled(page), url
        # Between the two by their links, as a reader goes (instant navigation, offline).
        page.locator("a.md-logo").first.click()
        page.wait_for_url(site)
        page.locator(".area-map-grid a.map-area").first.wait_for()
        assert page.locator(".area-map-grid a.map-area").count() == 8
        assert styled(page)
        page.go_back()
        page.wait_for_url(site + LECTURE)
        page.locator("article h1").filter(has_text="四纵四横").wait_for()
        search(page, "分布式锁")
        assert page.locator(RESULT).count() > 0, "search answers offline"
        # Pages never opened, one and three folders deep, and one reached by a map link
        # (instant navigation): the offline page, styled, listing what is saved.
        for unvisited in ("areas/computing/", "lectures/chen-2022/00/"):
            page.goto(site + unvisited)
            assert page.locator("article h1").inner_text().startswith("现在连不上网络"), unvisited
            assert styled(page), unvisited
        page.goto(site)
        page.locator('.area-map-grid a.map-area[href$="areas/scheduling/"]').click()
        page.locator("article h1").filter(has_text="现在连不上网络").wait_for()
        assert styled(page)
        page.goto(site + "glossary/")
        assert page.locator("article h1").inner_text().startswith("现在连不上网络")
        assert styled(page)
        saved = page.locator("ul.offline-cached a")
        saved.first.wait_for()
        assert any(link.endswith(LECTURE) for link in (saved.nth(i).get_attribute("href")
                                                       for i in range(saved.count())))
        assert page.locator("ul.offline-cached a").filter(has_text="四纵四横").count() == 1
    finally:
        reader.set_offline(False)

    # A rebuild changes the lecture; back online the next visit shows the new text.
    source = project / "docs" / "lectures" / "nie-2019" / "00.md"
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("\n## ", "\n重新构建之后加上的一句话。\n\n## ", 1), encoding="utf-8")
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(built)], cwd=project,
                   env={**os.environ, "SITE_URL": site, "NO_MKDOCS_2_WARNING": "1"}, check=True)
    source.write_text(text, encoding="utf-8")
    page.goto(site + LECTURE)
    assert "重新构建之后加上的一句话。" in page.locator("article").inner_text()


def test_a_saved_course_opens_offline_with_search_and_can_be_removed(reader, offline_site):
    site, built, _ = offline_site
    pack = json.loads((built / "offline" / "nie-2019.json").read_text(encoding="utf-8"))
    assert pack["lectures"] and pack["bytes"] > 0
    page = reader.new_page()
    page.goto(site + "courses/nie-2019/")
    controlled(page)
    button = page.locator(".offline-course button.offline-save")
    button.wait_for()
    megabytes = f"{pack['bytes'] / 1024 / 1024:.1f} MB"
    assert "离线阅读" in button.inner_text() and megabytes in button.inner_text()
    button.click()
    status = page.locator(".offline-course .offline-status")
    page.wait_for_function("() => document.querySelector('.offline-course .offline-status')"
                           ".textContent.startsWith('已保存')", timeout=60000)
    assert page.locator(".offline-course button.offline-remove").is_visible()
    reader.set_offline(True)
    try:
        for lecture in pack["lectures"]:
            page.goto(site + lecture)
            page.locator("article h1").wait_for()
            assert styled(page), lecture
        for area in ("areas/coordination/",):  # the course's area notes come along
            page.goto(site + area)
            assert not page.locator("article h1").inner_text().startswith("现在连不上网络")
        page.goto(site + pack["lectures"][0])
        search(page, "Paxos")
        assert page.locator(RESULT).count() > 0, "search answers offline over the saved course"
    finally:
        reader.set_offline(False)
    page.goto(site + "courses/nie-2019/")
    page.locator(".offline-course button.offline-remove").click()
    status.filter(has_text="已移除").wait_for()
    assert not page.evaluate("caches.has('distnotes-course-nie-2019')")
