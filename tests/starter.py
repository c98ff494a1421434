"""What a site made by `sitegen new` must show once built (shared by the in-process and the wheel tests)."""

from __future__ import annotations

from pathlib import Path

from sitegen.scaffold import EXAMPLE
from tests.conftest import soup

TOPIC = "checking-quotes"


def check_starter_html(public: Path) -> None:
    """The example report, the topic page quoting it both ways, and the method page."""
    home = soup(public / "index.html")
    assert home.find("a", href=f"/topics/{TOPIC}/"), "the home page lists the topic"
    assert home.find("a", href=f"/articles/{EXAMPLE}/"), "the home page lists the example report"

    topic = soup(public / f"topics/{TOPIC}/index.html")
    figures = topic.select("figure.excerpt")
    assert [figure["id"] for figure in figures] == ["checked-at-build", "one-click"]
    article = soup(public / f"articles/{EXAMPLE}/index.html")
    for figure in figures:
        target = figure.find("a", class_="in-context")["href"]
        assert target.startswith(f"/articles/{EXAMPLE}/#p-")
        paragraph = article.find("p", id=target.split("#")[1])
        assert paragraph is not None and "cited" in paragraph["class"]
        cited_in = paragraph.find_next_sibling("p", class_="cited-in")
        assert f"/topics/{TOPIC}/#{figure['id']}" in [a["href"] for a in cited_in.find_all("a")]
    # an ellipsis quote shows the source's own words, in order
    assert figures[1].blockquote.get_text(" ", strip=True).startswith("Each quote links to the paragraph it comes from")

    facts = article.find("dl").get_text(" ", strip=True)
    assert "From the dateline" in facts and "not a news outlet" in facts and "seeds/" in facts
    assert [h.get_text(strip=True) for h in soup(public / "about/index.html").select("main h2")] == [
        "Sources", "Dates", "Outlets", "Quotes", "Corrections"]
    # the method page has the section that JSON-LD names as the corrections policy
    assert soup(public / "about/index.html").find(id="corrections") is not None
