#!/usr/bin/env python3
"""The extractor's speed beside trafilatura's, on the same pages, one core each.

    target/venv/bin/python scripts/bench_extract.py [--pages DIR] [--khabar PATH] [--rounds N]

Pages: every readability/*/source.html under --pages (default ../shared/extract).
khabar: one `khabar extract --json` process over all the pages (its start and
its JSON output counted); trafilatura 2.3.1: trafilatura.extract(bytes) on each
page in this process (its import not counted). The best of --rounds runs each.
Prints pages/s and MB/s for each, and their ratio.
"""
import argparse
import glob
import os
import subprocess
import sys
import time


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", default="../shared/extract")
    ap.add_argument("--khabar", default="target/release/khabar")
    ap.add_argument("--rounds", type=int, default=3)
    a = ap.parse_args()
    files = sorted(glob.glob(os.path.join(a.pages, "readability", "*", "source.html")))
    if not files:
        sys.exit(f"no pages under {a.pages}/readability")
    data = [open(f, "rb").read() for f in files]
    mb = sum(len(d) for d in data) / 1e6

    def khabar():
        start = time.perf_counter()
        r = subprocess.run([a.khabar, "extract", "--json", *files], capture_output=True,
                           env=dict(os.environ, KHABAR_CONFIG="/nonexistent/config.toml"))
        took = time.perf_counter() - start
        if r.returncode != 0:
            sys.exit(f"khabar extract failed: {r.stderr[:300]!r}")
        return took

    import trafilatura

    def traf():
        start = time.perf_counter()
        for d in data:
            trafilatura.extract(d, include_comments=False)
        return time.perf_counter() - start

    print(f"{len(files)} pages, {mb:.1f} MB; best of {a.rounds} runs, one core each")
    results = {}
    for name, fn in (("khabar", khabar), ("trafilatura", traf)):
        best = min(fn() for _ in range(a.rounds))
        results[name] = best
        print(f"{name:<12} {best:7.2f} s {len(files) / best:8.1f} pages/s {mb / best:7.2f} MB/s")
    print(f"khabar is {results['trafilatura'] / results['khabar']:.2f}x trafilatura's speed")


if __name__ == "__main__":
    main()
