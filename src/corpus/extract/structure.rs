//! An article's HTML as blocks that keep their shape: paragraphs, headings,
//! list items (with their `•` or number), quotes, preformatted lines, table
//! rows (cells separated by ` │ `), images (`[image: alt text]`) and
//! captions. Every link is numbered (`[3]` after its text, the same number
//! for the same address) for the list of links at the end; an image's
//! address is one of them. Scripts, styles, forms' controls and embedded
//! objects give nothing.
//!
//! The walk is iterative (no recursion, whatever the depth) and linear in
//! the document's size.

use std::collections::HashMap;
use std::ops::Range;

use ego_tree::iter::Edge;
use scraper::{ElementRef, Html, Node};

use crate::text::{BlockKind, Direction, direction};

/// One block of an article as a page gives it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PageBlock {
    pub kind: BlockKind,
    /// One line: never a newline in it.
    pub text: String,
    /// Where the link numbers (`[3]`) khabar added are in `text`.
    pub marks: Vec<Range<usize>>,
    /// Bytes of `text` that are the text of links (how much of it is
    /// navigation).
    pub linked: usize,
    /// Bytes at the start of `text` that khabar wrote: a list item's
    /// marker and indent (`• `, `  2. `), a direction mark.
    pub prefix: usize,
}

impl PageBlock {
    /// The text without the link numbers khabar added.
    pub fn plain(&self) -> String {
        let mut out = String::with_capacity(self.text.len());
        let skip = self.prefix.min(self.text.len());
        let mut at = skip;
        for m in self.marks.iter().filter(|m| m.start >= skip) {
            out.push_str(&self.text[at..m.start]);
            at = m.end;
        }
        out.push_str(&self.text[at..]);
        out
    }
}

/// An image of the article: its address and its alternative text.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Image {
    pub src: String,
    pub alt: String,
}

/// The blocks of some HTML, and the links and images they number.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Structure {
    pub blocks: Vec<PageBlock>,
    /// The links, in the order of their numbers (`[1]` is the first).
    pub links: Vec<String>,
    pub images: Vec<Image>,
}

/// Elements whose content is no text of the article.
const SKIP: &[&str] = &[
    "script", "style", "noscript", "template", "head", "title", "iframe", "object", "embed", "svg",
    "canvas", "button", "input", "select", "textarea", "option", "optgroup", "datalist", "label",
    "meter", "progress", "audio", "video", "map", "frameset", "frame", "applet", "dialog",
];

/// Elements that end the paragraph before them and begin a new one.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "center",
    "dd",
    "details",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "html",
    "legend",
    "li",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "thead",
    "tfoot",
    "tr",
    "td",
    "th",
    "ul",
    "caption",
    "output",
    "br",
];

/// Elements inside a table's cells that make it a layout table (read as
/// containers) rather than a table of data (read as rows).
const NOT_DATA: &[&str] = &[
    "table",
    "p",
    "div",
    "ul",
    "ol",
    "blockquote",
    "pre",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "section",
    "article",
    "figure",
    "dl",
];

/// How many descendants a table may have to be looked at as data.
const TABLE_LOOK: usize = 4000;

/// Blocks of `html` (a fragment or a document). Relative links are made
/// absolute with `base` when it is given. `dir` is the direction of the
/// page, for blocks whose words tell none.
pub fn blocks(html: &str, base: Option<&url::Url>, dir: Option<Direction>) -> Structure {
    let doc = Html::parse_fragment(html);
    let mut w = Walker::new(base, dir);
    w.walk(doc.tree.root());
    w.finish()
}

/// Blocks of the element `root` of a parsed document, leaving out the
/// elements `skip` says are no article.
pub fn blocks_skipping(
    root: ElementRef,
    base: Option<&url::Url>,
    dir: Option<Direction>,
    skip: fn(&ElementRef) -> bool,
) -> Structure {
    let mut w = Walker::new(base, dir);
    w.skip_also = Some(skip);
    w.walk(*root);
    w.finish()
}

/// What an open element asks of its end.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Frame {
    Plain,
    Block,
    Skip,
    Heading,
    Caption,
    Quote,
    Pre,
    List,
    Item,
    /// A link: the text's length when it opened, and how many blocks had
    /// been made then.
    Anchor(usize, usize),
    DataTable,
    Row,
    Cell,
}

