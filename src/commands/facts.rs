//! `khabar facts [--json] [PATH...]` and `khabar facts --conll FILE`.

use std::path::{Path, PathBuf};

use serde::Serialize;

use super::shaped::Lines;
use super::{CommandError, Outcome, write_stdout};
use crate::corpus::LoadError;
use crate::corpus::fetch::is_url;
use crate::corpus::load::load_source;
use crate::corpus::{Article, collect_paths, seeds};
use crate::facts::conll::tag_conll;
use crate::facts::{Facts, extract};
use crate::report::say;

#[derive(Serialize)]
struct ArticleFacts<'a> {
    path: &'a str,
    title: &'a str,
    #[serde(flatten)]
    facts: &'a Facts,
}

/// Run the command.
pub fn run(json: bool, conll: Option<&Path>, paths: &[PathBuf]) -> Result<Outcome, CommandError> {
    if let Some(file) = conll {
        let name = file.display().to_string();
        let bytes = std::fs::read(file).map_err(|e| LoadError::Io(name, e))?;
        write_stdout(tag_conll(&String::from_utf8_lossy(&bytes)).as_bytes())?;
        return Ok(Outcome::Done);
    }
    let mut status = Outcome::Done;
    let articles: Vec<Article> = if paths.is_empty() {
        seeds::seed_articles()
    } else {
        let (urls, local): (Vec<PathBuf>, Vec<PathBuf>) = paths
            .iter()
            .cloned()
            .partition(|p| is_url(&p.to_string_lossy()));
        let (mut files, problems) = collect_paths(&local);
        files.extend(urls);
        for p in problems {
            say(&p);
            status = Outcome::SomeFailed;
        }
        files
            .iter()
            .filter_map(|f| match load_source(&f.to_string_lossy()) {
                Ok((a, warning)) => {
                    if let Some(w) = warning {
                        say(&format!("warning: {w}"));
                    }
                    Some(a)
                }
                Err(e) => {
                    say(&e.to_string());
                    status = Outcome::SomeFailed;
                    None
                }
            })
            .flatten()
            .collect()
    };
    let facts: Vec<Facts> = crate::parallel::map(articles.len(), crate::parallel::cores(), |i| {
        extract(&articles[i].text)
    });
    let (out, _terminal) = if json {
        (to_json(&articles, &facts), None)
    } else {
        let lines = Lines::for_stdout();
        // the terminal's switches around the output (VTE, mlterm)
        (
            to_table(&articles, &facts, &lines),
            Some(super::shaped::TerminalOutput::begin()),
        )
    };
    write_stdout(out.as_bytes())?;
    Ok(status)
}

/// One JSON array, one object per article.
pub fn to_json(articles: &[Article], facts: &[Facts]) -> String {
    let rows: Vec<ArticleFacts> = articles
        .iter()
        .zip(facts)
        .map(|(a, f)| ArticleFacts {
            path: &a.path,
            title: &a.title,
            facts: f,
        })
        .collect();
    super::to_json(&rows)
}

/// A readable table per article: logical text when piped, shaped on a
/// terminal without bidi ([`Lines`]).
pub fn to_table(articles: &[Article], facts: &[Facts], lines: &Lines) -> String {
    let mut s = String::new();
    let mut line = |prefix: &str, text: &str| s.push_str(&lines.line(prefix, text, &[]));
    for (a, f) in articles.iter().zip(facts) {
        line("== ", &format!("{} ({})", a.title, a.path));
        line("", &format!("actors ({}):", f.actors.len()));
        for actor in &f.actors {
            let mut t = actor.name.clone();
            if let Some(r) = &actor.role {
                t.push_str(&format!(" — {r}"));
            }
            t.push_str(&format!(" [{}×]", actor.mentions));
            if !actor.aliases.is_empty() {
                t.push_str(&format!(" aka {}", actor.aliases.join(" / ")));
            }
            line(&format!("  {:<13} ", actor.kind.name()), &t);
        }
        line("", &format!("agreements ({}):", f.agreements.len()));
        for g in &f.agreements {
            line(
                &format!("  {:<13} ", g.kind.name()),
                &format!("{} ({}): {}", g.parties.join(" + "), g.verb, g.text),
            );
        }
        line("", "");
    }
    s
}
