//! The Arabic text engine: shaping, bidi reordering, line breaking and layout.
//!
//! Pure functions over strings: nothing here knows about terminals or ratatui.
//! The pipeline for one paragraph is:
//!
//! 1. [`Paragraph::new`] resolves bidi levels on the whole paragraph (UAX #9),
//!    shapes Arabic letters to presentation forms in logical order ([`shape`]),
//!    and groups the result into clusters (a base with its marks, or a lam-alef
//!    ligature) that remember the logical byte range they came from;
//! 2. [`Paragraph::wrap`] breaks the clusters into lines at UAX #14 break
//!    opportunities, measuring widths after shaping;
//! 3. [`Paragraph::visual_line`] reorders one line by cluster (rules L1 and L2),
//!    mirrors brackets at odd levels and gives the cells a terminal must draw.
//!
//! [`layout`] applies this to a whole article; [`flow`] lays a long one out a
//! piece at a time, as it is scrolled, and keeps the pieces within a budget.

mod bidi;
mod classes;
pub mod direction;
pub mod fit;
pub mod flow;
mod forms_table;
mod graphemes;
pub mod layout;
pub mod normalize;
mod paragraph;
pub mod safety;
pub mod shape;
mod wrap;

pub use fit::{Fitted, fit_line, fit_line_as};
pub use flow::{Flow, LineCache, Place};
pub use layout::{
    Block, BlockKind, Layout, Order, Segment, VisualLine, gap_between, layout_block,
    layout_block_as, layout_blocks, layout_blocks_as, layout_text,
};
pub use paragraph::{CellRun, Cluster, Direction, Paragraph, VisualText};

/// The resolved bidi level of each character of `text` (one paragraph) and
/// the paragraph level: what the reordering works from. Exposed for tests
/// and tools that compare the engine with other implementations.
pub fn bidi_levels(text: &str, direction: Option<Direction>) -> (u8, Vec<u8>) {
    let chars: Vec<char> = text.chars().collect();
    let l = bidi::resolve(text, &chars, direction);
    (l.base, l.levels)
}
