//! `khabar render`: print an article as the reading pane lays it out.

use std::io::{self, Write};

use crate::corpus::{Article, load_path, seeds};
use crate::text::{BlockKind, VisualLine, layout_block};

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
            let article = load_path(p, &mut |w| eprintln!("khabar: warning: {w}"))?;
            Ok(article)
        }
    }
}

/// Write `article` laid out at `opts.width` to `out`, line by line.
pub fn render(article: &Article, opts: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
    let meta = (!opts.plain).then(|| article.meta_line());
    let blocks = article.blocks(meta.as_deref());
    let styled = opts.styled && !opts.plain;
    let mut result = Ok(());
    for (i, block) in blocks.iter().enumerate() {
        if i > 0 && block.kind != BlockKind::Meta {
            result = result.and_then(|_| out.write_all(b"\n"));
        }
        layout_block(block, i, opts.width, &mut |line| {
            if result.is_ok() {
                result = write_line(out, &line, styled);
            }
        });
        result
            .as_ref()
            .map_err(|e| io::Error::new(e.kind(), e.to_string()))?;
    }
    result
}

fn write_line(out: &mut dyn Write, line: &VisualLine, styled: bool) -> io::Result<()> {
    let style = match (styled, line.kind) {
        (false, _) => None,
        (true, BlockKind::Title | BlockKind::Heading) => Some("\x1b[1m"),
        (true, BlockKind::Meta | BlockKind::Caption) => Some("\x1b[2m"),
        (true, BlockKind::Paragraph) => None,
    };
    for _ in 0..line.indent {
        out.write_all(b" ")?;
    }
    match style {
        Some(s) => write!(out, "{s}{}\x1b[0m", line.text)?,
        None => out.write_all(line.text.as_bytes())?,
    }
    out.write_all(b"\n")
}
