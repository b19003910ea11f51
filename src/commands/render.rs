//! `khabar render`: print an article as the reading pane lays it out.

use std::io::{self, Write};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::corpus::{Article, load_path, seeds};
use crate::text::{Block, BlockKind, Direction, Paragraph};

/// Options of `khabar render`.
#[derive(Clone, Debug)]
pub struct RenderOptions {
    pub width: u16,
    /// The text alone: no meta line, no styling.
    pub plain: bool,
    /// Use ANSI styling (bold title, dim meta and captions).
    pub styled: bool,
}

/// Load the article to render: a path, `-` for stdin, or the first seed.
pub fn load_article(path: Option<&str>) -> anyhow::Result<Article> {
    match path {
        None => Ok(seeds::seed_articles().remove(0)),
        Some(p) => {
            let mut articles = load_path(p, &mut |w| eprintln!("khabar: warning: {w}"))?;
            if articles.len() > 1 {
                eprintln!(
                    "khabar: {p} holds {} articles; rendering the first",
                    articles.len()
                );
            }
            if articles.is_empty() {
                anyhow::bail!("{p}: no article in it");
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
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8);
    let mut first = true;
    // A window of batches at a time bounds memory; within it, workers take
    // the next batch from a shared counter so that no core waits for another.
    for window in batches.chunks(threads * 8) {
        let buffers = render_window(window, threads, width, styled);
        for (batch, buf) in window.iter().zip(&buffers) {
            if !first && batch.first().is_some_and(|b| b.kind != BlockKind::Meta) {
                out.write_all(b"\n")?;
            }
            first = false;
            out.write_all(buf)?;
        }
    }
    Ok(())
}

fn render_window(window: &[&[Block]], threads: usize, width: usize, styled: bool) -> Vec<Vec<u8>> {
    if window.len() == 1 || threads == 1 {
        return window
            .iter()
            .map(|b| render_blocks(b, width, styled))
            .collect();
    }
    let next = AtomicUsize::new(0);
    let slots: Vec<Mutex<Vec<u8>>> = window.iter().map(|_| Mutex::new(Vec::new())).collect();
    std::thread::scope(|s| {
        for _ in 0..threads.min(window.len()) {
            s.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(batch) = window.get(i) else { break };
                    let buf = render_blocks(batch, width, styled);
                    *slots[i].lock().unwrap_or_else(|e| e.into_inner()) = buf;
                }
            });
        }
    });
    slots
        .into_iter()
        .map(|m| m.into_inner().unwrap_or_else(|e| e.into_inner()))
        .collect()
}

/// Render consecutive blocks, a blank line between them (none before the
/// first, none before the meta line that follows the title).
fn render_blocks(blocks: &[Block], width: usize, styled: bool) -> Vec<u8> {
    let mut out = Vec::with_capacity(blocks.iter().map(|b| b.text.len() * 2).sum::<usize>() + 64);
    let mut line = String::new();
    for (i, block) in blocks.iter().enumerate() {
        if i > 0 && block.kind != BlockKind::Meta {
            out.push(b'\n');
        }
        let style = match (styled, block.kind) {
            (false, _) | (true, BlockKind::Paragraph) => None,
            (true, BlockKind::Title | BlockKind::Heading) => Some("\x1b[1m"),
            (true, BlockKind::Meta | BlockKind::Caption) => Some("\x1b[2m"),
        };
        let para = Paragraph::new(block.text, None);
        let rtl = para.direction() == Direction::Rtl;
        for range in para.wrap(width) {
            line.clear();
            let w = para.draw_line(range, width, &mut line, |_| {});
            if rtl {
                out.resize(out.len() + width.saturating_sub(w), b' ');
            }
            match style {
                Some(s) => {
                    out.extend_from_slice(s.as_bytes());
                    out.extend_from_slice(line.as_bytes());
                    out.extend_from_slice(b"\x1b[0m");
                }
                None => out.extend_from_slice(line.as_bytes()),
            }
            out.push(b'\n');
        }
    }
    out
}
