//! One news article: a title, paragraphs, and what is known about its source.

use std::ops::Range;

use crate::text::{Block, BlockKind, Direction, direction};

/// The prefix of the line that names the source in scraped Arabic news
/// ("المصدر : وكالات").
const SOURCE_PREFIX: &str = "المصدر";

/// An article. `text` holds the title line and then each paragraph on a line
/// of its own; ranges into it are the article's logical coordinates, used by
/// layout, search and facts alike.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Article {
    /// Where it came from (a file path, `-` for stdin, or a seed's name).
    pub path: String,
    pub title: String,
    pub source: Option<String>,
    pub date: Option<String>,
    /// When it was published, in seconds since the epoch, when the source
    /// says so.
    pub published: Option<i64>,
    /// Where it was published (a feed item's link).
    pub url: Option<String>,
    pub text: String,
    pub title_range: Range<usize>,
    pub paragraphs: Vec<Range<usize>>,
    /// The kind of each paragraph (as many as `paragraphs`): given by the
    /// page's structure, else guessed from the text ([`paragraph_kind`]).
    pub kinds: Vec<BlockKind>,
    /// What else its source said of it.
    pub extra: Extra,
}

/// What a source may say of an article besides its text.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Extra {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub categories: Vec<String>,
    /// Audio and video attached to a feed item.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub enclosures: Vec<Enclosure>,
    /// The lead image's address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
}

impl Extra {
    pub fn is_empty(&self) -> bool {
        *self == Extra::default()
    }
}

/// A file attached to a feed item (a podcast's audio, a video).
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Enclosure {
    pub url: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mime: Option<String>,
    /// Its size in bytes, and its length in seconds, when the feed says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bytes: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seconds: Option<u64>,
}

impl Enclosure {
    /// What the meta line says of it: `audio/mpeg 12.3 MB 34:10`.
    pub fn describe(&self) -> String {
        let mut parts = vec![self.mime.clone().unwrap_or_else(|| "file".to_string())];
        if let Some(b) = self.bytes.filter(|&b| b > 0) {
            parts.push(if b >= 1_000_000 {
                format!("{:.1} MB", b as f64 / 1e6)
            } else {
                format!("{} KB", b.div_ceil(1000))
            });
        }
        if let Some(s) = self.seconds.filter(|&s| s > 0) {
            parts.push(if s >= 3600 {
                format!("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
            } else {
                format!("{}:{:02}", s / 60, s % 60)
            });
        }
        parts.join(" ")
    }
}

impl Article {
    /// Parse a plain-text article: the title is the first non-empty line,
    /// every other non-empty line is a paragraph (consecutive duplicates, as
    /// scrapers leave for photo captions, collapse into one), and a line
    /// `المصدر : X` names the source (it stays a paragraph too).
    pub fn from_plain_text(path: impl Into<String>, raw: &str) -> Article {
        let unified;
        let raw = if raw.contains('\u{2029}') {
            unified = raw.replace('\u{2029}', "\n");
            unified.as_str()
        } else {
            raw
        };
        let mut lines = raw
            .split('\n')
            .map(|l| l.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}'))
            .filter(|l| !l.is_empty());
        let title = lines.next().unwrap_or("").to_string();
        let mut text = String::with_capacity(raw.len() + 1);
        text.push_str(&title);
        let title_range = 0..text.len();
        let mut paragraphs: Vec<Range<usize>> = Vec::new();
        let mut kinds = Vec::new();
        let mut source = None;
        let mut previous: Option<&str> = None;
        for line in lines {
            if previous == Some(line) {
                continue;
            }
            previous = Some(line);
            if source.is_none() {
                source = source_of(line);
            }
            text.push('\n');
            let start = text.len();
            text.push_str(line);
            paragraphs.push(start..text.len());
            kinds.push(paragraph_kind(line));
        }
        Article {
            path: path.into(),
            title,
            source,
            date: None,
            published: None,
            url: None,
            text,
            title_range,
            paragraphs,
            kinds,
            extra: Extra::default(),
        }
    }

    /// An article of a title and blocks of known kinds, kept as they are
    /// (identical consecutive paragraphs included). A block's newlines
    /// become spaces, and empty blocks are left out.
    pub fn from_blocks<'a>(
        path: impl Into<String>,
        title: &str,
        blocks: impl IntoIterator<Item = (BlockKind, &'a str)>,
    ) -> Article {
        let one_line = |t: &str| -> String { t.replace(['\n', '\r', '\u{2029}', '\u{2028}'], " ") };
        let title = one_line(title).trim().to_string();
        let mut text = title.clone();
        let title_range = 0..text.len();
        let mut paragraphs = Vec::new();
        let mut kinds = Vec::new();
        for (kind, t) in blocks {
            let t = one_line(t);
            let t = if kind == BlockKind::Pre {
                t.trim_end()
            } else {
                t.trim()
            };
            if t.is_empty() {
                continue;
            }
            text.push('\n');
            let start = text.len();
            text.push_str(t);
            paragraphs.push(start..text.len());
            kinds.push(kind);
        }
        Article {
            path: path.into(),
            title,
            source: None,
            date: None,
            published: None,
            url: None,
            text,
            title_range,
            paragraphs,
            kinds,
            extra: Extra::default(),
        }
    }

