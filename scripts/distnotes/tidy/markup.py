"""Scraped files that are HTML, not Markdown: a downloader's HTML body in a `.md` file,
and a whole saved web page. Both become the Markdown the rest of tidy reads, with
markdownify (headings, paragraphs, lists, emphasis, links, images, tables; `<pre>` to a
fence with its code unchanged); a downloader's thread becomes `Comment`s directly.

Layouts, as the real files have them (tests/fixtures reproduce each):

- downloader body: `<audio title="…" src="….mp3" controls="controls"></audio>`, then the
  lecture as `<p>…</p><h2>…</h2><ul>…` blocks on one line with `<!-- [[[read_end]]] -->`
  among them, a `<style>` block, and the thread as `<ul><li><div class="_2sjJGcOH_0">`
  items (name in a `<span>`, text, `作者回复: …`, a date);
- saved page: `<!DOCTYPE html>` (a doubled `<head>`, menus, scripts), the lecture in
  `<article>` (a MkDocs site), `div.book-post` (a Hexo book site) or `<main>`, and on
  MkDocs mirrors the `<div><strong>精选留言（N）</strong></div><ul>…` thread inside it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bs4 import BeautifulSoup, Tag
from bs4 import Comment as HtmlComment
from markdownify import MarkdownConverter

from distnotes.model import Comment

from .patterns import DATE_IN_TEXT, LIKES, PRIVATE_USE, READ_END, REPLIES

# `<!DOCTYPE html>`, `<!doctype html>`, `<html …>`, after comments such as
# `<!-- saved from url=… -->` or `<!--geek time docs 🚀, MIT license-->`.
DOCUMENT = re.compile(r"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", re.I | re.S)
# An HTML body: it opens with a block tag (`<audio`, `<p>`, `<h2>`, `<div>`, …).
HTML_BODY = re.compile(r"^\s*<(?:audio|video|p|h[1-6]|div|ul|ol|section|article|blockquote)[\s>]", re.I)
ESCAPED_READ_END = re.compile(r"\\?\[\\?\[\\?\[read\\?_end\\?\]\\?\]\\?\]")  # "\[\[\[read\_end\]\]\]" as markdownify writes it
BLOCK_CLOSE = re.compile(r"</(?:p|h[1-6]|ul|ol|pre|blockquote)>", re.I)
REPLY_LABEL = re.compile(r"^\s*(?:作者|编辑)回复\s*[:：]\s*")  # "作者回复: 对", "编辑回复：好"
THREAD_START = re.compile(r"<div>\s*<strong>\s*精选留言")  # the MkDocs mirrors' thread, kept as HTML
# Where saved pages keep the lecture, most specific first.
ARTICLE = ["article.md-content__inner", "article", "div.book-post", "main", "[role=main]", "#content", ".article"]
# Page furniture inside those containers.
FURNITURE = "script, style, noscript, nav, aside, header, footer, form, iframe, template, .md-source-file, .headerlink"
TITLE_SUFFIX = re.compile(r"\s+[-|｜–—]\s+[^-|｜–—]*$")  # "17 分布式… - 极客时间文档"
MIN_ARTICLE_TEXT = 80  # characters: less is a page with no lecture in it


def is_document(text: str) -> bool:
    return bool(DOCUMENT.match(text))


def is_html_body(text: str) -> bool:
    """An HTML body, not Markdown with some tags: it opens with a block tag and closes
    at least three blocks."""
    return bool(HTML_BODY.match(text)) and len(BLOCK_CLOSE.findall(text)) >= 3


class _Converter(MarkdownConverter):
    """markdownify with a fence per `<pre>` (its language from `class="language-go"`)."""

    def __init__(self) -> None:
        super().__init__(heading_style="ATX", bullets="-", code_language_callback=_language, strip=["center"])


def _language(element: Tag) -> str:
    code = element.find("code") or element
    for name in code.get("class") or []:
        if name.startswith("language-"):
            return name.removeprefix("language-")
    return ""


def to_markdown(fragment: str) -> str:
    """HTML blocks as Markdown; the free-preview marker survives as its own line."""
    fragment = re.sub(r"<!--\s*\[\[\[read_end\]\]\]\s*-->", "<p>[[[read_end]]]</p>", fragment)
    markdown = _Converter().convert(fragment)
    markdown = ESCAPED_READ_END.sub("<!-- [[[read_end]]] -->", markdown)
    return re.sub(r"\n{3,}", "\n\n", markdown).strip() + "\n"


@dataclass(frozen=True)
class HtmlBody:
    """A downloader's file: its audio, the lecture as Markdown, the thread."""

    audio: str
    markdown: str
    comments: tuple[Comment, ...]


