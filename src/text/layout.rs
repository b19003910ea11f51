//! An article laid out at a width: visual lines made of segments that know
//! which logical bytes they show, so any logical range (a search match, a
//! fact's sentence) can be painted on the right cells.

use std::ops::Range;

use super::paragraph::{Direction, Paragraph};

/// What a block of text is: how it is styled, and how it sits among its
/// neighbours (the kinds that make a run, such as a list's items or a
/// table's rows, have no blank line between them).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BlockKind {
    Title,
    Meta,
    Paragraph,
    /// A photo caption (dimmed).
    Caption,
    /// A section heading (bold).
    Heading,
    /// An item of a list (its marker, `•` or `1.`, is in its text).
    ListItem,
    /// A paragraph of a block quote (drawn with a bar on its start side).
    Quote,
    /// A line of preformatted text (its spaces kept).
    Pre,
    /// A row of a table (its cells separated by ` │ `).
    TableRow,
    /// An image: `[image: alt text]` and the number of its link.
    Image,
    /// A numbered link of the list at the end: `[3] https://...`.
    LinkRef,
    /// The summary a feed gave, kept before the whole article.
    Lead,
}

impl BlockKind {
    /// Every kind, in the order of their codes.
    pub const ALL: [BlockKind; 12] = [
        BlockKind::Title,
        BlockKind::Meta,
        BlockKind::Paragraph,
        BlockKind::Caption,
        BlockKind::Heading,
        BlockKind::ListItem,
        BlockKind::Quote,
        BlockKind::Pre,
        BlockKind::TableRow,
        BlockKind::Image,
        BlockKind::LinkRef,
        BlockKind::Lead,
    ];

    /// The kind's code where it is kept (a byte): explicit, never to change.
    pub fn code(self) -> u8 {
        match self {
            BlockKind::Title => 0,
            BlockKind::Meta => 1,
            BlockKind::Paragraph => 2,
            BlockKind::Caption => 3,
            BlockKind::Heading => 4,
            BlockKind::ListItem => 5,
            BlockKind::Quote => 6,
            BlockKind::Pre => 7,
            BlockKind::TableRow => 8,
            BlockKind::Image => 9,
            BlockKind::LinkRef => 10,
            BlockKind::Lead => 11,
        }
    }

    /// The kind of a code [`BlockKind::code`] gave; `None` for any other.
    pub fn from_code(code: u8) -> Option<BlockKind> {
        BlockKind::ALL.iter().copied().find(|k| k.code() == code)
    }

    /// Consecutive blocks of this kind follow each other with no blank line
    /// between them (a list, a table, preformatted lines, the links).
    pub fn runs(self) -> bool {
        matches!(
            self,
            BlockKind::ListItem | BlockKind::Pre | BlockKind::TableRow | BlockKind::LinkRef
        )
    }

    /// The mark drawn on the start side of each of its lines (a quote's
    /// bar), and the columns it takes.
    pub fn gutter(self) -> Option<(&'static str, u16)> {
        match self {
            BlockKind::Quote => Some(("\u{2502} ", 2)),
            _ => None,
        }
    }
}

/// Is there a blank line between a block of kind `previous` and the next,
/// of kind `next`?
pub fn gap_between(previous: BlockKind, next: BlockKind) -> bool {
    next != BlockKind::Meta && !(previous == next && next.runs())
}

/// A block to lay out: one paragraph of text, at `offset` in the article's
/// logical text (segment ranges are reported in that coordinate).
#[derive(Clone, Copy, Debug)]
pub struct Block<'a> {
    pub text: &'a str,
    pub offset: usize,
    pub kind: BlockKind,
    /// Its direction, when the article decided it; `None`: its own words
    /// decide ([`super::direction::estimate`]), else its first strong
    /// letter.
    pub direction: Option<Direction>,
}

impl<'a> Block<'a> {
    /// A block whose words decide its direction.
    pub fn new(text: &'a str, offset: usize, kind: BlockKind) -> Block<'a> {
        Block {
            text,
            offset,
            kind,
            direction: None,
        }
    }

    /// The direction it is laid out in (`None`: the first strong letter's).
    pub fn resolved_direction(&self) -> Option<Direction> {
        self.direction
            .or_else(|| super::direction::estimate(self.text))
    }
}

/// A drawn cluster: where it is in the line's text, the logical byte range
/// of the article it shows, its column (from the left edge of the pane, the
/// indent included) and its width.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Segment {
    pub text: Range<u32>,
    pub src: Range<usize>,
    pub col: u16,
    pub width: u16,
}

/// One screen line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VisualLine {
    /// Index of the block it belongs to; `None` for the blank line between blocks.
    pub block: Option<usize>,
    pub kind: BlockKind,
    pub direction: Direction,
    /// Columns of padding on the left (right-to-left lines are right-aligned).
    pub indent: u16,
    /// The cells to draw after the indent, left to right.
    pub text: String,
    /// Width of `text` in columns.
    pub width: u16,
    pub segments: Vec<Segment>,
}

impl VisualLine {
    /// The empty line drawn between two blocks.
    pub fn blank(kind: BlockKind) -> Self {
        VisualLine {
            block: None,
            kind,
            direction: Direction::Ltr,
            indent: 0,
            text: String::new(),
            width: 0,
            segments: Vec::new(),
        }
    }

