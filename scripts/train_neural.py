#!/usr/bin/env python3
"""A neural name tagger for comparison with khabar's perceptron (issue 28):
a character CNN and word embeddings, a word BiLSTM, and a CRF layer
(Lample et al. 2016; Ma and Hovy 2016), trained on the CPU with PyTorch.

Words are folded as khabar folds them (harakat and tatweel dropped; أ إ آ ٱ
as ا; ى as ي; ة as ه). Beside the word, each token carries the word without
a proclitic (و ف ب ل ك and ال) and the flags of khabar's generated and
curated lists in assets/lexicon (first names, places from geonames and CLDR,
organizations' and titles' words): no list mined from the labelled data.
Tags are PERS, LOC and ORG in BIO; ANERcorp's MISC is O, as AQMAR's.

Deterministic for a given machine: fixed seeds, one thread, no dropout
randomness outside torch's seeded generator. The model chosen is the epoch
with the best mean development F1 (exact span and type, as
../shared/eval/score_conll.py counts).

usage (development; the split of round 1, see docs of examples/train_tagger.rs):
  python3 scripts/train_neural.py --train ../shared/eval/anercorp/train.txt@0:100000 \
      --train ../shared/eval/aqmar/train.txt \
      --dev ../shared/eval/anercorp/train.txt@100000: --dev ../shared/eval/aqmar/dev.txt \
      --out target/nn/dev [--epochs 30] [--seed 1] [--threads 1]
Writes OUT/log.tsv (per epoch: loss and each dev file's P/R/F1), OUT/best.pt,
and OUT/dev-N.txt (the best epoch's tagging of each dev file).
"""
import argparse
import os
import random
import re
import sys
import time

HARAKAT = re.compile("[\u064B-\u065F\u0670\u0640]")
LABELS = ["O", "B-PERS", "I-PERS", "B-LOC", "I-LOC", "B-ORG", "I-ORG"]
TYPES = ("PERS", "LOC", "ORG")
ENDS = {".", "!", "?", "؟", "؛", ";"}


def fold(s):
    s = HARAKAT.sub("", s)
    s = re.sub("[أإآٱ]", "ا", s).replace("ى", "ي").replace("ة", "ه")
    return s


def bare(w):
    """The word without one conjunction, one preposition and the article."""
    if len(w) >= 4 and w[0] in "وف":
        w = w[1:]
    if len(w) >= 4 and w.startswith("لل"):
        return w[2:]
    if len(w) >= 4 and w[0] in "بلك":
        w = w[1:]
    if len(w) >= 4 and w.startswith("ال"):
        w = w[2:]
    return w


def read_part(spec):
    path, _, rng = spec.partition("@")
    lines = open(path, encoding="utf-8").read().split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    a, _, b = (rng or ":").partition(":")
    a = int(a) if a else 0
    b = int(b) if b else len(lines)
    lines = lines[a:b]
    sents, cur = [], []
    for line in lines:
        parts = line.split()
        if not parts:
            if cur:
                sents.append(cur)
            cur = []
            sents.append(None)  # a blank line in the file: kept for output
            continue
        word, tag = parts[0], parts[-1]
        typ = tag.partition("-")[2]
        if typ not in TYPES:
            tag = "O"
        cur.append((word, tag))
        if word in ENDS or len(cur) >= 150:
            sents.append(cur)
            cur = []
    if cur:
        sents.append(cur)
    return sents


