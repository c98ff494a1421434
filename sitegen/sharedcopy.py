"""Passages that articles share (the same wire copy run by two outlets), found in
near-linear time; :mod:`sitegen.copyreport` turns them into ``sitegen check --reuse``'s
proposals.

Two steps, each with a library built for it:

1. Candidates (datasketch): every paragraph of every article (a long paragraph as
   overlapping windows) becomes a MinHash of its word 3-grams in a MinHashLSH index; units
   of two articles that fall in one bucket make the articles a candidate pair. Comparing
   every pair would be quadratic; this is near-linear in the number of articles.
2. Alignment (rapidfuzz): in each candidate pair, chains of 3-grams found in both articles
   place the regions they may share, wherever each article has them; each region is aligned
   word by word (LCSseq opcodes), and runs of matching words with small differences between
   them make the shared passages, located in the paragraphs of both articles (#p-N).

Paragraphs are given as the site numbers them (markdown.parse(citeable=True)), so p-N here
is p-N on the page.
"""

from __future__ import annotations

import gc
import re
import zlib
from dataclasses import dataclass
from typing import Iterable, Sequence

from .workers import cores, run_forked

SHINGLE = 3
"""Words per shingle: short enough to survive small edits, long enough to be specific."""
MIN_WORDS = 12
"""A paragraph shorter than this is not a candidate on its own (a credit line, a dateline);
alignment still finds it inside a longer shared passage."""
LONG = 80
WINDOW = 50
STRIDE = 25
"""A paragraph over LONG words is indexed as WINDOW-word windows, STRIDE apart, so that a
paragraph of one outlet is found inside a longer paragraph of another."""
NUM_PERM = 32
THRESHOLD = 0.4
"""MinHash size and the Jaccard similarity of shingle sets the LSH index aims at."""
SKETCH_IN_WORKERS = 1000
"""From this many articles, sketches are made in forked workers (one per core)."""
MAX_SHARERS = 50
"""An LSH bucket that holds units of more than this many articles is boilerplate (a
newsletter footer): it yields no candidates, which keeps the work linear."""
SEED = 3
"""Matching runs shorter than this are chance ('of the'), not copy."""
GAP = 8
"""Words of difference allowed inside one passage (an edit, an inserted clause)."""
MIN_SHARED = 20
"""Matching words a passage needs to be reported."""
DENSITY = 0.6
"""Share of a passage's words that must match, on each side."""
REACH = 2 * GAP
"""How far apart two 3-grams found in both articles may be, in each, to belong to one passage."""
MIN_HITS = 4
"""3-grams in a row it takes to place a possible passage (six words or more in common)."""
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Words:
    """An article's text as case-folded words, each with its paragraph."""

    slug: str
    words: tuple[str, ...]
    paragraph: tuple[int, ...]
    """Index (0-based) of the paragraph each word is in."""
    sizes: tuple[int, ...]
    """Words per paragraph."""
    texts: tuple[str, ...]
    """The paragraphs' text."""

    @classmethod
    def of(cls, slug: str, paragraphs: Sequence[str]) -> Words:
        words: list[str] = []
        where: list[int] = []
        sizes: list[int] = []
        for index, text in enumerate(paragraphs):
            found = _WORD.findall(text.casefold())  # quotes, apostrophes and dashes are not words
            words.extend(found)
            where.extend([index] * len(found))
            sizes.append(len(found))
        return cls(slug, tuple(words), tuple(where), tuple(sizes), tuple(paragraphs))


@dataclass(frozen=True, slots=True)
class Passage:
    """Text two articles share, nearly word for word."""

    first: str
    second: str
    """The two articles' slugs."""
    first_paragraphs: tuple[str, ...]
    second_paragraphs: tuple[str, ...]
    """Their paragraphs (p-N) that carry it."""
    words: int
    """Words that match exactly."""
    likeness: float
    """How alike the two spans are, 0–100 (rapidfuzz's ratio of their words)."""
    sample: str
    """The passage's first words, from the first article."""


# ---------------------------------------------------------------------------
# step 1: candidate pairs of articles


def _units(text: Words) -> Iterable[tuple[int, int]]:
    """(start, end) word ranges to index: each paragraph, a long one as windows."""
    start = 0
    for size in text.sizes:
        if MIN_WORDS <= size <= LONG:
            yield start, start + size
        elif size > LONG:
            last = start + size - WINDOW
            for begin in sorted({*range(start, last, STRIDE), last}):
                yield begin, begin + WINDOW
        start += size


