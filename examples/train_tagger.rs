//! Train khabar's name tagger (`src/facts/model`): an averaged structured
//! perceptron over hashed features, Viterbi-decoded, on CoNLL files (one
//! `token TAG` per line). Deterministic: the same files, seed and options
//! give the same model, byte for byte.
//!
//! ```text
//! # the shipped model: every labelled part of ../shared/eval but the tests
//! cargo run --release --example train_tagger -- assets/model/tagger.bin \
//!     --train ../shared/eval/anercorp/train.txt --train ../shared/eval/aqmar/train.txt \
//!     --train ../shared/eval/aqmar/dev.txt
//! # development: hold out ANERcorp's training tail and AQMAR's dev
//! cargo run --release --example train_tagger -- target/ner/dev.bin \
//!     --train ../shared/eval/anercorp/train.txt@0:100000 --train ../shared/eval/aqmar/train.txt \
//!     --dev ../shared/eval/anercorp/train.txt@100000: --dev ../shared/eval/aqmar/dev.txt
//! ```
//!
//! A file may be given as `PATH@A:B`: its lines A..B (either end left out:
//! the file's). `--epochs N` (10), `--bits B` (20, buckets of features),
//! `--seed S` (1, the order sentences are seen in), `--dev-out DIR` writes
//! each dev file's tagging there after training. Each epoch prints the dev
//! files' entity F1 (exact span and type, as `score_conll.py`).

use std::path::Path;

use std::process::Command;

use khabar::facts::conll::{conll_tokens, rule_labels};
use khabar::facts::lexicon::lexicon;
use khabar::facts::model::features::{at_offset, position_features, small_hash, word_features};
use khabar::facts::model::{
    LABELS, Model, N, OFFSETS, allowed, label_index, sentences, spans, with_rule_labels,
};

const USAGE: &str = "usage: train_tagger OUT.bin --train FILE[@A:B]... [--dev FILE[@A:B]...] \
                     [--epochs N] [--bits B] [--seed S] [--dev-out DIR]";

/// One labelled part: its words, gold labels, sentences and each token's
/// feature buckets.
struct Part {
    name: String,
    /// The rule tagger's labels (ANERcorp's convention).
    rules: Vec<u8>,
    words: Vec<String>,
    gold: Vec<u8>,
    sentences: Vec<std::ops::Range<usize>>,
    features: Vec<Vec<u32>>,
}

type Error = Box<dyn std::error::Error>;

/// A part's file, lines and line range.
fn lines_of(spec: &str) -> Result<(String, Vec<String>, usize, usize), Error> {
    let (path, range) = spec.split_once('@').unwrap_or((spec, ":"));
    let (a, b) = range.split_once(':').ok_or(USAGE)?;
    let text = std::fs::read_to_string(path)?;
    let lines: Vec<String> = text.lines().map(str::to_string).collect();
    let a: usize = if a.is_empty() { 0 } else { a.parse()? };
    let b: usize = if b.is_empty() {
        lines.len()
    } else {
        b.parse::<usize>()?.min(lines.len())
    };
    Ok((path.to_string(), lines[a..b].to_vec(), a, b))
}

/// The rules' labels of a part, with the lists in use in this process.
fn rule_labels_of(spec: &str) -> Result<Vec<u8>, Box<dyn std::error::Error>> {
    let (_, lines, _, _) = lines_of(spec)?;
    let input = lines.join("\n") + "\n";
    let (_, tokens) = conll_tokens(&input);
    Ok(rule_labels(&tokens)
        .iter()
        .map(|t| label_index(t) as u8)
        .collect())
}

