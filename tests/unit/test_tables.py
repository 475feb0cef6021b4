"""Each table stands in a block of its own (distnotes.site.tables), wherever Markdown puts
it, and the text around it stays where it was."""

import markdown
from bs4 import BeautifulSoup

EXTENSIONS = ["tables", "admonition", "md_in_html", "distnotes.site.tables"]


def rendered(source: str) -> BeautifulSoup:
    return BeautifulSoup(markdown.markdown(source, extensions=EXTENSIONS), "html.parser")


def test_a_table_among_paragraphs_gets_a_block_with_nothing_else_in_it():
    soup = rendered("前文\n\n| 列 | 值 |\n|---|---|\n| a | 1 |\n\n后文\n")
    holder = soup.select_one("div.table-holder")
    assert [child.name for child in holder.find_all(recursive=False)] == ["table"]
    assert [element.name for element in soup.find_all(recursive=False)] == ["p", "div", "p"]
    assert [p.get_text() for p in soup.find_all("p")] == ["前文", "后文"]


def test_tables_inside_admonitions_and_html_blocks_are_held_too_and_only_once():
    table = "| 列 |\n|---|\n| a |\n"
    source = '!!! note "注"\n    ' + table.replace("\n", "\n    ") + "\n<div markdown>\n\n" + table + "\n</div>\n"
    soup = rendered(source)
    assert len(soup.find_all("table")) == 2
    assert all(table.parent.get("class") == ["table-holder"] for table in soup.find_all("table"))
    assert not soup.select("div.table-holder div.table-holder")


def test_a_page_without_tables_is_unchanged():
    source = "# 标题\n\n正文，**强调**。\n\n- 一\n- 二\n"
    plain = markdown.markdown(source, extensions=EXTENSIONS[:-1])
    assert markdown.markdown(source, extensions=EXTENSIONS) == plain
