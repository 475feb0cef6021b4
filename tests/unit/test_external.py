"""Figures from another host become links to them, and recordings wait to be played
(distnotes.site.external), so that a page opens without asking a third party for anything."""

import pytest
from bs4 import BeautifulSoup

from distnotes.site.external import hold_external_media, is_on_this_site
from distnotes.site.sanitize import lecture_html

FIGURE = "https://static001.geekbang.org/resource/image/dc/3e/figure.jpg"


def parsed(fragment: str) -> BeautifulSoup:
    return BeautifulSoup(hold_external_media(fragment), "html.parser")


def test_a_figure_from_another_host_becomes_a_link_to_it_naming_the_host():
    soup = parsed(f'<p>正文</p><p><img alt="" loading="lazy" src="{FIGURE}"></p>')
    assert soup.find("img") is None
    held = soup.select_one("a.external-image")
    assert held["href"] == held["data-held-src"] == FIGURE
    assert held.get_text() == "显示课程配图（存放在 static001.geekbang.org，点击后才会载入）"
    assert "data-alt" not in held.attrs


def test_the_figures_description_is_kept_searchable_and_the_controls_words_are_not():
    held = parsed(f'<img alt="两阶段提交的时序" src="{FIGURE}">').select_one("a.external-image")
    assert held["data-alt"] == "两阶段提交的时序"
    assert held.get_text().startswith("显示图片：两阶段提交的时序（")
    searchable = "".join(held.find_all(string=True, recursive=False))
    assert searchable == "两阶段提交的时序"
    assert all(span.has_attr("data-pagefind-ignore") for span in held.find_all("span"))


# Addresses a browser reads as another host, though Python's parser sees no host in some.
@pytest.mark.parametrize("src", [
    "//cdn.example.org/x.png", "http:evil.example/x.png", "http:/evil.example/x.png", "\\\\evil.example/x.png",
    "/\\evil.example/x.png", "\\/evil.example/x.png", " https://evil.example/x.png", "HTTPS://EVIL.EXAMPLE/x.png",
    "/\t/evil.example/x.png", "mailto:a@example.org",
])
def test_any_address_a_browser_reads_as_another_host_is_held(src):
    assert not is_on_this_site(src)
    held = parsed(f'<img src="{src}">').select_one("a.external-image")
    assert held["data-held-src"] == src


@pytest.mark.parametrize("src", ["../../assets/images/3f2a.png", "figure.png", "/dist-notes/x.png"])
def test_the_sites_own_figures_stay_images(src):
    fragment = f'<p><img alt="图" src="{src}"></p>'
    assert is_on_this_site(src) and hold_external_media(fragment) == fragment


def test_an_address_pythons_parser_refuses_is_held_and_named_plainly():
    held = parsed('<img src="//[x/y.png">').select_one("a.external-image")  # urlsplit raises on it
    assert held.get_text().endswith("（存放在 其他网站，点击后才会载入）")


@pytest.mark.parametrize("outer", ['<a href="https://example.org/page">{}</a>', "<details><summary>{}</summary></details>"])
def test_a_figure_inside_a_scraped_control_is_named_without_nesting_controls(outer):
    soup = parsed("<p>" + outer.format(f'<img alt="架构图" src="{FIGURE}">') + "</p>")
    held = soup.select_one("span.external-image")
    assert held["data-held-src"] == FIGURE and held.find_parent(["a", "summary"]) is not None
    assert soup.select("a a, summary a") == []
    assert held.get_text() == "架构图（存放在 static001.geekbang.org，未载入）"


def test_recordings_are_fetched_only_when_played():
    soup = parsed('<audio src="https://example.org/a.mp3" controls></audio><audio preload="auto"></audio>')
    assert [audio["preload"] for audio in soup.find_all("audio")] == ["none", "none"]


def test_a_hostile_description_stays_text():
    page = lecture_html(f'<img alt="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;" src="{FIGURE}" onerror="alert(2)">')
    soup = BeautifulSoup(page, "html.parser")
    assert soup.find("script") is None and "onerror" not in page
    assert soup.select_one("a.external-image")["data-alt"] == '"><script>alert(1)</script>'


def test_scraped_markup_cannot_pose_as_a_held_figure():
    soup = BeautifulSoup(lecture_html('<a class="external-image" data-held-src="https://tracker.example/p.gif" '
                                      'href="https://tracker.example/p.gif">下一讲</a>'), "html.parser")
    assert soup.select("[data-held-src]") == []


def test_a_javascript_figure_is_dropped_by_the_sanitizer_before_it_could_be_held():
    soup = BeautifulSoup(lecture_html('<img src="javascript:alert(1)">'), "html.parser")
    assert soup.select("[data-held-src]") == [] and "javascript" not in str(soup)
