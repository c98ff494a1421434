"""The command line: the only place that prints diagnostics and picks exit codes.

Exit status: 0 success, 1 content or config errors, 2 usage errors (argparse).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Sequence

from . import __version__
from .errors import BuildError, SiteError


def _add_source(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--source", "-s", type=Path, default=Path("."), metavar="DIR",
                        help="the site's folder, holding sitegen.yaml (default: the current folder)")


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
    loud = build.add_mutually_exclusive_group()
    loud.add_argument("-q", "--quiet", action="store_true", help="print nothing on success")
    loud.add_argument("-v", "--verbose", action="store_true", help="list every file written")

    check = commands.add_parser("check", help="validate everything build validates; write nothing",
                                description="Validate front matter, links, excerpts and templates without writing.")
    _add_source(check)
    check.add_argument("--drafts", action="store_true", help="include pages marked draft: true")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = make_parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "build":
            return cmd_build(args)
        if args.command == "check":
            return cmd_check(args)
    except BuildError as exc:
        report(exc.errors)
        return 1
    except KeyboardInterrupt:
        return 130
    parser.error(f"unknown command {args.command}")
    return 2


def report(errors: Sequence[SiteError], stream=None) -> None:  # type: ignore[no-untyped-def]
    stream = stream or sys.stderr
    for error in errors:
        print(str(error), file=stream)
    count = len(errors)
    print(f"{count} error{'s' if count != 1 else ''}; nothing was written", file=stream)


def _warn(warnings: Sequence[SiteError]) -> None:
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)


def cmd_build(args: argparse.Namespace) -> int:
    from .build import build

    result = build(args.source, args.output, base_url=args.base_url, drafts=args.drafts)
    _warn(result.warnings)
    if args.verbose:
        for path in sorted(result.files):
            print(path)
    if not args.quiet:
        print(result.summary())
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from .build import build

    result = build(args.source, drafts=args.drafts, write=False)
    _warn(result.warnings)
    print(f"ok: {result.summary()}")
    return 0
