"""The ``shares_copy_with`` records of articles, read: checked against the articles they
name, and turned into what a topic's coverage panel needs — which of its excerpts quote
the same copy, so that two outlets running one wire story count as one source, not two.

Pure functions of validated front matter (slug → meta); the build calls them (hooks in
the final report of issue 17's tools), ``sitegen check`` meanwhile.

A record on article A::

    shares_copy_with:
      - article: B                # the other article's slug
        paragraphs: [p-2, p-3]    # A's paragraphs that carry the shared copy
        matches: [p-1, p-2, p-4]  # B's paragraphs that carry it (optional)
        note: …                   # for readers: what is shared, and the credits

is read both ways: A's p-2 and p-3 are shared with B's p-1, p-2 and p-4, and those with
A's. When ``matches`` is left out, B's paragraphs are known only if B has its own record
for A.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping, Sequence

from .errors import SiteError, did_you_mean


@dataclass(frozen=True, slots=True)
class SharedWith:
    """Another article that carries the same copy as a paragraph."""

    article: str
    """The other article's slug."""
    paragraphs: tuple[str, ...]
    """Its paragraphs that carry the copy, in order (empty when no record says which)."""
    notes: tuple[str, ...]
    """The records' notes for readers, from either side."""


SharedCopyMap = dict[tuple[str, str], tuple[SharedWith, ...]]
"""(article slug, paragraph id) → the other articles that carry the same copy."""


def _pid_order(pid: str) -> int:
    return int(pid[2:])


def shared_copy_map(articles: Mapping[str, Mapping[str, Any]]) -> SharedCopyMap:
    """Every article's shares_copy_with records, read both ways (slug → validated meta)."""
    links: dict[tuple[str, str], dict[str, tuple[set[str], list[str]]]] = {}

    def add(slug: str, pids: Sequence[str], other: str, theirs: Sequence[str], note: str) -> None:
        for pid in pids:
            known = links.setdefault((slug, pid), {}).setdefault(other, (set(), []))
            known[0].update(theirs)
            if note and note not in known[1]:
                known[1].append(note)

    for slug in sorted(articles):
        for record in articles[slug].get("shares_copy_with") or ():
            other = record["article"]
            if other == slug or other not in articles:
                continue  # reported by shared_copy_errors
            mine, theirs, note = tuple(record["paragraphs"]), tuple(record.get("matches") or ()), record.get("note", "")
            add(slug, mine, other, theirs, note)
            add(other, theirs, slug, mine, note)
    return {key: tuple(SharedWith(other, tuple(sorted(pids, key=_pid_order)), tuple(notes))
                       for other, (pids, notes) in sorted(found.items()))
            for key, found in sorted(links.items())}


@dataclass(frozen=True, slots=True)
class SourceGroup:
    """Excerpts of a page that count as one source."""

    excerpts: tuple[int, ...]
    """Their indexes in the page's excerpts, in order."""
    articles: tuple[str, ...]
    """The articles they quote (slugs), in the order of first quotation."""
    wire: tuple[str, ...]
    """Agencies any of those articles credit (when the group joins articles by shared copy)."""
    notes: tuple[str, ...]
    """The shares_copy_with notes that join them."""
    shared_copy: bool = False
    """Whether the group joins several articles carrying the same copy."""
    rewrites: tuple[str, ...] = ()
    """The outlets whose reporting its paraphrased copies rewrite (``paraphrase_of``)."""


def source_groups(excerpts: Sequence[tuple[str, str]], articles: Mapping[str, Mapping[str, Any]],
                  shared: SharedCopyMap | None = None) -> tuple[SourceGroup, ...]:
    """A page's excerpts, each (article slug, paragraph id) in page order, grouped into
    independent sources: excerpts of one article are one source, and so are excerpts of two
    articles when the quoted paragraphs are recorded as the same copy, or when one is a
    paraphrased copy of the other's outlet's reporting (``paraphrase_of``: not independent of
    it). Groups come in the order of their first excerpt."""
    shared = shared_copy_map(articles) if shared is None else shared
    parent = list(range(len(excerpts)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def rewrites(one: str, other: str) -> bool:
        paraphrased = articles.get(one, {}).get("paraphrase_of")
        return bool(paraphrased) and paraphrased == articles.get(other, {}).get("outlet")

    notes: dict[tuple[int, int], str] = {}
    copied: set[int] = set()
    for i, (slug, pid) in enumerate(excerpts):
        for j in range(i):
            other, other_pid = excerpts[j]
            copy = other != slug and any(link.article == other and other_pid in link.paragraphs
                                         for link in shared.get((slug, pid), ()))
            if other == slug or copy or rewrites(slug, other) or rewrites(other, slug):
                if copy:
                    copied.update((i, j))
                parent[root(i)] = root(j)
                for link in shared.get((slug, pid), ()):
                    if link.article == other:
                        notes.setdefault((i, j), " ".join(link.notes))
    members: dict[int, list[int]] = {}
    for i in range(len(excerpts)):
        members.setdefault(root(i), []).append(i)
    groups = []
    for indexes in sorted(members.values()):
        slugs = tuple(dict.fromkeys(excerpts[i][0] for i in indexes))
        wire = tuple(dict.fromkeys(agency for s in slugs for agency in (articles.get(s, {}).get("wire") or ())))
        said = tuple(dict.fromkeys(note for (i, _), note in sorted(notes.items()) if i in indexes and note))
        shared_copy = any(i in copied for i in indexes)
        paraphrased = tuple(dict.fromkeys(str(articles[s]["paraphrase_of"]) for s in slugs
                                          if articles.get(s, {}).get("paraphrase_of")))
        groups.append(SourceGroup(tuple(indexes), slugs, wire if shared_copy else (), said, shared_copy, paraphrased))
    return tuple(groups)


def shared_copy_errors(source: str, slug: str, records: Sequence[Mapping[str, Any]],
                       paragraphs: Mapping[str, int]) -> list[SiteError]:
    """What is wrong with one article's shares_copy_with: an article that does not exist or is
    itself, a paragraph it does not have. ``paragraphs``: slug → its number of paragraphs,
    for every article of the site (or at least this one and those its records name)."""
    errors = []
    for record in records:
        line = record.get("_line")
        other = record["article"]
        if other == slug:
            errors.append(SiteError(source, line, "shares_copy_with names this article itself",
                                    "name the other article that carries the same copy"))
            continue
        if other not in paragraphs:
            errors.append(SiteError(source, line, f"shares_copy_with: there is no article '{other}'",
                                    did_you_mean(other, paragraphs) or "give the other article's file name, "
                                                                       "without .md"))
            continue
        for key, owner in (("paragraphs", slug), ("matches", other)):
            count = paragraphs.get(owner, 0)
            beyond = [pid for pid in record.get(key) or () if _pid_order(pid) > count]
            if beyond:
                errors.append(SiteError(source, line, f"shares_copy_with {key}: {owner} has no "
                                                      f"{', '.join(beyond)} (it has {count} paragraph"
                                                      f"{'s' if count != 1 else ''})",
                                        "check the anchors on the article's page (¶)"))
    return errors
