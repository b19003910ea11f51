//! The bodies of the fuzz targets (`fuzz/`, run by `scripts/fuzz.sh`),
//! kept here so that every input a fuzzer ever found is replayed by
//! `cargo test` (`tests/fuzz_regressions.rs`, inputs in `tests/data/fuzz`).
//! Each takes any bytes and panics when an invariant breaks.

use std::path::Path;

use unicode_bidi::{BidiClass, ParagraphBidiInfo, bidi_class};
use unicode_width::UnicodeWidthChar;

use crate::config::Config;
use crate::corpus::load::{decode, parse_document};
use crate::corpus::opml::parse_opml;
use crate::search::{Query, find_all, find_in};
use crate::text::normalize::{Folded, fold};
use crate::text::{
    Block, BlockKind, Direction, Flow, Order, bidi_levels, layout_block_as, layout_blocks_as,
    safety, shape,
};
use crate::tui::keymap::KeyMap;

/// A target: its name and its body.
pub type Target = (&'static str, fn(&[u8]));

/// Every target, by name.
pub const TARGETS: &[Target] = &[
    ("layout", layout),
    ("shaping", shaping),
    ("bidi", bidi),
    ("folding", folding),
    ("loaders", loaders),
    ("config", config),
    ("extractor", extractor),
];

/// The first byte as a choice among `n`, and the rest as text.
fn choice_and_text(data: &[u8], n: u8) -> (u8, String) {
    match data.split_first() {
        Some((c, rest)) => (c % n, String::from_utf8_lossy(rest).into_owned()),
        None => (0, String::new()),
    }
}

/// Any text laid out at any width, in either order: no line wider than
/// the width, no control character drawn, no cell drawn twice, every
/// visible character drawn once; pieced layout equals whole layout.
pub fn layout(data: &[u8]) {
    let (width, text) = match data {
        [a, b, rest @ ..] => (
            (u16::from_le_bytes([*a, *b]) % 300).max(1),
            String::from_utf8_lossy(rest).into_owned(),
        ),
        _ => return,
    };
    for order in [Order::Visual, Order::Logical] {
        let block = Block::new(&text, 0, BlockKind::Paragraph);
        let mut lines = Vec::new();
        layout_block_as(&block, 0, width, order, &mut |l| lines.push(l));
        let mut drawn = vec![0u32; text.len()];
        for l in &lines {
            let shown = l.padded();
            // what a terminal counts: each character's own width (in
            // logical order a bidi terminal gets لا as two characters,
            // which unicode-width's string rule would count as one)
            let cells: usize = shown.chars().map(|c| c.width().unwrap_or(0)).sum();
            assert!(cells <= width as usize, "wider than {width}: {shown:?}");
            assert_eq!(
                l.text
                    .chars()
                    .map(|c| c.width().unwrap_or(0))
                    .sum::<usize>(),
                l.width as usize
            );
            assert!(
                !shown.chars().any(char::is_control),
                "a raw control in {shown:?}"
            );
            let mut used = vec![false; cells + 1];
            for seg in &l.segments {
                let from = (l.indent + seg.col) as usize;
                for cell in from..from + seg.width as usize {
                    assert!(cell < used.len() && !used[cell], "cell {cell} drawn twice");
                    used[cell] = true;
                }
                for (i, _) in text[seg.src.clone()].char_indices() {
                    drawn[seg.src.start + i] += 1;
                }
            }
        }
        if order == Order::Visual {
            for (i, c) in text.char_indices() {
                if !(c.is_whitespace() || safety::is_hidden(c)) {
                    assert_eq!(drawn[i], 1, "{c:?} at {i} drawn {} times", drawn[i]);
                }
            }
        }
        let blocks = [block];
        let flow = Flow::new(&blocks);
        let pieced: Vec<_> = (0..flow.len())
            .flat_map(|i| flow.lay_out(i, &blocks[0], width, order))
            .collect();
        if flow.len() == 1 {
            assert_eq!(pieced, layout_blocks_as(&blocks, width, order).lines);
        }
    }
}

/// Shaping any characters at any levels: one output per input, and a
/// letter keeps its place (it is shaped, never moved).
pub fn shaping(data: &[u8]) {
    let (_, text) = choice_and_text(data, 1);
    let chars: Vec<char> = text.chars().collect();
    let levels: Vec<u8> = data
        .iter()
        .map(|b| b & 1)
        .cycle()
        .take(chars.len())
        .collect();
    let shaped = shape::shape(&chars, &levels);
    assert_eq!(shaped.len(), chars.len());
}

/// khabar's bidi levels against unicode-bidi's, with the base direction
/// found or given.
pub fn bidi(data: &[u8]) {
    let (d, text) = choice_and_text(data, 3);
    // one paragraph: the engine is given paragraphs
    let text: String = text
        .chars()
        .filter(|&c| bidi_class(c) != BidiClass::B)
        .collect();
    let dir = [None, Some(Direction::Ltr), Some(Direction::Rtl)][d as usize];
    let (base, mine) = bidi_levels(&text, dir);
    let level = dir.map(|d| match d {
        Direction::Rtl => unicode_bidi::Level::rtl(),
        Direction::Ltr => unicode_bidi::Level::ltr(),
    });
    let info = ParagraphBidiInfo::new(&text, level);
    assert_eq!(
        base,
        info.paragraph_level.number(),
        "base level of {text:?}"
    );
    for ((i, c), mine) in text.char_indices().zip(mine) {
        if bidi_class(c) != BidiClass::BN {
            assert_eq!(mine, info.levels[i].number(), "{c:?} at {i} in {text:?}");
        }
    }
}

/// Folding with its byte map: the folded text is `fold`'s, every match maps
/// back to a range of whole characters of the original that folds to the
/// query, and a windowed search finds what a whole one does.
pub fn folding(data: &[u8]) {
    let (split, text) = choice_and_text(data, 16);
    let f = Folded::new(&text);
    assert_eq!(f.text, fold(&text));
    let cut = text.floor_char_boundary(split as usize);
    let Some(q) = Query::new(&text[..cut]) else {
        return;
    };
    let whole = find_in(&q, &f);
    for r in &whole {
        assert!(r.start <= r.end && r.end <= text.len());
        assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
        assert!(
            fold(&text[r.clone()]).contains(q.folded()),
            "{r:?} in {text:?}"
        );
    }
    assert_eq!(find_all(&q, &text), whole);
}

/// Every loader on any bytes: decoding (BOMs, legacy encodings, binary
/// refused), then the document as text, Markdown, HTML, a feed and OPML.
/// Errors are fine; panics and unbounded work are not.
pub fn loaders(data: &[u8]) {
    let (kind, _) = choice_and_text(data, 6);
    let name = ["a.txt", "a.md", "a.html", "a.xml", "a.json", "a.opml"][kind as usize];
    let Ok((text, _)) = decode(name, data.get(1..).unwrap_or_default().to_vec()) else {
        return;
    };
    if kind == 5 {
        let _ = parse_opml(name, &text);
        return;
    }
    if let Ok(articles) = parse_document(name, &text) {
        for a in articles {
            for r in a.paragraphs.iter().chain([&a.title_range]) {
                assert!(a.text.get(r.clone()).is_some(), "{r:?} out of the text");
            }
        }
    }
}

/// The config file and the keymap built from it: any text is a config or
/// an error with a place in the file.
pub fn config(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    if let Ok(c) = Config::parse(Path::new("config.toml"), &text) {
        let _ = KeyMap::from_config(&c);
    }
}

/// Any bytes as a web page, read by the extractor (decoded as khabar
/// decodes pages): every block one line, every link number it added a
/// `[n]` of a link it lists, every image's address one of them; the
/// article made of it has its ranges in its text and a kind for each
/// paragraph. The first byte, when odd, nests the page in itself (deep
/// and repeated markup).
pub fn extractor(data: &[u8]) {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let Ok((mut text, _)) = decode("a.html", rest.to_vec()) else {
        return;
    };
    if first % 2 == 1 {
        let n = (first as usize / 2).min(100);
        text = format!(
            "{}{text}{}",
            "<div><blockquote>".repeat(n),
            "</blockquote></div>".repeat(n)
        );
    }
    let page = crate::corpus::extract::extract(&text, Some("https://example.com/a/b.html"));
    for b in &page.blocks {
        assert!(!b.text.contains('\n'), "a block of more than one line");
        for m in &b.marks {
            let mark = b.text.get(m.clone()).expect("a mark inside its block");
            let n: usize = mark
                .trim_start_matches('[')
                .trim_end_matches(']')
                .parse()
                .expect("a mark is [n]");
            assert!(
                (1..=page.links.len()).contains(&n),
                "[{n}] of {} links",
                page.links.len()
            );
        }
    }
    for i in &page.images {
        assert!(page.links.contains(&i.src), "an image's address is a link");
    }
    let a = crate::corpus::Article::from_page("a.html", &page);
    assert_eq!(a.kinds.len(), a.paragraphs.len());
    for r in a.paragraphs.iter().chain([&a.title_range]) {
        assert!(a.text.get(r.clone()).is_some(), "{r:?} out of the text");
    }
    assert_eq!(a.links(), page.links);
}
