"""Figures hot-linked from another host, held until the reader asks for them.

A scraped lecture points its figures at the course's host
(`![](https://static001.geekbang.org/resource/image/dc/3e/x.jpg)`). Shown with the page,
each would be a request to a third party the moment the page opens: the reader's address
goes to that host, and where it is blocked or offline the browser logs an error for every
figure. So each such `<img>` becomes a link to the figure that says what it is and where
it lives; `course-media.js` shows the page's held figures from that host in place when the
reader follows one of them (without script, the link opens the figure itself). Audio is
held by `preload="none"`: a recording is fetched when the reader plays it.

This runs after the sanitizer, on its output, so every address here is one the allowlist
kept (http, https, mailto or relative), and the markup it adds is built by BeautifulSoup,
which escapes. The address the script shows is in `data-held-src`, an attribute the
sanitizer never keeps: scraped markup cannot pose as a held figure.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from bs4 import BeautifulSoup, Tag

from distnotes.tidy.patterns import SCHEME

HELD_SRC = "data-held-src"
_TAB_OR_NEWLINE = re.compile(r"[\t\n\r]")  # "ht\ttps://a/x.png": a browser drops these anywhere


def _as_browser_reads(src: str) -> str:
    """The address as a browser parses it: tabs and newlines dropped, spaces and controls
    trimmed at either end, `\\` read as `/` (`\\\\evil.example/x.png` is `//evil.example/x.png`)."""
    return _TAB_OR_NEWLINE.sub("", src).strip("\x00- ").replace("\\", "/")


def is_on_this_site(src: str) -> bool:
    """Only a relative path is: `../../assets/images/3f2a.png`, `figure.png`, `/x.png`.
    Anything with a scheme (`https://…`, and `http:evil.example/x.png`, which a browser
    reads as `http://evil.example/x.png`) or a host (`//host/x.png`, `\\\\host/x.png`) is not."""
    address = _as_browser_reads(src)
    return not (address.startswith("//") or SCHEME.match(address))


def host_of(src: str) -> str:
    """The host a figure lives on, as a reader should read it; "其他网站" where Python's
    parser cannot tell (`//[x/y.png`, `http:evil.example/x.png`)."""
    try:
        return urlsplit(_as_browser_reads(src)).hostname or "其他网站"
    except ValueError:  # an unclosed IPv6 bracket
        return "其他网站"


def hold_external_media(fragment: str) -> str:
    """The fragment with every image from another host replaced by a link to it, and
    every recording fetched only when played."""
    soup = BeautifulSoup(fragment, "html.parser")
    images = [image for image in soup.find_all("img") if not is_on_this_site(str(image.get("src", "")))]
    recordings = [audio for audio in soup.find_all("audio") if audio.get("preload") != "none"]
    if not images and not recordings:
        return fragment
    for audio in recordings:
        audio["preload"] = "none"
    for image in images:
        image.replace_with(_held(soup, image))
    return str(soup)


def _held(soup: BeautifulSoup, image: Tag) -> Tag:
    src, alt = str(image["src"]), str(image.get("alt", "")).strip()
    # Inside a scraped link or a summary a link of ours would nest in another control:
    # the figure is named there (and shown with the others), and the outer control does
    # what it did.
    nested = image.find_parent(["a", "summary"]) is not None
    held = soup.new_tag("span" if nested else "a", attrs={"class": "external-image", HELD_SRC: src})
    if not nested:
        held["href"] = src
    if alt:
        held["data-alt"] = alt
    # Only the figure's own description goes into search, not the control's words.
    if nested:
        held.append(alt or _ignored(soup, "课程配图"))
    elif alt:
        held.append(_ignored(soup, "显示图片："))
        held.append(alt)
    else:
        held.append(_ignored(soup, "显示课程配图"))
    where = f"存放在 {host_of(src)}"
    held.append(_ignored(soup, f"（{where}，未载入）" if nested else f"（{where}，点击后才会载入）",
                         "external-image__host"))
    return held


def _ignored(soup: BeautifulSoup, text: str, css_class: str | None = None) -> Tag:
    span = soup.new_tag("span", attrs={"data-pagefind-ignore": ""})
    if css_class:
        span["class"] = css_class
    span.string = text
    return span
