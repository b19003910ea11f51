#!/usr/bin/env python3
"""Refresh 50 feeds served on 127.0.0.1 into a fresh store, and time it.

    scripts/bench_refresh.py [--feeds 50] [--items 40] [--latency-ms 100] [--runs 5]

A threaded HTTP server (in this process) serves FEEDS RSS feeds of ITEMS
Arabic items each, every answer delayed by LATENCY ms, as a real site's
would be. Each run refreshes all of them with `khabar refresh` into an empty
data directory (first refresh: everything new, stored), then again (nothing
new). Prints the median and worst wall times; the target is under 2 s.
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, "target", "release", "khabar")


def feed(n, items):
    out = [f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>موقع {n}</title>']
    for i in range(items):
        out.append(
            f"<item><title>خبر {i} من الموقع {n}</title><link>http://example.com/{n}/{i}</link>"
            f"<pubDate>Mon, 23 Nov 2026 10:{i % 60:02d}:00 GMT</pubDate><description>&lt;p&gt;"
            + "اتفق الرئيس الأميركي ورئيس الوزراء البريطاني على تعزيز التعاون في مجال الأمن الإلكتروني. " * 6
            + f"{n} {i}&lt;/p&gt;</description></item>"
        )
    out.append("</channel></rss>")
    return "".join(out).encode()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--feeds", type=int, default=50)
    ap.add_argument("--items", type=int, default=40)
    ap.add_argument("--latency-ms", type=int, default=100)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    if not os.path.exists(BIN):
        sys.exit("build first: cargo build --release")
    bodies = {f"/feed/{n}.xml": feed(n, args.items) for n in range(args.feeds)}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            time.sleep(args.latency_ms / 1000)
            body = bodies.get(self.path)
            if body is None:
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *a):
            pass

    # a listen backlog that takes every worker's connection at once (the
    # default of 5 drops SYNs, and each retry costs a second)
    ThreadingHTTPServer.request_queue_size = 128
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    urls = [base + p for p in bodies]
    size = sum(len(b) for b in bodies.values())
    print(f"{args.feeds} feeds, {args.items} items each ({size / 1e6:.1f} MB), {args.latency_ms} ms latency per answer")

    first, second = [], []
    for _ in range(args.runs):
        data = tempfile.mkdtemp(prefix="khabar-bench-refresh-")
        env = dict(os.environ, KHABAR_DATA=data, KHABAR_CONFIG="/dev/null")
        for times in (first, second):
            t = time.perf_counter()
            out = subprocess.run([BIN, "refresh", *urls], env=env, capture_output=True, text=True)
            times.append(time.perf_counter() - t)
            if out.returncode != 0:
                sys.exit(f"khabar refresh failed: {out.stderr}")
        last = out.stdout.strip().splitlines()[-1]
        shutil.rmtree(data)
    print(f"first refresh (all new, stored):  median {statistics.median(first):.3f} s, worst {max(first):.3f} s")
    print(f"second refresh (nothing new):     median {statistics.median(second):.3f} s, worst {max(second):.3f} s")
    print(f"khabar says: {last}")
    serial = args.feeds * args.latency_ms / 1000
    print(f"(the latency alone, one feed after the other, would take {serial:.1f} s)")
    ok = max(first + second) < 2.0
    print("target < 2 s:", "met" if ok else "MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
