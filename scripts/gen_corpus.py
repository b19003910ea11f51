#!/usr/bin/env python3
"""Generate Arabic news text from the seed stories, varied, for benchmarks.

  gen_corpus.py file SIZE_MB OUT        one file of paragraphs (one per line)
  gen_corpus.py articles N DIR          N article files (title + paragraphs)
  gen_corpus.py paragraph SIZE_MB OUT   one single paragraph of SIZE_MB
  gen_corpus.py whole N DIR             N whole news articles (2-15 KB each)

Deterministic (fixed seed). Paragraphs are rebuilt from the seeds' sentences
and words: shuffled, recombined, with numbers, dates and English names mixed in.

`whole` writes full-length articles as feeds with their full text bring
them: a length drawn from a log-normal mix (median about 5 KB, from 2 to
15 KB of text), a dateline, paragraphs of sentences from the seed stories and
the regression stories (tests/stories) and of sentences drawn word by word
from the frequencies of written Arabic (the `wordfreq` package: pip install
wordfreq; its 60,000 most common Arabic words, Zipf-weighted), quotations in
guillemets, numbers (years, amounts, percentages, dates, some in Arabic-Indic
digits), English names and terms, and now and then a paragraph in English.
The vocabulary is that of real text, so the text compresses about as real
news does (not like the seed stories' few hundred words repeated). Articles
are made in parallel, each from a generator seeded by its number: the same N
gives the same files.
"""
import math
import os
import random
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SEEDS = os.path.join(HERE, "..", "seeds")
STORIES = os.path.join(HERE, "..", "tests", "stories")

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


# ---- whole articles ----

CITIES = ["بيروت", "القاهرة", "الرياض", "دبي", "الدوحة", "عمان", "بغداد", "دمشق", "الرباط", "تونس",
          "الجزائر", "الخرطوم", "صنعاء", "الكويت", "مسقط", "المنامة", "طرابلس", "نواكشوط", "غزة", "القدس",
          "أنقرة", "طهران", "موسكو", "واشنطن", "لندن", "باريس", "برلين", "بروكسل", "جنيف", "نيويورك"]
AGENCIES = ["(رويترز)", "(أ ف ب)", "(د ب أ)", "(الأناضول)", "(وام)", "(واس)", "(قنا)", "(سانا)", "(كونا)", "(أ ب)"]
SPEAKERS = ["وزير الخارجية", "المتحدث باسم الحكومة", "رئيس الوزراء", "مصدر مطلع", "الأمين العام للأمم المتحدة",
            "وزير المالية", "محافظ البنك المركزي", "رئيس البرلمان", "مسؤول أمريكي", "الناطق العسكري",
            "وزيرة الصحة", "سفير الاتحاد الأوروبي", "المبعوث الأممي", "رئيس الجمهورية", "نائب وزير الدفاع"]
SAID = ["وقال", "وأضاف", "وأكد", "وأوضح", "وأشار", "وصرح", "وذكر", "ونقلت وكالة الأنباء عن", "وشدد", "وتابع"]
ENGLISH = ["NATO", "the United Nations", "Reuters", "IMF", "World Bank", "Joe Biden", "Antonio Guterres",
           "OPEC+", "G20", "COVID-19", "Brent", "Wall Street", "Nasdaq", "UNICEF", "WHO", "Emmanuel Macron",
           "Vladimir Putin", "Xi Jinping", "BBC", "CNN", "Amazon", "Google", "Tesla", "Microsoft", "Airbus",
           "Boeing", "Human Rights Watch", "Amnesty International", "Security Council", "S&P 500"]
ENGLISH_WORDS = ("the of and to in a is that for it as was with be by on not he this are or his from at which "
                 "but have an they were their has had been one who will more would said there about when "
                 "its also market prices government minister talks agreement security council sanctions "
                 "report economy growth inflation election parliament president officials ceasefire aid").split()
UNITS = ["مليون دولار", "مليار دولار", "مليون يورو", "ألف برميل يوميا", "بالمئة", "كيلومترا", "ألف شخص",
         "مليار ريال", "مليون جنيه", "طن"]
MONTHS = ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر",
          "نوفمبر", "ديسمبر"]
INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
END = [".", ".", ".", ".", "،", "؟", "!", ":"]


