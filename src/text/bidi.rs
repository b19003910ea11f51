//! Bidi levels (UAX #9) for one paragraph, per character.
//!
//! Paragraphs without explicit embeddings, overrides or isolates (nearly all
//! news text) take a fast path written here: one isolating run sequence at
//! the paragraph level, rules W1-W7, N0 (bracket pairs), N1-N2 and I1-I2 over
//! per-character arrays. Anything else goes to unicode-bidi, whose per-byte
//! results are brought back to characters. Both are checked against the
//! Unicode conformance suite and against each other (tests/).

use unicode_bidi::{BidiClass, BidiDataSource, HardcodedBidiData, ParagraphBidiInfo};

use super::classes::{FastBidiData, class};
use super::paragraph::Direction;

use BidiClass::*;

/// Resolved levels of a paragraph.
pub(super) struct Levels {
    /// The paragraph embedding level (0 or 1).
    pub base: u8,
    /// The embedding level of each character (before the line rules).
    pub levels: Vec<u8>,
    /// The original bidi class of each character.
    pub classes: Vec<BidiClass>,
}

fn is_explicit(c: BidiClass) -> bool {
    matches!(c, LRE | RLE | LRO | RLO | PDF | LRI | RLI | FSI | PDI | B)
}

/// Resolve the levels of `chars` (the characters of `text`, in order).
pub(super) fn resolve(text: &str, chars: &[char], direction: Option<Direction>) -> Levels {
    let classes: Vec<BidiClass> = chars.iter().map(|&c| class(c)).collect();
    if classes.iter().any(|&c| is_explicit(c)) {
        return resolve_with_unicode_bidi(text, classes, direction);
    }
    let base = match direction {
        Some(Direction::Ltr) => 0,
        Some(Direction::Rtl) => 1,
        None => classes
            .iter()
            .find_map(|c| match c {
                L => Some(0),
                R | AL => Some(1),
                _ => None,
            })
            .unwrap_or(0),
    };
    let mut levels = vec![base; chars.len()];
    if base == 0 && !classes.iter().any(|c| matches!(c, R | AL | AN | EN)) {
        return Levels {
            base,
            levels,
            classes,
        };
    }
    // X9: leave out boundary neutrals; work on the rest.
    let has_bn = classes.contains(&BN);
    let index: Vec<u32> = if has_bn {
        (0..chars.len() as u32)
            .filter(|&i| classes[i as usize] != BN)
            .collect()
    } else {
        Vec::new()
    };
    let at = |k: usize| if has_bn { index[k] as usize } else { k };
    let n = if has_bn { index.len() } else { chars.len() };
    let mut t: Vec<BidiClass> = if has_bn {
        (0..n).map(|k| classes[at(k)]).collect()
    } else {
        classes.clone()
    };
    let e = if base % 2 == 0 { L } else { R };
    resolve_weak(&mut t, e);
    resolve_brackets(&mut t, e, |k| chars[at(k)], |k| classes[at(k)]);
    resolve_neutral(&mut t, e);
    for (k, ty) in t.iter().enumerate() {
        levels[at(k)] = implicit_level(base, *ty);
    }
    if has_bn {
        let mut prev = base;
        for i in 0..chars.len() {
            if classes[i] == BN {
                levels[i] = prev;
            }
            prev = levels[i];
        }
    }
    Levels {
        base,
        levels,
        classes,
    }
}

/// Rules I1 and I2.
#[inline]
fn implicit_level(base: u8, t: BidiClass) -> u8 {
    match (base % 2, t) {
        (0, R) => base + 1,
        (0, AN | EN) => base + 2,
        (1, L | EN | AN) => base + 1,
        _ => base,
    }
}

/// Rules W1-W7 on one isolating run sequence whose sos and eos are `e`.
fn resolve_weak(t: &mut [BidiClass], e: BidiClass) {
    // W1-W3 in one pass: NSM takes the type before it (as W1 leaves it),
    // EN after AL becomes AN, AL becomes R.
    let mut prev = e;
    let mut last_strong = e;
    for ty in t.iter_mut() {
        let mut cur = *ty;
        if cur == NSM {
            cur = prev;
        }
        prev = cur;
        match cur {
            EN if last_strong == AL => cur = AN,
            L | R => last_strong = cur,
            AL => {
                last_strong = AL;
                cur = R;
            }
            _ => {}
        }
        *ty = cur;
    }
    // W4: a single separator between two numbers of the same kind.
    for i in 1..t.len().saturating_sub(1) {
        match (t[i - 1], t[i], t[i + 1]) {
            (EN, ES | CS, EN) => t[i] = EN,
            (AN, CS, AN) => t[i] = AN,
            _ => {}
        }
    }
    // W5: terminators next to European numbers.
    let mut i = 0;
    while i < t.len() {
        if t[i] == ET {
            let start = i;
            while i < t.len() && t[i] == ET {
                i += 1;
            }
            let touches = (start > 0 && t[start - 1] == EN) || (i < t.len() && t[i] == EN);
            if touches {
                for ty in &mut t[start..i] {
                    *ty = EN;
                }
            }
        } else {
            i += 1;
        }
    }
    // W6 and W7.
    let mut last_strong = e;
    for ty in t.iter_mut() {
        match *ty {
            ES | ET | CS => *ty = ON,
            EN if last_strong == L => *ty = L,
            L | R => last_strong = *ty,
            _ => {}
        }
    }
}

