"""A `Lecture` and its place on the map in, the Markdown page out (and back, for re-runs)."""

from __future__ import annotations

import hashlib
import html
import re

import yaml

from .model import Comment, Lecture, Placement

NOTES_BEGIN = "<!-- notes:begin 这两行标记之间是你自己的笔记，重新整理时原样保留 -->"
NOTES_END = "<!-- notes:end -->"
_NOTES = re.compile(re.escape(NOTES_BEGIN) + r"\n(.*?)" + re.escape(NOTES_END), re.S)
_DIGEST = re.compile(r"^digest: [0-9a-f]{64}\n", re.M)


def render(lecture: Lecture, place: Placement, notes: str = "") -> str:
    """The page: front matter, title, audio, body, the reader's notes, then the thread."""
    meta = {
        "title": place.title,
        "course": place.course,
        "course_id": place.course_id,
        "author": lecture.author or place.author,
        "lesson": place.lesson,
        "area": place.area,
        "also": list(place.also),
        "source": place.source,
        "comments": len(lecture.comments),
    }
    meta = {key: value for key, value in meta.items() if value not in ("", None, [])}
    parts = [f"# {html.escape(place.title, quote=False)}"]  # a scraped title is text
    if lecture.preview_only:
        parts.append('!!! warning "本讲只有试读部分"\n\n'
                     "    爬取的文件只保存了这一讲免费试读的开头，后面的正文没有收录；"
                     "换一份完整的文件放进 `raw/` 再整理一次即可。")
    if lecture.audio:
        parts.append(
            f'<audio class="lecture-audio" controls preload="none" '
            f'src="{html.escape(lecture.audio)}"></audio>'
        )
    if lecture.body:
        parts.append(lecture.body)
    hint = "" if notes.strip() else (
        '<p class="notes-hint">这里还没有笔记：在下面两行标记之间写下你的心得，重新整理时会原样保留。</p>\n\n')
    parts.append(f"## 我的笔记\n\n{hint}{NOTES_BEGIN}\n{_notes_block(notes)}{NOTES_END}")
    if lecture.unrecognised:
        parts.append(_unrecognised(lecture.unrecognised))
    if lecture.comments:
        parts.append(_thread(lecture.comments, lecture.declared_comments))
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1000)
    page = f"---\n{front}---\n\n" + "\n\n".join(parts) + "\n"
    return page.replace("---\n\n", f"digest: {page_digest(page)}\n---\n\n", 1)


def _notes_block(notes: str) -> str:
    notes = notes.strip("\n")
    return f"\n{notes}\n\n" if notes else "\n"


def notes_of(page: str) -> str:
    """The reader's own notes in a page written by `render`."""
    match = _NOTES.search(page)
    return match.group(1).strip("\n") if match else ""


def page_digest(page: str) -> str:
    """A hash of everything `render` wrote, leaving out the notes and the digest itself."""
    generated = _NOTES.sub(NOTES_BEGIN + NOTES_END, _DIGEST.sub("", page))
    return hashlib.sha256(generated.encode("utf-8")).hexdigest()


def edited_by_hand(page: str) -> bool:
    """True when a page was changed outside its notes region since `render` wrote it."""
    match = _DIGEST.search(page)
    return not match or match.group(0).split()[1] != page_digest(page)


def _paragraphs(text: str) -> str:
    """Comment text as HTML: escaped, so scraped tags and `|` lines stay plain text."""
    return "".join(
        "<p>" + "<br>".join(html.escape(line) for line in paragraph.split("\n")) + "</p>"
        for paragraph in text.split("\n\n")
        if paragraph.strip()
    )


def _comment(comment: Comment) -> str:
    meta = [f'<span class="comment-name">{html.escape(comment.name) or "（匿名）"}</span>']
    if comment.date:
        meta.append(f'<time datetime="{html.escape(comment.date)}">{html.escape(comment.date)}</time>')
    if comment.likes is not None:
        meta.append(f'<span class="comment-likes" title="赞">👍 {comment.likes}</span>')
    if comment.replies is not None:
        meta.append(f'<span class="comment-replies" title="回复">💬 {comment.replies}</span>')
    lines = [
        '<li class="comment">',
        f'<p class="comment-meta">{" ".join(meta)}</p>',
        f'<div class="comment-text">{_paragraphs(comment.text)}</div>',
    ]
    if comment.reply:
        lines.append(
            '<blockquote class="comment-reply"><p class="comment-reply-label">作者回复</p>'
            f"{_paragraphs(comment.reply)}</blockquote>"
        )
    lines.append("</li>")
    return "\n".join(lines)


def _thread(comments: tuple[Comment, ...], declared: int | None) -> str:
    count = f"{len(comments)}"
    if declared is not None and declared != len(comments):
        count = f"收录 {len(comments)} 条，原标 {declared} 条"
    # Not indexed: other people's words would bury the lecture's.
    return "\n".join(
        [
            f"## 💬 精选留言（{count}） {{ #thread data-pagefind-ignore }}",
            "",
            '<details class="comments" data-pagefind-ignore="all">',
            f"<summary>展开 {len(comments)} 条留言</summary>",
            '<ol class="comment-list">',
            *(_comment(comment) for comment in comments),
            "</ol>",
            '<p><a class="thread-collapse" href="#thread">收起留言</a></p>',
            "</details>",
        ]
    )


def _unrecognised(texts: tuple[str, ...]) -> str:
    # Backticks as entities: no line of kept text may open a code fence in the page.
    kept = "\n\n".join(html.escape(text).replace("`", "&#96;") for text in texts)
    return (
        '<div class="admonition warning unrecognised" data-pagefind-ignore="all">'
        '<p class="admonition-title">整理脚本未能识别的内容（原样保留）</p>'
        f"<pre>{kept}</pre></div>"
    )
