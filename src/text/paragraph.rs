//! One paragraph through the engine: bidi levels, shaping, clusters, lines,
//! and the visual order of a line.

use std::ops::Range;

use unicode_bidi::{BidiClass, BidiInfo, Level, ParagraphBidiInfo};
use unicode_segmentation::GraphemeCursor;
use unicode_width::UnicodeWidthStr;

use super::safety::{Drawn, drawn};
use super::shape::shape;
use super::wrap::wrap_clusters;

/// A paragraph's base direction.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Direction {
    Ltr,
    Rtl,
}

/// The smallest unit that is reordered and drawn: a grapheme cluster after
/// shaping (a base letter with its marks, or a lam-alef ligature).
///
/// Clusters tile the paragraph: the logical range of cluster `i` runs from its
/// `src` to the `src` of cluster `i + 1`, and likewise for its shaped text.
#[derive(Clone, Copy, Debug)]
pub struct Cluster {
    /// Start of its logical byte range in the paragraph text.
    pub src: u32,
    /// Start of its shaped text in the paragraph's shaped buffer.
    pub out: u32,
    /// Width in terminal columns of its shaped text.
    pub width: u16,
    /// Resolved bidi embedding level (before line rules).
    pub level: u8,
    /// Bidi class of its first character.
    class: BidiClass,
}

/// A paragraph analysed once, ready to be wrapped at any width.
pub struct Paragraph<'a> {
    text: &'a str,
    base: Level,
    shaped: String,
    /// Clusters in logical order, plus one sentinel at the end.
    clusters: Vec<Cluster>,
}

/// One line in visual (left-to-right screen) order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct VisualText {
    /// What the terminal draws, left to right.
    pub text: String,
    /// Its width in columns.
    pub width: usize,
    /// The drawn clusters, left to right: where each is in `text`, which
    /// logical bytes of the paragraph it shows, and its column.
    pub cells: Vec<CellRun>,
}

/// One drawn cluster of a [`VisualText`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CellRun {
    pub text: Range<usize>,
    pub src: Range<usize>,
    pub col: usize,
    pub width: usize,
}

impl<'a> Paragraph<'a> {
    /// Analyse `text` (one paragraph, no newlines expected). `direction`
    /// forces the base direction; `None` takes it from the first strong
    /// character (rules P2, P3), left-to-right when there is none.
    pub fn new(text: &'a str, direction: Option<Direction>) -> Self {
        let level = direction.map(|d| match d {
            Direction::Ltr => Level::ltr(),
            Direction::Rtl => Level::rtl(),
        });
        let info = ParagraphBidiInfo::new(text, level);
        let base = info.paragraph_level;

        let n = text.len();
        let mut chars = Vec::with_capacity(n / 2 + 1);
        let mut offsets = Vec::with_capacity(n / 2 + 1);
        let mut levels = Vec::with_capacity(n / 2 + 1);
        for (i, c) in text.char_indices() {
            chars.push(c);
            offsets.push(i as u32);
            levels.push(info.levels[i].number());
        }
        let shaped_chars = shape(&chars, &levels);

        let mut shaped = String::with_capacity(n + n / 2);
        let mut clusters: Vec<Cluster> = Vec::with_capacity(chars.len() + 1);
        let mut cursor = GraphemeCursor::new(0, n, true);
        let mut next_boundary = 0usize;
        for (ci, &c) in chars.iter().enumerate() {
            let off = offsets[ci] as usize;
            let at_boundary = if off == next_boundary {
                next_boundary = cursor.next_boundary(text, 0).ok().flatten().unwrap_or(n);
                true
            } else {
                false
            };
            let shaped_c = shaped_chars[ci];
            let level_change = clusters.last().is_some_and(|l| l.level != levels[ci]);
            if shaped_c.is_some() && (at_boundary || level_change) || clusters.is_empty() {
                if let Some(last) = clusters.last_mut() {
                    finish_width(last, &shaped);
                }
                clusters.push(Cluster {
                    src: off as u32,
                    out: shaped.len() as u32,
                    width: 0,
                    level: levels[ci],
                    class: info.original_classes[off],
                });
            }
            match drawn(c) {
                Drawn::Itself => {
                    if let Some(s) = shaped_c {
                        shaped.push(s);
                    }
                }
                Drawn::Hidden => {}
                Drawn::Replaced(r) => shaped.push(r),
            }
        }
        if let Some(last) = clusters.last_mut() {
            finish_width(last, &shaped);
        }
        clusters.push(Cluster {
            src: n as u32,
            out: shaped.len() as u32,
            width: 0,
            level: base.number(),
            class: BidiClass::B,
        });
        Paragraph {
            text,
            base,
            shaped,
            clusters,
        }
    }

    /// The paragraph text this was built from.
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// The resolved base direction.
    pub fn direction(&self) -> Direction {
        if self.base.is_rtl() {
            Direction::Rtl
        } else {
            Direction::Ltr
        }
    }

    /// Number of clusters.
    pub fn len(&self) -> usize {
        self.clusters.len() - 1
    }

    /// True when the paragraph has no text.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The clusters in logical order.
    pub fn clusters(&self) -> &[Cluster] {
        &self.clusters[..self.len()]
    }

    /// Logical byte range of cluster `i`.
    pub fn cluster_src(&self, i: usize) -> Range<usize> {
        self.clusters[i].src as usize..self.clusters[i + 1].src as usize
    }