/// The rules' labels of a part of ANERcorp, each fifth of it tagged with
/// lists mined from the other four (the lists know the words they were
/// mined from, so the model would learn to trust them blindly), each in a
/// process of its own (the lists are loaded once per process).
fn jackknifed_rule_labels(spec: &str) -> Result<Vec<u8>, Box<dyn std::error::Error>> {
    let (path, lines, a, b) = lines_of(spec)?;
    if a != 0 {
        return Err(format!("{spec}: a jackknifed part starts at line 0").into());
    }
    let work = std::env::temp_dir().join(format!("khabar-train-tagger-{}", std::process::id()));
    std::fs::create_dir_all(&work)?;
    let me = std::env::current_exe()?;
    let mine = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/mine_anercorp.py");
    let mut out = Vec::with_capacity(lines.len());
    const FOLDS: usize = 5;
    for k in 0..FOLDS {
        let (x, y) = (b * k / FOLDS, b * (k + 1) / FOLDS);
        let lists = work.join(format!("mined{k}"));
        let status = Command::new("python3")
            .arg(&mine)
            .arg(&path)
            .arg(&lists)
            .args(["--until", &b.to_string(), "--exclude", &format!("{x}:{y}")])
            .status()?;
        if !status.success() {
            return Err(format!("mining for fold {k} failed: {status}").into());
        }
        let labels = Command::new(&me)
            .arg("--mined")
            .arg(&lists)
            .arg("--rule-labels")
            .arg(format!("{path}@{x}:{y}"))
            .output()?;
        if !labels.status.success() {
            return Err(format!("rule labels of fold {k} failed").into());
        }
        out.extend(
            labels
                .stdout
                .iter()
                .filter(|c| c.is_ascii_digit())
                .map(|c| c - b'0'),
        );
        eprintln!("fold {}/{FOLDS} of {spec}: lines {x}..{y}", k + 1);
    }
    std::fs::remove_dir_all(&work)?;
    if out.len() != lines.len() {
        return Err(format!("{spec}: {} labels for {} lines", out.len(), lines.len()).into());
    }
    Ok(out)
}

fn read_part(spec: &str, bits: u32, rules: Vec<u8>) -> Result<Part, Box<dyn std::error::Error>> {
    let (_, lines, _, _) = lines_of(spec)?;
    let input = lines.join("\n") + "\n";
    let (words, tokens) = conll_tokens(&input);
    // gold: the last field; MISC is O; an I- that continues nothing is a B-
    let mut gold = Vec::with_capacity(lines.len());
    for l in lines {
        let tag = l.split_whitespace().nth(1).unwrap_or("O");
        let mut k = label_index(tag);
        if k != 0 && k.is_multiple_of(2) && !allowed(gold.last().map(|&g: &u8| g as usize), k) {
            k -= 1;
        }
        gold.push(k as u8);
    }
    let lex = lexicon();
    let bucket = |x: u64| (x >> (64 - bits)) as u32;
    let word: Vec<_> = tokens.iter().map(|t| word_features(lex, t)).collect();
    let sentences = sentences(&tokens);
    let mut marks = khabar::facts::ner::Tagger::new(&tokens).list_marks();
    if rules.len() != tokens.len() {
        return Err(format!(
            "{spec}: {} rule labels for {} tokens",
            rules.len(),
            tokens.len()
        )
        .into());
    }
    with_rule_labels(&mut marks, &rules);
    let mut features = vec![Vec::new(); tokens.len()];
    let mut small = Vec::new();
    for s in &sentences {
        for i in s.clone() {
            let f = &mut features[i];
            for &d in &OFFSETS {
                let j = i as i64 + d as i64;
                // the model scores words across sentence ends as well
                if j < 0 || j >= tokens.len() as i64 {
                    continue;
                }
                let w = &word[j as usize];
                let feats = if d == 0 { &w.all[..] } else { &w.all[..w.near] };
                f.extend(feats.iter().map(|&x| bucket(at_offset(x, d))));
            }
            small.clear();
            position_features(&marks, i, &mut small);
            f.extend(
                small
                    .iter()
                    .map(|&k| bucket(at_offset(small_hash(k as usize), 9))),
            );
        }
    }
    Ok(Part {
        name: spec.to_string(),
        rules,
        words: words.iter().map(|w| w.to_string()).collect(),
        gold,
        sentences,
        features,
    })
}

fn emissions(m: &Model, part: &Part, s: &std::ops::Range<usize>) -> Vec<[f32; N]> {
    let mut em = vec![[0.0f32; N]; part.words.len()];
    for i in s.clone() {
        for &b in &part.features[i] {
            let w = &m.weights[b as usize * N..b as usize * N + N];
            for k in 0..N {
                em[i][k] += w[k];
            }
        }
    }
    em
}

