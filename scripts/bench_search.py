#!/usr/bin/env python3
"""khabar search against ripgrep, side by side, in one run.

On 10,000 generated articles (gen_corpus.py, about 40 MB), for each query:
`khabar search --count QUERY DIR` and `rg -c REGEX DIR`, where REGEX is the
Arabic-folding equivalent of the query (each letter a class such as
[اأإآٱ], harakat and tatweel optional between letters, digits in every
script, case-insensitive, and the alef of a word's ال a lam or nothing, as
ل + ال writes it). Checks that both count the same matching lines in
every file, and prints each median time (ROUNDS alternating runs) and the
ratio khabar / rg.

usage: scripts/bench_search.py [ROUNDS]   (build first: cargo build --release)
       scripts/bench_search.py --store N [ROUNDS]

With --store N: the N articles of target/bench/articlesN (gen_corpus.py) as
files for rg, and as the store bench_scale.py made of them
(target/bench/scaleN) for `khabar search --count QUERY` without PATH,
which searches the store through its index.
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
QUERIES = ["الامن", "اوكرانيا", "الولايات المتحده", "عقوبات جديده", "2022", "وزير الخارجيه", "nato", "التي"]

CLASSES = {
    "ا": "[اأإآٱ]", "ي": "[يىی]", "ه": "[هة]",
}
for d in range(10):
    CLASSES[str(d)] = "[%s%s%s]" % (d, chr(0x0660 + d), chr(0x06F0 + d))
OPTIONAL = "[\u064B-\u065F\u0670\u0640]*"


def regex(query):
    parts = []
    for k, c in enumerate(query):
        part = CLASSES.get(c, " " if c == " " else re.escape(c))
        # ل + ال: a word of the query that starts with ال (and a letter)
        # is also found with ل in the alef's place, or without the alef
        # when a lam follows (للجنة for اللجنة), like khabar's search
        word_start = k == 0 or not query[k - 1].isalnum()
        if (c == "ا" and word_start and query[k + 1:k + 2] == "ل"
                and query[k + 2:k + 3].isalpha()):
            part = "(?:%s)?" % part if query[k + 2] == "ل" else "(?:%s|ل)" % part
        parts.append(part)
    return "(?i)" + OPTIONAL.join(parts)


def counts(output, strip=""):
    result = {}
    for line in output.splitlines():
        path, _, n = line.rpartition(":")
        result[os.path.relpath(os.path.join(ROOT, path), CORPUS)] = int(n)
    return result


def run(cmd):
    t = time.perf_counter()
    out = subprocess.run(cmd, capture_output=True, text=True).stdout
    return time.perf_counter() - t, out


def main():
    global CORPUS
    args = sys.argv[1:]
    store = None
    if args and args[0] == "--store":
        n = int(args[1])
        args = args[2:]
        CORPUS = os.path.join(ROOT, "target", "bench", f"articles{n}")
        store = os.path.join(ROOT, "target", "bench", f"scale{n}")
        if not os.path.exists(os.path.join(store, "khabar.db")):
            sys.exit(f"no store in {store}: run scripts/bench_scale.py {n} first")
    rounds = int(args[0]) if args else 5
    if not os.path.isdir(CORPUS):
        subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "gen_corpus.py"), "articles", "10000", CORPUS], check=True)
    entries = list(os.scandir(CORPUS))
    size = sum(e.stat().st_size for e in entries) / 1e6
    what = "the store (index)" if store else "the files"
    print(f"{len(entries)} articles, {size:.0f} MB; khabar searching {what}; medians of {rounds} alternating runs")
    print(f"{'query':<20} {'lines':>7} {'khabar ms':>10} {'rg ms':>8} {'ratio':>6}")
    ratios = []
    if store:
        os.environ["KHABAR_DATA"] = store
    for q in QUERIES:
        k_cmd = [KHABAR, "search", "--count", q] + ([] if store else [CORPUS])
        r_cmd = ["rg", "-c", regex(q), CORPUS]
        run(k_cmd), run(r_cmd)
        ks, rs = [], []
        for _ in range(rounds):
            t, k_out = run(k_cmd)
            ks.append(t)
            t, r_out = run(r_cmd)
            rs.append(t)
        kc, rc = counts(k_out), counts(r_out)
        same = kc == rc
        k, r = statistics.median(ks), statistics.median(rs)
        ratios.append(k / r)
        print(f"{q:<20} {sum(kc.values()):>7} {k*1000:>10.0f} {r*1000:>8.0f} {k/r:>6.2f}" + ("" if same else "  COUNTS DIFFER"))
        if not same:
            diff = [p for p in set(kc) | set(rc) if kc.get(p) != rc.get(p)][:5]
            print("   e.g.", [(p, kc.get(p), rc.get(p)) for p in diff])
    print(f"median ratio khabar/rg: {statistics.median(ratios):.2f}, worst {max(ratios):.2f}")


main()
