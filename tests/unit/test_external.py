"""Figures from another host become links to them (distnotes.site.external), so that a
page opens without asking a third party for anything."""

from bs4 import BeautifulSoup

from distnotes.site.external import hold_external_images
from distnotes.site.sanitize import lecture_html

FIGURE = "https://static001.geekbang.org/resource/image/dc/3e/figure.jpg"


def parsed(fragment: str) -> BeautifulSoup:
    return BeautifulSoup(hold_external_images(fragment), "html.parser")


def test_a_figure_from_another_host_becomes_a_link_to_it_naming_the_host():
    soup = parsed(f'<p>正文</p><p><img alt="" loading="lazy" src="{FIGURE}"></p>')
    assert soup.find("img") is None
    held = soup.select_one("a.external-image")
    assert held["href"] == FIGURE
    assert held.get_text() == "显示课程配图（存放在 static001.geekbang.org，点击后才会载入）"
    assert "data-alt" not in held.attrs


def test_the_figures_description_is_kept_searchable_and_the_controls_words_are_not():
    held = parsed(f'<img alt="两阶段提交的时序" src="{FIGURE}">').select_one("a.external-image")
    assert held["data-alt"] == "两阶段提交的时序"
    assert held.get_text().startswith("显示图片：两阶段提交的时序（")
    searchable = "".join(held.find_all(string=True, recursive=False))
    assert searchable == "两阶段提交的时序"
    assert all(span.has_attr("data-pagefind-ignore") for span in held.find_all("span"))


def test_protocol_relative_figures_are_from_another_host_too():
    assert parsed('<img src="//cdn.example.org/x.png">').select_one("a.external-image")["href"] == "//cdn.example.org/x.png"


def test_the_sites_own_figures_stay_images():
    fragment = '<p><img alt="图" src="../../assets/images/3f2a.png"></p>'
    assert hold_external_images(fragment) == fragment


def test_a_figure_inside_a_scraped_link_is_named_without_nesting_links():
    soup = parsed(f'<p><a href="https://example.org/page"><img src="{FIGURE}"></a></p>')
    outer = soup.select_one("a")
    assert outer["href"] == "https://example.org/page"
    assert outer.select("a") == [] and outer.select_one("span.external-image").get_text().endswith("未载入）")


def test_a_hostile_description_stays_text():
    page = lecture_html(f'<img alt="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;" src="{FIGURE}" onerror="alert(2)">')
    soup = BeautifulSoup(page, "html.parser")
    assert soup.find("script") is None and "onerror" not in page
    assert soup.select_one("a.external-image")["data-alt"] == '"><script>alert(1)</script>'


def test_a_javascript_figure_is_dropped_by_the_sanitizer_before_it_could_be_held():
    soup = BeautifulSoup(lecture_html('<img src="javascript:alert(1)">'), "html.parser")
    assert soup.select("a.external-image") == [] and "javascript" not in str(soup)