struct Walker<'b> {
    base: Option<&'b url::Url>,
    /// Elements also left out, with what they hold.
    skip_also: Option<fn(&ElementRef) -> bool>,
    /// The direction of each element that said one, innermost last (the
    /// page's first).
    dirs: Vec<Direction>,
    text: String,
    marks: Vec<Range<usize>>,
    linked: usize,
    out: Structure,
    link_numbers: HashMap<String, usize>,
    /// Open anchors' addresses.
    hrefs: Vec<Option<String>>,
    skip: usize,
    heading: usize,
    caption: usize,
    quote: usize,
    pre: usize,
    /// The open lists: ordered, and the next item's number.
    lists: Vec<(bool, u32)>,
    /// Items open; the next paragraph is the first of an item (gets its marker).
    items: usize,
    item_fresh: bool,
    /// Data tables open, and the cells of the row being read.
    tables: usize,
    cells: Vec<String>,
}

impl<'b> Walker<'b> {
    fn new(base: Option<&'b url::Url>, dir: Option<Direction>) -> Self {
        Walker {
            base,
            skip_also: None,
            dirs: dir.into_iter().collect(),
            text: String::new(),
            marks: Vec::new(),
            linked: 0,
            out: Structure::default(),
            link_numbers: HashMap::new(),
            hrefs: Vec::new(),
            skip: 0,
            heading: 0,
            caption: 0,
            quote: 0,
            pre: 0,
            lists: Vec::new(),
            items: 0,
            item_fresh: false,
            tables: 0,
            cells: Vec::new(),
        }
    }

    fn finish(mut self) -> Structure {
        self.flush();
        self.out
    }

    fn walk(&mut self, root: ego_tree::NodeRef<Node>) {
        // each open element's frame, and whether it said a direction
        let mut frames: Vec<(Frame, bool)> = Vec::new();
        for edge in root.traverse() {
            match edge {
                Edge::Open(node) => match node.value() {
                    Node::Text(t) if self.skip == 0 => self.push_text(t),
                    Node::Element(_) => {
                        let Some(e) = ElementRef::wrap(node) else {
                            continue;
                        };
                        let f = self.open(e);
                        let dir = (f != Frame::Skip)
                            .then(|| e.value().attr("dir").and_then(direction::of_dir))
                            .flatten();
                        if let Some(d) = dir {
                            self.dirs.push(d);
                        }
                        frames.push((f, dir.is_some()));
                    }
                    _ => {}
                },
                Edge::Close(node) => {
                    if let Some(e) = ElementRef::wrap(node) {
                        let (f, dir) = frames.pop().unwrap_or((Frame::Plain, false));
                        self.close(e, f);
                        if dir {
                            self.dirs.pop();
                        }
                    }
                }
            }
        }
    }

