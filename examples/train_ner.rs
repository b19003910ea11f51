//! Train khabar's name tagger (a linear-chain CRF) on ANERcorp's training
//! split.
//!
//! ```text
//! cargo run --release --example train_ner -- ../shared/eval/anercorp/train.txt assets/model/ner.crf
//! cargo run --release --example train_ner -- TRAIN OUT --until 100000 --dev-out target/ner/dev.txt
//! ```
//!
//! Some features come from lists mined from this same split (entities,
//! first names, common words) and from the rule tagger, which uses them: on
//! the words they were mined from they are always right, and a model
//! trained on them would trust them blindly. So the training text is cut
//! into `--folds` parts (5), and each part's features are computed with
//! lists mined from the other parts only (`scripts/mine_anercorp.py
//! --exclude`), in a process of its own (the lexicon is loaded once per
//! process). When tagging, the lists are mined from the whole training text.
//!
//! `--until N` trains on the first N lines only; `--dev-out FILE` then
//! writes the model's tags for the rest, with lists mined from the first N
//! lines, and the rules' own tags beside it (`FILE.rules`, gold `FILE.gold`):
//! the development split, scored by `../shared/eval/score_conll.py`.

use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::process::Command;

use khabar::facts::conll::{conll_tokens, rule_labels, tag_conll_with};
use khabar::facts::crf::{features, sentences};

const USAGE: &str = "usage: train_ner TRAIN.conll OUT.crf [--until N] [--dev-out FILE] \
                     [--folds K] [--c1 X] [--c2 X] [--iterations N]";

struct Args(Vec<String>);

impl Args {
    fn take(&mut self, flag: &str) -> Option<String> {
        let i = self.0.iter().position(|a| a == flag)?;
        let v = self.0.get(i + 1).cloned();
        self.0.drain(i..(i + 2).min(self.0.len()));
        v
    }