/// Entity P, R, F1 (all types) and F1 per type.
fn score(gold: &[u8], pred: &[u8]) -> (f64, f64, f64, [f64; 3]) {
    let g: std::collections::HashSet<_> = spans(gold)
        .into_iter()
        .map(|(t, r)| (t, r.start, r.end))
        .collect();
    let p: std::collections::HashSet<_> = spans(pred)
        .into_iter()
        .map(|(t, r)| (t, r.start, r.end))
        .collect();
    let f = |gs: usize, ps: usize, tp: usize| {
        let pr = if ps > 0 { tp as f64 / ps as f64 } else { 0.0 };
        let rc = if gs > 0 { tp as f64 / gs as f64 } else { 0.0 };
        (
            pr,
            rc,
            if pr + rc > 0.0 {
                2.0 * pr * rc / (pr + rc)
            } else {
                0.0
            },
        )
    };
    let mut per = [0.0; 3];
    for (t, slot) in per.iter_mut().enumerate() {
        let gs = g.iter().filter(|s| s.0 == t).count();
        let ps = p.iter().filter(|s| s.0 == t).count();
        let tp = g.iter().filter(|s| s.0 == t && p.contains(s)).count();
        *slot = f(gs, ps, tp).2;
    }
    let (pr, rc, f1) = f(g.len(), p.len(), g.intersection(&p).count());
    (pr, rc, f1, per)
}

fn tag_part(m: &Model, part: &Part) -> Vec<u8> {
    let all = 0..part.words.len();
    let em = emissions(m, part, &all);
    m.decode(&em, &part.sentences)
}

