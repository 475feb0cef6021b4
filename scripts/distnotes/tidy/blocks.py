"""A scraped file cut into code fences (kept byte for byte) and prose, and the prose
cut into the lecture and its comment thread."""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from .patterns import FENCE, THREAD_HEADING, THREAD_HTML


def decode(data: bytes) -> str:
    """Bytes of a scraped file as text: UTF-8 (with or without BOM), else GB18030."""
    if b"\x00" in data:
        raise ValueError("not a text file (it has NUL bytes)")
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            return data.decode("gb18030")
        except UnicodeDecodeError as error:
            raise ValueError(f"neither UTF-8 nor GB18030 ({error.reason} at byte {error.start})") from None


@dataclass
class Block:
    code: bool
    lines: list[str]


def blocks(lines: list[str]) -> list[Block]:
    """Code fences (kept as they are) and the prose between them."""
    out: list[Block] = []
    fence = ""
    for line in lines:
        match = FENCE.match(line)
        if fence:
            out[-1].lines.append(line)
            if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence) \
                    and not line.strip().strip(fence[0]):
                fence = ""
        elif match:
            fence = match.group(1)
            out.append(Block(True, [line]))
        else:
            if not out or out[-1].code:
                out.append(Block(False, []))
            out[-1].lines.append(line)
    return out


def split_thread(parts: list[Block]) -> tuple[list[Block], str, int | None]:
    """The lecture's blocks, and the comment thread's raw text with its declared count."""
    for index, block in enumerate(parts):
        if block.code:
            continue
        for number, line in enumerate(block.lines):
            found = THREAD_HEADING.match(line.strip()) or THREAD_HTML.search(line)
            if not found:
                continue
            before = block.lines[:number]
            rest = block.lines[number + 1:]
            if found.re is THREAD_HTML:  # the heading may share its line with text
                before += [line[: found.start()]] if line[: found.start()].strip() else []
                rest = [line[found.end():], *rest]
            for later in parts[index + 1:]:
                rest += later.lines
            count = int(found.group(1)) if found.group(1) else None
            return parts[:index] + [Block(False, before)], "\n".join(rest), count
    return parts, "", None