def html_body(text: str) -> HtmlBody:
    soup = BeautifulSoup(text, "html.parser")
    audio = ""
    if (player := soup.find("audio")) is not None:
        source = player.find("source")
        audio = str(player.get("src") or (source.get("src", "") if source else "")).strip()
        player.decompose()
    for style in soup.find_all(["style", "script"]):
        style.decompose()
    comments = []
    for thread in _threads(soup):
        comments += [_downloader_comment(item) for item in thread.find_all("li", recursive=False)]
        thread.decompose()
    return HtmlBody(audio, to_markdown(str(soup)), tuple(comments))


def _threads(soup: BeautifulSoup) -> list[Tag]:
    """The `<ul>`s whose items are comments: a name `<span>` and a date in each."""
    return [
        ul for ul in soup.find_all("ul")
        if (items := ul.find_all("li", recursive=False))
        and all(item.find("span") and DATE_IN_TEXT.search(item.get_text()) and item.find("div") for item in items)
    ]


def _text(element: Tag) -> str:
    """An element's text with `<br>` as line breaks and icon glyphs removed."""
    for br in element.find_all("br"):
        br.replace_with("\n")
    lines = [PRIVATE_USE.sub("", line).strip() for line in element.get_text().split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _downloader_comment(item: Tag) -> Comment:
    name_tag = item.find("span")
    name = _text(name_tag) if name_tag else ""
    reply = ""
    for paragraph in item.find_all("p"):
        if REPLY_LABEL.match(paragraph.get_text()):
            reply = REPLY_LABEL.sub("", _text(paragraph))
            paragraph.decompose()
    # The comment is the leaf block that is not the name, the reply box or the date.
    text = date = ""
    for block in item.find_all("div"):
        if block.find("div") or (name_tag and name_tag in block.descendants):
            continue
        content = _text(block)
        if (found := DATE_IN_TEXT.search(content)) and len(content) <= 20:
            date = date or found.group(0)
        elif content and not text:
            text = content
    loose = item.get_text(" ")
    likes, replies = LIKES.search(loose), REPLIES.search(loose)
    return Comment(name=name, text=text, date=date, reply=reply,
                   likes=int(likes.group(1)) if likes else None, replies=int(replies.group(1)) if replies else None)


@dataclass(frozen=True)
class SavedPage:
    """The lecture a saved page holds: its title (if the page has one), and the Markdown
    tidy reads, with any thread left as the HTML the thread parser knows. (A page's
    `<meta name="author">` names the mirror's maker, not the lecturer: not used.)"""

    title: str
    markdown: str


def saved_page(text: str) -> SavedPage:
    """The article of a whole web page; a ValueError where the page holds none."""
    soup = BeautifulSoup(text, "html.parser")
    article = next((found for selector in ARTICLE if (found := soup.select_one(selector)) is not None), None)
    if article is None or len(article.get_text(strip=True)) < MIN_ARTICLE_TEXT:
        raise ValueError("a saved web page with no article in it (no <article>, <main> or book-post with text)")
    for furniture in article.select(FURNITURE):
        furniture.decompose()
    for comment in article.find_all(string=lambda node: isinstance(node, HtmlComment)):
        if not READ_END.search(str(comment)):
            comment.extract()
    title = ""
    if (heading := article.find("h1")) is not None:
        title = re.sub(r"\s+", " ", heading.get_text()).strip()
        heading.decompose()
    elif soup.title and soup.title.string:
        title = TITLE_SUFFIX.sub("", soup.title.string.strip())
    html = article.decode_contents()
    body, thread = html, ""
    if start := THREAD_START.search(html):
        body, thread = html[: start.start()], html[start.start():]
    markdown = to_markdown(body)
    if thread:
        markdown += "\n" + re.sub(r"<br\s*/?>\s*(?=<li|</ul)", "", thread).strip() + "\n"
    return SavedPage(title, markdown)