    /// The columns (indent included) that show any byte of `range`, as
    /// maximal runs of adjacent cells.
    pub fn cells_for(&self, range: &Range<usize>) -> Vec<Range<u16>> {
        let mut out: Vec<Range<u16>> = Vec::new();
        for s in &self.segments {
            if s.src.start < range.end && range.start < s.src.end && s.width > 0 {
                let cells = self.indent + s.col..self.indent + s.col + s.width;
                match out.last_mut() {
                    Some(last) if last.end == cells.start => last.end = cells.end,
                    _ => out.push(cells),
                }
            }
        }
        out
    }

    /// About how many bytes it holds.
    pub fn bytes(&self) -> usize {
        std::mem::size_of::<VisualLine>()
            + self.text.capacity()
            + self.segments.capacity() * std::mem::size_of::<Segment>()
    }

    /// Does it show any byte of `range`?
    pub fn shows(&self, range: &Range<usize>) -> bool {
        self.segments
            .iter()
            .any(|s| s.src.start < range.end && range.start < s.src.end)
    }

    /// The line as the terminal shows it: indent spaces, then the text.
    pub fn padded(&self) -> String {
        let mut s = " ".repeat(self.indent as usize);
        s.push_str(&self.text);
        s
    }
}

/// Lay out one block at `width` columns, calling `emit` for each line.
pub fn layout_block(
    block: &Block,
    block_index: usize,
    width: u16,
    emit: &mut dyn FnMut(VisualLine),
) {
    layout_block_as(block, block_index, width, Order::Visual, emit)
}

/// What order lines are drawn in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Order {
    /// Shaped and reordered by the engine: for terminals without bidi.
    #[default]
    Visual,
    /// Logical order, unshaped: for terminals that do their own bidi.
    Logical,
}

/// [`layout_block`], in either order.
pub fn layout_block_as(
    block: &Block,
    block_index: usize,
    width: u16,
    order: Order,
    emit: &mut dyn FnMut(VisualLine),
) {
    layout_text(block, block_index, None, width, order, emit)
}

/// [`layout_block_as`] with the paragraph's direction given (a piece of a
/// long paragraph takes the whole paragraph's), or the block's when `None`.
pub fn layout_text(
    block: &Block,
    block_index: usize,
    direction: Option<Direction>,
    width: u16,
    order: Order,
    emit: &mut dyn FnMut(VisualLine),
) {
    let para = Paragraph::new(block.text, direction.or_else(|| block.resolved_direction()));
    let dir = para.direction();
    let gutter = block.kind.gutter().filter(|(_, w)| *w < width);
    let gutter_width = gutter.map_or(0, |(_, w)| w as usize);
    let max = (width.max(1) as usize).saturating_sub(gutter_width).max(1);
    let lines = match order {
        Order::Visual => para.wrap(max),
        Order::Logical => para.wrap_logical(max),
    };
    for line in lines {
        let v = match order {
            Order::Visual => para.visual_line_within(line, max),
            Order::Logical => para.logical_line(line, max),
        };
        let indent = if dir == Direction::Rtl {
            max.saturating_sub(v.width)
        } else {
            0
        };
        // a gutter goes on the start side: before the text left to right,
        // after it right to left
        let (text, width, col_shift, byte_shift) = match gutter {
            Some((mark, w)) if dir == Direction::Ltr => (
                format!("{mark}{}", v.text),
                v.width + w as usize,
                w as usize,
                mark.len(),
            ),
            Some((mark, w)) => (
                format!("{} {}", v.text, mark.trim_end()),
                v.width + w as usize,
                0,
                0,
            ),
            None => (v.text, v.width, 0, 0),
        };
        let segments = v
            .cells
            .iter()
            .map(|cell| Segment {
                text: (cell.text.start + byte_shift) as u32..(cell.text.end + byte_shift) as u32,
                src: block.offset + cell.src.start..block.offset + cell.src.end,
                col: (cell.col + col_shift) as u16,
                width: cell.width as u16,
            })
            .collect();
        emit(VisualLine {
            block: Some(block_index),
            kind: block.kind,
            direction: dir,
            indent: indent as u16,
            text,
            width: width as u16,
            segments,
        });
    }
}

/// Lay out `blocks` at `width`, with a blank line between blocks.
pub fn layout_blocks(blocks: &[Block], width: u16) -> Layout {
    layout_blocks_as(blocks, width, Order::Visual)
}

/// [`layout_blocks`], in either order.
pub fn layout_blocks_as(blocks: &[Block], width: u16, order: Order) -> Layout {
    let mut lines = Vec::new();
    for (i, b) in blocks.iter().enumerate() {
        if i > 0 && gap_between(blocks[i - 1].kind, b.kind) {
            lines.push(VisualLine::blank(b.kind));
        }
        layout_block_as(b, i, width, order, &mut |l| lines.push(l));
    }
    Layout { width, lines }
}

/// An article laid out at one width.
#[derive(Clone, Debug, Default)]
pub struct Layout {
    pub width: u16,
    pub lines: Vec<VisualLine>,
}

impl Layout {
    /// The first line showing any byte of `range`.
    pub fn line_of(&self, range: &Range<usize>) -> Option<usize> {
        self.lines.iter().position(|l| l.shows(range))
    }
}

impl Layout {
    /// About how many bytes it holds.
    pub fn bytes(&self) -> usize {
        self.lines.iter().map(VisualLine::bytes).sum::<usize>() + std::mem::size_of::<Layout>()
    }
}