    fn open(&mut self, e: ElementRef) -> Frame {
        let name = e.value().name();
        if self.skip > 0
            || SKIP.contains(&name)
            || hidden(&e)
            || self.skip_also.is_some_and(|f| f(&e))
        {
            self.skip += 1;
            return Frame::Skip;
        }
        let block = BLOCKS.contains(&name);
        if block {
            self.flush();
        }
        match name {
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                self.heading += 1;
                Frame::Heading
            }
            "figcaption" | "caption" => {
                self.caption += 1;
                Frame::Caption
            }
            "blockquote" => {
                self.quote += 1;
                Frame::Quote
            }
            "pre" => {
                self.pre += 1;
                Frame::Pre
            }
            "ul" | "ol" | "menu" | "dir" => {
                let start = e
                    .value()
                    .attr("start")
                    .and_then(|s| s.trim().parse().ok())
                    .unwrap_or(1);
                self.lists.push((name == "ol", start));
                Frame::List
            }
            "li" => {
                self.items += 1;
                self.item_fresh = true;
                Frame::Item
            }
            "a" => {
                let href = e.value().attr("href").and_then(|h| self.resolve(h));
                self.hrefs.push(href);
                Frame::Anchor(self.text.len(), self.out.blocks.len())
            }
            "table" if self.tables == 0 && data_table(&e) => {
                self.tables += 1;
                Frame::DataTable
            }
            "tr" if self.tables > 0 => {
                self.cells.clear();
                Frame::Row
            }
            "td" | "th" if self.tables > 0 => Frame::Cell,
            "img" => {
                self.image(&e);
                Frame::Plain
            }
            "hr" => Frame::Block,
            _ if block => Frame::Block,
            _ => Frame::Plain,
        }
    }

    fn close(&mut self, e: ElementRef, f: Frame) {
        let name = e.value().name();
        match f {
            Frame::Skip => {
                self.skip -= 1;
                return;
            }
            Frame::Anchor(at, made) => {
                let href = self.hrefs.pop().flatten();
                let spans_blocks = self.out.blocks.len() != made;
                let at = if spans_blocks {
                    0
                } else {
                    at.min(self.text.len())
                };
                if let Some(href) = &href
                    && spans_blocks
                    && self.text.trim().is_empty()
                {
                    // a link around whole blocks: its number goes after the
                    // last of them
                    let n = self.number(href.clone());
                    if let Some(last) = self.out.blocks.last_mut()
                        && matches!(
                            last.kind,
                            BlockKind::Paragraph | BlockKind::Heading | BlockKind::ListItem
                        )
                    {
                        let start = last.text.len();
                        last.text.push_str(&format!("[{n}]"));
                        last.marks.push(start..last.text.len());
                        last.linked = last.text.len();
                    }
                } else if let Some(href) = href
                    && self.text[at..].chars().any(|c| !c.is_whitespace())
                {
                    self.linked += self.text.len() - at;
                    let n = self.number(href);
                    let t = self.text.trim_end().len();
                    self.text.truncate(t);
                    let start = self.text.len();
                    self.text.push_str(&format!("[{n}]"));
                    self.marks.push(start..self.text.len());
                }
            }
            Frame::Cell => {
                let cell = clean(&self.text);
                self.text.clear();
                self.marks.clear();
                self.cells.push(cell);
            }
            Frame::Row => {
                self.text.clear();
                self.marks.clear();
                let cells: Vec<String> = std::mem::take(&mut self.cells);
                if cells.iter().any(|c| !c.is_empty()) {
                    let row = cells.join(" \u{2502} ");
                    self.emit(BlockKind::TableRow, row, Vec::new(), 0, 0);
                }
            }
            Frame::DataTable => {
                self.flush();
                self.tables -= 1;
            }
            _ => {}
        }
        if BLOCKS.contains(&name) {
            self.flush();
        }
        match f {
            Frame::Heading => self.heading -= 1,
            Frame::Caption => self.caption -= 1,
            Frame::Quote => self.quote -= 1,
            Frame::Pre => self.pre -= 1,
            Frame::List => {
                self.lists.pop();
            }
            Frame::Item => {
                self.items -= 1;
                self.item_fresh = false;
            }
            _ => {}
        }
    }

    fn push_text(&mut self, t: &str) {
        if self.pre > 0 {
            // lines of a preformatted block are blocks of their own
            let mut lines = t.split('\n');
            if let Some(first) = lines.next() {
                self.text.push_str(&first.replace('\t', "    "));
            }
            for line in lines {
                self.flush_pre_line();
                self.text.push_str(&line.replace('\t', "    "));
            }
            return;
        }
        for c in t.chars() {
            if c.is_whitespace() && c != '\u{a0}' {
                if !self.text.is_empty() && !self.text.ends_with(' ') {
                    self.text.push(' ');
                }
            } else if c == '\u{a0}' {
                if !self.text.ends_with(' ') {
                    self.text.push(' ');
                }
            } else if !c.is_control() || c == '\u{200f}' || c == '\u{200e}' {
                self.text.push(c);
            }
        }
    }

    /// End a line of preformatted text (an empty line gives nothing).
    fn flush_pre_line(&mut self) {
        let line = self.text.trim_end().to_string();
        let marks = std::mem::take(&mut self.marks);
        let linked = std::mem::take(&mut self.linked);
        self.text.clear();
        if line.trim().is_empty() {
            return;
        }
        let marks = marks.into_iter().filter(|m| m.end <= line.len()).collect();
        self.emit(BlockKind::Pre, line, marks, linked, 0);
    }

    /// The address of a link, absolute, when it leads to another page.
    fn resolve(&self, href: &str) -> Option<String> {
        let href = href.trim();
        if href.is_empty() || href.starts_with('#') {
            return None;
        }
        let url = match self.base {
            Some(b) => b.join(href).ok()?,
            None => url::Url::parse(href).ok()?,
        };
        matches!(url.scheme(), "http" | "https").then(|| url.to_string())
    }

    /// The number of a link (the one it has, or the next).
    fn number(&mut self, href: String) -> usize {
        let next = self.out.links.len() + 1;
        *self.link_numbers.entry(href.clone()).or_insert_with(|| {
            self.out.links.push(href);
            next
        })
    }

    fn image(&mut self, e: &ElementRef) {
        let v = e.value();
        let tiny = ["width", "height"]
            .iter()
            .any(|a| v.attr(a).and_then(|w| w.trim().parse::<u32>().ok()) == Some(1));
        let src = ["src", "data-src", "data-original", "data-lazy-src"]
            .iter()
            .filter_map(|a| v.attr(a))
            .chain(
                v.attr("srcset")
                    .and_then(|s| s.split(',').next())
                    .and_then(|s| s.split_whitespace().next()),
            )
            .find(|s| !s.trim().is_empty() && !s.trim_start().starts_with("data:"));
        let Some(src) = src.and_then(|s| self.resolve(s)) else {
            return;
        };
        if tiny {
            return;
        }
        let alt = clean(v.attr("alt").unwrap_or(""));
        self.flush();
        let n = self.number(src.clone());
        let label = if alt.is_empty() {
            "[image]".to_string()
        } else {
            format!("[image: {alt}]")
        };
        let text = format!("{label} [{n}]");
        let mark = label.len() + 1..text.len();
        self.out.images.push(Image { src, alt });
        self.emit(BlockKind::Image, text, vec![mark], 0, 0);
    }

    /// End the paragraph being read, as a block of the kind its place says.
    fn flush(&mut self) {
        if self.pre > 0 {
            self.flush_pre_line();
            return;
        }
        if self.tables > 0 && !self.cells.is_empty() {
            return;
        }
        let marks = std::mem::take(&mut self.marks);
        let linked = std::mem::take(&mut self.linked);
        if !self
            .text
            .chars()
            .any(|c| c.is_alphanumeric() || c.is_ascii_punctuation() || c > '\u{2000}')
        {
            self.text.clear();
            return;
        }
        let raw = std::mem::take(&mut self.text);
        let start = raw.len() - raw.trim_start().len();
        let end = raw.trim_end().len();
        let kind = if self.heading > 0 {
            BlockKind::Heading
        } else if self.caption > 0 {
            BlockKind::Caption
        } else if self.items > 0 {
            BlockKind::ListItem
        } else if self.quote > 0 {
            BlockKind::Quote
        } else {
            BlockKind::Paragraph
        };
        let mut prefix = String::new();
        if kind == BlockKind::ListItem {
            let depth = self.lists.len().max(1);
            prefix.push_str(&"  ".repeat(depth - 1));
            if self.item_fresh {
                match self.lists.last_mut() {
                    Some((true, n)) => {
                        prefix.push_str(&format!("{n}. "));
                        *n += 1;
                    }
                    _ => prefix.push_str(if depth > 1 { "\u{25e6} " } else { "\u{2022} " }),
                }
            } else {
                prefix.push_str("  ");
            }
            self.item_fresh = false;
        }
        let prefix_len = prefix.len();
        let mut text = prefix;
        let shift = text.len() as isize - start as isize;
        text.push_str(&raw[start..end]);
        let marks = marks
            .into_iter()
            .filter(|m| m.start >= start && m.end <= end)
            .map(|m| (m.start as isize + shift) as usize..(m.end as isize + shift) as usize)
            .collect();
        self.emit(kind, text, marks, linked.min(end - start), prefix_len);
    }

    /// Add a block, marked with the direction around it when its words
    /// tell none.
    fn emit(
        &mut self,
        kind: BlockKind,
        text: String,
        marks: Vec<Range<usize>>,
        linked: usize,
        prefix: usize,
    ) {
        let before = text.len();
        // (left to right is every reader's default: only a right-to-left
        // direction needs saying)
        let dir = self.dirs.last().copied().filter(|d| *d == Direction::Rtl);
        let text = direction::marked(text, dir);
        let shift = text.len() - before;
        let marks = marks
            .into_iter()
            .map(|m| m.start + shift..m.end + shift)
            .collect();
        self.out.blocks.push(PageBlock {
            kind,
            text,
            marks,
            linked,
            prefix: prefix + shift,
        });
    }
}

