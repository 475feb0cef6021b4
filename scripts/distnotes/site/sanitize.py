"""Lecture HTML made safe by a real sanitizer (nh3, the binding of Rust's ammonia).

Scraped text is untrusted, and Markdown and HTML parsers read it differently from any
regex, so the rendered HTML of every lecture page goes through an allowlist: the tags
and attributes that Python-Markdown, pymdownx and our own renderer produce, and links
and sources with http, https, mailto or a relative URL. Everything else is dropped:
`<script>` and `<style>` with their content, `on…=` attributes, `javascript:` and
`data:` URLs, `style` (but `text-align` in table cells), forms, inputs and frames.
"""

from __future__ import annotations

import html

import nh3

from .external import hold_external_media

TAGS = {
    "a", "abbr", "audio", "b", "blockquote", "br", "caption", "code", "col", "colgroup", "dd",
    "del", "details", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4",
    "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre",
    "q", "s", "samp", "small", "source", "span", "strong", "sub", "summary", "sup", "table",
    "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul", "var",
}
ATTRIBUTES = {
    "*": {"class", "id", "title", "lang", "dir"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height", "loading"},
    "audio": {"src", "controls", "preload"},
    "source": {"src", "type"},
    "details": {"open"},
    "time": {"datetime"},
    "ol": {"start", "type"},
    "li": {"value"},
    "td": {"colspan", "rowspan", "align", "style"},
    "th": {"colspan", "rowspan", "align", "style", "scope"},
}
URL_SCHEMES = {"http", "https", "mailto"}


def _attribute(element: str, attribute: str, value: str) -> str | None:
    # An id starting with `__` could shadow the theme's own elements (`#__config`, the
    # JSON its scripts read): DOM clobbering.
    if attribute == "id" and value.startswith("__"):
        return None
    return value


def sanitize(fragment: str) -> str:
    """The HTML of a page's content with nothing that can run or leave the allowlist."""
    return nh3.clean(
        fragment,
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        generic_attribute_prefixes={"data-pagefind-"},  # search weights and exclusions
        attribute_filter=_attribute,
        filter_style_properties={"text-align"},  # tables' column alignment
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def lecture_html(fragment: str) -> str:
    """A lecture's content as its page shows it: sanitized, then its figures from other
    hosts and its recordings held until the reader asks (distnotes.site.external)."""
    return hold_external_media(sanitize(fragment))


def as_text(value: object) -> str:
    """A scraped value (title, author) for a template that prints it as HTML."""
    return html.escape(str(value))
