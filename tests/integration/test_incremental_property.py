"""Random sequences of edits: after every step, the incremental output — through the disk
cache of `sitegen build` and through a serve session in memory — equals a clean build, byte
for byte (or both fail with the same errors).

The number of steps grows with SITEGEN_PROPERTY_EXAMPLES (examples of STEPS steps each).
"""

from __future__ import annotations

import os
import shutil
import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from sitegen import store
from sitegen.build import Options, build
from sitegen.errors import BuildError
from sitegen.reuse import Session
from tests.conftest import SITES, tree_bytes

EXAMPLES = int(os.environ.get("SITEGEN_PROPERTY_EXAMPLES", "40"))
"""Examples of STEPS edits each: 40 × 25 = 1,000 steps by default (about a minute)."""
STEPS = 25

WORDS = ["talks", "summit", "envoys", "Kyiv", "Moscow", "sanctions", "minerals", "ceasefire", "“quoted”", "’s"]
TITLES = ["A new headline", "Talks resume", "Envoys meet again", "Minerals deal", "Ceasefire terms"]
ACTORS = ["Donald Trump", "Zelenskyy", "Zelensky", "Volodymyr Zelenskyy", "Vladimir Putin", "Putin",
          "Sergei Ryabkov", "Karoline Leavitt"]
OUTLETS = ["The Guardian", "Guardian", "Xinhua", "Reuters", "null"]
TOPICS = ["minerals-deal", "ceasefire", "summit-diplomacy"]
DATES = ["2025-02-18", "2025-02-22", "2025-08-07", "2024-12-31", "2025-02-22T14:49:00+00:00"]
ARTICLES = ["guardian-ryabkov", "unknown-outlet", "xinhua-summit", "extra-one", "extra-two"]
TEMPLATE_EDITS = {"card.html": ("<li>", "<li class=\"edited\">"), "article.html": ("Source article", "Source report"),
                  "term.html": ("<h2>Pages</h2>", "<h2>Listed pages</h2>"), "base.html": ("Skip to content", "Skip")}
THEME = Path(__file__).resolve().parents[2] / "sitegen" / "themes" / "briefing" / "templates"


def _front(values: dict[str, str]) -> str:
    return "---\n" + "".join(f"{k}: {v}\n" for k, v in values.items()) + "---\n"


