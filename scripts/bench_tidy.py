#!/usr/bin/env python3
"""Tidy throughput: a corpus made by repeating the raw lectures to at least --megabytes
MB (each copy with its own title and text), tidied and rendered in memory.

    .venv/bin/python scripts/bench_tidy.py [--megabytes 20]

Reads and writes no files beyond the raw folder: it measures the pure core, which is
where the work is; the CLI adds one read and one atomic write per file.
"""

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from distnotes.render import Placement, render  # noqa: E402
from distnotes.tidy import decode, tidy  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SYLLABUS_LECTURES = 81  # both courses' lessons


def corpus(megabytes: float) -> list[str]:
    samples = [decode(path.read_bytes()) for path in sorted((ROOT / "raw").glob("*.txt"))]
    texts, size, copy = [], 0, 0
    while size < megabytes * 1_000_000:
        for sample in samples:
            copy += 1
            text = f"# 第 {copy} 讲｜合成的课程 {copy}\n\n第 {copy} 份合成文本。\n\n" + sample
            texts.append(text)
            size += len(text.encode("utf-8"))
    return texts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--megabytes", type=float, default=20)
    args = parser.parse_args()
    texts = corpus(args.megabytes)
    size = sum(len(text.encode("utf-8")) for text in texts)
    start = time.perf_counter()
    comments = 0
    for number, text in enumerate(texts):
        lecture = tidy(text, f"copy-{number}.txt")
        render(lecture, Placement(title=lecture.title))
        comments += len(lecture.comments)
    seconds = time.perf_counter() - start
    per_file = seconds / len(texts)
    print(f"| corpus | files | comments | seconds | MB/s | {SYLLABUS_LECTURES} lectures |")
    print("|---|---|---|---|---|---|")
    print(f"| {size / 1e6:.1f} MB | {len(texts)} | {comments} | {seconds:.2f} | "
          f"{size / 1e6 / seconds:.1f} | {per_file * SYLLABUS_LECTURES:.2f} s |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
