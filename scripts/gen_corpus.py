#!/usr/bin/env python3
"""Generate Arabic news text from the seed stories, varied, for benchmarks.

  gen_corpus.py file SIZE_MB OUT        one file of paragraphs (one per line)
  gen_corpus.py articles N DIR          N article files (title + paragraphs)
  gen_corpus.py paragraph SIZE_MB OUT   one single paragraph of SIZE_MB

Deterministic (fixed seed). Paragraphs are rebuilt from the seeds' sentences
and words: shuffled, recombined, with numbers, dates and English names mixed in.
"""
import os
import random
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SEEDS = os.path.join(HERE, "..", "seeds")

rng = random.Random(20260101)
paragraphs = []
for name in sorted(os.listdir(SEEDS)):
    with open(os.path.join(SEEDS, name), encoding="utf-8") as f:
        paragraphs += [l.strip() for l in f if l.strip()]
sentences = [s.strip() for p in paragraphs for s in re.split(r"(?<=[.!؟])\s+", p) if len(s.strip()) > 20]
words = [w for p in paragraphs for w in p.split()]
extras = ["2022", "13/01/2022", "50%", "3.5", "NATO", "Barack Obama", "(رويترز)", "«الحوار»", "١٢٣", "https://example.com/a", "iPhone 15"]


def paragraph():
    kind = rng.random()
    if kind < 0.5:
        n = rng.randint(1, 3)
        return " ".join(rng.choice(sentences) for _ in range(n))
    n = rng.randint(15, 70)
    out = []
    for _ in range(n):
        out.append(rng.choice(extras) if rng.random() < 0.05 else rng.choice(words))
    return " ".join(out) + rng.choice([".", ".", "،", "؟", ""])


def main():
    mode = sys.argv[1]
    if mode == "file":
        size = float(sys.argv[2]) * 1e6
        with open(sys.argv[3], "w", encoding="utf-8") as f:
            total = 0
            while total < size:
                p = paragraph() + "\n"
                total += len(p.encode())
                f.write(p)
    elif mode == "paragraph":
        size = float(sys.argv[2]) * 1e6
        with open(sys.argv[3], "w", encoding="utf-8") as f:
            total = 0
            while total < size:
                p = paragraph() + " "
                total += len(p.encode())
                f.write(p)
            f.write("\n")
    elif mode == "articles":
        n, out = int(sys.argv[2]), sys.argv[3]
        os.makedirs(out, exist_ok=True)
        for i in range(n):
            title = " ".join(rng.choice(words) for _ in range(rng.randint(4, 9)))
            body = []
            for _ in range(rng.randint(5, 10)):
                p = paragraph()
                # a paragraph repeated at once is one paragraph to khabar
                # (scrapers repeat captions): never generate one
                while body and p == body[-1]:
                    p = paragraph()
                body.append(p)
            with open(os.path.join(out, "%05d.txt" % i), "w", encoding="utf-8") as f:
                f.write(title + "\n\n" + "\n\n".join(body) + "\n\nالمصدر : وكالات\n")
    else:
        sys.exit(__doc__)


main()
