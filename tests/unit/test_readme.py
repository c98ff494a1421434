"""The README's reference tables name exactly what the code has: every template's variables
(the fields of its view, checked against the views a real plan makes), every nested view's
fields, the globals, filters and marks; every front-matter and config key. So the reference
cannot drift from the code: a field added, renamed or removed fails here until the README says so.
"""

from __future__ import annotations

import dataclasses
import re
import textwrap
from pathlib import Path
from typing import Any

import jinja2
import pytest
from markupsafe import Markup

from sitegen import content, pageviews, views
from sitegen.build import load
from sitegen.config import FIELDS
from sitegen.facts import Facts, FactTable
from sitegen.parts import body_html
from sitegen.plan import plan
from sitegen.render import renderer_for, site_globals
from sitegen.reuse import Derived
from sitegen.schema import Field
from sitegen.theme import PACKAGE_THEMES

REPO = Path(__file__).resolve().parents[2]
README = (REPO / "README.md").read_text(encoding="utf-8")
TEMPLATES = PACKAGE_THEMES / "briefing" / "templates"


# --- reading the README -------------------------------------------------------------------------

def section(heading: str) -> str:
    """The README's text under a heading, down to the next heading of the same or a higher level."""
    lines = README.splitlines()
    start = lines.index(heading)
    level = len(heading) - len(heading.lstrip("#"))
    end = next((i for i in range(start + 1, len(lines))
                if re.match(rf"#{{1,{level}}} ", lines[i])), len(lines))
    return "\n".join(lines[start + 1:end])


def cells(line: str) -> list[str]:
    return [cell.strip() for cell in re.split(r"(?<!\\)\|", line.strip().strip("|"))]


def tables(text: str) -> list[tuple[str, list[list[str]]]]:
    """Every table of a text, with its caption: the last bold line before it ('' when none)."""
    found: list[tuple[str, list[list[str]]]] = []
    caption = ""
    rows: list[list[str]] | None = None
    for line in text.splitlines():
        if line.startswith("|"):
            if rows is None:
                rows = []
                found.append((caption, rows))
                caption = ""
            rows.append(cells(line))
            continue
        rows = None
        bold = re.match(r"\*\*(.+?)\*\*(.*)", line)
        if bold:
            caption = line
    return [(caption, body[2:]) for caption, body in found]  # without the header and separator rows


def caption_name(caption: str) -> str:
    match = re.match(r"\*\*(.+?)\*\*", caption)
    return match.group(1).strip("`") if match else ""


def captioned(text: str) -> dict[str, tuple[str, list[list[str]]]]:
    """Captioned tables by their caption's name: 'HomePage', 'Globals', 'marks.html'."""
    found = {}
    for caption, rows in tables(text):
        name = caption_name(caption)
        if name:
            assert name not in found, f"the README has two tables captioned {name}"
            found[name] = (caption, rows)
    return found


def names(cell: str) -> list[str]:
    """The names a table's first cell gives: `url(path)` → url, `site.title` → title."""
    return [re.sub(r"\(.*", "", name).rpartition(".")[2] for name in re.findall(r"`([^`]+)`", cell)]


REFERENCE = section("### Template context reference")
TABLES = captioned(REFERENCE)


def view_classes() -> dict[str, type]:
    return {name: kind for module in (views, pageviews) for name, kind in vars(module).items()
            if isinstance(kind, type) and dataclasses.is_dataclass(kind) and kind.__module__ == module.__name__}


def listed(name: str) -> list[str]:
    assert name in TABLES, f"the template context reference has no table for {name}"
    return [n for row in TABLES[name][1] for n in names(row[0])]


# --- the views ----------------------------------------------------------------------------------

def test_every_field_of_every_view_is_listed_and_nothing_else() -> None:
    for name, kind in view_classes().items():
        caption = TABLES.get(name, ("", []))[0]
        inherited = {f.name for base in kind.__mro__[1:] if dataclasses.is_dataclass(base)
                     and f"`{base.__name__}`'s fields" in caption for f in dataclasses.fields(base)}
        expected = {f.name for f in dataclasses.fields(kind)} - inherited
        documented = listed(name)
        assert len(documented) == len(set(documented)), f"{name}: a field is listed twice"
        assert set(documented) - expected == set(), f"{name}: the README lists fields it does not have"
        assert expected - set(documented) == set(), f"{name}: the README leaves fields out"


