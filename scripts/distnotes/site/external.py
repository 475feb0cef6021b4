"""Figures hot-linked from another host, held until the reader asks for them.

A scraped lecture points its figures at the course's host
(`![](https://static001.geekbang.org/resource/image/dc/3e/x.jpg)`). Shown with the page,
each would be a request to a third party the moment the page opens: the reader's address
goes to that host, and where it is blocked or offline the browser logs an error for every
figure. So each such `<img>` becomes a link to the figure that says what it is and where
it lives; `course-media.js` shows the page's held figures in place when the reader
follows one of them (without script, the link opens the figure itself).

This runs after the sanitizer, on its output: the `src` it reads is one the allowlist
kept (http or https), and the markup it adds is built by BeautifulSoup, which escapes.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from bs4 import BeautifulSoup


def is_external(src: str) -> bool:
    """`https://host/x.jpg` and `//host/x.jpg` are; `../../assets/images/x.png` is not."""
    return bool(urlsplit(src).netloc)


def hold_external_images(fragment: str) -> str:
    """The fragment with every image from another host replaced by a link to it."""
    soup = BeautifulSoup(fragment, "html.parser")
    images = [image for image in soup.find_all("img") if is_external(str(image.get("src", "")))]
    if not images:
        return fragment
    for image in images:
        src, alt = str(image["src"]), str(image.get("alt", "")).strip()
        # Inside a scraped link (`[![](figure)](page)`) a link of ours would nest: the
        # figure is named there, and the outer link still leads where it led.
        held = soup.new_tag("span" if image.find_parent("a") else "a", attrs={"class": "external-image"})
        if held.name == "a":
            held["href"] = src
        if alt:
            held["data-alt"] = alt
            # Only the figure's own description goes into search, not the control's words.
            held.append(_ignored(soup, "显示图片："))
            held.append(alt)
        else:
            held.append(_ignored(soup, "显示课程配图"))
        where = f"存放在 {urlsplit(src).hostname}"
        held.append(_ignored(soup, f"（{where}，点击后才会载入）" if held.name == "a" else f"（{where}，未载入）",
                             "external-image__host"))
        image.replace_with(held)
    return str(soup)


def _ignored(soup: BeautifulSoup, text: str, css_class: str | None = None):
    span = soup.new_tag("span", attrs={"data-pagefind-ignore": ""})
    if css_class:
        span["class"] = css_class
    span.string = text
    return span