/// The direction a resolved type counts as for N0 and N1 (numbers are R).
#[inline]
fn strong(t: BidiClass) -> Option<BidiClass> {
    match t {
        L => Some(L),
        R | AL | EN | AN => Some(R),
        _ => None,
    }
}

/// Rule N0: paired brackets (BD16) take the direction of what they enclose.
fn resolve_brackets(
    t: &mut [BidiClass],
    e: BidiClass,
    char_at: impl Fn(usize) -> char,
    original: impl Fn(usize) -> BidiClass,
) {
    const MAX_DEPTH: usize = 63;
    let mut stack: Vec<(char, usize)> = Vec::new();
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    for (k, &ty) in t.iter().enumerate() {
        if ty != ON {
            continue;
        }
        let c = char_at(k);
        if !is_bracket_candidate(c) {
            continue;
        }
        let Some(b) = HardcodedBidiData.bidi_matched_opening_bracket(c) else {
            continue;
        };
        if b.is_open {
            if stack.len() == MAX_DEPTH {
                break;
            }
            stack.push((b.opening, k));
        } else if let Some(depth) = stack.iter().rposition(|&(o, _)| o == b.opening) {
            pairs.push((stack[depth].1, k));
            stack.truncate(depth);
        }
    }
    if pairs.is_empty() {
        return;
    }
    pairs.sort_unstable();
    let opposite = if e == L { R } else { L };
    for (open, close) in pairs {
        let mut found_e = false;
        let mut found_opposite = false;
        for &ty in &t[open + 1..close] {
            match strong(ty) {
                Some(d) if d == e => {
                    found_e = true;
                    break;
                }
                Some(_) => found_opposite = true,
                None => {}
            }
        }
        let dir = if found_e {
            e
        } else if found_opposite {
            let before = t[..open]
                .iter()
                .rev()
                .find_map(|&ty| strong(ty))
                .unwrap_or(e);
            if before == opposite { opposite } else { e }
        } else {
            continue;
        };
        for pos in [open, close] {
            t[pos] = dir;
            let mut k = pos + 1;
            while k < t.len() && original(k) == NSM {
                t[k] = dir;
                k += 1;
            }
        }
    }
}

/// Characters that may be paired brackets (a cheap filter before the lookup).
#[inline]
fn is_bracket_candidate(c: char) -> bool {
    let u = c as u32;
    matches!(c, '(' | ')' | '[' | ']' | '{' | '}')
        || (u > 0x7F && unicode_bidi_mirroring::is_mirroring(c))
}

/// Rules N1 and N2.
fn resolve_neutral(t: &mut [BidiClass], e: BidiClass) {
    let n = t.len();
    let mut i = 0;
    while i < n {
        if !matches!(t[i], B | S | WS | ON) {
            i += 1;
            continue;
        }
        let start = i;
        while i < n && matches!(t[i], B | S | WS | ON) {
            i += 1;
        }
        let before = if start == 0 {
            e
        } else {
            strong(t[start - 1]).unwrap_or(e)
        };
        let after = if i == n { e } else { strong(t[i]).unwrap_or(e) };
        let dir = if before == after { before } else { e };
        for ty in &mut t[start..i] {
            *ty = dir;
        }
    }
}

/// The general case: unicode-bidi on the whole paragraph, per byte, brought
/// back to one level per character.
fn resolve_with_unicode_bidi(
    text: &str,
    classes: Vec<BidiClass>,
    direction: Option<Direction>,
) -> Levels {
    let level = direction.map(|d| match d {
        Direction::Ltr => unicode_bidi::Level::ltr(),
        Direction::Rtl => unicode_bidi::Level::rtl(),
    });
    let info = ParagraphBidiInfo::new_with_data_source(&FastBidiData, text, level);
    let levels = text
        .char_indices()
        .map(|(i, _)| info.levels[i].number())
        .collect();
    Levels {
        base: info.paragraph_level.number(),
        levels,
        classes,
    }
}