    /// Shaped text of cluster `i` (empty for characters that are not drawn).
    pub fn cluster_text(&self, i: usize) -> &str {
        &self.shaped[self.clusters[i].out as usize..self.clusters[i + 1].out as usize]
    }

    /// The whole paragraph shaped, in logical order.
    pub fn shaped(&self) -> &str {
        &self.shaped
    }

    /// Total width in columns.
    pub fn width(&self) -> usize {
        self.clusters().iter().map(|c| c.width as usize).sum()
    }

    fn is_space(&self, i: usize) -> bool {
        matches!(
            self.clusters[i].class,
            BidiClass::WS | BidiClass::S | BidiClass::B
        ) || self.clusters[i].width == 0 && self.cluster_text(i).is_empty()
    }

    /// Break the paragraph into lines of at most `width` columns, as cluster
    /// ranges in logical order. A line keeps its trailing spaces (they hang
    /// past the width and are not drawn).
    pub fn wrap(&self, width: usize) -> Vec<Range<usize>> {
        let n = self.len();
        if n == 0 {
            return std::iter::once(0..0).collect();
        }
        // Break opportunities (UAX #14) that fall on cluster boundaries.
        let mut breaks = Vec::new();
        let mut ci = 0usize;
        for (pos, opp) in unicode_linebreak::linebreaks(self.text) {
            while ci < n && (self.clusters[ci].src as usize) < pos {
                ci += 1;
            }
            if ci < n && self.clusters[ci].src as usize == pos && ci > 0 {
                breaks.push((ci, opp == unicode_linebreak::BreakOpportunity::Mandatory));
            }
        }
        let widths: Vec<u16> = self.clusters().iter().map(|c| c.width).collect();
        let spaces: Vec<bool> = (0..n).map(|i| self.is_space(i)).collect();
        wrap_clusters(&widths, &spaces, &breaks, width.max(1))
    }

    /// The visual order of `line` (a cluster range), left to right: each
    /// cluster index with whether it ends at a right-to-left level. Levels come from the whole paragraph; rule L1 resets
    /// trailing whitespace to the paragraph level and L2 reverses runs.
    pub fn visual_order(&self, line: Range<usize>) -> Vec<(usize, bool)> {
        let base = self.base;
        let mut levels: Vec<Level> = Vec::with_capacity(line.len());
        let mut prev = base;
        let mut reset_from: Option<usize> = Some(0);
        for (k, i) in line.clone().enumerate() {
            let c = &self.clusters[i];
            let mut level = Level::new(c.level).unwrap_or(base);
            match c.class {
                BidiClass::B | BidiClass::S => {
                    let from = reset_from.unwrap_or(k);
                    for l in &mut levels[from..] {
                        *l = base;
                    }
                    level = base;
                    reset_from = None;
                }
                BidiClass::WS
                | BidiClass::FSI
                | BidiClass::LRI
                | BidiClass::RLI
                | BidiClass::PDI => {
                    reset_from.get_or_insert(k);
                }
                BidiClass::RLE
                | BidiClass::LRE
                | BidiClass::RLO
                | BidiClass::LRO
                | BidiClass::PDF
                | BidiClass::BN => {
                    reset_from.get_or_insert(k);
                    level = prev;
                }
                _ => reset_from = None,
            }
            levels.push(level);
            prev = level;
        }
        if let Some(from) = reset_from {
            for l in &mut levels[from..] {
                *l = base;
            }
        }
        if levels.iter().all(|l| l.is_ltr()) {
            return line.map(|i| (i, false)).collect();
        }
        BidiInfo::reorder_visual(&levels)
            .into_iter()
            .map(|k| (line.start + k, levels[k].is_rtl()))
            .collect()
    }

    /// Draw `line` (a cluster range from [`Paragraph::wrap`]): trailing spaces
    /// dropped, runs reordered by cluster, brackets mirrored at odd levels,
    /// characters that are not drawn left out.
    pub fn visual_line(&self, line: Range<usize>) -> VisualText {
        let mut end = line.end;
        while end > line.start && self.is_space(end - 1) {
            end -= 1;
        }
        let order = self.visual_order(line.start..end);
        let mut v = VisualText {
            text: String::with_capacity(self.shaped_len(line.start..end) + 4),
            width: 0,
            cells: Vec::with_capacity(order.len()),
        };
        for (i, rtl) in order {
            let t = self.cluster_text(i);
            if t.is_empty() {
                continue;
            }
            let start = v.text.len();
            let mut chars = t.chars();
            let first = chars.next().unwrap_or(' ');
            let mirrored = if rtl {
                unicode_bidi_mirroring::get_mirrored(first)
            } else {
                None
            };
            match mirrored {
                Some(m) => {
                    v.text.push(m);
                    v.text.push_str(chars.as_str());
                }
                None => v.text.push_str(t),
            }
            let w = self.clusters[i].width as usize;
            v.cells.push(CellRun {
                text: start..v.text.len(),
                src: self.cluster_src(i),
                col: v.width,
                width: w,
            });
            v.width += w;
        }
        v
    }

    fn shaped_len(&self, line: Range<usize>) -> usize {
        (self.clusters[line.end].out - self.clusters[line.start].out) as usize
    }
}

fn finish_width(c: &mut Cluster, shaped: &str) {
    let s = &shaped[c.out as usize..];
    c.width = s.width().min(u16::MAX as usize) as u16;
}
