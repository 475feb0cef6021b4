"""The Pagefind index of a built site, whatever built it, and the term aliases that
let the browser's segmentation of a query meet the index's.

`python -m distnotes index SITE_DIR` indexes a site; the MkDocs hooks call the same
`build_index` after each build, so `serve` has search too.
"""

from __future__ import annotations

import asyncio
import re
import warnings
from pathlib import Path

from pagefind.index import IndexConfig, PagefindIndex

from ..glossary import Term

with warnings.catch_warnings():  # jieba 0.42 imports the deprecated pkg_resources
    warnings.simplefilter("ignore", UserWarning)
    import jieba

jieba.setLogLevel(60)  # its dictionary-loading chatter would drown the build log

# Not indexed: diagram source (the map would match every area name) and comment threads
# (carried by data-pagefind-ignore already; listed here too so no theme markup slips in).
EXCLUDE = ["pre.mermaid", "div.mermaid", "details.comments", ".lecture-audio", ".headerlink"]
HAN = re.compile(r"[\u4e00-\u9fff]")


async def _index(site_dir: Path) -> int:
    # Leaving the context writes the index to output_path (else to ./pagefind).
    config = IndexConfig(exclude_selectors=EXCLUDE, force_language="zh", output_path=str(site_dir / "pagefind"))
    async with PagefindIndex(config=config) as index:
        result = await index.add_directory(str(site_dir))
    return result["page_count"]


def build_index(site_dir: Path) -> int:
    """Index the built pages with Pagefind's extended build (Chinese segmentation); the
    number of pages indexed. Raises if Pagefind fails or indexes nothing."""
    pages = asyncio.run(_index(Path(site_dir)))
    if pages == 0:
        raise RuntimeError(f"Pagefind indexed no page of {site_dir}")
    return pages


def add_terms_to_segmenter(terms: tuple[Term, ...]) -> None:
    """Keep every domain term whole when jieba cuts it (and its pieces for search)."""
    for term in terms:
        jieba.add_word(term.zh.replace(" ", ""))


def search_aliases(text: str, names: list[str]) -> list[str]:
    """Index-only tokens for the names (glossary terms, lecturers) a page contains.

    The index is segmented at build time and the reader's query by the browser's own
    segmenter, and the two disagree on domain terms (the browser splits 灰度发布 into
    灰 / 度 / 发布). Indexing each term whole, in jieba's search-engine pieces and
    character by character lets any split of the term find the pages that treat it.
    """
    tokens: list[str] = []
    for name in names:
        if name in text:
            for token in [name.replace(" ", ""), *jieba.cut_for_search(name), *HAN.findall(name)]:
                token = token.strip()
                if token and token not in tokens:
                    tokens.append(token)
    return tokens
