#!/usr/bin/env python3
"""Mine word lists from ANERcorp's TRAINING split (never the test split).

usage: scripts/mine_anercorp.py TRAIN.txt OUTDIR [--until N]

Writes, all normalised like khabar's folding (alef/hamza, ya, ta marbuta,
harakat, tatweel):
  entities.tsv      entity string, type (PERS/LOC/ORG), times tagged, times seen
                    (kept when tagged as that entity in at least half its uses)
  triggers.tsv      word, type, times followed by an entity of the type, times seen
  first_names.tsv   first tokens of multi-token person names, count
  common.tsv        words almost never part of an entity (>= 97% O, seen >= 3 times)

--until N uses only the first N tokens (to tune on the rest of the training
split without having mined it); --exclude A:B leaves tokens A to B-1 out (to
give the name tagger's training, one part at a time, lists that never saw
that part).
"""
import collections
import os
import re
import sys

HARAKAT = re.compile("[\u064B-\u065F\u0670\u0640]")


def norm(s):
    s = HARAKAT.sub("", s)
    s = re.sub("[أإآٱ]", "ا", s).replace("ى", "ي").replace("ی", "ي").replace("ة", "ه")
    return s.lower()


def main():
    args = sys.argv[1:]
    until = None
    exclude = (0, 0)
    if "--exclude" in args:
        i = args.index("--exclude")
        a, b = args[i + 1].split(":")
        exclude = (int(a), int(b))
        del args[i:i + 2]
    if "--until" in args:
        i = args.index("--until")
        until = int(args[i + 1])
        del args[i:i + 2]
    src, out = args
    toks, tags = [], []
    k = -1
    for line in open(src, encoding="utf-8"):
        parts = line.split()
        if len(parts) < 2:
            continue
        k += 1
        if until and k >= until:
            break
        if exclude[0] <= k < exclude[1]:
            continue
        toks.append(norm(parts[0]))
        tags.append(parts[-1])
    n = len(toks)
    # entity spans
    spans = []
    i = 0
    while i < n:
        t = tags[i]
        if t.startswith("B-") or t.startswith("I-"):
            typ = t[2:]
            j = i + 1
            while j < n and tags[j] == "I-" + typ:
                j += 1
            if typ in ("PERS", "LOC", "ORG"):
                spans.append((i, j, typ))
            i = j
        else:
            i += 1
    tagged = collections.Counter()
    for i, j, typ in spans:
        if j - i <= 6:
            tagged[(tuple(toks[i:j]), typ)] += 1
    strings = {k[0] for k in tagged}
    seen = collections.Counter()
    for length in range(1, 7):
        for i in range(n - length + 1):
            g = tuple(toks[i:i + length])
            if g in strings:
                seen[g] += 1
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "entities.tsv"), "w", encoding="utf-8") as f:
        f.write("# mined from ANERcorp's training split by scripts/mine_anercorp.py\n")
        for (g, typ), c in sorted(tagged.items(), key=lambda kv: (-kv[1], kv[0])):
            if c * 2 >= seen[g]:
                f.write(f"{' '.join(g)}\t{typ}\t{c}\t{seen[g]}\n")
    # triggers: the word before an entity
    before = collections.Counter()
    total = collections.Counter(toks)
    for i, j, typ in spans:
        if i > 0:
            before[(toks[i - 1], typ)] += 1
    with open(os.path.join(out, "triggers.tsv"), "w", encoding="utf-8") as f:
        f.write("# mined from ANERcorp's training split by scripts/mine_anercorp.py\n")
        for (w, typ), c in sorted(before.items(), key=lambda kv: (-kv[1], kv[0])):
            if c >= 3 and c * 5 >= total[w]:
                f.write(f"{w}\t{typ}\t{c}\t{total[w]}\n")
    first = collections.Counter()
    for i, j, typ in spans:
        if typ == "PERS" and j - i >= 2:
            first[toks[i]] += 1
    with open(os.path.join(out, "first_names.tsv"), "w", encoding="utf-8") as f:
        f.write("# mined from ANERcorp's training split by scripts/mine_anercorp.py\n")
        for w, c in sorted(first.items(), key=lambda kv: (-kv[1], kv[0])):
            f.write(f"{w}\t{c}\n")
    o_count = collections.Counter(t for t, g in zip(toks, tags) if g == "O")
    with open(os.path.join(out, "common.tsv"), "w", encoding="utf-8") as f:
        f.write("# mined from ANERcorp's training split by scripts/mine_anercorp.py\n")
        for w, c in sorted(total.items(), key=lambda kv: (-kv[1], kv[0])):
            if c >= 3 and o_count[w] >= 0.97 * c:
                f.write(f"{w}\t{c}\n")


main()
