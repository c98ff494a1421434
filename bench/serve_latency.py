"""Edit-to-browser latency of `sitegen serve`: save one article, time until the reload event.

Generates the synthetic corpus (bench/corpus.py), starts the dev server, listens on the
live-reload event stream as a browser tab does, then edits one article several times and
prints the time from each save to the "built" event that makes the tab reload.

    python bench/serve_latency.py --articles 4000 --edits 5
"""

from __future__ import annotations

import argparse
import io
import json
import socket
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import SHAPES, articles, write_sitegen  # noqa: E402

from sitegen.serve import Server  # noqa: E402


def events(port: int):
    sock = socket.create_connection(("127.0.0.1", port))
    sock.sendall(f"GET /__sitegen/events HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode())
    buffer = b""
    while True:
        chunk = sock.recv(65536)
        if not chunk:
            return
        buffer += chunk
        while b"\n\n" in buffer:
            block, buffer = buffer.split(b"\n\n", 1)
            for line in block.split(b"\n"):
                if line.startswith(b"data: "):
                    yield json.loads(line[6:])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", "-n", type=int, default=4000)
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument("--shape", choices=SHAPES, default="news", help="the corpus (bench/corpus.py)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "site"
        write_sitegen(root, articles(args.articles, shape=args.shape))
        started = time.perf_counter()
        server = Server(root, port=0, out=io.StringIO())
        server.start()
        print(f"{args.articles} articles: first build and serve in {time.perf_counter() - started:.2f} s")
        stream = events(server.port)
        next(stream)  # the current state
        target = root / "content" / "articles" / "article-00042.md"
        latencies = []
        for edit in range(args.edits):
            text = target.read_text()
            saved = time.perf_counter()
            target.write_text(text.rstrip("\n") + f" Edit {edit}.\n")
            for message in stream:
                if message["type"] == "built":
                    latencies.append(time.perf_counter() - saved)
                    break
                if message["type"] == "error":
                    raise SystemExit(f"rebuild failed: {message['errors'][:3]}")
        server.stop()
        print("server log:", *server.out.getvalue().splitlines()[-3:], sep="\n  ")
    ms = [f"{x * 1000:.0f}" for x in latencies]
    p95 = statistics.quantiles(latencies, n=20, method="inclusive")[18] if len(latencies) > 1 else latencies[0]
    print(f"save → reload event: median {statistics.median(latencies) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms "
          f"(min {min(latencies) * 1000:.0f}, max {max(latencies) * 1000:.0f}; runs: {', '.join(ms)} ms)")


if __name__ == "__main__":
    main()
