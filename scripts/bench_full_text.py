#!/usr/bin/env python3
"""`khabar refresh` of a feed whose items are summaries, with their whole
text fetched from 127.0.0.1: seconds and peak memory (GNU time -v).

    python3 scripts/bench_full_text.py [--items 50] [--khabar PATH] [--pages DIR] [--delay MS]

A local HTTP server (this process, 127.0.0.1, a free port) serves /feed.xml:
--items items, each a one-sentence summary linking to /p/N/NAME, a distinct
address for each item, whose body is one of the pages (Readability's test
pages under --pages, default ../shared/extract, and khabar's tests/pages),
taken in turn; --delay ms before each page's answer (default 0). A fresh
store (KHABAR_DATA in a temporary directory) is refreshed once.
"""
import argparse
import glob
import http.server
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--items", type=int, default=50)
    ap.add_argument("--khabar", default="target/release/khabar")
    ap.add_argument("--pages", default="../shared/extract")
    ap.add_argument("--delay", type=int, default=0)
    a = ap.parse_args()
    files = sorted(glob.glob(os.path.join(a.pages, "readability", "*", "source.html")))
    files += sorted(glob.glob("tests/pages/*.html"))
    if not files:
        sys.exit("no pages")
    bodies = [open(f, "rb").read() for f in files]
    served = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):
            if self.path == "/feed.xml":
                base = f"http://127.0.0.1:{self.server.server_port}"
                items = "".join(
                    f"<item><title>item {i}</title><link>{base}/p/{i}/page.html</link>"
                    f"<description>summary of item {i}.</description></item>"
                    for i in range(a.items))
                body = (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
                        f"<title>bench</title>{items}</channel></rss>").encode()
                ctype = "application/rss+xml"
            else:
                m = re.match(r"/p/(\d+)/", self.path)
                if not m:
                    self.send_error(404)
                    return
                if a.delay:
                    time.sleep(a.delay / 1000)
                body = bodies[int(m.group(1)) % len(bodies)]
                served.append(len(body))
                ctype = "text/html"
            self.send_response(200)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    feed = f"http://127.0.0.1:{server.server_port}/feed.xml"
    d = tempfile.mkdtemp(prefix="khabar-bench-full-text-")
    try:
        env = dict(os.environ, KHABAR_DATA=os.path.join(d, "data"),
                   KHABAR_CONFIG=os.path.join(d, "config.toml"), NO_COLOR="1")
        start = time.perf_counter()
        r = subprocess.run(["/usr/bin/time", "-v", a.khabar, "refresh", feed], env=env,
                           capture_output=True, text=True)
        took = time.perf_counter() - start
        if r.returncode != 0:
            sys.exit(f"refresh failed: {r.stdout}{r.stderr[-2000:]}")
        rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", r.stderr).group(1))
        print(r.stdout.strip().splitlines()[0])
        print(f"{a.items} items, {len(served)} pages served ({sum(served) / 1e6:.1f} MB), delay {a.delay} ms")
        print(f"refresh: {took:.2f} s, peak memory {rss / 1024:.0f} MB")
    finally:
        server.shutdown()
        shutil.rmtree(d, ignore_errors=True)


if __name__ == "__main__":
    main()
