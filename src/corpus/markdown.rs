//! Markdown articles: optional front matter (YAML between `---` lines or TOML
//! between `+++` lines: title, source, date, dir), `#` headings, paragraphs
//! separated by blank lines, inline markup removed.

use super::Article;
use crate::text::direction;

/// Parse a Markdown article. The title comes from the front matter, else the
/// first heading, else the first line.
pub fn parse_markdown(path: impl Into<String>, raw: &str) -> Article {
    let (meta, body) = split_front_matter(raw);
    let mut title = meta.get("title").cloned();
    let mut paragraphs: Vec<String> = Vec::new();
    let mut current: Vec<String> = Vec::new();
    let mut in_code = false;
    let flush = |current: &mut Vec<String>, paragraphs: &mut Vec<String>| {
        if !current.is_empty() {
            paragraphs.push(current.join(" "));
            current.clear();
        }
    };
    for line in body.lines() {
        let t = line.trim();
        if t.starts_with("```") || t.starts_with("~~~") {
            in_code = !in_code;
            flush(&mut current, &mut paragraphs);
            continue;
        }
        if in_code {
            if !t.is_empty() {
                paragraphs.push(t.to_string());
            }
            continue;
        }
        if t.is_empty() || t.chars().all(|c| matches!(c, '-' | '*' | '_' | '=')) {
            flush(&mut current, &mut paragraphs);
            continue;
        }
        if let Some(h) = heading(t) {
            flush(&mut current, &mut paragraphs);
            if title.is_none() {
                title = Some(h);
            } else {
                paragraphs.push(h);
            }
            continue;
        }
        let t = t.trim_start_matches(['>', ' ']);
        let t = strip_list_marker(t);
        current.push(inline(t));
    }
    flush(&mut current, &mut paragraphs);
    let title = match title {
        Some(t) => t,
        None if !paragraphs.is_empty() => paragraphs.remove(0),
        None => String::new(),
    };
    // front matter `dir`: the direction of paragraphs whose words tell none
    let dir = meta.get("dir").and_then(|d| direction::of_dir(d));
    let mut text = direction::marked(title, dir);
    for p in paragraphs {
        text.push('\n');
        text.push_str(&direction::marked(p, dir));
    }
    let mut article = Article::from_plain_text(path, &text);
    if let Some(s) = meta.get("source") {
        article.source = Some(s.clone());
    }
    article.date = meta.get("date").cloned();
    article.published = article.date.as_deref().and_then(super::date::parse_date);
    article
}

fn heading(t: &str) -> Option<String> {
    let hashes = t.chars().take_while(|&c| c == '#').count();
    if (1..=6).contains(&hashes) && t[hashes..].starts_with(' ') {
        Some(inline(t[hashes..].trim().trim_end_matches('#').trim()))
    } else {
        None
    }
}

fn strip_list_marker(t: &str) -> &str {
    if let Some(rest) = t
        .strip_prefix("- ")
        .or_else(|| t.strip_prefix("* "))
        .or_else(|| t.strip_prefix("+ "))
    {
        return rest;
    }
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && t[digits..].starts_with(". ") {
        return &t[digits + 2..];
    }
    t
}

/// Remove inline markup: emphasis markers, code ticks, links and images
/// (their text is kept), HTML tags.
fn inline(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let chars: Vec<char> = s.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '*' | '_'
                if i + 1 < chars.len() && (chars[i + 1] == c || !chars[i + 1].is_whitespace()) =>
            {
                // emphasis marker: skip it (and its twin)
                i += if i + 1 < chars.len() && chars[i + 1] == c {
                    2
                } else {
                    1
                };
                continue;
            }
            '`' => {
                i += 1;
                continue;
            }
            '!' if chars.get(i + 1) == Some(&'[') => {
                i += 1;
                continue;
            }
            '[' => {
                if let Some(close) = chars[i..].iter().position(|&x| x == ']').map(|p| p + i)
                    && chars.get(close + 1) == Some(&'(')
                    && let Some(end) = chars[close..]
                        .iter()
                        .position(|&x| x == ')')
                        .map(|p| p + close)
                {
                    out.extend(&chars[i + 1..close]);
                    i = end + 1;
                    continue;
                }
            }
            '<' => {
                if let Some(end) = chars[i..].iter().position(|&x| x == '>').map(|p| p + i)
                    && chars
                        .get(i + 1)
                        .is_some_and(|c| c.is_ascii_alphabetic() || *c == '/')
                {
                    i = end + 1;
                    continue;
                }
            }
            _ => {}
        }
        out.push(c);
        i += 1;
    }
    out
}

/// Split off front matter into key/value pairs.
fn split_front_matter(raw: &str) -> (std::collections::HashMap<String, String>, &str) {
    let mut meta = std::collections::HashMap::new();
    let raw = raw.trim_start_matches('\u{feff}');
    for fence in ["---", "+++"] {
        if let Some(rest) = raw
            .strip_prefix(fence)
            .filter(|r| r.starts_with('\n') || r.starts_with("\r\n"))
        {
            let close = format!("\n{fence}");
            if let Some(end) = rest.find(&close) {
                for line in rest[..end].lines() {
                    let sep = if fence == "---" { ':' } else { '=' };
                    if let Some((k, v)) = line.split_once(sep) {
                        let v = v.trim().trim_matches(|c| c == '"' || c == '\'').to_string();
                        meta.insert(k.trim().to_lowercase(), v);
                    }
                }
                let after = &rest[end + close.len()..];
                return (meta, after.strip_prefix('\n').unwrap_or(after));
            }
        }
    }
    (meta, raw)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_headings_and_paragraphs() {
        let a = parse_markdown(
            "a.md",
            "---\ntitle: \"قمة في بروكسل\"\nsource: الجزيرة\ndate: 2022-01-13\n---\n\n# عنوان ثان\n\nفقرة **أولى**\nتكملة [الرابط](http://x).\n\n- بند\n",
        );
        assert_eq!(a.title, "قمة في بروكسل");
        assert_eq!(a.source.as_deref(), Some("الجزيرة"));
        assert_eq!(a.date.as_deref(), Some("2022-01-13"));
        assert_eq!(
            a.paragraph_texts().collect::<Vec<_>>(),
            ["عنوان ثان", "فقرة أولى تكملة الرابط.", "بند"]
        );
    }

    #[test]
    fn title_from_heading_and_toml_front_matter() {
        let a = parse_markdown("b.md", "+++\nsource = \"AP\"\n+++\n# Title here\ntext");
        assert_eq!(a.title, "Title here");
        assert_eq!(a.source.as_deref(), Some("AP"));
        assert_eq!(a.paragraph_texts().collect::<Vec<_>>(), ["text"]);
    }
}