    /// The article of a page: its blocks, then its links as a numbered
    /// list, with what the page says of it.
    pub fn from_page(path: impl Into<String>, page: &crate::corpus::extract::Page) -> Article {
        let refs: Vec<String> = numbered_links(&page.links);
        let mut a = Article::from_blocks(
            path,
            page.title.as_deref().unwrap_or(""),
            page.blocks
                .iter()
                .map(|b| (b.kind, b.text.as_str()))
                .chain(refs.iter().map(|r| (BlockKind::LinkRef, r.as_str()))),
        );
        a.source = page.site.clone();
        a.date = page.date.clone();
        a.published = page.published;
        a.url = page.link.clone();
        a.extra.author = page.byline.clone();
        a.extra.image = page.image.clone();
        a.extra.lang = page.lang.clone();
        a
    }

    /// The numbered links of its list (`[n] address` blocks), in order.
    pub fn links(&self) -> Vec<String> {
        self.paragraphs
            .iter()
            .zip(&self.kinds)
            .filter(|(_, k)| **k == BlockKind::LinkRef)
            .filter_map(|(r, _)| {
                let t = &self.text[r.clone()];
                let (_, url) = t.split_once("] ")?;
                Some(url.trim().to_string())
            })
            .collect()
    }

    /// A digest of the title and text (xxh3, 128 bits, hex): two articles
    /// with the same words have the same hash, whatever their source.
    pub fn content_hash(&self) -> String {
        let mut h = xxhash_rust::xxh3::Xxh3::new();
        h.update(self.title.as_bytes());
        h.update(&[0]);
        h.update(self.text.as_bytes());
        format!("{:032x}", h.digest128())
    }

    /// What read state is kept under: the article's link when it has one,
    /// else its content hash.
    pub fn key(&self) -> String {
        match &self.url {
            Some(u) if !u.is_empty() => u.clone(),
            _ => format!("hash:{}", self.content_hash()),
        }
    }

    /// The paragraphs' text, in order.
    pub fn paragraph_texts(&self) -> impl Iterator<Item = &str> {
        self.paragraphs.iter().map(|r| &self.text[r.clone()])
    }

    /// The body: everything after the title line.
    pub fn body(&self) -> &str {
        match self.paragraphs.first() {
            Some(r) => &self.text[r.start..],
            None => "",
        }
    }

    /// Number of words in title and body.
    pub fn word_count(&self) -> usize {
        let words = |t: &str| {
            t.split_whitespace()
                .filter(|w| w.chars().any(char::is_alphanumeric))
                .count()
        };
        if !self.kinds.contains(&BlockKind::LinkRef) {
            return words(&self.text);
        }
        // the list of links is no part of the article's words
        words(&self.title)
            + self
                .paragraphs
                .iter()
                .zip(&self.kinds)
                .filter(|(_, k)| **k != BlockKind::LinkRef)
                .map(|(r, _)| words(&self.text[r.clone()]))
                .sum::<usize>()
    }

    /// A one-line summary of what is known: source, date, word count.
    pub fn meta_line(&self) -> String {
        let mut parts = Vec::new();
        if let Some(s) = &self.source {
            parts.push(s.clone());
        }
        if let Some(a) = &self.extra.author {
            parts.push(a.clone());
        }
        if let Some(d) = &self.date {
            parts.push(d.clone());
        }
        for e in &self.extra.enclosures {
            parts.push(e.describe());
        }
        parts.push(arabic_word_count(self.word_count()));
        parts.join(" · ")
    }

    /// The blocks to lay out: the title, optionally a meta line (whose text
    /// the caller owns), then each paragraph with its kind.
    pub fn blocks<'a>(&'a self, meta: Option<&'a str>) -> Vec<Block<'a>> {
        (0..self.block_count(meta.is_some()))
            .filter_map(|i| self.block(meta, i))
            .collect()
    }

    /// How many blocks [`Article::blocks`] gives.
    pub fn block_count(&self, with_meta: bool) -> usize {
        1 + with_meta as usize + self.paragraphs.len()
    }

