"""`sitegen serve` stays the same size however long it runs: no renderer, session or build
outlives its rebuild, and the collector is frozen once, not after every rebuild."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

from tests.conftest import REPO

SCRIPT = textwrap.dedent("""
    import gc, io, json, os, sys
    from pathlib import Path
    from sitegen.render import Renderer
    from sitegen.reuse import Session
    from sitegen.serve import Server

    root = Path(sys.argv[1])
    articles = root / "content" / "articles"
    for n in range(150):
        (articles / f"extra-{n}.md").write_text(
            f"---\\ntitle: Extra {n}\\ndate: 2025-03-{n % 28 + 1:02d}\\noutlet: The Guardian\\n"
            f"actors: [Zelensky, Donald Trump]\\n---\\n" + "Talks went on. " * 80 + "\\n", encoding="utf-8")
    server = Server(root, port=0, out=io.StringIO())
    assert server.rebuild()
    target = articles / "extra-7.md"
    original = target.read_text(encoding="utf-8")

    def rss():
        with open("/proc/self/statm") as handle:
            return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")

    def toggle(i):
        text = original.replace("Talks went on.", f"Talks went on ({i}).", 1) if i % 2 else original
        target.write_text(text, encoding="utf-8")
        os.utime(target, ns=(10**18 + i, 10**18 + i))
        server.session.known.pop("content/articles/extra-7.md", None)
        server.session.hint = {"articles/extra-7.md"}
        assert server.rebuild(" after an edit")

    for i in range(10):
        toggle(i)
    frozen = gc.get_freeze_count() > 0
    gc.unfreeze()  # (frozen objects are not listed: count them all from here on)
    gc.collect()
    before, objects_before = rss(), len(gc.get_objects())
    for i in range(10, 60):
        toggle(i)
    gc.collect()
    renderers = sum(1 for o in gc.get_objects() if isinstance(o, Renderer))
    sessions = sum(1 for o in gc.get_objects() if isinstance(o, Session))
    print(json.dumps({"before": before, "after": rss(), "objects_before": objects_before,
                      "objects_after": len(gc.get_objects()), "renderers": renderers, "sessions": sessions,
                      "frozen": frozen, "frozen_again": gc.get_freeze_count() > 0}))
""")


def test_fifty_rebuilds_leave_memory_flat(site, tmp_path):
    root = site()
    run = subprocess.run([sys.executable, "-c", SCRIPT, str(root)], capture_output=True, text=True, cwd=REPO,
                         timeout=600)
    assert run.returncode == 0, run.stderr
    found = json.loads(run.stdout.strip().splitlines()[-1])
    assert found["renderers"] <= 1, "one theme and config: one renderer, kept per process"
    assert found["sessions"] == 1
    assert found["frozen"] and not found["frozen_again"], "the collector is frozen once, after the first build"
    assert found["objects_after"] - found["objects_before"] < 2000, found
    assert found["after"] - found["before"] < 8 * 1024 * 1024, found
