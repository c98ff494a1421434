"""The command line's words: every command of ``sitegen``, its options and their help."""

from __future__ import annotations

import argparse
from pathlib import Path

from . import __version__


def _add_source(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--source", "-s", type=Path, default=Path("."), metavar="DIR",
                        help="the site's folder, holding sitegen.yaml (default: the current folder)")


def _seconds(text: str) -> float:
    """A non-negative number of seconds (argparse type)."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of seconds") from None
    if not 0 <= value < float("inf"):
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of seconds (0 or more)")
    return value


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sitegen",
        description="Build briefing microsites from Markdown, with every quote verified against its source.",
    )
    parser.add_argument("--version", action="version", version=f"sitegen {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    build = commands.add_parser("build", help="build the site into public/",
                                description="Build the site. The output is swapped in whole at the end: "
                                            "a failed build leaves the previous output untouched.")
    _add_source(build)
    build.add_argument("--output", "-o", type=Path, metavar="DIR", help="output folder (default: public/ in the source)")
    build.add_argument("--base-url", metavar="URL", help="override base_url, e.g. https://someone.github.io/briefing/")
    build.add_argument("--drafts", action="store_true", help="include pages marked draft: true")
    build.add_argument("--strict", action="store_true",
                       help="also warn about what an editor should look at before publishing: actors and outlets "
                            "missing from data/, articles without a kept original, excerpts cut from their referent "
                            "or attribution, claims their excerpts do not support")
    build.add_argument("--no-cache", action="store_true",
                       help="ignore and do not write .sitegen-cache/ (the output is the same either way)")
    build.add_argument("--safe-templates", action="store_true",
                       help="render templates in Jinja's sandbox (for sites whose templates come from untrusted "
                            "contributors; see the README's trust model)")
    loud = build.add_mutually_exclusive_group()
    loud.add_argument("-q", "--quiet", action="store_true", help="print nothing on success")
    loud.add_argument("-v", "--verbose", action="store_true", help="list every file written")

    check = commands.add_parser("check", help="validate everything build validates; write nothing",
                                description="Validate front matter, links, excerpts and templates without writing.")
    _add_source(check)
    check.add_argument("--drafts", action="store_true", help="include pages marked draft: true")
    check.add_argument("--strict", action="store_true",
                       help="also warn about what an editor should look at before publishing (as build --strict); "
                            "with --external, a broken link fails the check")
    check.add_argument("--safe-templates", action="store_true", help="render templates in Jinja's sandbox")
    check.add_argument("--external", action="store_true",
                       help="also check the originals' addresses (url:, archive_url:) and every external link over "
                            "the network: a report, which fails the check only with --strict")
    check.add_argument("--reuse", action="store_true",
                       help="also find passages that articles share (the same wire copy in two outlets) and propose "
                            "shares_copy_with: front matter; writes nothing")
    check.add_argument("--timeout", type=_seconds, default=10.0, metavar="SECONDS",
                       help="with --external: the longest wait for one answer (default 10)")
    check.add_argument("--deadline", type=_seconds, default=300.0, metavar="SECONDS",
                       help="with --external: the longest the whole check may take (default 300)")
    check.add_argument("--host-delay", type=_seconds, default=0.5, metavar="SECONDS",
                       help="with --external: the least time between two requests to one host (default 0.5)")
    arch = commands.add_parser("archive", help="record an archived copy of each article's original (Wayback Machine)",
                               description="For each article with a url: and no archive_url:, ask the Wayback "
                                           "Machine for the snapshot nearest the article's date and record it as "
                                           "archive_url: and archive_date: in the front matter (new lines; the rest "
                                           "of the file is kept byte for byte).")
    _add_source(arch)
    arch.add_argument("--request-capture", action="store_true",
                      help="ask Save Page Now to capture an original that has no snapshot (it can take minutes)")
    arch.add_argument("--dry-run", action="store_true", help="print what would be recorded; change no file")
    arch.add_argument("--api", metavar="URL",
                      help="the archive's base URL (default https://archive.org: the availability API is "
                           "URL/wayback/available; with --api, captures are asked of URL/save/)")
    arch.add_argument("--rate", type=_seconds, default=1.0, metavar="SECONDS",
                      help="the least time between two requests (default 1)")
    arch.add_argument("--timeout", type=_seconds, default=30.0, metavar="SECONDS",
                      help="the longest wait for one answer (default 30)")

    serve = commands.add_parser("serve", help="serve the site with live reload",
                                description="Build the site in memory, serve it, rebuild on every change and "
                                            "reload open tabs. Build errors show in the browser. Never writes public/.")
    _add_source(serve)
    serve.add_argument("--port", "-p", type=int, default=8000, help="port to listen on (default: 8000)")
    serve.add_argument("--bind", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    serve.add_argument("--open", action="store_true", help="open the site in a browser")
    serve.add_argument("--poll", action="store_true", help="poll for changes (for file systems without change events)")

    dep = commands.add_parser("deploy", help="build and push the site to a branch (GitHub Pages)",
                              description="Build the site and commit it alone to a branch (default gh-pages) with "
                                          ".nojekyll, then push. The working tree, the index and the current branch "
                                          "are not touched; a failed build pushes nothing.")
    _add_source(dep)
    dep.add_argument("--remote", default="origin", help="remote to push to (default: origin)")
    dep.add_argument("--branch", default="gh-pages", help="branch to publish (default: gh-pages)")
    dep.add_argument("--cname", metavar="DOMAIN", help="custom domain: writes a CNAME file")
    dep.add_argument("--message", "-m", metavar="MSG", help="commit message")
    dep.add_argument("--base-url", metavar="URL", help="override base_url for this build")
    dep.add_argument("--force", action="store_true",
                     help="publish to a branch that holds commits sitegen deploy did not make (they are kept)")

    new = commands.add_parser("new", help="start a new briefing in a folder",
                              description="Write a working briefing into DIR (made if missing; '.' is the current "
                                          "folder): sitegen.yaml, an example report with its raw text in seeds/, a "
                                          "topic page quoting it, a method page, data/, .gitignore, and a GitHub "
                                          "Pages workflow with requirements.txt. A folder that holds anything but "
                                          ".git is refused, unless --force: it then adds only the missing files "
                                          "and never overwrites one.")
    new.add_argument("dir", type=Path, metavar="DIR", help="the new site's folder ('.' for the current one)")
    new.add_argument("--bare", action="store_true",
                     help="write only sitegen.yaml, .gitignore and the empty content/, data/ and seeds/ folders")
    new.add_argument("--force", action="store_true",
                     help="add the missing starter files to a folder that is not empty; never overwrite")
    new.add_argument("--theme", action="store_true",
                     help="also copy the installed theme into themes/briefing/, to edit (it is used instead of "
                          "the installed one)")

    imp = commands.add_parser("import", help="turn a saved web page, a copied text or a URL into "
                                             "content/articles/<slug>.md",
                              description="Import news reports: a saved web page (.html), a text copied from the "
                                          "web, or an http(s) URL. The article text is taken out of the page "
                                          "(page furniture is stripped and listed), headline, outlet, date, wire "
                                          "credits and actors are taken from what the page states, each with a "
                                          "note saying where; the original is kept byte for byte in seeds/. What "
                                          "the page does not establish must be given with a flag.")
    imp.add_argument("files", nargs="+", metavar="FILE|URL", help="a saved web page, a text file (UTF-8), or an "
                                                                 "http(s) address")
    _add_source(imp)
    imp.add_argument("--outlet", metavar="NAME", help="the outlet, when the original does not name it ('unknown' "
                                                      "if it cannot be established)")
    imp.add_argument("--date", metavar="YYYY-MM-DD", help="the publication date, when the original does not state "
                                                          "it unambiguously")
    imp.add_argument("--title", metavar="T", help="the headline, when the original has none")
    imp.add_argument("--url", metavar="URL", help="the original's address")
    imp.add_argument("--wire", metavar="AGENCY", action="append", default=[], help="an agency credited (repeatable)")
    imp.add_argument("--slug", metavar="S", help="the article's file name, a slug like 2025-02-22-guardian-talks "
                                                 "(default: date-outlet-names)")
    imp.add_argument("--force", action="store_true", help="overwrite an existing article, keeping the fields you "
                                                          "wrote (summary, topics, notes, url, …)")
    imp.add_argument("--replace-all", action="store_true", help="with --force: replace your fields too")
    imp.add_argument("--dry-run", action="store_true", help="print what would be imported and stripped; write nothing")
    return parser