    /// Block `index` of [`Article::blocks`], without making the others.
    /// Each takes its direction from its words, else the article's.
    pub fn block<'a>(&'a self, meta: Option<&'a str>, index: usize) -> Option<Block<'a>> {
        let first_paragraph = 1 + meta.is_some() as usize;
        let (text, offset, kind) = if index == 0 {
            (self.title.as_str(), 0, BlockKind::Title)
        } else if let (Some(m), 1) = (meta, index) {
            (m, usize::MAX / 2, BlockKind::Meta)
        } else {
            let i = index - first_paragraph;
            let r = self.paragraphs.get(i)?;
            let t = &self.text[r.clone()];
            let kind = self
                .kinds
                .get(i)
                .copied()
                .unwrap_or_else(|| paragraph_kind(t));
            (t, r.start, kind)
        };
        Some(Block {
            text,
            offset,
            kind,
            direction: Some(direction::estimate(text).unwrap_or_else(|| self.direction())),
        })
    }

    /// The article's direction: its words' (a mark put there from an HTML
    /// or front matter `dir`, or a feed's language, counts), else left to
    /// right.
    pub fn direction(&self) -> Direction {
        direction::estimate(&self.text).unwrap_or(Direction::Ltr)
    }
}

/// `[1] address`, `[2] address`...: the list of links at an article's end.
pub fn numbered_links(links: &[String]) -> Vec<String> {
    links
        .iter()
        .enumerate()
        .map(|(i, l)| format!("[{}] {}", i + 1, l.replace(char::is_whitespace, "%20")))
        .collect()
}

/// "n words" in Arabic, with the noun in the form the number takes.
pub fn arabic_word_count(n: usize) -> String {
    match n {
        1 => "كلمة واحدة".to_string(),
        2 => "كلمتان".to_string(),
        3..=10 => format!("{n} كلمات"),
        _ => format!("{n} كلمة"),
    }
}

/// The source named by a line `المصدر : X`, if it is one.
fn source_of(line: &str) -> Option<String> {
    let rest = line.strip_prefix(SOURCE_PREFIX)?;
    let rest = rest.trim_start().strip_prefix([':', '：'])?.trim();
    (!rest.is_empty()).then(|| rest.to_string())
}

/// Captions end with a short credit in brackets ("(رويترز)", "(AP Photo/...)");
/// headings are short lines with no final punctuation.
pub fn paragraph_kind(t: &str) -> BlockKind {
    let t = t.trim();
    if source_of(t).is_some() {
        return BlockKind::Caption;
    }
    if let Some(inner) = t
        .strip_suffix(')')
        .and_then(|s| s.rsplit_once('('))
        .map(|(_, c)| c)
    {
        let words = inner.split_whitespace().count();
        if (1..=4).contains(&words) && !inner.chars().any(|c| c.is_ascii_digit()) {
            let lower = inner.to_lowercase();
            let credit = lower.contains("photo")
                || lower.contains("ap")
                || lower.contains("reuters")
                || lower.contains("afp")
                || [
                    "رويترز",
                    "الأوروبية",
                    "الفرنسية",
                    "أسوشيتد",
                    "غيتي",
                    "الجزيرة",
                    "الأناضول",
                ]
                .iter()
                .any(|a| inner.contains(a));
            if credit {
                return BlockKind::Caption;
            }
        }
    }
    let last = t.chars().last().unwrap_or('.');
    if t.len() <= 240
        && t.chars().count() <= 60
        && t.split_whitespace().count() <= 6
        && !".!?؟:،,;؛\"»)…".contains(last)
    {
        return BlockKind::Heading;
    }
    BlockKind::Paragraph
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_paragraphs_source_and_duplicates() {
        let a = Article::from_plain_text(
            "x.txt",
            "\n  عنوان الخبر \n\nفقرة أولى.\nتعليق (رويترز)\nتعليق (رويترز)\n\nالمصدر : وكالات",
        );
        assert_eq!(a.title, "عنوان الخبر");
        assert_eq!(
            a.paragraph_texts().collect::<Vec<_>>(),
            ["فقرة أولى.", "تعليق (رويترز)", "المصدر : وكالات"]
        );
        assert_eq!(a.source.as_deref(), Some("وكالات"));
        assert_eq!(&a.text[a.title_range.clone()], "عنوان الخبر");
    }

    #[test]
    fn kinds() {
        assert_eq!(
            paragraph_kind("أوباما (يمين) وكاميرون اتفقا (رويترز)"),
            BlockKind::Caption
        );
        assert_eq!(
            paragraph_kind("Obama and Cameron. (AP Photo/Carolyn Kaster)"),
            BlockKind::Caption
        );
        assert_eq!(paragraph_kind("إيران وروسيا"), BlockKind::Heading);
        assert_eq!(
            paragraph_kind("وقال أوباما إن الاتفاق ممكن."),
            BlockKind::Paragraph
        );
        assert_eq!(
            paragraph_kind("حق النقض (الفيتو) في هذه الحالة."),
            BlockKind::Paragraph
        );
    }

    #[test]
    fn empty_input() {
        let a = Article::from_plain_text("e.txt", "");
        assert_eq!(a.title, "");
        assert!(a.paragraphs.is_empty());
        assert_eq!(a.body(), "");
    }
}