/// Whitespace collapsed, ends trimmed.
pub fn clean(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// An element the page hides (`hidden`, `aria-hidden`, `display: none`).
fn hidden(e: &ElementRef) -> bool {
    let v = e.value();
    v.attr("hidden").is_some()
        || v.attr("aria-hidden") == Some("true") && v.name() != "img"
        || v.attr("style").is_some_and(|s| {
            let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
            let s = s.to_ascii_lowercase();
            s.contains("display:none") || s.contains("visibility:hidden")
        })
}

/// A table of data: rows of cells that hold text, no blocks (else the
/// table only lays out the page).
fn data_table(e: &ElementRef) -> bool {
    let mut rows = 0;
    for (seen, d) in e.descendent_elements().skip(1).enumerate() {
        if seen > TABLE_LOOK {
            return false;
        }
        let name = d.value().name();
        if NOT_DATA.contains(&name) {
            return false;
        }
        rows += (name == "tr") as usize;
    }
    rows > 0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds_and_texts(s: &Structure) -> Vec<(BlockKind, String)> {
        s.blocks.iter().map(|b| (b.kind, b.text.clone())).collect()
    }

    #[test]
    fn structure_is_kept() {
        let base = url::Url::parse("https://news.example/a/b.html").unwrap();
        let html = r#"<div dir="rtl"><h2>العنوان الفرعي</h2>
            <p>قال <a href="/x">الوزير</a> إن <a href="https://other.example/y">الاتفاق</a> مهم.</p>
            <ul><li>أولا</li><li>ثانيا<ol><li>واحد</li><li>اثنان</li></ol></li></ul>
            <blockquote><p>قول مأثور</p></blockquote>
            <pre>fn main() {
    print("x");
}</pre>
            <table><tr><th>البلد</th><th>العدد</th></tr><tr><td>مصر</td><td>12</td></tr></table>
            <figure><img src="/i.jpg" alt="صورة الوزير"><figcaption>الوزير أمس</figcaption></figure>
            <p>نص<br>بعد السطر <a href="/x">مرة أخرى</a></p>
            <form><input value="x"><button>أرسل</button></form><script>var a = "<p>no</p>";</script></div>"#;
        let s = blocks(html, Some(&base), None);
        let got = kinds_and_texts(&s);
        let want: Vec<(BlockKind, &str)> = vec![
            (BlockKind::Heading, "العنوان الفرعي"),
            (BlockKind::Paragraph, "قال الوزير[1] إن الاتفاق[2] مهم."),
            (BlockKind::ListItem, "\u{2022} أولا"),
            (BlockKind::ListItem, "\u{2022} ثانيا"),
            (BlockKind::ListItem, "  1. واحد"),
            (BlockKind::ListItem, "  2. اثنان"),
            (BlockKind::Quote, "قول مأثور"),
            (BlockKind::Pre, "fn main() {"),
            (BlockKind::Pre, "    print(\"x\");"),
            (BlockKind::Pre, "\u{200f}}"),
            (BlockKind::TableRow, "البلد \u{2502} العدد"),
            (BlockKind::TableRow, "مصر \u{2502} 12"),
            (BlockKind::Image, "[image: صورة الوزير] [3]"),
            (BlockKind::Caption, "الوزير أمس"),
            (BlockKind::Paragraph, "نص"),
            (BlockKind::Paragraph, "بعد السطر مرة أخرى[1]"),
        ];
        let want: Vec<(BlockKind, String)> =
            want.into_iter().map(|(k, t)| (k, t.to_string())).collect();
        assert_eq!(got, want);
        assert_eq!(
            s.links,
            [
                "https://news.example/x",
                "https://other.example/y",
                "https://news.example/i.jpg"
            ]
        );
        assert_eq!(s.blocks[1].plain(), "قال الوزير إن الاتفاق مهم.");
        assert_eq!(s.blocks[4].plain(), "واحد");
        assert_eq!(s.images[0].alt, "صورة الوزير");
    }

    #[test]
    fn direction_marks_text_with_no_letters_and_harakat_stay() {
        let s = blocks(
            r#"<div dir="rtl"><p>2024 — 15%</p><p>وَقَالَ الرَّئِيسُ</p></div><p>2025</p>"#,
            None,
            None,
        );
        assert_eq!(s.blocks[0].text, "\u{200f}2024 — 15%");
        assert_eq!(s.blocks[1].text, "وَقَالَ الرَّئِيسُ");
        assert_eq!(s.blocks[2].text, "2025");
    }

    #[test]
    fn layout_tables_are_containers_and_identical_paragraphs_stay() {
        let s = blocks(
            "<table><tr><td><p>فقرة</p><p>فقرة</p></td></tr></table>",
            None,
            None,
        );
        assert_eq!(
            kinds_and_texts(&s),
            [
                (BlockKind::Paragraph, "فقرة".to_string()),
                (BlockKind::Paragraph, "فقرة".to_string())
            ]
        );
    }
}