def test_every_view_table_names_a_view() -> None:
    special = {"Globals", "site", "Filters", "marks.html", "macros.html"}
    assert set(TABLES) - special - set(view_classes()) == set()


def test_every_view_field_has_a_type_and_a_meaning() -> None:
    for name in view_classes():
        for row in TABLES[name][1]:
            assert len(row) == 3 and row[1] and row[2], f"{name}: {row[0]} needs a type and a line"


# --- the templates and what they are given --------------------------------------------------------

def template_rows() -> dict[str, str]:
    """template → what the README says it is given."""
    [(_, rows)] = [t for t in tables(REFERENCE) if t[1] and t[1][0][0] == "`home.html`"]
    found = {}
    for row in rows:
        for template in re.findall(r"`([^`]+)`", row[0]):
            found[template] = row[2]
    return found


def expected_context(given: str) -> tuple[set[str], dict[str, str]]:
    """(the variable names, name → type) that a README cell such as 'the fields of an
    `ExcerptView`, and `excerpt`, the view itself' or '`a`, a `Card`' says a template gets."""
    classes = view_classes()
    variables: set[str] = set()
    kinds: dict[str, str] = {}
    whole = re.findall(r"the fields of an? `(\w+)`", given)
    for view in whole:
        variables |= {f.name for f in dataclasses.fields(classes[view])}
    for name, view in re.findall(r"`([a-z_]+)`, an? `(\w+)`", given):
        variables.add(name)
        kinds[name] = view
    for name in re.findall(r"`([a-z_]+)`, the view itself", given):
        variables.add(name)
        kinds[name] = whole[0]
    return variables, kinds


class Recording(Derived):
    """Derived values as a build makes them, noting what each fragment template is given."""

    __slots__ = ("given",)
    given: dict[str, dict[str, str]]

    def fragment(self, template: str, **context: Any) -> Markup:
        self.given.setdefault(template, {}).update({k: type(v).__name__ for k, v in context.items()})
        return super().fragment(template, **context)


SITE = {
    "sitegen.yaml": "title: A briefing\nsearch: true\n",
    "content/articles/report.md": """\
        ---
        title: Envoys meet
        date: 2025-02-22
        outlet: Example News
        actors: [Someone]
        topics: [talks]
        ticker:
          - time: "10:00"
            headline: Other news
        updates:
          - date: 2025-02-23
            change: A line added.
        ---
        Someone said the envoys met on Tuesday.
        """,
    "content/topics/talks.md": """\
        ---
        title: Talks
        aliases: [/old-talks/]
        ---
        ::: excerpt report
        the envoys met on Tuesday
        :::

        ::: headlines report
        - Other news
        :::
        """,
    "content/pages/about.md": "---\ntitle: About\n---\nHow this briefing is made.\n",
    "content/index.md": "---\n---\nA briefing.\n",
}


Made = tuple[dict[str, set[str]], dict[str, dict[str, str]], Any]
"""(page template → the kinds of view a plan gives it, fragment → what it is given, the renderer)."""


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Made:
    """Plan a small site with every page kind and make each job's view."""
    root = tmp_path_factory.mktemp("site")
    for rel, text in SITE.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(textwrap.dedent(text), encoding="utf-8")
    loaded = load(root)
    renderer = renderer_for(loaded.site.config, loaded.theme)
    table = FactTable(loaded.site)
    derived = Recording({}, renderer, loaded.bodies, False)
    derived.given = {}
    pages: dict[str, set[str]] = {}
    for job in plan(loaded.site, loaded.theme.assets):
        if job.template is not None:
            view = job.make(Facts(table, derived))
            pages.setdefault(job.template, set()).add(type(view).__name__)
    for key in loaded.site.pages:  # bodies render excerpts and headline blocks
        body_html(Facts(table, derived), key)
    return pages, derived.given, renderer


def test_every_template_of_the_theme_is_listed() -> None:
    files = {p.name for p in TEMPLATES.iterdir() if p.is_file()}
    assert set(template_rows()) == files


def test_each_page_template_is_given_the_view_the_readme_names(made: Made) -> None:
    pages, _, _ = made
    rows = template_rows()
    assert set(pages) <= set(rows)
    for template, kinds in pages.items():
        [view] = re.findall(r"the fields of an? `(\w+)`", rows[template])
        assert kinds == {view}, f"{template} is given {kinds}, the README says {view}"


