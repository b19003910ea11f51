//! An article laid out a piece at a time. Its blocks are cut into pieces
//! (a paragraph longer than [`PIECE_BYTES`] is cut at a space, each piece
//! keeping the whole paragraph's direction), and a piece is laid out only
//! when a line of it is wanted. A position is a [`Place`] (a piece and a
//! line in it), so that scrolling, jumping to the end or to a byte of the
//! text costs what is on screen whatever the article's size. Laid-out pieces
//! are kept in a [`LineCache`] bounded in bytes.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;
use std::sync::Arc;

use super::direction::estimate;
use super::layout::{Block, BlockKind, Order, VisualLine, gap_between, layout_text};
use super::paragraph::{Direction, Paragraph};

/// The most bytes of a paragraph laid out at once.
pub const PIECE_BYTES: usize = 64 * 1024;

/// Part of a block, laid out as a unit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Piece {
    /// Index of its block.
    pub block: usize,
    pub kind: BlockKind,
    /// Its bytes in the block's text.
    pub range: Range<usize>,
    /// The direction of the block it was cut from; `None` for a block laid
    /// out whole, which finds its own.
    pub direction: Option<Direction>,
    /// A blank line comes first (between two blocks).
    pub gap: bool,
}

/// A line of a flow: the piece and the line in it. Places order as the
/// lines do on screen.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Place {
    pub piece: usize,
    pub line: usize,
}

/// An article's blocks cut into pieces.
#[derive(Clone, Debug, Default)]
pub struct Flow {
    pieces: Vec<Piece>,
    /// (article offset of its first byte, piece), sorted: which piece
    /// holds a byte of the text.
    by_offset: Vec<(usize, usize)>,
    /// Bytes of text before each piece (and the total, last).
    before: Vec<usize>,
}

impl Flow {
    /// Cut `blocks` into pieces: a walk over the blocks, and over the bytes
    /// of those longer than a piece.
    pub fn new(blocks: &[Block]) -> Flow {
        let mut pieces = Vec::with_capacity(blocks.len());
        let mut by_offset = Vec::with_capacity(blocks.len());
        let mut before = Vec::with_capacity(blocks.len() + 1);
        let mut total = 0;
        for (i, b) in blocks.iter().enumerate() {
            let ranges = cut(b.text);
            let direction = (ranges.len() > 1).then(|| {
                let first = &b.text[ranges[0].clone()];
                b.direction
                    .or_else(|| estimate(first))
                    .unwrap_or_else(|| Paragraph::new(first, None).direction())
            });
            for (k, range) in ranges.into_iter().enumerate() {
                by_offset.push((b.offset.saturating_add(range.start), pieces.len()));
                before.push(total);
                total += range.len();
                pieces.push(Piece {
                    block: i,
                    kind: b.kind,
                    range,
                    direction,
                    gap: k == 0 && i > 0 && gap_between(blocks[i - 1].kind, b.kind),
                });
            }
        }
        before.push(total);
        by_offset.sort_unstable();
        Flow {
            pieces,
            by_offset,
            before,
        }
    }

    pub fn len(&self) -> usize {
        self.pieces.len()
    }

    pub fn is_empty(&self) -> bool {
        self.pieces.is_empty()
    }

    pub fn piece(&self, i: usize) -> &Piece {
        &self.pieces[i]
    }

    /// Bytes of text in the pieces before piece `i` (`len()` gives all).
    pub fn bytes_before(&self, i: usize) -> usize {
        self.before[i.min(self.pieces.len())]
    }

    /// The piece holding byte `offset` of the article's text (the one
    /// starting last at or before it).
    pub fn piece_at(&self, offset: usize) -> Option<usize> {
        let n = self
            .by_offset
            .partition_point(|&(start, _)| start <= offset);
        let (start, piece) = *self.by_offset.get(n.checked_sub(1)?)?;
        (offset - start <= self.pieces[piece].range.len()).then_some(piece)
    }