def load_lists(root):
    """Flags from khabar's lists: (name of flag, set of folded words)."""
    lex = os.path.join(root, "assets", "lexicon")

    def col0(name, keep=lambda r: True):
        out = set()
        for line in open(os.path.join(lex, name), encoding="utf-8"):
            if line.startswith("#") or not line.strip():
                continue
            r = line.rstrip("\n").split("\t")
            if keep(r):
                out.add(fold(r[0]))
        return out

    def words_of(phrases):
        return {w for p in phrases for w in p.split()}

    first = col0("first_names.tsv")
    places = col0("places.tsv")
    geo = col0("geonames.tsv")
    terr = col0("territories.tsv")
    orgs = col0("organizations.tsv")
    titles = col0("titles.tsv")
    heads = set()
    for line in open(os.path.join(lex, "words.tsv"), encoding="utf-8"):
        r = line.rstrip("\n").split("\t")
        if len(r) == 2 and r[0] in ("organizations", "groups", "org_heads", "named_heads"):
            heads.add(r[1])
    freq = {}
    for line in open(os.path.join(lex, "frequency.tsv"), encoding="utf-8"):
        if line.startswith("#"):
            continue
        r = line.rstrip("\n").split("\t")
        if len(r) >= 2:
            freq[fold(r[0])] = int(r[1])
    return [
        ("first", first), ("place", places | terr), ("geo", geo),
        ("placeword", words_of(places | terr)), ("org", orgs), ("orgword", words_of(orgs)),
        ("title", words_of(titles)), ("head", heads),
    ], freq


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--train", action="append", required=True)
    ap.add_argument("--dev", action="append", default=[])
    ap.add_argument("--out", required=True)
    ap.add_argument("--epochs", type=int, default=30)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--hidden", type=int, default=128)
    ap.add_argument("--wdim", type=int, default=100)
    ap.add_argument("--no-lists", action="store_true")
    args = ap.parse_args()

    import torch
    import torch.nn as nn

    torch.set_num_threads(args.threads)
    random.seed(args.seed)
    torch.manual_seed(args.seed)
    os.makedirs(args.out, exist_ok=True)
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    lists, freq = load_lists(root)
    if args.no_lists:
        lists = []

    train = [s for spec in args.train for s in read_part(spec) if s]
    devs = [(spec, read_part(spec)) for spec in args.dev]

    counts = {}
    for s in train:
        for w, _ in s:
            f = fold(w)
            counts[f] = counts.get(f, 0) + 1
            counts["~" + bare(f)] = counts.get("~" + bare(f), 0) + 1
    vocab = {"<pad>": 0, "<unk>": 1}
    for w, c in sorted(counts.items()):
        if c >= 2 and not w.startswith("~"):
            vocab[w] = len(vocab)
    bvocab = {"<pad>": 0, "<unk>": 1}
    for w, c in sorted(counts.items()):
        if c >= 2 and w.startswith("~"):
            bvocab[w[1:]] = len(bvocab)
    chars = {"<pad>": 0, "<unk>": 1}
    for s in train:
        for w, _ in s:
            for ch in fold(w):
                chars.setdefault(ch, len(chars))
    nflags = len(lists) * 2 + 8 + 3  # lists (word, bare), frequency class, shape

    def flags(w):
        f = fold(w)
        b = bare(f)
        out = []
        for _, s in lists:
            out.append(1.0 if f in s else 0.0)
            out.append(1.0 if b in s else 0.0)
        z = freq.get(f)
        cls = 0 if z is None else min(7, 1 + max(0, z - 15) // 5)
        out.extend(1.0 if i == cls else 0.0 for i in range(8))
        arabic = any("\u0600" <= ch <= "\u06ff" for ch in f)
        out.extend([1.0 if arabic else 0.0, 1.0 if f.isdigit() else 0.0,
                    1.0 if f and not arabic and f[0].isalpha() else 0.0])
        return out

    def encode(sent):
        ws = [vocab.get(fold(w), 1) for w, _ in sent]
        bs = [bvocab.get(bare(fold(w)), 1) for w, _ in sent]
        cs = [[chars.get(ch, 1) for ch in fold(w)[:20]] or [1] for w, _ in sent]
        fs = [flags(w) for w, _ in sent]
        ys = [LABELS.index(t) for _, t in sent]
        return ws, bs, cs, fs, ys

    train_enc = [encode(s) for s in train]
    dev_enc = [[encode(s) if s else None for s in sents] for _, sents in devs]

    class Tagger(nn.Module):
        def __init__(self):
            super().__init__()
            self.wemb = nn.Embedding(len(vocab), args.wdim, padding_idx=0)
            self.bemb = nn.Embedding(len(bvocab), 50, padding_idx=0)
            self.cemb = nn.Embedding(len(chars), 30, padding_idx=0)
            self.conv = nn.Conv1d(30, 50, 3, padding=1)
            self.drop = nn.Dropout(0.5)
            self.lstm = nn.LSTM(args.wdim + 50 + 50 + nflags, args.hidden,
                                batch_first=True, bidirectional=True)
            self.proj = nn.Linear(2 * args.hidden, len(LABELS))
            n = len(LABELS)
            self.trans = nn.Parameter(torch.zeros(n, n))
            self.start = nn.Parameter(torch.zeros(n))
            self.end = nn.Parameter(torch.zeros(n))
            # BIO: an I- only after its B- or I-
            mask = torch.zeros(n, n)
            for j, t in enumerate(LABELS):
                if t.startswith("I-"):
                    for i, s in enumerate(LABELS):
                        if s[2:] != t[2:]:
                            mask[i, j] = -1e4
            self.register_buffer("mask", mask)
            smask = torch.tensor([-1e4 if t.startswith("I-") else 0.0 for t in LABELS])
            self.register_buffer("smask", smask)

        def emissions(self, batch):
            B = len(batch)
            T = max(len(x[0]) for x in batch)
            L = max(len(c) for x in batch for c in x[2])
            W = torch.zeros(B, T, dtype=torch.long)
            Bw = torch.zeros(B, T, dtype=torch.long)
            C = torch.zeros(B, T, L, dtype=torch.long)
            F = torch.zeros(B, T, nflags)
            M = torch.zeros(B, T, dtype=torch.bool)
            for b, (ws, bs, cs, fs, _) in enumerate(batch):
                n = len(ws)
                W[b, :n] = torch.tensor(ws)
                Bw[b, :n] = torch.tensor(bs)
                for t, c in enumerate(cs):
                    C[b, t, :len(c)] = torch.tensor(c)
                F[b, :n] = torch.tensor(fs)
                M[b, :n] = True
            ce = self.cemb(C.view(B * T, L)).transpose(1, 2)
            ch = torch.relu(self.conv(self.drop(ce))).max(dim=2).values.view(B, T, 50)
            x = torch.cat([self.wemb(W), self.bemb(Bw), ch, F], dim=2)
            lengths = M.sum(1)
            packed = nn.utils.rnn.pack_padded_sequence(self.drop(x), lengths, batch_first=True,
                                                       enforce_sorted=False)
            out, _ = self.lstm(packed)
            out, _ = nn.utils.rnn.pad_packed_sequence(out, batch_first=True, total_length=T)
            return self.proj(self.drop(out)), M

        def nll(self, batch):
            E, M = self.emissions(batch)
            B, T, n = E.shape
            Y = torch.zeros(B, T, dtype=torch.long)
            for b, x in enumerate(batch):
                Y[b, :len(x[4])] = torch.tensor(x[4])
            trans = self.trans + self.mask
            start = self.start + self.smask
            # gold path score
            score = start[Y[:, 0]] + E[:, 0].gather(1, Y[:, :1]).squeeze(1)
            for t in range(1, T):
                s = trans[Y[:, t - 1], Y[:, t]] + E[:, t].gather(1, Y[:, t:t + 1]).squeeze(1)
                score = score + s * M[:, t]
            last = Y.gather(1, (M.sum(1) - 1).unsqueeze(1)).squeeze(1)
            score = score + self.end[last]
            # partition
            alpha = start + E[:, 0]
            for t in range(1, T):
                nxt = torch.logsumexp(alpha.unsqueeze(2) + trans.unsqueeze(0), dim=1) + E[:, t]
                alpha = torch.where(M[:, t:t + 1], nxt, alpha)
            logz = torch.logsumexp(alpha + self.end, dim=1)
            return (logz - score).sum()

        def decode(self, batch):
            E, M = self.emissions(batch)
            B, T, n = E.shape
            trans = self.trans + self.mask
            score = self.start + self.smask + E[:, 0]
            back = []
            for t in range(1, T):
                s = score.unsqueeze(2) + trans.unsqueeze(0)
                best, idx = s.max(dim=1)
                nxt = best + E[:, t]
                score = torch.where(M[:, t:t + 1], nxt, score)
                back.append(torch.where(M[:, t:t + 1], idx, torch.arange(n).expand(B, n)))
            score = score + self.end
            out = []
            for b in range(B):
                length = int(M[b].sum())
                y = int(score[b].argmax())
                path = [y]
                for t in range(length - 1, 0, -1):
                    y = int(back[t - 1][b, y])
                    path.append(y)
                out.append(path[::-1])
            return out

    def spans(tags):
        found, start, kind = set(), None, None
        for i, t in enumerate(tags + ["O"]):
            pre, _, typ = t.partition("-")
            cont = pre == "I" and typ == kind
            if start is not None and not cont:
                found.add((start, i, kind))
                start = kind = None
            if pre in ("B", "I") and not cont and typ in TYPES:
                start, kind = i, typ
        return found

    def evaluate(model, k):
        model.eval()
        gold, pred = [], []
        sents = [x for x in dev_enc[k] if x is not None]
        with torch.no_grad():
            for i in range(0, len(sents), 64):
                batch = sents[i:i + 64]
                for x, p in zip(batch, model.decode(batch)):
                    gold.extend(LABELS[y] for y in x[4])
                    pred.extend(LABELS[y] for y in p)
        g, p = spans(gold), spans(pred)
        tp = len(g & p)
        pr = tp / len(p) if p else 0.0
        rc = tp / len(g) if g else 0.0
        f1 = 2 * pr * rc / (pr + rc) if pr + rc else 0.0
        return pr, rc, f1, pred

    model = Tagger()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    log = open(os.path.join(args.out, "log.tsv"), "w")
    log.write("epoch\tloss\tseconds" + "".join(f"\tdev{k}_P\tdev{k}_R\tdev{k}_F1" for k in range(len(devs))) + "\n")
    best = -1.0
    order = list(range(len(train_enc)))
    for epoch in range(1, args.epochs + 1):
        model.train()
        random.shuffle(order)
        total, t0 = 0.0, time.time()
        for i in range(0, len(order), 16):
            batch = [train_enc[j] for j in order[i:i + 16]]
            opt.zero_grad()
            loss = model.nll(batch)
            loss.backward()
            nn.utils.clip_grad_norm_(model.parameters(), 5.0)
            opt.step()
            total += float(loss)
        row = [str(epoch), f"{total:.1f}", f"{time.time() - t0:.0f}"]
        f1s, preds = [], []
        for k in range(len(devs)):
            pr, rc, f1, pred = evaluate(model, k)
            row += [f"{pr:.3f}", f"{rc:.3f}", f"{f1:.3f}"]
            f1s.append(f1)
            preds.append(pred)
        log.write("\t".join(row) + "\n")
        log.flush()
        print("\t".join(row), file=sys.stderr, flush=True)
        mean = sum(f1s) / len(f1s) if f1s else float(epoch)
        if mean > best:
            best = mean
            torch.save({"model": model.state_dict(), "vocab": vocab, "bvocab": bvocab,
                        "chars": chars, "args": vars(args), "epoch": epoch},
                       os.path.join(args.out, "best.pt"))
            for k, (spec, sents) in enumerate(devs):
                it = iter(preds[k])
                with open(os.path.join(args.out, f"dev-{k}.txt"), "w", encoding="utf-8") as f:
                    for s in sents:
                        if s is None:
                            f.write("\n")
                            continue
                        for w, _ in s:
                            f.write(f"{w} {next(it)}\n")


if __name__ == "__main__":
    main()
