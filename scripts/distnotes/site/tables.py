"""Every table of a page in a block of its own: a Markdown extension (mkdocs.yml).

The theme's script moves each plain table into a scrolling wrapper when a page opens.
A table standing among the page's paragraphs and headings is one of hundreds of
siblings, and replacing a child of an element restyles all its children, because the
theme's stylesheet has sibling selectors (`~`, `:nth-child`): on an area page with five
tables that was one more restyle of the whole page on every first visit. Inside a block
of its own, a table has no siblings, and the move restyles the table alone.

    <table>…</table>  ->  <div class="table-holder"><table>…</table></div>

The block has no style: the page looks as before (test_site.py).
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

HOLDER = "table-holder"


class TableHolders(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for parent in list(root.iter()):  # listed first: the holders added are not visited
            for index, child in enumerate(list(parent)):
                if child.tag != "table":
                    continue
                holder = etree.Element("div", {"class": HOLDER})
                holder.tail, child.tail = child.tail, None
                parent.remove(child)
                holder.append(child)
                parent.insert(index, holder)


class TableHolderExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Markdown's API)
        # After the tables extension has made its tables (priority 0 runs last of the
        # built-in tree processors).
        md.treeprocessors.register(TableHolders(md), "table_holders", 0)


def makeExtension(**kwargs) -> TableHolderExtension:  # noqa: N802 (Markdown's entry point)
    return TableHolderExtension(**kwargs)
