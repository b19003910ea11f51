#!/usr/bin/env python3
"""Side-by-side speed of `khabar render` and GNU FriBidi, in one run.

Runs `khabar render --plain --width 100 FILE` and `fribidi --width 100 FILE`
alternately (ROUNDS times each) on a 4 MB file of Arabic news paragraphs
(generated from the seeds by gen_corpus.py if missing), and prints each
median and the ratio khabar / fribidi. Also times one 10 MB paragraph at two
sizes to show that rendering is linear in the paragraph's length.

usage: scripts/bench_render.py [ROUNDS]   (build first: cargo build --release)
"""
import os
import statistics
import subprocess
import sys
import time

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
BENCH = os.path.join(ROOT, "target", "bench")
KHABAR = os.path.join(ROOT, "target", "release", "khabar")


def ensure(name, *args):
    path = os.path.join(BENCH, name)
    if not os.path.exists(path):
        os.makedirs(BENCH, exist_ok=True)
        subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "gen_corpus.py"), *args, path], check=True)
    return path


def timed(cmd):
    t = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True)
    return time.perf_counter() - t


def main():
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 11
    news = ensure("news4mb.txt", "file", "4")
    k_cmd = [KHABAR, "render", "--plain", "--width", "100", news]
    f_cmd = ["fribidi", "--width", "100", news]
    timed(k_cmd), timed(f_cmd)  # warm the page cache
    ks, fs = [], []
    for _ in range(rounds):
        ks.append(timed(k_cmd))
        fs.append(timed(f_cmd))
    k, f = statistics.median(ks), statistics.median(fs)
    size = os.path.getsize(news) / 1e6
    print(f"4 MB of news paragraphs ({size:.1f} MB), width 100, {rounds} alternating runs each:")
    print(f"  khabar render --plain  median {k*1000:7.1f} ms")
    print(f"  fribidi --width 100    median {f*1000:7.1f} ms")
    print(f"  ratio khabar/fribidi   {k/f:.2f}")

    for mb in ("5", "10"):
        p = ensure(f"para{mb}mb.txt", "paragraph", mb)
        t = statistics.median(timed([KHABAR, "render", "--plain", "--width", "100", p]) for _ in range(3))
        print(f"  one {mb} MB paragraph: {t*1000:.0f} ms ({float(mb)/t:.0f} MB/s)")


main()