    /// Lay out piece `i` of `block` (its block) at `width`.
    pub fn lay_out(&self, i: usize, block: &Block, width: u16, order: Order) -> Vec<VisualLine> {
        let p = &self.pieces[i];
        let mut lines = Vec::new();
        if p.gap {
            lines.push(VisualLine::blank(p.kind));
        }
        let part = Block {
            text: &block.text[p.range.clone()],
            offset: block.offset.saturating_add(p.range.start),
            kind: p.kind,
            direction: block.direction,
        };
        layout_text(&part, p.block, p.direction, width, order, &mut |l| {
            lines.push(l)
        });
        lines
    }
}

/// Where to cut `text` into pieces of at most [`PIECE_BYTES`]: after the
/// last space of the piece's second half, else at the last character
/// boundary that starts no mark (a letter keeps its marks).
fn cut(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::with_capacity(text.len() / PIECE_BYTES + 1);
    let mut start = 0;
    while text.len() - start > PIECE_BYTES {
        let limit = text.floor_char_boundary(start + PIECE_BYTES);
        let half = start + PIECE_BYTES / 2;
        let at = match memchr::memrchr(b' ', &text.as_bytes()[half..limit]) {
            Some(p) => half + p + 1,
            None => {
                let mut at = limit;
                while at > half && text[at..].starts_with(is_joined) {
                    at = text.floor_char_boundary(at - 1);
                }
                if at <= half { limit } else { at }
            }
        };
        out.push(start..at);
        start = at;
    }
    out.push(start..text.len());
    out
}

/// A character drawn with the one before it: a combining mark or a joiner.
fn is_joined(c: char) -> bool {
    matches!(c as u32,
        0x0300..=0x036F | 0x0610..=0x061A | 0x064B..=0x065F | 0x0670 | 0x06D6..=0x06ED
        | 0x200C | 0x200D | 0xFE00..=0xFE0F | 0xFE20..=0xFE2F)
}

/// Laid-out pieces by (article key, width, piece), the most recently used
/// kept within a budget of bytes. The one just made is always kept, whatever
/// its size.
pub struct LineCache {
    budget: usize,
    used: usize,
    clock: u64,
    map: HashMap<CacheKey, Cached>,
    /// Keys by the time they were last used: the oldest first.
    by_use: BTreeMap<u64, CacheKey>,
}

type CacheKey = (u64, u16, usize);

struct Cached {
    lines: Arc<Vec<VisualLine>>,
    bytes: usize,
    used: u64,
}

impl LineCache {
    /// A cache holding at most about `budget` bytes of lines.
    pub fn new(budget: usize) -> Self {
        LineCache {
            budget,
            used: 0,
            clock: 0,
            map: HashMap::new(),
            by_use: BTreeMap::new(),
        }
    }

    /// The lines of piece `piece` of article `key` at `width`, made by
    /// `make` when they are not kept.
    pub fn get_or_insert(
        &mut self,
        key: u64,
        width: u16,
        piece: usize,
        make: impl FnOnce() -> Vec<VisualLine>,
    ) -> Arc<Vec<VisualLine>> {
        let k = (key, width, piece);
        self.clock += 1;
        if let Some(c) = self.map.get_mut(&k) {
            self.by_use.remove(&c.used);
            c.used = self.clock;
            self.by_use.insert(self.clock, k);
            return Arc::clone(&c.lines);
        }
        let lines = make();
        let bytes = lines.iter().map(VisualLine::bytes).sum::<usize>()
            + std::mem::size_of::<Vec<VisualLine>>();
        while self.used + bytes > self.budget {
            let Some((_, old)) = self.by_use.pop_first() else {
                break;
            };
            if let Some(c) = self.map.remove(&old) {
                self.used -= c.bytes;
            }
        }
        let lines = Arc::new(lines);
        self.used += bytes;
        self.by_use.insert(self.clock, k);
        self.map.insert(
            k,
            Cached {
                lines: Arc::clone(&lines),
                bytes,
                used: self.clock,
            },
        );
        lines
    }