/// xorshift64*: the order sentences are seen in, from the seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let no_rules = args.iter().any(|a| a == "--no-rules");
    args.retain(|a| a != "--no-rules");
    // lists mined from the part of the training text trained on only
    // (`scripts/mine_anercorp.py --until`), for the rules' tags on dev
    if let Some(i) = args.iter().position(|a| a == "--mined") {
        let dir = args.get(i + 1).cloned().ok_or(USAGE)?;
        khabar::facts::lexicon::use_mined_lists(Path::new(&dir))?;
        args.drain(i..i + 2);
    }
    // a worker: the rules' labels of one part, a digit a line
    if let Some(i) = args.iter().position(|a| a == "--rule-labels") {
        let spec = args.get(i + 1).ok_or(USAGE)?;
        let labels = rule_labels_of(spec)?;
        let text: String = labels.iter().map(|l| format!("{l}\n")).collect();
        std::io::Write::write_all(&mut std::io::stdout(), text.as_bytes())?;
        return Ok(());
    }
    let mut take_all = |flag: &str| -> Vec<String> {
        let mut out = Vec::new();
        while let Some(i) = args.iter().position(|a| a == flag) {
            if i + 1 < args.len() {
                out.push(args.remove(i + 1));
            }
            args.remove(i);
        }
        out
    };
    let train_specs = take_all("--train");
    let anercorp_specs = take_all("--anercorp");
    let dev_specs = take_all("--dev");
    let one = |v: Vec<String>| v.last().cloned();
    let epochs: usize = one(take_all("--epochs")).map_or(Ok(10), |v| v.parse())?;
    let bits: u32 = one(take_all("--bits")).map_or(Ok(22), |v| v.parse())?;
    let seed: u64 = one(take_all("--seed")).map_or(Ok(1), |v| v.parse())?;
    let dev_out = one(take_all("--dev-out"));
    let [out] = &args[..] else {
        return Err(USAGE.into());
    };
    if train_specs.is_empty() && anercorp_specs.is_empty() {
        return Err(USAGE.into());
    }
    let started = std::time::Instant::now();
    let rules = |spec: &str, jackknife: bool| -> Result<Vec<u8>, Box<dyn std::error::Error>> {
        let labels = if jackknife {
            jackknifed_rule_labels(spec)?
        } else {
            rule_labels_of(spec)?
        };
        Ok(if no_rules {
            vec![0; labels.len()]
        } else {
            labels
        })
    };
    let mut train = Vec::new();
    for s in &anercorp_specs {
        train.push(read_part(s, bits, rules(s, true)?)?);
    }
    for s in &train_specs {
        train.push(read_part(s, bits, rules(s, false)?)?);
    }
    let mut dev = Vec::new();
    for s in &dev_specs {
        let mut part = read_part(s, bits, rules(s, false)?)?;
        part.rules = rule_labels_of(s)?;
        dev.push(part);
    }
    let tokens: usize = train.iter().map(|p| p.words.len()).sum();
    eprintln!(
        "features of {tokens} training tokens in {:.1} s",
        started.elapsed().as_secs_f64()
    );

    // every sentence of every part, in an order shuffled by the seed
    let mut order: Vec<(usize, usize)> = train
        .iter()
        .enumerate()
        .flat_map(|(p, part)| (0..part.sentences.len()).map(move |s| (p, s)))
        .collect();
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let mut m = Model::new(bits);
    // sums for averaging: each update weighted by the steps left
    let mut acc = Model::new(bits);
    let mut step: f32 = 1.0;
    let mut averaged = Model::new(bits);
    for epoch in 1..=epochs {
        for i in (1..order.len()).rev() {
            let j = (rng.next() % (i as u64 + 1)) as usize;
            order.swap(i, j);
        }
        let mut wrong = 0usize;
        for &(p, s) in &order {
            let part = &train[p];
            let r = part.sentences[s].clone();
            let em = emissions(&m, part, &r);
            let pred = m.decode(&em, std::slice::from_ref(&r));
            let gold = &part.gold;
            if r.clone().all(|i| pred[i] == gold[i]) {
                step += 1.0;
                continue;
            }
            let update = |m: &mut Model, acc: &mut Model, i: usize, label: usize, by: f32| {
                for &b in &part.features[i] {
                    let k = b as usize * N + label;
                    m.weights[k] += by;
                    acc.weights[k] += by * step;
                }
            };
            for i in r.clone() {
                let (g, q) = (gold[i] as usize, pred[i] as usize);
                if g != q {
                    wrong += 1;
                    update(&mut m, &mut acc, i, g, 1.0);
                    update(&mut m, &mut acc, i, q, -1.0);
                }
                let (pg, pq) = if i == r.start {
                    (None, None)
                } else {
                    (Some(gold[i - 1] as usize), Some(pred[i - 1] as usize))
                };
                if (pg, g) != (pq, q) {
                    match pg {
                        None => {
                            m.start[g] += 1.0;
                            acc.start[g] += step;
                        }
                        Some(a) => {
                            m.transitions[a][g] += 1.0;
                            acc.transitions[a][g] += step;
                        }
                    }
                    match pq {
                        None => {
                            m.start[q] -= 1.0;
                            acc.start[q] -= step;
                        }
                        Some(a) => {
                            m.transitions[a][q] -= 1.0;
                            acc.transitions[a][q] -= step;
                        }
                    }
                }
            }
            step += 1.0;
        }
        // the average: w - acc / step
        for (k, w) in averaged.weights.iter_mut().enumerate() {
            *w = m.weights[k] - acc.weights[k] / step;
        }
        for a in 0..N {
            averaged.start[a] = m.start[a] - acc.start[a] / step;
            for b in 0..N {
                averaged.transitions[a][b] = m.transitions[a][b] - acc.transitions[a][b] / step;
            }
        }
        let mut line = format!("epoch {epoch}: {wrong} tokens wrong");
        for part in &dev {
            let pred = tag_part(&averaged, part);
            let (p, r, f, per) = score(&part.gold, &pred);
            line += &format!(
                " | {}: F1 {f:.3} (P {p:.3} R {r:.3}; PERS {:.3} LOC {:.3} ORG {:.3})",
                part.name, per[0], per[1], per[2]
            );
        }
        eprintln!("{line} [{:.0} s]", started.elapsed().as_secs_f64());
    }
    // small weights are noise from a few updates: round to what f32 needs
    let bytes = averaged.to_bytes();
    std::fs::write(out, &bytes)?;
    eprintln!("{out}: {} bytes, {bits} bits", bytes.len());
    for part in &dev {
        let pred = tag_part(&averaged, part);
        let merged = khabar::facts::model::merge(&pred, &part.rules);
        let rules_first = khabar::facts::model::merge(&part.rules, &pred);
        for (what, labels) in [
            ("rules", &part.rules),
            ("model", &pred),
            ("model+rules", &merged),
            ("rules+model", &rules_first),
        ] {
            let (p, r, f, per) = score(&part.gold, labels);
            eprintln!(
                "{}: {what}: F1 {f:.3} (P {p:.3} R {r:.3}; PERS {:.3} LOC {:.3} ORG {:.3})",
                part.name, per[0], per[1], per[2]
            );
        }
    }
    if let Some(dir) = dev_out {
        std::fs::create_dir_all(&dir)?;
        for (k, part) in dev.iter().enumerate() {
            let pred = tag_part(&averaged, part);
            let text: String = part
                .words
                .iter()
                .zip(&pred)
                .map(|(w, &l)| {
                    if w.is_empty() {
                        "O\n".to_string()
                    } else {
                        format!("{w} {}\n", LABELS[l as usize])
                    }
                })
                .collect();
            std::fs::write(Path::new(&dir).join(format!("dev{k}.txt")), text)?;
        }
    }
    Ok(())
}