class _Codes(dict[str, int]):
    """word → crc32 of the word: the same code in every run and every corpus (Python's own
    str hash is salted per process), computed once per distinct word."""

    def __missing__(self, word: str) -> int:
        code = self[word] = zlib.crc32(word.encode())
        return code


def _shingles(words: Sequence[str], codes: _Codes) -> list[int]:
    """A 32-bit hash of each run of SHINGLE words."""
    import numpy as np  # datasketch's own dependency

    coded = np.fromiter(map(codes.__getitem__, words), dtype=np.uint64, count=len(words))
    runs = len(words) - SHINGLE + 1
    if runs <= 0:
        return []
    mixed = np.zeros(runs, dtype=np.uint64)
    for offset in range(SHINGLE):  # a polynomial hash of the run's codes (wrapping at 64 bits)
        mixed = mixed * np.uint64(0x9E3779B1) + coded[offset:offset + runs]
    return (mixed & np.uint64(0xFFFFFFFF)).tolist()  # type: ignore[no-any-return]


Article = Sequence[str]
"""An article as its paragraphs' text, in order."""


def _sketches(articles: Sequence[Article], indexes: Iterable[int]) -> list[tuple[int, int, bytes]]:
    """(article, unit, MinHash values) of every unit of the given articles."""
    from datasketch import MinHash  # type: ignore[import-untyped]  # lazily: it loads scipy

    minhash = MinHash(num_perm=NUM_PERM, hashfunc=int)  # shingles are already 32-bit hashes
    codes = _Codes()
    found = []
    for index in indexes:
        text = Words.of("", articles[index])
        shingles = _shingles(text.words, codes)
        for number, (start, end) in enumerate(_units(text)):
            minhash.clear()  # one sketch reused: only its values are kept
            minhash.update_batch(shingles[start:end - SHINGLE + 1])
            found.append((index, number, minhash.hashvalues.tobytes()))
    return found


def candidate_pairs(articles: Sequence[Article]) -> tuple[set[tuple[int, int]], int]:
    """Pairs of articles (indexes, lower first) that likely share a passage, and how many
    LSH buckets were set aside as boilerplate. From SKETCH_IN_WORKERS articles on, the
    sketches are made in forked workers, one per core; the index is filled in order."""
    import numpy as np
    from datasketch import MinHash, MinHashLSH

    count = cores() if len(articles) >= SKETCH_IN_WORKERS else 1
    if count > 1:
        parts = run_forked([lambda i=i: _sketches(articles, range(i, len(articles), count))  # type: ignore[misc]
                            for i in range(count)])
        sketches = sorted(item for part in parts for item in part)
    else:
        sketches = _sketches(articles, range(len(articles)))
    lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
    minhash = MinHash(num_perm=NUM_PERM, hashfunc=int)
    kind = minhash.hashvalues.dtype
    for index, number, values in sketches:
        minhash.hashvalues = np.frombuffer(values, dtype=kind)  # the index keeps only its band hashes
        lsh.insert((index, number), minhash, check_duplication=False)
    # Units of two articles in one bucket of any band are a candidate pair. A bucket that
    # holds more than MAX_SHARERS articles is boilerplate, and is skipped whole.
    pairs: set[tuple[int, int]] = set()
    boilerplate = 0
    for table in lsh.hashtables:
        for bucket, size in table.itemcounts().items():
            if size < 2:
                continue
            members = sorted({index for index, _ in table.get(bucket)})
            if len(members) > MAX_SHARERS:
                boilerplate += 1
            elif len(members) > 1:
                pairs.update((a, b) for i, a in enumerate(members) for b in members[i + 1:])
    return pairs, boilerplate


# ---------------------------------------------------------------------------
# step 2: alignment


