#!/usr/bin/env python3
"""A year of news: N articles into a fresh store, then the browser over it.

  scripts/bench_scale.py N [--reuse]      (build first: cargo build --release)

1. Generates N article files with gen_corpus.py into target/bench/articlesN
   (kept for the next run) and ingests them with `khabar add` into a fresh
   store (target/bench/scaleN; --reuse keeps the store of an earlier run):
   articles per second, facts and index included; the store's size on disk
   against the text's.
2. Starts `khabar` (the whole store) in tmux at 160x50 with KHABAR_TRACE
   set, and drives it as a reader would, a key at a time: j and k, PgDn,
   G and g, Enter (an article opened), a corpus search typed letter by
   letter (اوكرانيا), an actor filter (a on the first actor of the facts
   panel). The trace gives, in the process itself, the first frame from the
   start and each key to the frame that shows it; the search, its first
   page of results and its ranked whole; the filter, its list.
3. Samples the process: CPU time until it stops using the CPU after start
   (busy), and the peak memory (VmHWM) at the end.
"""
import os
import re
import shutil
import statistics
import subprocess
import sys
import time

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
KHABAR = os.path.join(ROOT, "target", "release", "khabar")
SOCKET = "khabar-scale"


def tmux(*args):
    return subprocess.run(["tmux", "-L", SOCKET, *args], capture_output=True, text=True).stdout


def screen():
    return tmux("capture-pane", "-p", "-t", "s")


def wait_for(pred, what, timeout=60):
    t0 = time.time()
    while time.time() - t0 < timeout:
        s = screen()
        if pred(s):
            return s
        time.sleep(0.01)
    sys.exit(f"timed out waiting for {what}:\n{screen()}")


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def peak_mb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0


def rss_mb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0


def khabar_pid():
    out = subprocess.run(["pgrep", "-f", f"^{KHABAR}$"], capture_output=True, text=True).stdout.split()
    return int(out[0]) if out else None


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    n = int(sys.argv[1])
    reuse = "--reuse" in sys.argv
    corpus = os.path.join(ROOT, "target", "bench", f"articles{n}")
    data = os.path.join(ROOT, "target", "bench", f"scale{n}")
    if not os.path.isdir(corpus):
        subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "gen_corpus.py"), "articles", str(n), corpus], check=True)
    text_mb = sum(e.stat().st_size for e in os.scandir(corpus)) / 1e6
    env = dict(os.environ, KHABAR_DATA=data, KHABAR_CONFIG="/dev/null")
    print(f"{n:,} articles, {text_mb:,.0f} MB of text (gen_corpus.py)")

    if not (reuse and os.path.exists(os.path.join(data, "khabar.db"))):
        shutil.rmtree(data, ignore_errors=True)
        t0 = time.time()
        r = subprocess.run([KHABAR, "add", corpus], env=env, capture_output=True, text=True)
        secs = time.time() - t0
        print(f"  khabar add: {r.stderr.strip().splitlines()[-1]} in {secs:,.1f} s = {n / secs:,.0f} articles/s")
    db = sum(os.path.getsize(os.path.join(data, f)) for f in os.listdir(data) if f.startswith("khabar.db"))
    print(f"  store on disk: {db / 1e6:,.0f} MB ({db / 1e6 / text_mb:.2f}x the text)")

    trace = os.path.join(data, "trace.txt")
    if os.path.exists(trace):
        os.remove(trace)
    tmux("kill-server")
    env["KHABAR_TRACE"] = trace
    subprocess.run(["tmux", "-L", SOCKET, "-f", "/dev/null", "new-session", "-d", "-x", "160", "-y", "50", "-s", "s",
                    KHABAR], env=env, check=True)
    t0 = time.time()
    wait_for(lambda s: f"Articles ({n:,})".replace(",", "") in s or f"Articles ({n})" in s, "the list")
    seen = time.time() - t0
    pid = khabar_pid()
    # busy: CPU time used until it stops using the CPU
    samples = []
    while time.time() - t0 < 8:
        samples.append((time.time() - t0, cpu_seconds(pid)))
        time.sleep(0.1)
    busy = 0.0
    for (t1, c1), (t2, c2) in zip(samples, samples[1:]):
        if c2 - c1 > 0.02:
            busy = t2
    cpu = samples[-1][1]

    rss = {"after start": rss_mb(pid)}

    def key(k, literal=False, pause=0.15):
        tmux("send-keys", "-t", "s", *(["-l"] if literal else []), k)
        time.sleep(pause)

    for _ in range(20):
        key("j")
    for _ in range(5):
        key("k")
    for _ in range(5):
        key("PgDn")
    key("G", pause=0.5)
    key("g", pause=0.5)
    key("G", pause=0.5)
    key("PgUp")
    key("Enter", pause=0.5)
    key("Tab")
    key("Tab")
    # corpus search, typed a letter at a time
    key("s")
    for ch in "اوكرانيا":
        key(ch, literal=True, pause=0.6)
    wait_for(lambda s: "matches" in s.splitlines()[-1] or "no article" in s.splitlines()[-1], "the search's end", 120)
    rss["after the search"] = rss_mb(pid)
    key("Enter", pause=0.3)
    key("Escape", pause=0.5)
    # the actor filter: the facts panel's first actor
    key("Tab")
    key("Tab")
    key("a", pause=2)
    wait_for(lambda s: "stories mention" in s.splitlines()[-1], "the actor filter", 60)
    key("Escape", pause=0.5)
    rss["after the filter"] = rss_mb(pid)
    peak = peak_mb(pid)
    key("q", pause=0.5)
    tmux("kill-server")

    lines = [l.split() for l in open(trace, encoding="utf-8")]
    first = [float(l[1]) for l in lines if l[0] == "first-frame"]
    keys = {}
    for l in lines:
        if l[0] == "key":
            keys.setdefault(l[1], []).append(float(l[2]))
    shows = {}
    for l in lines:
        if l[0] in ("search-first-page", "search-all-ranked", "actor-filter"):
            shows.setdefault(l[0], []).append(float(l[1]))

    def fmt(v):
        return f"median {statistics.median(v):6.2f} ms, max {max(v):7.2f} ms ({len(v)})"

    print(f"  first frame (trace): {first[0]:.1f} ms; seen in tmux after {seen * 1000:.0f} ms (tmux start included)")
    print(f"  busy after start: {busy:.1f} s ({cpu:.2f} s of CPU in the first 8 s)")
    for name, label in [("j", "j"), ("k", "k"), ("PageDown", "PgDn"), ("PageUp", "PgUp"), ("G", "G"), ("g", "g"), ("Enter", "Enter (open)")]:
        if name in keys:
            print(f"  key {label:<13} {fmt(keys[name])}")
    arabic = [v for k, vs in keys.items() if re.match(r"[\u0600-\u06ff]", k) for v in vs]
    if arabic:
        print(f"  key typed in the prompt {fmt(arabic)}")
    for what in ("search-first-page", "search-all-ranked", "actor-filter"):
        if what in shows:
            print(f"  {what:<22} {fmt(shows[what])}")
    print(f"  peak memory (VmHWM): {peak:,.0f} MB; resident " + ", ".join(f"{k} {v:,.0f} MB" for k, v in rss.items()))


main()
