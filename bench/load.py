"""Load on the dev server from a second process, while rebuilds run.

Starts `sitegen serve` for a site in a subprocess on a free loopback port, then drives it
with concurrent keep-alive clients for a fixed time while a content file is saved every
second (each save is a rebuild). Prints requests per second, latency p50/p99 and errors.
Only 127.0.0.1 is ever contacted; every loop is bounded in time.

    python bench/load.py --source . --seconds 15 --clients 16
"""

from __future__ import annotations

import argparse
import http.client
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=Path("."))
    parser.add_argument("--seconds", type=float, default=15.0)
    parser.add_argument("--clients", type=int, default=16)
    args = parser.parse_args()
    root = args.source.resolve()
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "sitegen", "serve", "--source", str(root), "--port", str(port)],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        for line in server.stdout:  # type: ignore[union-attr]
            if "serving" in line:
                break
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        conn.request("GET", "/sitemap.xml")
        sitemap = conn.getresponse().read().decode()
        paths = [re.sub(r"^https?://[^/]+", "", u) for u in re.findall(r"<loc>([^<]+)</loc>", sitemap)][:200] or ["/"]
        latencies: list[float] = []
        errors: list[str] = []
        deadline = time.monotonic() + args.seconds
        lock = threading.Lock()

        def client(offset: int) -> None:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            i = offset
            while time.monotonic() < deadline:
                path = paths[i % len(paths)]
                i += 1
                started = time.perf_counter()
                try:
                    conn.request("GET", path)
                    response = conn.getresponse()
                    response.read()
                    ok = response.status == 200
                except (OSError, http.client.HTTPException) as exc:
                    ok = False
                    conn.close()
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
                    with lock:
                        errors.append(type(exc).__name__)
                    continue
                with lock:
                    latencies.append(time.perf_counter() - started)
                    if not ok:
                        errors.append(str(response.status))

        saves = 0
        target = next((root / "content").rglob("*.md"))
        original = target.read_bytes()

        def saver() -> None:
            nonlocal saves
            while time.monotonic() < deadline - 1:
                time.sleep(1.0)
                target.write_bytes(original + f"\n<!-- load {saves} -->\n".encode())
                saves += 1

        threads = [threading.Thread(target=client, args=(n,)) for n in range(args.clients)]
        threads.append(threading.Thread(target=saver))
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        target.write_bytes(original)
    finally:
        server.terminate()
        server.wait(10)
    lat = sorted(latencies)
    p = lambda q: lat[min(len(lat) - 1, int(q * len(lat)))] * 1000  # noqa: E731
    print(f"{len(lat)} requests in {args.seconds:.0f} s from {args.clients} clients over {len(paths)} URLs, "
          f"{saves} saves (rebuilds) meanwhile")
    print(f"  {len(lat) / args.seconds:.0f} requests/s · latency p50 {p(0.5):.1f} ms · p99 {p(0.99):.1f} ms · "
          f"max {lat[-1] * 1000:.0f} ms · errors {len(errors)}")
    if errors:
        print("  errors:", statistics.mode(errors), f"({len(errors)})")


if __name__ == "__main__":
    main()
