"""How long `sitegen check --reuse` takes to find shared copy, and how well, by corpus size.

A synthetic corpus of N articles (6–12 paragraphs of 25–90 words each, from a Zipf-like
vocabulary of 5,000 words, so that 'the' and 'said' are common and most words are rare,
as in news text) with shared passages planted in 5% of the articles: 2 to 4 consecutive
paragraphs of one article copied into another, with about one word in 25 changed, and in a
third of the cases run together as one paragraph (an aggregator's feed excerpt). A short
credit line ("With reporting from …") is added to a fifth of the articles.

It reports, per size: the seconds to find candidates (folding the text into words and
datasketch MinHash/LSH; from 1,000 articles the sketches are made in one forked worker per
core) and to align them (rapidfuzz), the CPU seconds of the process and its workers, the
seconds per 1,000 articles, and precision and recall of the planted pairs of articles and
of their paragraphs.
Measures, never asserts; the one-off cost of importing datasketch (which loads scipy) is
reported apart.

    python bench/sharedcopy.py --sizes 1000,4000,10000
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sitegen.sharedcopy import Words, candidate_pairs, shared_passages  # noqa: E402

VOCABULARY = [f"{a}{b}{c}" for a in ("ka", "lo", "mi", "ne", "su", "ta", "ve", "zo", "ri", "pa")
              for b in ("ra", "len", "do", "vi", "ssa", "tu", "mer", "gon", "bel", "fi")
              for c in ("n", "s", "ta", "ro", "mi", "", "de", "la", "ko", "pi")] * 5
VOCABULARY = [f"{w}{i // 1000 or ''}" for i, w in enumerate(VOCABULARY)]
WEIGHTS = [1 / (rank + 1) for rank in range(len(VOCABULARY))]
CREDIT = "With reporting from Press Association and AFP"


def paragraph(rng: random.Random) -> str:
    words = rng.choices(VOCABULARY, WEIGHTS, k=rng.randint(25, 90))
    return " ".join(words).capitalize() + "."


Planted = dict[tuple[int, int], tuple[int, set[int]]]


def corpus(n: int, seed: int = 17) -> tuple[list[tuple[str, list[str]]], Planted]:
    """The articles (slug, paragraphs) and the planted pairs: (lower, higher index) → the
    copy's index and its paragraphs (0-based) that carry the planted passage."""
    rng = random.Random(seed)
    articles = [(f"article-{i:05d}", [paragraph(rng) for _ in range(rng.randint(6, 12))]) for i in range(n)]
    planted: Planted = {}
    free = list(range(n))
    rng.shuffle(free)
    for _ in range(n // 40):  # 5% of the articles take part, two per pair
        source, copy = free.pop(), free.pop()
        paragraphs = articles[source][1]
        start = rng.randrange(len(paragraphs) - 1)
        taken = paragraphs[start:start + rng.randint(2, 4)]
        edited = [" ".join(w if rng.random() > 0.04 else rng.choice(VOCABULARY) for w in p.split()) for p in taken]
        if rng.random() < 1 / 3:
            edited = [" ".join(edited)]
        target = articles[copy][1]
        at = rng.randint(0, len(target))
        target[at:at] = edited
        planted[(min(source, copy), max(source, copy))] = (copy, set(range(at, at + len(edited))))
    for slug, paragraphs in articles:
        if rng.random() < 0.2:
            paragraphs.append(CREDIT)
    return articles, planted


def measure(n: int) -> dict[str, float]:
    articles, planted = corpus(n)
    started = time.perf_counter()
    cpu = _cpu()
    gc.disable()  # as find_passages does
    paragraphs = [text for _, text in articles]
    pairs, boilerplate = candidate_pairs(paragraphs)
    found_candidates = time.perf_counter()
    texts = {i: Words.of(articles[i][0], paragraphs[i]) for pair in pairs for i in pair}
    passages = [p for first, second in sorted(pairs) for p in shared_passages(texts[first], texts[second])]
    done = time.perf_counter()
    gc.enable()
    cpu = _cpu() - cpu
    index = {slug: i for i, (slug, _) in enumerate(articles)}
    found: dict[tuple[int, int], set[int]] = {}
    for passage in passages:
        first, second = index[passage.first], index[passage.second]
        key = (min(first, second), max(first, second))
        copy = planted[key][0] if key in planted else second
        side = passage.first_paragraphs if copy == first else passage.second_paragraphs
        found.setdefault(key, set()).update(int(pid[2:]) - 1 for pid in side)
    true_pairs = set(found) & set(planted)
    hit = sum(len(found[key] & planted[key][1]) for key in true_pairs)
    return {
        "articles": n, "units_boilerplate": boilerplate, "candidate_pairs": len(pairs),
        "candidates_s": found_candidates - started, "align_s": done - found_candidates,
        "total_s": done - started, "cpu_s": cpu, "per_1000_s": (done - started) / n * 1000,
        "pair_precision": len(true_pairs) / len(found) if found else 1.0,
        "pair_recall": len(true_pairs) / len(planted) if planted else 1.0,
        "paragraph_precision": hit / max(1, sum(len(found[k]) for k in true_pairs)),
        "paragraph_recall": hit / max(1, sum(len(v[1]) for v in planted.values())),
        "planted_pairs": len(planted), "found_pairs": len(found),
    }


def _cpu() -> float:
    """CPU seconds of this process and of its finished workers."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,4000,10000")
    args = parser.parse_args()
    calibration = time.process_time()
    sum(range(10**7))
    calibration = time.process_time() - calibration
    started = time.perf_counter()
    import datasketch  # noqa: F401  the one-off import, measured apart
    import rapidfuzz  # noqa: F401
    print(f"import datasketch and rapidfuzz: {time.perf_counter() - started:.2f} s "
          f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; this machine's CPU takes "
          f"{calibration:.2f} s for sum(range(10**7)), to compare machines)")
    print("| articles | candidates s | align s | total s | CPU s | s per 1,000 | candidate pairs "
          "| planted | found | pair precision | pair recall | paragraph precision | paragraph recall |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for n in (int(s) for s in args.sizes.split(",")):
        r = measure(n)
        print(f"| {n:,} | {r['candidates_s']:.2f} | {r['align_s']:.2f} | {r['total_s']:.2f} "
              f"| {r['cpu_s']:.2f} | {r['per_1000_s']:.2f} | {r['candidate_pairs']:,} | {r['planted_pairs']} "
              f"| {r['found_pairs']} | {r['pair_precision']:.3f} | {r['pair_recall']:.3f} "
              f"| {r['paragraph_precision']:.3f} | {r['paragraph_recall']:.3f} |", flush=True)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory {peak:.0f} MB; load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
