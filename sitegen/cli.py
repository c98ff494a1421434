"""The command line: the only place that prints diagnostics and picks exit codes.

Exit status: 0 success, 1 content or config errors (a folder without sitegen.yaml among them),
2 usage errors (argparse; `sitegen new` given a folder it cannot use).
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, Sequence

from .arguments import make_parser
from .errors import BuildError, SiteError, printable

if TYPE_CHECKING:
    from .options import Options


SITE_COMMANDS = ("build", "check", "serve", "deploy", "import")
"""The commands that act on a site: each needs its sitegen.yaml before it reads or writes anything."""


def find_site(source: Path) -> SiteError | None:
    """None when source is a site's folder (it holds sitegen.yaml), else the one line that says
    which folder was searched, what it holds, and what to do (import used to create content/ anywhere)."""
    CONFIG_FILE = "sitegen.yaml"  # (config.py's name for it, without loading the YAML reader)

    folder = source.resolve()
    config = folder / CONFIG_FILE
    if config.is_file():
        return None
    from .scaffold import folder_listing

    if not folder.exists():
        return SiteError(str(source), None, "no such folder",
                         "pass --source with the site's folder, or start a site with sitegen new DIR")
    if not folder.is_dir():
        return SiteError(str(source), None, "is a file, not a site's folder", "pass --source with the site's folder")
    if config.exists() or config.is_symlink():
        from .frontmatter import YamlError
        from .sources import read_source

        try:  # say what it is, as every source's reader does
            read_source(config, CONFIG_FILE)
        except YamlError as exc:
            return exc.error
        return None
    above = next((parent for parent in folder.parents if (parent / CONFIG_FILE).is_file()), None)
    if above is not None:
        return SiteError(CONFIG_FILE, None, f"not found in {folder}, which is inside the site {above}",
                         f"run sitegen in {above}, or pass --source {above}")
    holds = folder_listing(folder)
    return SiteError(CONFIG_FILE, None, f"not found in {folder}" + (f" (it holds {holds})" if holds else " (it is empty)"),
                     "start a site with sitegen new DIR, or pass --source DIR with the site's folder")


def main(argv: Sequence[str] | None = None) -> int:
    parser = make_parser()
    args = parser.parse_args(argv)
    try:
        if args.command in SITE_COMMANDS:
            missing = find_site(args.source)
            if missing is not None:
                print(missing, file=sys.stderr)
                return 1
        if args.command == "new":
            return cmd_new(args)
        if args.command == "build":
            return cmd_build(args)
        if args.command == "check":
            return cmd_check(args)
        if args.command == "serve":
            from .serve import serve

            return serve(args.source, args.bind, args.port, args.open, args.poll)
        if args.command == "deploy":
            return cmd_deploy(args)
        if args.command == "archive":
            return cmd_archive(args)
        if args.command == "import":
            if len(args.files) > 1 and (args.slug or args.title or args.url):
                parser.error("--slug, --title and --url name one article: import one FILE at a time with them")
            if args.replace_all and not args.force:
                parser.error("--replace-all only applies with --force")
            return cmd_import(args)
    except BuildError as exc:
        report(exc.errors)
        return 1
    except OSError as exc:  # the disk, not the content: still one clear line, no traceback
        where = f"{exc.filename}: " if exc.filename else ""
        print(printable(f"{where}{exc.strerror or exc} — check the path's permissions and free space"), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    parser.error(f"unknown command {args.command}")
    return 2


def run() -> None:
    """The console command: main(), then exit at once, without tearing down the heap one
    object at a time (an eighth of a second after a 4,000-article build)."""
    code = main()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except OSError:  # a closed pipe (sitegen build -v | head): nothing more to say
        code = code or 1
    os._exit(code)


def report(errors: Sequence[SiteError], stream=None) -> None:  # type: ignore[no-untyped-def]
    stream = stream or sys.stderr
    for error in errors:
        print(str(error), file=stream)
    count = len(errors)
    print(f"{count} error{'s' if count != 1 else ''}", file=stream)


def _warn(warnings: Sequence[SiteError]) -> None:
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)


def _warn_strict(result: Any, root: Path | None = None, options: Any = None) -> None:
    """--strict's warnings (checks.py): registries, kept originals, cut excerpts, claims' evidence.
    When a cached build found nothing changed, the site is loaded again to look."""
    from .checks import strict_warnings

    if result.site is None and root is not None:
        from .build import load

        loaded = load(root, options)
        _warn(strict_warnings(loaded.site, loaded.bodies))
    elif result.site is not None and result.bodies is not None:
        _warn(strict_warnings(result.site, result.bodies))


def _options(args: argparse.Namespace) -> "Options":
    from .options import Options

    return Options(base_url=getattr(args, "base_url", None), drafts=getattr(args, "drafts", False),
                   safe_templates=getattr(args, "safe_templates", False))


def cmd_build(args: argparse.Namespace) -> int:
    from . import store

    root = args.source.resolve()
    output = (args.output if args.output is not None else root / "public").resolve()
    options = _options(args)
    previous = None
    if not args.no_cache and not args.verbose and not args.strict:
        # the quick answer first: nothing changed since the last build? (no heavy imports)
        previous = store.look(root, output, options)
        if previous.unchanged:
            assert previous.state is not None
            if not args.quiet:
                print(f"nothing changed since the last build ({previous.state.summary})")
            return 0
    gc.disable()  # a one-shot build: collecting cycles among millions of short-lived objects is wasted time
    if args.no_cache:
        from .build import build

        result = build(root, options, None, output)
    else:
        result = store.build_with_cache(root, output, options, previous)
    for note in result.notes:
        print(note, file=sys.stderr)
    _warn(result.warnings)
    if args.strict:
        _warn_strict(result, root, options)
    if result.site is not None and not result.site.config.absolute_base.startswith("http") and not args.quiet:
        print(f"note: base_url '{result.site.config.base_url}' has no host, so canonical links, the feeds' and "
              "the sitemap's URLs are relative; pass --base-url https://… when you build for publishing",
              file=sys.stderr)
    if args.verbose:
        for path in result.paths:
            print(path)
    if not args.quiet:
        print(result.summary())
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from .build import build
    from .siteview import view_of

    result = build(args.source, _options(args))
    _warn(result.warnings)
    assert result.site is not None and result.bodies is not None  # a check always loads the site
    if args.strict:
        _warn_strict(result)
    view = view_of(result.site, result.bodies, args.source)
    print(f"ok: {result.summary()}")
    code = 0
    if args.reuse:
        from .copyreport import find_shared_copy

        print(find_shared_copy(view).report())
    if args.external:
        from .linkcheck import Limits, check_site_links

        print(f"checking external links (at most {args.deadline:g} s)…", file=sys.stderr)
        links = check_site_links(view, Limits(timeout=args.timeout, deadline=args.deadline,
                                              host_delay=args.host_delay))
        for line in links.lines():
            print(line)
        print(links.summary())
        if links.failures and args.strict:
            code = 1
        elif links.failures:
            print("(a report: pass --strict to fail the check on broken links)")
    return code


def cmd_archive(args: argparse.Namespace) -> int:
    from .archive import Endpoints, Wayback, archive_site
    from .siteview import read_site

    try:
        endpoints = Endpoints.of(args.api)
    except ValueError as exc:
        raise BuildError([SiteError("--api", None, str(exc).removeprefix("--api: "))]) from None
    view = read_site(args.source)
    tally = archive_site(view, Wayback(endpoints, timeout=args.timeout, interval=args.rate),
                         dry_run=args.dry_run, request_capture=args.request_capture)
    for problem in tally.problems:
        print(str(problem), file=sys.stderr)
    if tally.offline:
        print(f"error: {tally.offline} — check the network connection, then run sitegen archive again",
              file=sys.stderr)
    print(tally.summary(args.dry_run))
    return 1 if tally.problems or tally.offline else 0


def cmd_import(args: argparse.Namespace) -> int:
    from .data import load_data
    from .errors import Errors
    from .importing import Options, import_sources

    if args.url and not args.url.startswith(("http://", "https://")):
        raise BuildError([SiteError("--url", None, f"'{args.url}' is not an http(s) URL")])
    errors = Errors()
    data = load_data(args.source, errors)
    errors.raise_if_any()
    options = Options(outlet=args.outlet, date=args.date, title=args.title, url=args.url, wire=tuple(args.wire),
                      slug=args.slug, force=args.force, replace_all=args.replace_all, dry_run=args.dry_run)
    problems = import_sources(args.source, [str(f) for f in args.files], options, data)
    if problems:
        raise BuildError(problems)
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    from .scaffold import NewRefused, new_site, next_steps

    try:
        created = new_site(args.dir, bare=args.bare, force=args.force, theme=args.theme)
    except NewRefused as exc:
        print(exc.error, file=sys.stderr)
        return 2
    if args.force:
        for rel in created.added:
            print(f"added {rel}")
        for rel in created.kept:
            print(f"kept  {rel} (already there)")
        if not created.added:
            print("nothing to add: every starter file is already there")
    else:
        kind = "bare site" if args.bare else "briefing"
        print(f"created a new {kind} in {args.dir} ({sum(not r.endswith('/') for r in created.added)} files)")
    for line in next_steps(created, args.dir, bare=args.bare):
        print(line)
    return 0


def cmd_deploy(args: argparse.Namespace) -> int:
    from .deploy import deploy

    done = deploy(args.source, args.remote, args.branch, args.cname, args.message, args.base_url, args.force)
    _warn(done.warnings)
    if done.dirty:
        print("warning: the source tree has uncommitted changes; they are in this deploy", file=sys.stderr)
    print(f"deployed {done.files} files to {done.remote}/{done.branch} as {done.commit[:12]}")
    return 0