    fn number<T: std::str::FromStr>(&mut self, flag: &str, default: T) -> Result<T, String> {
        match self.take(flag) {
            None => Ok(default),
            Some(v) => v.parse().map_err(|_| format!("{flag}: not a number: {v}")),
        }
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = Args(std::env::args().skip(1).collect());
    if let Some(dir) = args.take("--mined") {
        khabar::facts::lexicon::use_mined_lists(Path::new(&dir))?;
    }
    // a worker: the features of lines A..B, with the lists given
    if let Some(range) = args.take("--features") {
        let (a, b) = range.split_once(':').ok_or(USAGE)?;
        let train = args.0.first().ok_or(USAGE)?;
        return write_features(train, a.parse()?, b.parse()?);
    }
    // a worker: the development split tagged with a model
    if let Some(model) = args.take("--tag") {
        let from: usize = args.number("--from", 0)?;
        let out = args.take("--dev-out").ok_or(USAGE)?;
        let train = args.0.first().ok_or(USAGE)?;
        return tag_rest(train, from, &model, &out);
    }
    let until: Option<usize> = args.take("--until").map(|v| v.parse()).transpose()?;
    let dev_out = args.take("--dev-out");
    let folds: usize = args.number("--folds", 5)?;
    let c1: f64 = args.number("--c1", 0.05)?;
    let c2: f64 = args.number("--c2", 0.01)?;
    let iterations: usize = args.number("--iterations", 150)?;
    let [train, out] = &args.0[..] else {
        return Err(USAGE.into());
    };
    let lines = std::fs::read_to_string(train)?.lines().count();
    let cut = until.unwrap_or(lines).min(lines);
    let work = std::env::temp_dir().join(format!("khabar-train-ner-{}", std::process::id()));
    std::fs::create_dir_all(&work)?;
    let me = std::env::current_exe()?;
    let mine = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/mine_anercorp.py");

    // each fold's features, with lists that never saw it
    let mut trainer = crfs::Trainer::lbfgs()
        .with_c1(c1)?
        .with_c2(c2)?
        .with_max_iterations(iterations)?;
    let mut sentences_in = 0;
    for k in 0..folds {
        let (a, b) = (cut * k / folds, cut * (k + 1) / folds);
        let lists = work.join(format!("mined{k}"));
        run(Command::new("python3")
            .arg(&mine)
            .arg(train)
            .arg(&lists)
            .args([
                "--until",
                &cut.to_string(),
                "--exclude",
                &format!("{a}:{b}"),
            ]))?;
        let feats = work.join(format!("features{k}.txt"));
        let file = std::fs::File::create(&feats)?;
        run(Command::new(&me)
            .arg(train)
            .args(["--features", &format!("{a}:{b}")])
            .arg("--mined")
            .arg(&lists)
            .stdout(file))?;
        sentences_in += append_features(&mut trainer, &feats)?;
        eprintln!("fold {}/{folds}: lines {a}..{b}", k + 1);
    }
    eprintln!("{sentences_in} sentences, {cut} tokens; c1 {c1}, c2 {c2}, {iterations} iterations");
    let started = std::time::Instant::now();
    trainer.train(Path::new(out))?;
    eprintln!(
        "trained in {:.0} s: {out} ({} bytes)",
        started.elapsed().as_secs_f64(),
        std::fs::metadata(out)?.len()
    );
    if let Some(dev) = dev_out {
        let lists = work.join("mined");
        run(Command::new("python3")
            .arg(&mine)
            .arg(train)
            .arg(&lists)
            .args(["--until", &cut.to_string()]))?;
        run(Command::new(&me)
            .arg(train)
            .args(["--tag", out, "--from", &cut.to_string(), "--dev-out", &dev])
            .arg("--mined")
            .arg(&lists))?;
        eprintln!("development split tagged: {dev} (gold {dev}.gold, the rules alone {dev}.rules)");
    }
    std::fs::remove_dir_all(&work)?;
    Ok(())
}

fn run(cmd: &mut Command) -> Result<(), Box<dyn std::error::Error>> {
    let status = cmd.status()?;
    if !status.success() {
        return Err(format!("{cmd:?} failed: {status}").into());
    }
    Ok(())
}

/// Lines `a..b` of `train`: their text for the tagger and their gold labels.
fn lines_of(train: &str, a: usize, b: usize) -> std::io::Result<(String, Vec<String>)> {
    let text = std::fs::read_to_string(train)?;
    let lines: Vec<&str> = text.lines().skip(a).take(b.saturating_sub(a)).collect();
    let gold = lines
        .iter()
        .map(|l| l.split_whitespace().nth(1).unwrap_or("O").to_string())
        .collect();
    Ok((lines.join("\n") + "\n", gold))
}

/// Print the features of lines `a..b`: a line per token (its gold label,
/// then its attributes, tab-separated), a blank line after each sentence.
fn write_features(train: &str, a: usize, b: usize) -> Result<(), Box<dyn std::error::Error>> {
    let (text, gold) = lines_of(train, a, b)?;
    let (_, tokens) = conll_tokens(&text);
    let rule = rule_labels(&tokens);
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for s in sentences(&tokens) {
        let xs = features(&tokens[s.clone()], &rule[s.clone()]);
        for (i, x) in s.zip(xs) {
            out.write_all(gold[i].as_bytes())?;
            for attr in x {
                write!(out, "\t{}", attr.name)?;
            }
            out.write_all(b"\n")?;
        }
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(())
}

/// Read a features file into the trainer; the number of sentences.
fn append_features(
    trainer: &mut crfs::Trainer<crfs::train::Lbfgs>,
    path: &PathBuf,
) -> Result<usize, Box<dyn std::error::Error>> {
    let mut count = 0;
    let mut xs: Vec<Vec<crfs::Attribute>> = Vec::new();
    let mut ys: Vec<String> = Vec::new();
    for line in std::io::BufReader::new(std::fs::File::open(path)?).lines() {
        let line = line?;
        if line.is_empty() {
            if !xs.is_empty() {
                trainer.append(&xs, &ys)?;
                count += 1;
            }
            xs.clear();
            ys.clear();
            continue;
        }
        let mut parts = line.split('\t');
        ys.push(parts.next().unwrap_or("O").to_string());
        xs.push(parts.map(|a| crfs::Attribute::new(a, 1.0)).collect());
    }
    Ok(count)
}

/// Tag lines `from..` with the model at `model`; the rules' tags and the
/// gold beside.
fn tag_rest(
    train: &str,
    from: usize,
    model: &str,
    out: &str,
) -> Result<(), Box<dyn std::error::Error>> {
    let (text, _) = lines_of(train, from, usize::MAX)?;
    let bytes = std::fs::read(model)?;
    let model = crfs::Model::new(&bytes)?;
    std::fs::write(out, tag_conll_with(&text, Some(&model)))?;
    std::fs::write(format!("{out}.rules"), tag_conll_with(&text, None))?;
    std::fs::write(format!("{out}.gold"), text)?;
    Ok(())
}