def _regions(a: Words, b: Words) -> list[tuple[int, int, int, int]]:
    """Where two articles may share text, wherever it sits in each: chains of word 3-grams
    found in both, in the same order and close together in both, as word ranges
    (a_start, a_end, b_start, b_end), widened by GAP words."""
    where: dict[tuple[str, ...], list[int]] = {}
    for i in range(len(a.words) - SHINGLE + 1):
        where.setdefault(a.words[i:i + SHINGLE], []).append(i)
    hits: list[tuple[int, int]] = []
    for j in range(len(b.words) - SHINGLE + 1):
        found = where.get(b.words[j:j + SHINGLE])
        if found and len(found) <= 4:  # a run repeated all over an article ('the president said') places nothing
            hits.extend((i, j) for i in found)
    hits.sort()
    chains: list[list[tuple[int, int]]] = []
    open_chains: list[list[tuple[int, int]]] = []
    for i, j in hits:
        open_chains = [chain for chain in open_chains if i - chain[-1][0] <= REACH]
        for chain in open_chains:
            if 0 < i - chain[-1][0] and 0 < j - chain[-1][1] <= REACH:
                chain.append((i, j))
                break
        else:
            open_chains.append([(i, j)])
            chains.append(open_chains[-1])
    regions: list[list[int]] = []
    for chain in sorted((c for c in chains if len(c) >= MIN_HITS), key=lambda c: c[0]):
        box = [max(0, chain[0][0] - GAP), min(len(a.words), chain[-1][0] + SHINGLE + GAP),
               max(0, min(j for _, j in chain) - GAP), min(len(b.words), max(j for _, j in chain) + SHINGLE + GAP)]
        last = regions[-1] if regions else None
        if last is not None and box[0] <= last[1] and box[2] <= last[3] and last[2] <= box[3]:
            last[1], last[2], last[3] = max(last[1], box[1]), min(last[2], box[2]), max(last[3], box[3])
        else:
            regions.append(box)
    return [(r[0], r[1], r[2], r[3]) for r in regions]


def shared_passages(a: Words, b: Words) -> list[Passage]:
    """The passages two articles share, in the first article's order. Each region where
    they may share text is aligned word by word (rapidfuzz); runs of matching words with
    small differences between them make the passages."""
    from rapidfuzz import fuzz
    from rapidfuzz.distance import LCSseq

    passages = []
    for a0, a1, b0, b1 in _regions(a, b):
        blocks = [(block.a + a0, block.b + b0, block.size)
                  for block in LCSseq.opcodes(a.words[a0:a1], b.words[b0:b1]).as_matching_blocks()
                  if block.size >= SEED]
        runs: list[list[tuple[int, int, int]]] = []
        for block in blocks:
            last = runs[-1][-1] if runs else None
            if last is not None and block[0] - (last[0] + last[2]) <= GAP and block[1] - (last[1] + last[2]) <= GAP:
                runs[-1].append(block)
            else:
                runs.append([block])
        for run in runs:
            matched = sum(size for _, _, size in run)
            a_start, b_start = run[0][0], run[0][1]
            a_end, b_end = run[-1][0] + run[-1][2], run[-1][1] + run[-1][2]
            if matched < MIN_SHARED or matched < DENSITY * max(a_end - a_start, b_end - b_start):
                continue
            likeness = fuzz.ratio(a.words[a_start:a_end], b.words[b_start:b_end])
            passages.append(Passage(a.slug, b.slug, _paragraphs(a, [(x, size) for x, _, size in run]),
                                    _paragraphs(b, [(y, size) for _, y, size in run]), matched, round(likeness, 1),
                                    _sample(a, a_start)))
    return passages


def _paragraphs(text: Words, blocks: list[tuple[int, int]]) -> tuple[str, ...]:
    """The paragraphs a passage's matching words fall in: those with at least six of them,
    or half their words (a short paragraph wholly shared)."""
    counts: dict[int, int] = {}
    for start, size in blocks:
        for position in range(start, start + size):
            counts[text.paragraph[position]] = counts.get(text.paragraph[position], 0) + 1
    return tuple(f"p-{index + 1}" for index, count in sorted(counts.items())
                 if count >= 6 or count * 2 >= text.sizes[index])


def _sample(text: Words, start: int, words: int = 12) -> str:
    """The passage's first words as the paragraph writes them."""
    index = text.paragraph[start]
    skip = start - text.paragraph.index(index)  # words of the paragraph before the passage
    found = list(_WORD.finditer(text.texts[index]))[skip:skip + words + 1]
    if not found:  # case folding changed the count of words (a rare letter): show the words folded
        return " ".join(text.words[start:start + words])
    snippet = text.texts[index][found[0].start():found[min(words, len(found)) - 1].end()]
    return snippet + ("…" if len(found) > words else "")


def find_passages(slugs: Sequence[str], articles: Sequence[Article]) -> tuple[list[Passage], int]:
    """Every passage shared by two of the articles, and the buckets set aside as boilerplate."""
    collecting = gc.isenabled()
    gc.disable()  # hundreds of thousands of small objects, none cyclic: the collector would rescan them all
    try:
        pairs, boilerplate = candidate_pairs(articles)
        texts: dict[int, Words] = {}  # only the candidates' articles are aligned
        passages: list[Passage] = []
        for first, second in sorted(pairs):
            for index in (first, second):
                if index not in texts:
                    texts[index] = Words.of(slugs[index], articles[index])
            passages.extend(shared_passages(texts[first], texts[second]))
        return passages, boilerplate
    finally:
        if collecting:
            gc.enable()
