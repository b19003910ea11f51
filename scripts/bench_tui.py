#!/usr/bin/env python3
"""Time the browser opening 10,000 articles, in a real terminal (tmux).

Generates 10,000 article files from the seeds (gen_corpus.py, about 40 MB)
if missing, starts `khabar DIR` in a tmux pane and polls the screen: the
time to the first frame showing titles, and the time until every article is
loaded (the status bar's `loading i/N` gone). Medians of ROUNDS runs.

usage: scripts/bench_tui.py [ROUNDS]   (build first: cargo build --release)
"""
import os
import re
import statistics
import subprocess
import sys
import time

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
KHABAR = os.path.join(ROOT, "target", "release", "khabar")
CORPUS = os.path.join(ROOT, "target", "bench", "articles10k")


def tmux(*args):
    return subprocess.run(["tmux", "-L", "khabar-bench", *args], capture_output=True, text=True).stdout


def one_run():
    tmux("kill-server")
    env = dict(os.environ, KHABAR_CONFIG="/dev/null")
    t0 = time.perf_counter()
    subprocess.run(["tmux", "-L", "khabar-bench", "-f", "/dev/null", "new-session", "-d", "-x", "160", "-y", "50",
                    "-s", "b", f"{KHABAR} {CORPUS}"], env=env, check=True)
    first = loaded = None
    while time.perf_counter() - t0 < 30:
        screen = tmux("capture-pane", "-p", "-t", "b")
        now = time.perf_counter() - t0
        m = re.search(r"Articles \((\d+)\)", screen)
        if first is None and m and int(m.group(1)) > 0:
            first = now
        if first is not None and "loading" not in screen and m and int(m.group(1)) == 10000:
            loaded = now
            break
        time.sleep(0.002)
    tmux("kill-server")
    return first, loaded


def main():
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    if not os.path.isdir(CORPUS):
        subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "gen_corpus.py"), "articles", "10000", CORPUS], check=True)
    size = sum(os.path.getsize(os.path.join(CORPUS, f)) for f in os.listdir(CORPUS)) / 1e6
    runs = [one_run() for _ in range(rounds)]
    firsts = [f for f, _ in runs if f is not None]
    loads = [l for _, l in runs if l is not None]
    print(f"10,000 articles ({size:.0f} MB), {rounds} runs, tmux 160x50 (includes tmux start and screen polling):")
    print(f"  first frame with titles   median {statistics.median(firsts)*1000:6.0f} ms")
    print(f"  all 10,000 loaded         median {statistics.median(loads)*1000:6.0f} ms")


main()