def test_each_fragment_is_given_what_the_readme_says(made: Made) -> None:
    _, given, _ = made
    rows = template_rows()
    assert set(given) == {"card.html", "excerpt.html", "headlines.html"}
    for template, context in given.items():
        variables, kinds = expected_context(rows[template])
        assert set(context) == variables, template
        for name, kind in kinds.items():
            assert context[name] == kind, f"{template}: {name} is a {context[name]}"


# --- globals, filters, macros -----------------------------------------------------------------------

def test_globals_are_the_ones_listed(made: Made) -> None:
    _, _, renderer = made
    own = set(renderer.env.globals) - set(jinja2.Environment().globals)
    assert set(listed("Globals")) == own


def test_site_keys_are_the_ones_listed(made: Made) -> None:
    _, _, renderer = made
    assert set(listed("site")) == set(site_globals(renderer.config))


def test_filters_are_the_ones_listed(made: Made) -> None:
    _, _, renderer = made
    own = set(renderer.env.filters) - set(jinja2.Environment().filters)
    assert set(listed("Filters")) == own


@pytest.mark.parametrize("template", ["marks.html", "macros.html"])
def test_macros_are_the_ones_listed(template: str) -> None:
    defined = re.findall(r"\{%-?\s*macro\s+(\w+)\(", (TEMPLATES / template).read_text(encoding="utf-8"))
    assert sorted(listed(template)) == sorted(defined)


def test_the_marks_sitegen_uses_are_said_to_be_used() -> None:
    code = "".join(p.read_text(encoding="utf-8") for p in (REPO / "sitegen").glob("*.py"))
    used = set(re.findall(r"""mark\(\s*["'](\w+)["']""", code))
    assert used, "sitegen calls marks.html's macros through Derived.mark"
    rows = {names(row[0])[0]: row[1] for row in TABLES["marks.html"][1]}
    for name in used:
        assert "used by sitegen" in rows[name], name
        assert f"`{name}`" in REFERENCE.split("**`marks.html`**")[0], f"the text before the table names {name}"


# --- front matter and config -------------------------------------------------------------------------

WRITING = section("## Writing content")


def first_column(heading: str) -> list[str]:
    return [n for _, rows in tables(section(heading)) for row in rows for n in names(row[0])]


def schema_tables() -> dict[str, list[Field]]:
    """Every field table of content.py: the sections', the history's, and the records' inside them."""
    found = {f"SCHEMAS[{k!r}]": v for k, v in content.SCHEMAS.items()}
    found["HISTORY"] = content.HISTORY
    for name, value in vars(content).items():
        if isinstance(value, list) and value and all(isinstance(f, Field) for f in value) and name.startswith("_"):
            found[name] = value
    return found


def test_every_front_matter_key_is_in_a_table() -> None:
    keys = set(first_column("### Article front matter")) | set(first_column("### Topic and page front matter")) \
        | set(first_column("### History and old addresses (any page)"))
    for name in ("articles", "topics", "pages", ""):
        missing = {f.name for f in content.SCHEMAS[name]} - keys
        assert missing == set(), f"{name or 'index'}: {sorted(missing)} not in the README's tables"
    assert {f.name for f in content.HISTORY} <= keys


def test_every_record_field_is_named() -> None:
    for name, fields in schema_tables().items():
        for field in fields:
            named = re.search(rf"`[^`\n]*\b{field.name}\b[^`\n]*`", WRITING)
            assert named, f"{name}: {field.name} is not named in the README's Writing content"
    for name in ("_EVENT", "_UPDATE", "_CORRECTION", "_SHARED_COPY", "_HEADLINE"):
        assert name in schema_tables(), f"content.{name} is gone: update this test"


def test_front_matter_tables_list_no_key_the_schema_lacks() -> None:
    articles = {f.name for f in content.SCHEMAS["articles"]}
    assert set(first_column("### Article front matter")) <= articles
    history = {f.name for f in content.HISTORY}
    assert set(first_column("### History and old addresses (any page)")) == history


def test_topic_table_names_the_sections_that_take_each_key() -> None:
    [(_, rows)] = tables(section("### Topic and page front matter"))
    for kind in ("topics", "pages"):
        fields = {f.name for f in content.SCHEMAS[kind]}
        said = {n for row in rows if kind in row[1] for n in names(row[0])}
        assert said == fields, kind


def test_every_config_key_is_in_the_table() -> None:
    assert first_column("## Site config (`sitegen.yaml`)") == [f.name for f in FIELDS]
