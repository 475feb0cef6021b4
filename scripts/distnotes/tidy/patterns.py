"""Every pattern tidy recognises, each with a sample of what it matches.

Cosmetic only: these find the scrapers' junk and layouts. What makes a page safe is the
sanitizer in the build (distnotes.site.sanitize), never a regex here.
"""

from __future__ import annotations

import re

# --- Anywhere -----------------------------------------------------------------------

PRIVATE_USE = re.compile("[\ue000-\uf8ff]")  # icon-font glyphs: `\ue63b` (a reply icon)
FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")  # "```java", "~~~~"
DATE = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}$")  # "2019-09-23"
DATE_IN_TEXT = re.compile(r"\d{4}-\d{2}-\d{2}")  # "… 2022-01-05 …"

# --- The lecture's header -----------------------------------------------------------

H1 = re.compile(r"^#\s+(.+?)\s*#*\s*$")  # "# 03 | 分布式互斥 #"
AUTHOR_LINE = re.compile(r"^作者\s*[:：]\s*(.*)$")  # "作者：聂鹏程"
BYLINE = re.compile(r"^(\S{1,20})\s+(\d{4}-\d{2}-\d{2})$")  # "聂鹏程 2019-11-04" (saved page)
EMPTY_TEMPLATE_FIELD = re.compile(r"^(完成时间|总结时间)\s*[:：]\s*$")  # "完成时间:"
GLUED_NUMBER = re.compile(r"^(\d{2})(?=[^\d\s.|｜丨:：])")  # "19CommitFailed…": lesson 19
# `<audio title="…" controls><source src="a.mp3"></audio>`: group 1 is the file.
AUDIO = re.compile(r"<audio[^>]*>.*?<source[^>]*\bsrc=\"([^\"]+)\".*?</audio>", re.S)
AUDIO_SRC = re.compile(r"<audio\b[^>]*\bsrc=\"([^\"]+)\"[^>]*>(?:\s*</audio>)?")  # <audio src="a.mp3">
HTML_COMMENT = re.compile(r"^<!--\s*(\[\[\[read_end\]\]\])?\s*-->$")  # "<!-- [[[read_end]]] -->"
READ_END = re.compile(r"\[\[\[read_end\]\]\]")  # where the free preview ends
# Player chrome and page furniture of a saved web page: "00:00", "[1.0x**](javascript:;)",
# "讲述：聂鹏程 大小：12.34M 时长：13:28", "提交留言", "Ctrl + Enter 发表", "0/2000字".
WEB_JUNK = re.compile(
    r"^(\d{1,2}:\d{2}|\[[\d.]+x\**\]\(javascript:;?\)|讲述[:：].*大小[:：].*时长[:：].*"
    r"|提交留言|Ctrl \+ Enter 发表|\d+/2000字|©\s*版权归.*所有.*)$"
)
COMMENT_FORM_START = re.compile(r"^©\s*版权归.*所有")  # "© 版权归极客邦科技所有，未经许可…"
COMMENT_FORM_END = re.compile(r"^提交留言$")

# --- Prose lines ----------------------------------------------------------------------

_URL = r"<?((?:[^()<>\s]|\([^()<>\s]*\))*)>?"  # one level of parentheses: javascript:f(1)
# "![图](https://a/b.png)", "![](data:image/png;base64,…){: width=1 }"
IMAGE = re.compile(r"!\[([^\]]*)\]\(\s*" + _URL + r"\s*\)(\\?\{[^}\n]*\})?")
SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.I)  # "https:", "data:", "javascript:"
LINK = re.compile(r"(?<!!)\[([^\]]*)\]\(\s*" + _URL + r"\s*\)")  # "[点我](https://a)"
# "`code`", "``a`b``"; not from an escaped backtick ("\`<img …>`" is no code in Markdown).
INLINE_CODE = re.compile(r"(?<![\\`])(`+)(.+?)(?<!`)\1(?!`)")
SIMPLE_TAG = re.compile(r"</?([a-zA-Z][a-zA-Z0-9]*)(?:\s[^<>]*)?/?>")  # '<b onclick="x">', "</span>"
AUTOLINK = re.compile(r"<(?:https?|mailto):[^<>\s]+>")  # "<https://example.org/a>"
# Python-Markdown's attribute lists: "{: onerror=alert(1) }", "{ .big }", "{#top}".
ATTRIBUTE_LIST = re.compile(r"(?<!\\)\{(?=:?\s*[#.\w][^{}\n]*\})")
LIST_MARKER = re.compile(r"^([-*+]|\d+\.)\s")  # "- 项", "2. 项"
ESCAPED_NUMBER = re.compile(r"^(\s*)(?:\\(\d+)\.|(\d+)\\\.)(\s)")  # "\1. 项", "1\. 项"
MARKDOWN_ESCAPE = re.compile(r"\\([_|])")  # "a\_b", "x \| y"
TABS = re.compile(r"\t+")

# --- The comment thread ---------------------------------------------------------------

THREAD_HEADING = re.compile(r"^#{1,3}\s*精选留言\s*[(（]\s*(\d*)\s*[)）]\s*$")  # "## 精选留言(95)"
# "<div><strong>精选留言（3）</strong></div>" (the HTML comment block)
THREAD_HTML = re.compile(r"<div>\s*<strong>\s*精选留言\s*[(（]\s*(\d*)\s*[)）]\s*</strong>\s*</div>")
MARKDOWN_ITEM = re.compile(r"^-( |$)")  # "- ![](avatar.jpg)", a bare "-"
FOOTER = re.compile("^\\*[\ue000-\uf8ff]?\\*(\\d*)$")  # "*\ue63b*14", "**14", "**"
EXPAND = re.compile(r"展开\*\*$")  # "…最后一句展开**"
REPLY = re.compile(r"^作者回复\s*[:：]\s*")  # "作者回复: 对的"
LIKES = re.compile(r"👍\s*[（(]\s*(\d+)\s*[)）]")  # "👍（14）"
REPLIES = re.compile(r"💬\s*[（(]\s*(\d+)\s*[)）]")  # "💬（2）"
BLANK_RUN = re.compile(r"\n{3,}")

# --- What counts as what ----------------------------------------------------------------

# Inline tags a lecture may use; anything else is shown as text, never run.
ALLOWED_TAGS = {"br", "sub", "sup", "strong", "em", "b", "i", "u", "code", "kbd", "mark", "del"}
UNWRAPPED_TAGS = {"span", "font"}  # the export's colour fragments: keep their text only
SPACER_MAX = 200  # characters of base64: a 1-pixel PNG spacer, not a figure
