"""Reuse: what a build may take from the last successful one, decided by recorded reads.

Each output file remembers the names of the facts its view and body read (``facts.py``);
the session keeps the digest each of those facts had. A new build computes the facts'
digests afresh: an output none of whose facts changed is reused as it was, every other is
rendered again. No key is written by hand, so none can leave a dependency out; a changed
renderer (sitegen's code, the theme's files, the config) renders everything.

The same holds for derived values (a card, a body's HTML): each is kept with the facts it
read, and dropped once one of them changes. A build that fails leaves the session as it
was.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, Callable, TypeVar

from markupsafe import Markup

from .bodies import Bodies, ParsedKey
from .content import BodyRef, Known
from .loading import LoadMemo
from .errors import BuildError, Errors
from .facts import Fact, Facts, FactTable, candidates
from .listing import Listing, Stamp
from .markdown import Parsed
from .output import Link
from .parts import body_html
from .plan import Job
from .readers import Readers
from .render import Renderer, TemplateFailed
from .site import Site
from .steps import Steps

T = TypeVar("T")

Reads = tuple[Fact, ...]
"""The facts a view or a value read: a tuple (a site of thousands of pages keeps one per page,
and a tuple is a quarter of a set's size); checked against a set of changed facts."""

Memo = dict[tuple[str, str], tuple[Any, Reads]]
"""(name, key) → (value, the facts it read)."""


@dataclass(frozen=True, slots=True)
class Output:
    """An output file as a build made it."""

    reads: Reads
    """The facts its view and body read."""
    data: bytes | None
    """Its bytes; None when they are the previous output's file (``sitegen build``)."""


class Derived:
    """Derived values for one build, and what a view needs to make them."""

    __slots__ = ("memo", "renderer", "bodies", "one_shot", "more", "added")

    def __init__(self, memo: Memo, renderer: Renderer, bodies: Bodies, one_shot: bool,
                 more: Callable[[], Memo] | None = None) -> None:
        self.memo = memo
        self.renderer = renderer
        self.bodies = bodies
        self.one_shot = one_shot
        """A build nothing follows: bodies' HTML and tokens are not kept once used."""
        self.more = more
        """Cards kept on disk, read when the build first needs one (``sitegen build``)."""
        self.added: list[tuple[str, str]] = []
        """The values made (not reused) in this build, in order."""

    def get(self, facts: Facts, name: str, key: str, make: Callable[[Facts, str], T]) -> T:
        hit = self.memo.get((name, key))
        if hit is None and name == "card" and self.more is not None:
            more, self.more = self.more, None
            for entry, found in more().items():
                self.memo.setdefault(entry, found)
            hit = self.memo.get((name, key))
        if hit is not None:
            facts.reads.update(hit[1])
            return hit[0]  # type: ignore[no-any-return]
        inner = Facts(facts.table, self)
        value = make(inner, key)
        if not (self.one_shot and name == "body"):  # a one-shot build renders each body once
            self.memo[(name, key)] = (value, tuple(inner.reads))
            self.added.append((name, key))
        facts.reads.update(inner.reads)
        return value

    def fragment(self, template: str, **context: Any) -> Markup:
        return self.renderer.fragment(template, **context)

    def mark(self, name: str, subject: Any) -> str:
        """The theme's words (marks.html) for a headline's or a copy's provenance, as plain text."""
        return self.renderer.macro("marks.html", name, subject)


@dataclass
class Session:
    """Everything a build can reuse from the builds before it. ``sitegen serve`` keeps one in
    memory; ``sitegen build`` loads one from ``.sitegen-cache/`` and saves it after."""

    known: Known = field(default_factory=dict)
    """Validated pages by path, with the stamp of the file they were read from."""
    listing: Listing | None = None
    """The content folder as the last build listed it."""
    hint: set[str] | None = None
    """Paths below content/ that a file watcher saw change since (``sitegen serve``)."""
    texts: dict[str, str] = field(default_factory=dict)
    parses: dict[ParsedKey, Parsed] = field(default_factory=dict)
    outlines: dict[ParsedKey, Parsed] = field(default_factory=dict)
    """What resolving the site read of each body (``Bodies.outline``)."""
    renderer_key: str = ""
    """The renderer of the last successful build: another one renders everything."""
    facts: dict[Fact, str] = field(default_factory=dict)
    """The digest of every fact an output or a derived value read, at the last successful build."""
    outputs: dict[str, Output] = field(default_factory=dict)
    memo: Memo = field(default_factory=dict)
    previous: Path | None = None
    """Where the bytes of outputs with data None are: the current output folder."""
    load_cards: Callable[[FactTable], Memo] | None = None
    """Cards kept on disk by the last ``sitegen build``, not read yet (None: all in ``memo``)."""
    verified: set[str] = field(default_factory=set)
    """Articles found faithful to their kept originals, by body and original (fidelity.py)."""
    shards: dict[str, dict[str, Stamp]] = field(default_factory=dict)
    """The page shards on disk as they were read: shard → page path → stamp (``sitegen build``)."""
    rendered: int = 0
    """How many files the last build rendered (the rest were reused)."""
    steps: Steps = field(default_factory=Steps)
    """The pipeline's steps as the last build made them (kept in memory only: ``steps.py``)."""
    site: Site | None = None
    """The last successful build's site (``sitegen serve``: in memory only)."""
    readers: Readers | None = None
    """Who read each fact the session tracks (``sitegen serve``: in memory only)."""
    loads: LoadMemo | None = None
    """What the last build's loading of the content folder found (in memory only)."""
    bodies_kept: int = 0
    """How many texts and parses the session held after it last forgot unused ones."""
    kept: Kept | None = None
    """The last successful build's list of files and their bytes (``sitegen serve``)."""


@dataclass
class Kept:
    """A serve session's last list of files (the very list the plan step returned), each
    file's place in it, and the files made from it."""

    jobs: list[Job]
    places: dict[str, int]
    files: dict[str, bytes | Link]


@dataclass
class Made:
    """What running a build's jobs produced."""

    files: dict[str, bytes | Link]
    outputs: dict[str, Output]
    memo: Memo
    table: FactTable
    rendered: int
    cards_in_memo: bool = True
    """False when cards kept on disk were neither read nor made stale: they stay where they are."""
    renewed: list[str] | None = None
    """The outputs rendered in this build (None: not recorded)."""
    dropped: set[tuple[str, str]] = field(default_factory=set)
    """The last build's derived values this build found stale."""
    added: list[tuple[str, str]] = field(default_factory=list)
    """The derived values this build made."""
    changed: set[Fact] = field(default_factory=set)
    """The tracked facts whose digests changed since the last build."""


def changed_facts(session: Session, table: FactTable) -> set[Fact]:
    """The facts read last time whose digest is not what it was. With the last build's site and
    readers at hand (``sitegen serve``), only the facts that may have changed are looked at."""
    known = session.facts
    if session.site is not None and session.readers is not None:
        digest = table.digest
        return {name for name in candidates(table.site, session.site, session.readers.by_kind)
                if name in known and digest(name) != known[name]}
    table.prime()
    digests, digest = table.digests, table.digest
    return {name for name, was in known.items() if (digests.get(name) or digest(name)) != was}


def run(jobs: list[Job], table: FactTable, renderer: Renderer, bodies: Bodies, errors: Errors,
        session: Session | None = None, store: Callable[[str, bytes | Link], None] | None = None,
        changed: set[Fact] | None = None, memo: Memo | None = None) -> Made:
    """Make every job's file, reusing what the session made of it when its facts are unchanged
    (``changed``: the facts whose digest changed since, when the caller has computed them).
    Files go to ``store`` as they are made when given (a parallel worker writes them at once).
    Without a session, ``memo`` is the derived values to start from and add to (a parallel
    worker's, across the chunks of jobs it takes)."""
    previous: dict[str, Output] = {}
    memo = memo if memo is not None else {}
    dirty: set[str] | None = None  # the outputs that read a changed fact, when the readers say
    dropped: set[tuple[str, str]] = set()
    if session is not None and session.renderer_key == renderer.key:
        changed = changed if changed is not None else changed_facts(session, table)
        previous = session.outputs
        if session.readers is not None:
            dirty, dropped = session.readers.of_facts(changed)
            memo = dict(session.memo)
            for key in dropped:
                del memo[key]
        else:
            memo = {k: v for k, v in session.memo.items() if changed.isdisjoint(v[1])} if changed else \
                dict(session.memo)
    changed = changed or set()
    more = None
    if session is not None and session.load_cards is not None and session.renderer_key == renderer.key:
        load = session.load_cards
        more = lambda: load(table)  # noqa: E731
    derived = Derived(memo, renderer, bodies, session is None, more)
    files: dict[str, bytes | Link] = {}
    outputs: dict[str, Output] = {}
    renewed: list[str] = []

    def render(job: Job) -> None:
        facts = Facts(table, derived)
        try:
            made = render_job(job, facts, renderer)
        except TemplateFailed as exc:
            errors.extend([exc.error])
            return
        except BuildError as exc:  # a body that changed while the site was being built
            errors.extend(exc.errors)
            return
        renewed.append(job.path)
        # a file handed to ``store`` is written at once: keeping its bytes too would hold the
        # worker's whole share of the site
        outputs[job.path] = Output(tuple(facts.reads), made if store is None else None)
        _put(files, store, job.path, made)

    if dirty is not None and session is not None and session.kept is not None and session.kept.jobs is jobs \
            and store is None:
        # the same list of files as last time (the plan step kept it): start from last time's
        # files and render just the ones that read a changed fact
        files, outputs = dict(session.kept.files), dict(previous)
        places = session.kept.places
        for index in sorted(places[path] for path in dirty if path in places):
            render(jobs[index])
        return Made(files, outputs, memo, table, len(renewed), cards_in_memo=more is None or derived.more is None,
                    renewed=renewed, dropped=dropped, added=derived.added, changed=changed)
    for job in jobs:
        before = previous.get(job.path)
        if before is not None and (job.path not in dirty if dirty is not None else changed.isdisjoint(before.reads)):
            data: bytes | Link | None = before.data
            if data is None and session is not None and session.previous is not None:
                data = Link(f"{session.previous}/{job.path}")
            if data is not None:
                outputs[job.path] = before
                _put(files, store, job.path, data)
                continue
        render(job)
    return Made(files, outputs, memo, table, len(renewed), cards_in_memo=more is None or derived.more is None,
                renewed=renewed, dropped=dropped, added=derived.added, changed=changed)


def _put(files: dict[str, bytes | Link], store: Callable[[str, bytes | Link], None] | None, path: str,
         data: bytes | Link) -> None:
    if store is not None:
        store(path, data)
    else:
        files[path] = data


_FIELDS: dict[type, tuple[str, ...]] = {}
BODY_FIELDS = ("body", "intro")
"""View fields that hold a page body: rendered to HTML just before the template runs."""


def render_job(job: Job, facts: Facts, renderer: Renderer) -> bytes:
    view = job.make(facts)
    if job.template is None:
        return view  # type: ignore[no-any-return]
    kind = type(view)
    names = _FIELDS.get(kind) or _FIELDS.setdefault(kind, tuple(f.name for f in fields(view)))
    context: dict[str, Any] = {}
    for name in names:
        value = getattr(view, name)
        if isinstance(value, BodyRef):
            value = body_html(facts, value.key)
        elif value is None and name in BODY_FIELDS:
            value = Markup("")
        context[name] = value
    return renderer.page(job.template, context)


def commit(session: Session, made: Made, renderer: Renderer, keep_bytes: bool, jobs: list[Job] | None = None) -> None:
    """Make a successful build's results what the next build compares with. ``keep_bytes``
    (``sitegen serve``): the outputs' bytes are kept, and so are the site and who read each
    fact, brought up to date with just what this build renewed."""
    outputs = made.outputs if keep_bytes else {path: Output(o.reads, None) for path, o in made.outputs.items()}
    readers = session.readers
    if keep_bytes and readers is not None and made.renewed is not None and session.renderer_key == renderer.key:
        before = session.outputs
        for path in [*made.renewed, *(p for p in before if p not in outputs)]:
            if path in before:
                readers.remove(path, before[path].reads)
            if path in outputs:
                readers.add(path, outputs[path].reads)
        for key in made.dropped:
            readers.remove(key, session.memo[key][1])
        for key in made.added:
            readers.add(key, made.memo[key][1])
        came, went = readers.settle()
        digest = made.table.digest
        facts = session.facts
        for name in went:
            facts.pop(name, None)
        for name in came | (made.changed - went):
            facts[name] = digest(name)
        session.memo = made.memo
    else:
        tracked: set[Fact] = set().union(*(o.reads for o in outputs.values())) if outputs else set()
        session.memo = {k: v for k, v in made.memo.items() if tracked.issuperset(v[1])}
        session.facts = {fact: made.table.digest(fact) for fact in tracked}
        if keep_bytes:
            session.readers = Readers.of({p: o.reads for p, o in outputs.items()},
                                         {k: v[1] for k, v in session.memo.items()})
    session.outputs = outputs
    session.site = made.table.site if keep_bytes else None
    if keep_bytes and jobs is not None:
        kept = session.kept
        places = kept.places if kept is not None and kept.jobs is jobs else {job.path: i for i, job in enumerate(jobs)}
        session.kept = Kept(jobs, places, made.files)
    else:
        session.kept = None
    session.renderer_key = renderer.key
    session.rendered = made.rendered
    if made.cards_in_memo:
        session.load_cards = None