    /// Bytes held.
    pub fn bytes(&self) -> usize {
        self.used
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::layout_blocks;

    #[test]
    fn pieces_lay_out_as_the_whole_article_does() {
        let para = "اتفق الرئيسان على تعزيز التعاون في مجال الطاقة (NATO 2024). ".repeat(10);
        let blocks = [
            Block::new("عنوان الخبر", 0, BlockKind::Title),
            Block::new("المصدر · 12 كلمة", usize::MAX / 2, BlockKind::Meta),
            Block::new(&para, 20, BlockKind::Paragraph),
            Block::new(
                "Second paragraph, left to right.",
                20 + para.len() + 1,
                BlockKind::Paragraph,
            ),
        ];
        let flow = Flow::new(&blocks);
        assert_eq!(flow.len(), 4);
        for width in [1, 7, 30, 80] {
            let whole = layout_blocks(&blocks, width).lines;
            let pieced: Vec<VisualLine> = (0..flow.len())
                .flat_map(|i| flow.lay_out(i, &blocks[flow.piece(i).block], width, Order::Visual))
                .collect();
            assert_eq!(pieced, whole, "width {width}");
        }
        assert_eq!(flow.piece_at(25), Some(2));
        assert_eq!(flow.piece_at(usize::MAX / 2 + 3), Some(1));
        assert_eq!(flow.piece_at(20 + para.len() + 3), Some(3));
    }

    #[test]
    fn a_long_paragraph_is_cut_at_spaces_and_keeps_its_direction() {
        // right to left, though one piece starts with Latin words
        let mut para = "كلمة عربية ".repeat(PIECE_BYTES / 20);
        para.push_str(&"Latin words here ".repeat(PIECE_BYTES / 8));
        let blocks = [Block::new(&para, 0, BlockKind::Paragraph)];
        let flow = Flow::new(&blocks);
        assert!(flow.len() >= 3);
        let mut end = 0;
        for i in 0..flow.len() {
            let p = flow.piece(i);
            assert_eq!(p.range.start, end, "pieces tile the paragraph");
            assert!(p.range.len() <= PIECE_BYTES);
            assert!(p.range.end == para.len() || para[..p.range.end].ends_with(' '));
            assert_eq!(p.direction, Some(Direction::Rtl));
            end = p.range.end;
            let lines = flow.lay_out(i, &blocks[0], 40, Order::Visual);
            assert!(lines.iter().all(|l| l.direction == Direction::Rtl));
        }
        assert_eq!(end, para.len());
        assert_eq!(flow.bytes_before(flow.len()), para.len());
        // no space at all: cut between letters, never before a mark
        let marks = "بَ".repeat(PIECE_BYTES);
        for r in cut(&marks) {
            assert!(!marks[r.start..].starts_with(is_joined));
            assert!(r.len() <= PIECE_BYTES);
        }
    }

    #[test]
    fn the_cache_keeps_to_its_budget_dropping_the_least_recently_used() {
        let text = "كلمة ".repeat(2000);
        let block = [Block::new(&text, 0, BlockKind::Paragraph)];
        let flow = Flow::new(&block);
        let make = || flow.lay_out(0, &block[0], 40, Order::Visual);
        let one: usize = make().iter().map(VisualLine::bytes).sum::<usize>()
            + std::mem::size_of::<Vec<VisualLine>>();
        let mut c = LineCache::new(one * 3 + one / 2);
        for id in 0..3 {
            c.get_or_insert(id, 40, 0, make);
        }
        assert_eq!(c.len(), 3);
        // 0 used again: 1 is the least recent, and goes first
        c.get_or_insert(0, 40, 0, || unreachable!("cached"));
        c.get_or_insert(3, 40, 0, make);
        assert_eq!(c.len(), 3);
        assert!(c.bytes() <= one * 3 + one / 2);
        c.get_or_insert(0, 40, 0, || unreachable!("still cached"));
        let mut made = false;
        c.get_or_insert(1, 40, 0, || {
            made = true;
            make()
        });
        assert!(made, "1 was dropped");
        // one piece larger than the budget is still kept
        let mut tiny = LineCache::new(10);
        let l = tiny.get_or_insert(9, 40, 0, make);
        assert_eq!(
            l.len(),
            tiny.get_or_insert(9, 40, 0, || unreachable!()).len()
        );
    }
}
