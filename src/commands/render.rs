//! `khabar render`: print an article as the reading pane lays it out.

use std::io::{self, IsTerminal, Write};

use super::{CommandError, Outcome};
use crate::config::no_color;
use crate::corpus::{Article, load_path, seeds};
use crate::report::say;
use crate::terminals::LineForm;
use crate::text::{Block, BlockKind, Direction, Paragraph, gap_between};

/// Options of `khabar render`.
#[derive(Clone, Debug)]
pub struct RenderOptions {
    pub width: u16,
    /// The text alone: no meta line, no styling.
    pub plain: bool,
    /// Use ANSI styling (bold title, dim meta and captions).
    pub styled: bool,
    /// The form the terminal needs (visual, Konsole's, qterminal's).
    pub form: LineForm,
}

/// `khabar render [--width N] [--plain] [PATH|-]`.
pub fn run(width: Option<u16>, plain: bool, path: Option<&str>) -> Result<Outcome, CommandError> {
    let article = load_article(path)?;
    let stdout = std::io::stdout();
    // the terminal's switches around the output (VTE, mlterm)
    let _terminal = super::shaped::TerminalOutput::begin();
    let opts = RenderOptions {
        width: width
            .or_else(super::shaped::terminal_width)
            .unwrap_or(80)
            .max(1),
        plain,
        styled: stdout.is_terminal() && !no_color(),
        form: super::shaped::terminal_plan().map_or(LineForm::Visual, |p| match p.line_form() {
            // a terminal's own bidi: render prints visual text all the same
            LineForm::Logical => LineForm::Visual,
            form => form,
        }),
    };
    let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
    match render(&article, &opts, &mut out).and_then(|_| out.flush()) {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(Outcome::Done),
    }
}

/// The terminal's width, or `$COLUMNS` when standard output is not one.
/// Load the article to render: a path, `-` for stdin, or the first seed.
pub fn load_article(path: Option<&str>) -> Result<Article, CommandError> {
    match path {
        None => Ok(seeds::seed_articles().remove(0)),
        Some(p) => {
            let mut articles = load_path(p, &mut |w| say(&format!("warning: {w}")))?;
            if articles.len() > 1 {
                say(&format!(
                    "{p} holds {} articles; rendering the first",
                    articles.len()
                ));
            }
            if articles.is_empty() {
                return Err(CommandError::Usage(format!("{p}: no article in it")));
            }
            Ok(articles.remove(0))
        }
    }
}

/// Text rendered per batch when the work is shared between threads.
const BATCH_BYTES: usize = 128 * 1024;

/// Write `article` laid out at `opts.width` to `out`.
///
/// Paragraphs are independent, so a long article is rendered in batches of
/// paragraphs on every core, and written in order.
pub fn render(article: &Article, opts: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
    let meta = (!opts.plain).then(|| article.meta_line());
    let blocks = article.blocks(meta.as_deref());
    let styled = opts.styled && !opts.plain;
    let width = opts.width.max(1) as usize;

    // Batches of consecutive blocks of about BATCH_BYTES of text each.
    let mut batches: Vec<&[Block]> = Vec::new();
    let (mut start, mut size) = (0, 0);
    for (i, b) in blocks.iter().enumerate() {
        size += b.text.len();
        if size >= BATCH_BYTES {
            batches.push(&blocks[start..=i]);
            start = i + 1;
            size = 0;
        }
    }
    if start < blocks.len() {
        batches.push(&blocks[start..]);
    }
    let threads = crate::parallel::cores().min(8);
    let mut first = true;
    // A window of batches at a time bounds memory; within it, workers take
    // the next batch from a shared counter so that no core waits for another.
    for window in batches.chunks(threads * 8) {
        let buffers = crate::parallel::map(window.len(), threads, |i| {
            render_blocks(window[i], width, styled, opts.form)
        });
        for (batch, buf) in window.iter().zip(&buffers) {
            if !first && batch.first().is_some_and(|b| b.kind != BlockKind::Meta) {
                // (a run of list items or rows cut between two batches is
                // drawn with a blank line there: rare, and harmless)
                out.write_all(b"\n")?;
            }
            first = false;
            out.write_all(buf)?;
        }
    }
    Ok(())
}

/// Render consecutive blocks, a blank line between them (none before the
/// first, none before the meta line that follows the title).
fn render_blocks(blocks: &[Block], width: usize, styled: bool, form: LineForm) -> Vec<u8> {
    let mut out = Vec::with_capacity(blocks.iter().map(|b| b.text.len() * 2).sum::<usize>() + 64);
    let mut line = String::new();
    for (i, block) in blocks.iter().enumerate() {
        if i > 0 && gap_between(blocks[i - 1].kind, block.kind) {
            out.push(b'\n');
        }
        let style = match (styled, block.kind) {
            (true, BlockKind::Title | BlockKind::Heading) => Some("\x1b[1m"),
            (
                true,
                BlockKind::Meta | BlockKind::Caption | BlockKind::Image | BlockKind::LinkRef,
            ) => Some("\x1b[2m"),
            (true, BlockKind::Lead) => Some("\x1b[3m"),
            _ => None,
        };
        let para = Paragraph::new(block.text, block.resolved_direction());
        let rtl = para.direction() == Direction::Rtl;
        // a quote's bar on the start side
        let (gutter, text_width) = match block.kind.gutter() {
            Some((mark, w)) if (w as usize) < width => (Some(mark), width - w as usize),
            _ => (None, width),
        };
        if form == LineForm::Konsole {
            // lines for Konsole's bidi (styling around them: a whole line
            // is one embedding), a quote's bar first in logical order (its
            // start side in either direction)
            for range in para.wrap_logical(text_width.saturating_sub(1)) {
                let v = para.logical_line(range, text_width);
                let logical = match gutter {
                    Some(mark) => format!("{mark}{}", v.text),
                    None => v.text.to_string(),
                };
                let text = crate::terminals::strategy::konsole_line(&logical, rtl, width);
                match style {
                    Some(s) => {
                        out.extend_from_slice(s.as_bytes());
                        out.extend_from_slice(text.as_bytes());
                        out.extend_from_slice(b"\x1b[0m");
                    }
                    None => out.extend_from_slice(text.as_bytes()),
                }
                out.push(b'\n');
            }
            continue;
        }
        for range in para.wrap(text_width) {
            line.clear();
            let start = out.len();
            let w = para.draw_line(range, text_width, &mut line, |_| {});
            match gutter {
                Some(mark) if rtl => {
                    out.resize(out.len() + text_width.saturating_sub(w), b' ');
                    line.push(' ');
                    line.push_str(mark.trim_end());
                }
                Some(mark) => line.insert_str(0, mark),
                None if rtl => out.resize(out.len() + width.saturating_sub(w), b' '),
                None => {}
            }
            match style {
                Some(s) => {
                    out.extend_from_slice(s.as_bytes());
                    out.extend_from_slice(line.as_bytes());
                    out.extend_from_slice(b"\x1b[0m");
                }
                None => out.extend_from_slice(line.as_bytes()),
            }
            if form == LineForm::BreakRuns {
                // qterminal: the padding too, and each cell its colour
                let drawn = String::from_utf8_lossy(&out[start..]).into_owned();
                out.truncate(start);
                out.extend_from_slice(crate::terminals::strategy::break_runs(&drawn).as_bytes());
            }
            out.push(b'\n');
        }
    }
    out
}
