"""The maintenance commands' view of a site: validated files, their key lines, paragraphs as numbered."""

from __future__ import annotations

from sitegen.build import build
from sitegen.siteview import read_site, view_of
from tests.conftest import write


def test_reads_every_file_with_key_lines_and_numbered_paragraphs(site):
    root = site()
    view = read_site(root)
    doc = next(d for d in view.articles if d.slug == "guardian-ryabkov")
    assert (doc.key, doc.source) == ("articles/guardian-ryabkov", "content/articles/guardian-ryabkov.md")
    assert view.key_lines(doc)["url"] == 7
    assert [p.id for p in view.paragraphs(doc)] == ["p-1", "p-2", "p-3"]
    assert {d.section for d in view.docs} == {"articles", "topics", "pages", ""}


def test_a_file_changed_since_loading_has_no_key_lines(site):
    root = site()
    view = read_site(root)
    doc = view.articles[0]
    write(root, doc.source, "---\ntitle: [unclosed\n---\n")
    assert view.key_lines(doc) == {}


def test_a_checked_site_gives_the_same_view(site):
    root = site()
    result = build(root)
    checked = view_of(result.site, result.bodies, root)
    loaded = read_site(root, drafts=False)
    assert [d.source for d in checked.docs] == [d.source for d in loaded.docs]
    assert [checked.paragraphs(d) for d in checked.articles] == [loaded.paragraphs(d) for d in loaded.articles]
