"""A lecture's figures hot-linked from the course's host wait for the reader: the page
opens without asking that host for anything, and following a held figure shows the
page's figures in place (by pointer or keyboard), or says that they could not load."""

import struct
import zlib

import pytest

LECTURE = "lectures/nie-2019/00/"  # 课程一开篇词: two figures on the course's host
HOST = "static001.geekbang.org"
HELD = "article a.external-image"


def png(width: int, height: int) -> bytes:
    """A grey PNG of that size, made here (no image is fetched from anywhere)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


@pytest.fixture
def host(context, site):
    """The course's host, played by the test: the figures it was asked for (a PNG each),
    or, once `refuse` is set, a refusal; every other host is refused."""
    asked: list[str] = []
    state = {"refuse": False}

    def route(route):
        url = route.request.url
        if url.startswith(site):
            return route.continue_()
        asked.append(url)
        if HOST in url and not state["refuse"]:
            return route.fulfill(status=200, content_type="image/png", body=png(40, 30))
        return route.abort()

    context.route("**/*", route)
    return asked, state


def open_lecture(page, site):
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto(site + LECTURE)
    page.wait_for_load_state("networkidle")
    return errors


def test_a_lecture_opens_without_asking_the_course_host_and_names_its_figures(page, site, host):
    asked, _ = host
    errors = open_lecture(page, site)
    held = page.locator(HELD)
    assert held.count() == 2
    assert held.first.inner_text() == f"显示课程配图（存放在 {HOST}，点击后才会载入）"
    assert held.first.get_attribute("href").startswith(f"https://{HOST}/resource/image/")
    assert page.locator("article img").count() == 0
    assert asked == [] and errors == []


def test_following_a_held_figure_shows_every_figure_of_the_page_in_place(page, site, host):
    asked, _ = host
    errors = open_lecture(page, site)
    first_href = page.locator(HELD).first.get_attribute("href")
    page.locator(HELD).first.click()
    images = page.locator("article img")
    assert images.count() == 2 and page.locator(HELD).count() == 0
    assert page.url == site + LECTURE  # shown here, not opened
    assert images.first.get_attribute("src") == first_href
    assert images.first.get_attribute("alt") == "课程配图"
    assert images.first.evaluate("image => image === document.activeElement")  # focus stayed with it
    images.first.scroll_into_view_if_needed()
    page.wait_for_function("() => document.querySelector('article img').naturalWidth === 40")
    assert any(url == first_href for url in asked) and all(HOST in url for url in asked)
    assert errors == []


def test_a_held_figure_is_shown_by_keyboard(page, site, host):
    open_lecture(page, site)
    page.locator(HELD).first.focus()
    page.keyboard.press("Enter")
    assert page.locator("article img").count() == 2


def test_a_figure_the_host_refuses_says_so_with_a_link_to_it(page, site, host):
    _, state = host
    state["refuse"] = True
    open_lecture(page, site)
    href = page.locator(HELD).first.get_attribute("href")
    page.locator(HELD).first.focus()
    page.keyboard.press("Enter")  # the first figure stands near the top: it loads at once
    missing = page.locator("article a.media-missing").first
    missing.wait_for()
    assert missing.inner_text() == "图片未能加载：课程配图（打开原图）"
    assert missing.get_attribute("href") == href
    assert missing.evaluate("link => link === document.activeElement")  # focus went on with it


def test_the_zensical_build_holds_them_too(context, zensical_site):
    asked: list[str] = []

    def route(route):
        if route.request.url.startswith(zensical_site):
            return route.continue_()
        asked.append(route.request.url)
        return route.fulfill(status=200, content_type="image/png", body=png(40, 30))

    context.route("**/*", route)
    page = context.new_page()
    page.goto(zensical_site + LECTURE)
    page.wait_for_load_state("networkidle")
    assert page.locator(HELD).count() == 2 and page.locator("article img").count() == 0 and asked == []
    page.locator(HELD).first.click()
    page.wait_for_function("() => document.querySelector('article img')?.naturalWidth === 40")
    assert page.locator("article img").count() == 2
    assert asked and all(HOST in url for url in asked)
