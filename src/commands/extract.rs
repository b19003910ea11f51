//! `khabar extract [--json] PATH_OR_URL...`: a page's article as khabar
//! reads it. Plain: the title, a blank line, the blocks in logical order
//! separated by blank lines (shaped on a terminal like the other commands,
//! logical when piped), the numbered links last. `--json`: one array, an
//! object per page with `title`, `byline`, `date`, `site`, `lang`, `dir`,
//! `link`, `text` (the body without the title or link numbers), `links`
//! and `images`.

use super::shaped::Lines;
use super::{CommandError, Outcome};
use crate::config::Config;
use crate::corpus::extract::{Image, Page, extract};
use crate::corpus::fetch::{fetch, is_url};
use crate::corpus::load::{MAX_FILE_BYTES, decode_with};
use crate::corpus::{LoadError, article::numbered_links};
use crate::report::say;
use crate::text::{BlockKind, Direction, gap_between};

/// A page as `--json` gives it.
#[derive(serde::Serialize)]
struct PageJson<'a> {
    title: &'a str,
    byline: Option<&'a str>,
    date: Option<&'a str>,
    site: Option<&'a str>,
    lang: Option<&'a str>,
    dir: &'static str,
    link: Option<&'a str>,
    text: String,
    links: &'a [String],
    images: &'a [Image],
}

/// The page at a path or URL, read and decoded (a note when its encoding
/// had to be guessed or repaired).
pub fn read_page(source: &str, config: &Config) -> Result<(Page, Option<String>), LoadError> {
    let (bytes, charset) = if is_url(source) {
        fetch(source, &config.fetch_limits())?
    } else {
        let size = std::fs::metadata(source)
            .map_err(|e| LoadError::Io(source.to_string(), e))?
            .len() as usize;
        if size > MAX_FILE_BYTES {
            return Err(LoadError::TooLarge(source.to_string(), size));
        }
        let bytes = std::fs::read(source).map_err(|e| LoadError::Io(source.to_string(), e))?;
        (bytes, None)
    };
    let (text, note) = decode_with(source, bytes, charset.as_deref())?;
    let url = is_url(source).then_some(source);
    Ok((extract(&text, url), note))
}

/// Run `khabar extract`.
pub fn run(json: bool, sources: &[String]) -> Result<Outcome, CommandError> {
    let config = Config::load_or_default(None)?;
    let lines = Lines::for_stdout();
    // the terminal's switches around the output (VTE, mlterm)
    let _terminal = (!json).then(super::shaped::TerminalOutput::begin);
    let mut failed = 0;
    let mut pages = Vec::new();
    for source in sources {
        match read_page(source, &config) {
            Ok((page, note)) => {
                if let Some(n) = note {
                    say(&n);
                }
                if json {
                    pages.push(page);
                } else {
                    if !pages.is_empty() {
                        super::write_stdout(b"\n")?;
                    }
                    super::write_stdout(plain(&page, &lines).as_bytes())?;
                    pages.push(Page::default());
                }
            }
            Err(e) => {
                failed += 1;
                say(&e.to_string());
            }
        }
    }
    if json {
        let out: Vec<PageJson> = pages.iter().map(page_json).collect();
        super::write_stdout(super::to_json(&out).as_bytes())?;
    }
    Ok(if failed > 0 {
        Outcome::SomeFailed
    } else {
        Outcome::Done
    })
}

fn page_json(p: &Page) -> PageJson<'_> {
    let mut text = String::new();
    for b in p.blocks.iter().filter(|b| b.kind != BlockKind::Image) {
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        text.push_str(&b.plain());
    }
    PageJson {
        title: p.title.as_deref().unwrap_or(""),
        byline: p.byline.as_deref(),
        date: p.date.as_deref(),
        site: p.site.as_deref(),
        lang: p.lang.as_deref(),
        dir: match p.dir {
            Some(Direction::Rtl) => "rtl",
            _ => "ltr",
        },
        link: p.link.as_deref(),
        text,
        links: &p.links,
        images: &p.images,
    }
}

/// The page as the reader shows it, in lines.
fn plain(p: &Page, lines: &Lines) -> String {
    let mut out = String::new();
    out.push_str(&lines.line("", p.title.as_deref().unwrap_or(""), &[]));
    let refs = numbered_links(&p.links);
    let blocks = p
        .blocks
        .iter()
        .map(|b| (b.kind, b.text.as_str()))
        .chain(refs.iter().map(|r| (BlockKind::LinkRef, r.as_str())));
    let mut previous = BlockKind::Title;
    for (kind, text) in blocks {
        if gap_between(previous, kind) {
            out.push('\n');
        }
        previous = kind;
        out.push_str(&lines.line("", text, &[]));
    }
    out
}
