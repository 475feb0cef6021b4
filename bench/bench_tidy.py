#!/usr/bin/env python3
"""Tidy throughput: the site benchmark's synthetic corpus (the raw lectures reshuffled,
each with its own title and text) grown to at least --megabytes MB, tidied and
rendered in memory.

    .venv/bin/python bench/bench_tidy.py [--megabytes 20]

Reads and writes no files beyond the raw folder: it measures the pure core, which is
where the work is; the CLI adds one read and one atomic write per file.
"""

import argparse
import sys
import time

from bench import synthetic_corpus  # bench.py beside this script
from distnotes.model import Placement
from distnotes.render import render
from distnotes.tidy import tidy

SYLLABUS_LECTURES = 81  # both courses' lessons


def corpus(megabytes: float) -> list[str]:
    """At least `megabytes` MB of lectures: the corpus is grown until it is that large."""
    count = 8
    while True:
        texts = [text for _, text in synthetic_corpus(count)]
        if sum(len(text.encode("utf-8")) for text in texts) >= megabytes * 1_000_000:
            return texts
        count *= 2


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