class Whole:
    """What every worker shares: the vocabulary and the sentences."""

    def __init__(self):
        try:
            import wordfreq
        except ImportError:
            sys.exit("gen_corpus.py whole needs the wordfreq package: pip install wordfreq")
        vocab = wordfreq.top_n_list("ar", 60000)
        vocab = [w for w in vocab if re.search(r"[\u0621-\u064a]", w)]
        self.vocab = vocab
        weights = [10 ** wordfreq.zipf_frequency(w, "ar") for w in vocab]
        self.cum = []
        total = 0.0
        for wt in weights:
            total += wt
            self.cum.append(total)
        texts = list(paragraphs)
        if os.path.isdir(STORIES):
            for name in sorted(os.listdir(STORIES)):
                if name.endswith(".txt"):
                    with open(os.path.join(STORIES, name), encoding="utf-8") as f:
                        texts += [l.strip() for l in f if l.strip()]
        self.sentences = [s.strip() for p in texts for s in re.split(r"(?<=[.!؟])\s+", p) if len(s.strip()) > 20]

    def number(self, r):
        k = r.random()
        if k < 0.25:
            s = str(r.randint(1990, 2026))
        elif k < 0.45:
            s = f"{r.randint(1, 999)} {r.choice(UNITS)}"
        elif k < 0.6:
            s = f"{r.randint(1, 99)}.{r.randint(1, 9)}%"
        elif k < 0.75:
            s = f"{r.randint(1, 28)} {r.choice(MONTHS)} {r.randint(2000, 2026)}"
        elif k < 0.85:
            s = f"{r.randint(1, 28)}/{r.randint(1, 12)}/{r.randint(2000, 2026)}"
        else:
            s = f"{r.randint(2, 9999):,}"
        return s.translate(INDIC) if r.random() < 0.15 else s

    def drawn(self, r, n):
        """A sentence of n words drawn by their frequency, with a number or
        an English name now and then."""
        out = r.choices(self.vocab, cum_weights=self.cum, k=n)
        for i in range(n):
            k = r.random()
            if k < 0.03:
                out[i] = self.number(r)
            elif k < 0.045:
                out[i] = r.choice(ENGLISH)
        return " ".join(out) + r.choice(END)

    def sentence(self, r):
        k = r.random()
        if k < 0.1:
            return r.choice(self.sentences)
        if k < 0.22:
            said = self.drawn(r, r.randint(6, 18)).rstrip(".،؟!:")
            return f"{r.choice(SAID)} {r.choice(SPEAKERS)} إن «{said}»."
        return self.drawn(r, r.randint(8, 30))

    def english(self, r):
        n = r.randint(15, 45)
        ws = [r.choice(ENGLISH_WORDS) for _ in range(n)]
        for i in range(n):
            if r.random() < 0.08:
                ws[i] = r.choice(ENGLISH)
        return "\"" + " ".join(ws).capitalize() + ".\""

    def article(self, i):
        r = random.Random(i * 7919 + 20260101)
        target = min(15000, max(2000, int(r.lognormvariate(math.log(5200), 0.55))))
        title = self.drawn(r, r.randint(6, 12)).rstrip(".،؟!:")
        body = []
        size = 0
        first = f"{r.choice(CITIES)} - {r.choice(AGENCIES)} - " + " ".join(self.sentence(r) for _ in range(r.randint(1, 3)))
        body.append(first)
        size += len(first.encode())
        while size < target - 300:
            if r.random() < 0.04:
                p = self.english(r)
            else:
                p = " ".join(self.sentence(r) for _ in range(r.randint(2, 6)))
            if p == body[-1]:
                continue
            body.append(p)
            size += len(p.encode()) + 2
        return title + "\n\n" + "\n\n".join(body) + "\n"


_whole = None


def _init():
    global _whole
    _whole = Whole()


def _write(job):
    lo, hi, out = job
    for i in range(lo, hi):
        with open(os.path.join(out, "%05d.txt" % i), "w", encoding="utf-8") as f:
            f.write(_whole.article(i))
    return hi - lo


def whole(n, out):
    import multiprocessing
    os.makedirs(out, exist_ok=True)
    step = 2000
    jobs = [(lo, min(n, lo + step), out) for lo in range(0, n, step)]
    done = 0
    with multiprocessing.Pool(min(2, os.cpu_count() or 1), initializer=_init) as pool:
        for k in pool.imap_unordered(_write, jobs):
            done += k
            if done % 100000 < step:
                print(f"  {done:,} of {n:,} articles", file=sys.stderr)


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
    elif mode == "whole":
        whole(int(sys.argv[2]), sys.argv[3])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