class EditSequences(RuleBasedStateMachine):
    """A fixture site, edited at random; three builds compared after every edit."""

    def __init__(self) -> None:
        super().__init__()
        self.tmp = Path(os.environ["SITEGEN_PROPERTY_TMP"])
        self.step = 0

    @initialize()
    def start(self) -> None:
        shutil.rmtree(self.tmp, ignore_errors=True)
        self.root = self.tmp / "site"
        shutil.copytree(SITES / "basic", self.root)
        self.session = Session()
        self.changed: set[str] = set()

    # --- writing files -------------------------------------------------------------------------
    def write(self, rel: str, text: str) -> None:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        old = path.stat().st_mtime_ns if path.exists() else 0
        path.write_text(text, encoding="utf-8")
        self.step += 1
        # editors' saves land with new mtimes, even on coarse clocks
        os.utime(path, ns=(old + 10_000_000_000 + self.step, old + 10_000_000_000 + self.step))
        self.changed.add(rel)

    def remove(self, rel: str) -> None:
        path = self.root / rel
        if path.exists():
            path.unlink()
            self.changed.add(rel)

    def read(self, rel: str) -> str:
        path = self.root / rel
        return path.read_text(encoding="utf-8") if path.exists() else ""

    def article(self, slug: str) -> str:
        return f"content/articles/{slug}.md"

    def set_key(self, rel: str, key: str, value: str) -> None:
        text = self.read(rel)
        if not text.startswith("---\n"):
            return
        head, sep, body = text[4:].partition("\n---\n")
        lines = [line for line in head.split("\n") if not line.startswith(f"{key}:")]
        self.write(rel, "---\n" + "\n".join([*lines, f"{key}: {value}"]) + sep + body)

    # --- content edits ------------------------------------------------------------------------
    @rule(slug=st.sampled_from(ARTICLES), words=st.lists(st.sampled_from(WORDS), min_size=1, max_size=6))
    def add_a_paragraph(self, slug: str, words: list[str]) -> None:
        text = self.read(self.article(slug))
        if text:
            self.write(self.article(slug), text.rstrip("\n") + "\n\n" + " ".join(words).capitalize() + ".\n")

    @rule(old=st.sampled_from(["envoys", "talks", "Tuesday", "Ukraine"]), new=st.sampled_from(["diplomats", "meetings"]))
    def change_a_word_of_the_guardian(self, old: str, new: str) -> None:
        rel = self.article("guardian-ryabkov")
        text = self.read(rel)
        if old in text:
            self.write(rel, text.replace(old, new, 1))

    @rule(slug=st.sampled_from(ARTICLES), title=st.sampled_from(TITLES))
    def retitle_an_article(self, slug: str, title: str) -> None:
        self.set_key(self.article(slug), "title", title)

    @rule(slug=st.sampled_from(ARTICLES), date=st.sampled_from(DATES))
    def redate_an_article(self, slug: str, date: str) -> None:
        self.set_key(self.article(slug), "date", date)

    @rule(slug=st.sampled_from(ARTICLES), actors=st.lists(st.sampled_from(ACTORS), max_size=4, unique=True))
    def set_actors(self, slug: str, actors: list[str]) -> None:
        self.set_key(self.article(slug), "actors", "[" + ", ".join(actors) + "]")

    @rule(slug=st.sampled_from(ARTICLES), topics=st.lists(st.sampled_from(TOPICS), max_size=2, unique=True))
    def set_topics(self, slug: str, topics: list[str]) -> None:
        self.set_key(self.article(slug), "topics", "[" + ", ".join(topics) + "]")

    @rule(slug=st.sampled_from(ARTICLES), outlet=st.sampled_from(OUTLETS))
    def set_outlet(self, slug: str, outlet: str) -> None:
        self.set_key(self.article(slug), "outlet", outlet)

    @rule(slug=st.sampled_from(ARTICLES[3:]), title=st.sampled_from(TITLES), date=st.sampled_from(DATES),
          outlet=st.sampled_from(OUTLETS), words=st.lists(st.sampled_from(WORDS), min_size=1, max_size=8))
    def add_an_article(self, slug: str, title: str, date: str, outlet: str, words: list[str]) -> None:
        self.write(self.article(slug), _front({"title": title, "date": date, "outlet": outlet, "actors": "[Zelensky]"})
                   + " ".join(words).capitalize() + ".\n\nLink to [the topic](../topics/minerals-deal.md).\n")

    @rule(slug=st.sampled_from(ARTICLES))
    def remove_an_article(self, slug: str) -> None:
        self.remove(self.article(slug))

    @rule(slug=st.sampled_from(ARTICLES), to=st.sampled_from(ARTICLES))
    def rename_an_article(self, slug: str, to: str) -> None:
        text = self.read(self.article(slug))
        if text and slug != to:
            self.remove(self.article(slug))
            self.write(self.article(to), text)

    @rule(hint=st.sampled_from(["", " #p-1", " #p-2", " #p-3"]))
    def move_an_excerpt_hint(self, hint: str) -> None:
        rel = "content/topics/minerals-deal.md"
        text = self.read(rel)
        lines = [line for line in text.split("\n")]
        for index, line in enumerate(lines):
            if line.startswith("::: excerpt guardian-ryabkov id=riyadh"):
                lines[index] = "::: excerpt guardian-ryabkov id=riyadh" + hint
        self.write(rel, "\n".join(lines))

    @rule(quote=st.sampled_from(["Ryabkov added that US and Russian envoys could meet",
                                 "to pave the way for further talks", "The Ukrainian president said",
                                 "Zelensky said Ukraine will work toward peace", "no such words anywhere"]),
          slug=st.sampled_from(["guardian-ryabkov", "xinhua-summit"]))
    def quote_something_else(self, quote: str, slug: str) -> None:
        rel = "content/topics/minerals-deal.md"
        text = self.read(rel)
        head, _, rest = text.partition("::: excerpt guardian-ryabkov\n")
        if not rest:
            head, _, rest = text.partition("::: excerpt xinhua-summit\n")
        if rest:
            _, _, tail = rest.partition("\n:::\n")
            self.write(rel, f"{head}::: excerpt {slug}\n{quote}\n:::\n{tail}")

    @rule(title=st.sampled_from(TITLES), summary=st.sampled_from(["", "A summary.", "Another summary."]))
    def edit_the_topic(self, title: str, summary: str) -> None:
        rel = "content/topics/minerals-deal.md"
        self.set_key(rel, "title", title)
        self.set_key(rel, "summary", summary or "''")

    @rule(slug=st.sampled_from(TOPICS[1:]), title=st.sampled_from(TITLES))
    def add_or_replace_a_topic(self, slug: str, title: str) -> None:
        self.write(f"content/topics/{slug}.md", _front({"title": title, "weight": "5"}) +
                   "::: excerpt xinhua-summit\nZelensky said Ukraine will work toward peace\n:::\n")

    @rule(slug=st.sampled_from(TOPICS[1:]))
    def remove_a_topic(self, slug: str) -> None:
        self.remove(f"content/topics/{slug}.md")

    @rule(text=st.sampled_from(["Back to [the Guardian](../articles/guardian-ryabkov.md).",
                                "Read [Xinhua](../articles/xinhua-summit.md#p-2).", "No links here.",
                                "A link to [a missing page](../articles/missing.md)."]))
    def edit_the_about_page(self, text: str) -> None:
        self.write("content/pages/about.md", _front({"title": "About this briefing"}) + text + "\n")

    @rule()
    def break_a_front_matter(self) -> None:
        self.write("content/pages/about.md", "---\ntitle: [broken\n---\nBroken.\n")

    # --- registries, templates, config -------------------------------------------------------------
    @rule(name=st.sampled_from(["Volodymyr Zelenskyy", "Volodymyr Zelensky"]),
          role=st.sampled_from(["President of Ukraine", "Ukraine's president", ""]),
          aliases=st.lists(st.sampled_from(["Zelenskyy", "Zelensky", "Zelenskiy"]), unique=True),
          kind=st.sampled_from(["person", "country"]), putin=st.booleans())
    def edit_the_actors(self, name: str, role: str, aliases: list[str], kind: str, putin: bool) -> None:
        aliases = [a for a in aliases if a != name]
        extra = "- name: Vladimir Putin\n  aliases: [Putin]\n  kind: person\n" if putin else ""
        self.write("data/actors.yaml", textwrap.dedent(f"""\
            - name: {name}
              aliases: [{", ".join(aliases)}]
              role: "{role}"
              kind: {kind}
            - name: Donald Trump
              role: President of the United States
              kind: person
            """) + extra)

    @rule(country=st.sampled_from(["United Kingdom", "UK"]), name=st.sampled_from(["The Guardian", "Guardian"]),
          xinhua=st.sampled_from(["", "Xinhua", "Xinhua News Agency"]))
    def edit_the_outlets(self, country: str, name: str, xinhua: str) -> None:
        alias = "The Guardian" if name == "Guardian" else "Guardian"
        extra = f"- name: {xinhua}\n  aliases: [{'Xinhua' if xinhua != 'Xinhua' else 'New China'}]\n" \
                f"  country: China\n" if xinhua else ""
        self.write("data/outlets.yaml", f"- name: {name}\n  aliases: [{alias}]\n"
                                        f"  homepage: https://www.theguardian.com/\n  country: {country}\n{extra}")

    @rule(name=st.sampled_from(sorted(TEMPLATE_EDITS)), keep=st.booleans())
    def override_a_template(self, name: str, keep: bool) -> None:
        rel = f"templates/{name}"
        if keep:
            old, new = TEMPLATE_EDITS[name]
            self.write(rel, (THEME / name).read_text(encoding="utf-8").replace(old, new))
        else:
            self.remove(rel)

    @rule(title=st.sampled_from(["Basic briefing", "Renamed briefing"]),
          taxonomies=st.sampled_from(["[actors, outlets, topics]", "[topics]", "[actors]"]),
          base=st.sampled_from(["https://example.org/", "/sub/"]), limit=st.sampled_from(["50", "1"]))
    def edit_the_config(self, title: str, taxonomies: str, base: str, limit: str) -> None:
        self.write("sitegen.yaml", f"title: {title}\ndescription: A small fixture site.\nlanguage: en-GB\n"
                                   f"base_url: {base}\nauthor: Test desk\ntaxonomies: {taxonomies}\n"
                                   f"feed_limit: {limit}\n")

    # --- the property --------------------------------------------------------------------------
    @invariant()
    def incremental_builds_equal_a_clean_one(self) -> None:
        if not hasattr(self, "root"):
            return
        clean = _outcome(lambda: build(self.root).files)
        # what a serve session is told: the paths its watcher saw change
        for rel in self.changed:
            self.session.known.pop(rel, None)
        self.session.hint = (self.session.hint or set()) | {
            rel.removeprefix("content/") for rel in self.changed if rel.startswith("content/")}
        self.changed = set()
        in_memory = _outcome(lambda: build(self.root, session=self.session).files)
        assert in_memory == clean
        out = self.root / "public"
        on_disk = _outcome(lambda: (store.build_with_cache(self.root, out, Options()), _written(out))[1])
        if isinstance(clean, dict):
            assert on_disk == {path: bytes(data) for path, data in clean.items()}
        else:
            assert on_disk == clean


def _written(out: Path) -> dict[str, bytes]:
    files = tree_bytes(out)
    files.pop(".sitegen-output", None)
    return files


def _outcome(make):  # type: ignore[no-untyped-def]
    """A build's files, or the sorted list of its error lines."""
    try:
        return dict(make())
    except BuildError as exc:
        return sorted(str(e) for e in exc.errors)


TestEditSequences = EditSequences.TestCase
TestEditSequences.settings = settings(max_examples=EXAMPLES, stateful_step_count=STEPS, deadline=None,
                                      suppress_health_check=list(HealthCheck))


@pytest.fixture(autouse=True)
def _property_tmp(tmp_path, monkeypatch):
    monkeypatch.setenv("SITEGEN_PROPERTY_TMP", str(tmp_path / "property"))
