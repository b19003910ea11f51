//! One paragraph through the engine: bidi levels, shaping, clusters, lines,
//! and the visual order of a line.

use std::ops::Range;

use unicode_bidi::{BidiClass, Level};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::bidi;
use super::graphemes::Boundaries;
use super::safety::{Drawn, drawn};
use super::shape::shape;
use super::wrap::wrap_clusters;

/// The base drawn under a mark that has no letter before it.
const DOTTED_CIRCLE: char = '\u{25CC}';

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
        let n = text.len();
        let mut chars = Vec::with_capacity(n / 2 + 1);
        let mut offsets = Vec::with_capacity(n / 2 + 1);
        for (i, c) in text.char_indices() {
            chars.push(c);
            offsets.push(i as u32);
        }
        let bidi::Levels {
            base,
            levels,
            classes,
        } = bidi::resolve(text, &chars, direction);
        let base = Level::new(base).unwrap_or(Level::ltr());
        let shaped_chars = shape(&chars, &levels);

        let mut shaped = String::with_capacity(n + n / 2);
        let mut clusters: Vec<Cluster> = Vec::with_capacity(chars.len() + 1);
        let mut boundaries = Boundaries::new(text);
        let mut prev = None;
        // Width of the current cluster, summed per character while every
        // character is simple (see `simple_width`); otherwise measured whole.
        let mut width: Option<usize> = Some(0);
        for (ci, &c) in chars.iter().enumerate() {
            let off = offsets[ci] as usize;
            let at_boundary = boundaries.before(prev, c, off);
            prev = Some(c);
            let shaped_c = shaped_chars[ci];
            let level_change = clusters.last().is_some_and(|l| l.level != levels[ci]);
            if shaped_c.is_some() && (at_boundary || level_change) || clusters.is_empty() {
                if let Some(last) = clusters.last_mut() {
                    finish_width(last, width, &shaped);
                }
                width = Some(0);
                clusters.push(Cluster {
                    src: off as u32,
                    out: shaped.len() as u32,
                    width: 0,
                    level: levels[ci],
                    class: classes[ci],
                });
            }
            let out = match drawn(c) {
                Drawn::Itself => shaped_c,
                Drawn::Hidden => None,
                Drawn::Replaced(r) => Some(r),
            };
            // A mark with no letter to sit on (at the start of the text) is
            // drawn on a dotted circle, as fonts do, instead of vanishing.
            if out.is_some()
                && classes[ci] == BidiClass::NSM
                && clusters
                    .last()
                    .is_some_and(|l| l.out as usize == shaped.len())
            {
                shaped.push(DOTTED_CIRCLE);
                width = None;
            }
            if let Some(o) = out {
                shaped.push(o);
                width = width.and_then(|w| simple_width(o).map(|x| w + x));
            }
        }
        if let Some(last) = clusters.last_mut() {
            finish_width(last, width, &shaped);
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
    #[inline]
    pub fn cluster_src(&self, i: usize) -> Range<usize> {
        self.clusters[i].src as usize..self.clusters[i + 1].src as usize
    }

    /// Shaped text of cluster `i` (empty for characters that are not drawn).
    #[inline]
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

    #[inline]
    fn is_space(&self, i: usize) -> bool {
        let t = self.cluster_text(i);
        t.is_empty()
            || matches!(
                self.clusters[i].class,
                BidiClass::WS | BidiClass::S | BidiClass::B
            ) && t.chars().all(char::is_whitespace)
    }

    /// Break the paragraph into lines of at most `width` columns, as cluster
    /// ranges in logical order. A line keeps its trailing spaces (they hang
    /// past the width and are not drawn).
    pub fn wrap(&self, width: usize) -> Vec<Range<usize>> {
        self.wrap_by(width, |i| self.clusters[i].width)
    }

    /// [`Paragraph::wrap`] for lines drawn in logical order
    /// ([`Paragraph::logical_line`]): a cluster is as wide as its characters
    /// unshaped (لا is two characters to a terminal that shapes it).
    pub fn wrap_logical(&self, width: usize) -> Vec<Range<usize>> {
        self.wrap_by(width, |i| self.logical_width(i) as u16)
    }

    /// Columns of cluster `i` drawn unshaped, in logical order.
    fn logical_width(&self, i: usize) -> usize {
        self.text[self.cluster_src(i)]
            .chars()
            .map(|c| match drawn(c) {
                Drawn::Itself => c.width().unwrap_or(0),
                Drawn::Hidden => 0,
                Drawn::Replaced(r) => r.width().unwrap_or(0),
            })
            .sum()
    }

    fn wrap_by(&self, width: usize, cluster_width: impl Fn(usize) -> u16) -> Vec<Range<usize>> {
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
        wrap_clusters(
            n,
            cluster_width,
            |i| self.is_space(i),
            &breaks,
            width.max(1),
        )
    }

    /// The visual order of `line` (a cluster range), left to right: each
    /// cluster index with whether it ends at a right-to-left level. Levels
    /// come from the whole paragraph; rule L1 resets trailing whitespace to
    /// the paragraph level and L2 reverses runs, cluster by cluster.
    pub fn visual_order(&self, line: Range<usize>) -> Vec<(usize, bool)> {
        let base = self.base.number();
        let mut levels: Vec<u8> = Vec::with_capacity(line.len());
        let mut prev = base;
        let mut reset_from: Option<usize> = Some(0);
        for (k, i) in line.clone().enumerate() {
            let c = &self.clusters[i];
            let mut level = c.level;
            match c.class {
                BidiClass::B | BidiClass::S => {
                    let from = reset_from.unwrap_or(k);
                    levels[from..].fill(base);
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
            levels[from..].fill(base);
        }
        let mut order: Vec<(usize, bool)> =
            line.zip(&levels).map(|(i, &l)| (i, l % 2 == 1)).collect();
        let max = levels.iter().copied().max().unwrap_or(0);
        let lowest_odd = levels.iter().copied().min().unwrap_or(0) | 1;
        // L2: from the highest level down to the lowest odd level, reverse
        // every maximal run at that level or higher.
        for level in (lowest_odd..=max).rev() {
            let mut k = 0;
            while k < levels.len() {
                if levels[k] < level {
                    k += 1;
                    continue;
                }
                let start = k;
                while k < levels.len() && levels[k] >= level {
                    k += 1;
                }
                order[start..k].reverse();
            }
        }
        order
    }

    /// Draw `line` (a cluster range from [`Paragraph::wrap`]): trailing spaces
    /// dropped, runs reordered by cluster, brackets mirrored at odd levels,
    /// characters that are not drawn left out.
    pub fn visual_line(&self, line: Range<usize>) -> VisualText {
        self.visual_line_within(line, usize::MAX)
    }

    /// `line` in logical order, unshaped and not reordered (characters that
    /// must not reach a terminal still replaced or left out): for terminals
    /// that apply their own bidi algorithm and shaping.
    pub fn logical_line(&self, line: Range<usize>, max: usize) -> VisualText {
        let mut end = line.end;
        while end > line.start && self.is_space(end - 1) {
            end -= 1;
        }
        let mut v = VisualText::default();
        for i in line.start..end {
            let src = self.cluster_src(i);
            let start = v.text.len();
            for c in self.text[src.clone()].chars() {
                match drawn(c) {
                    Drawn::Itself => v.text.push(c),
                    Drawn::Hidden => {}
                    Drawn::Replaced(r) => v.text.push(r),
                }
            }
            if v.text.len() == start {
                continue;
            }
            let mut w = self.logical_width(i);
            if w > max {
                v.text.truncate(start);
                v.text.push('…');
                w = 1;
            }
            v.cells.push(CellRun {
                text: start..v.text.len(),
                src,
                col: v.width,
                width: w,
            });
            v.width += w;
        }
        v
    }

    /// Like [`Paragraph::visual_line`], for a line at most `max` columns wide:
    /// a cluster wider than `max` (a wide character at width 1) is drawn as `…`.
    pub fn visual_line_within(&self, line: Range<usize>, max: usize) -> VisualText {
        let mut v = VisualText {
            text: String::with_capacity(self.shaped_len(line.clone()) + 4),
            width: 0,
            cells: Vec::with_capacity(line.len()),
        };
        v.width = self.draw_line(line, max, &mut v.text, |cell| v.cells.push(cell));
        v
    }

    /// Append the visual text of `line` to `out` and report each drawn
    /// cluster to `cell`; returns the width drawn. The engine's one drawing
    /// loop, shared by [`Paragraph::visual_line`] and the streaming renderer.
    pub fn draw_line(
        &self,
        line: Range<usize>,
        max: usize,
        out: &mut String,
        mut cell: impl FnMut(CellRun),
    ) -> usize {
        let mut end = line.end;
        while end > line.start && self.is_space(end - 1) {
            end -= 1;
        }
        let mut width = 0;
        for (i, rtl) in self.visual_order(line.start..end) {
            let t = self.cluster_text(i);
            if t.is_empty() {
                continue;
            }
            let start = out.len();
            let mut w = self.clusters[i].width as usize;
            if w > max {
                out.push('…');
                w = 1;
            } else {
                let mut chars = t.chars();
                let first = chars.next().unwrap_or(' ');
                match if rtl { mirror(first) } else { None } {
                    Some(m) => {
                        out.push(m);
                        out.push_str(chars.as_str());
                    }
                    None => out.push_str(t),
                }
            }
            cell(CellRun {
                text: start..out.len(),
                src: self.cluster_src(i),
                col: width,
                width: w,
            });
            width += w;
        }
        width
    }

    fn shaped_len(&self, line: Range<usize>) -> usize {
        (self.clusters[line.end].out - self.clusters[line.start].out) as usize
    }
}

/// The width of characters that are measured alone (printable ASCII,
/// Arabic letters and marks, presentation forms); `None` for the rest,
/// whose clusters are measured whole (emoji sequences, for example).
#[inline]
fn simple_width(c: char) -> Option<usize> {
    match c as u32 {
        0x20..=0x7E
        | 0x0621..=0x064A
        | 0x0660..=0x066F
        | 0x0671..=0x06D3
        | 0xFB50..=0xFDFF
        | 0xFE80..=0xFEFC => Some(1),
        0x064B..=0x065F | 0x0670 => Some(0),
        _ => None,
    }
}

#[inline]
fn finish_width(c: &mut Cluster, summed: Option<usize>, shaped: &str) {
    let w = match summed {
        Some(w) => w,
        None => shaped[c.out as usize..].width(),
    };
    c.width = w.min(u16::MAX as usize) as u16;
}

/// The mirrored glyph of `c` (rule L4), skipping the lookup for letters of
/// scripts that have no mirrored characters.
#[inline]
fn mirror(c: char) -> Option<char> {
    let u = c as u32;
    let may_mirror = match u {
        0..=0xFF => matches!(c, '(' | ')' | '<' | '>' | '[' | ']' | '{' | '}' | '«' | '»'),
        0x0590..=0x08FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF => false,
        _ => true,
    };
    if may_mirror {
        unicode_bidi_mirroring::get_mirrored(c)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn visual(s: &str) -> String {
        let p = Paragraph::new(s, None);
        p.visual_line(0..p.len()).text
    }

    #[test]
    fn a_leading_mark_sits_on_a_dotted_circle() {
        assert_eq!(visual("\u{064E}ب"), "\u{FE8F}\u{25CC}\u{064E}");
    }

    #[test]
    fn percent_after_arabic_is_shown_as_fribidi_does() {
        // rule W2 makes "50%" after Arabic read "%50": not a bug
        assert_eq!(
            visual("أقل من 50%"),
            "%50 \u{FEE6}\u{FEE3} \u{FEDE}\u{FED7}\u{FE83}"
        );
    }

    #[test]
    fn brackets_mirror_at_odd_levels() {
        assert_eq!(visual("(ب)"), "(\u{FE8F})");
        assert_eq!(visual("ب [ج]"), "[\u{FE9D}] \u{FE8F}");
    }

    #[test]
    fn lines_keep_logical_ranges() {
        let p = Paragraph::new("سلام abc", None);
        let v = p.visual_line(0..p.len());
        // "abc" is drawn left, then the Arabic word
        assert_eq!(v.cells[0].src, 9..10);
        assert_eq!(&p.text()[v.cells[0].src.clone()], "a");
        assert_eq!(v.width, 7, "لا is one cell");
    }
}
