//! A literal needle in which some places may be spelled in more than one
//! way (the alef of ال, which ل + ال writes as a lam: ل + الأمن = للأمن,
//! or leaves out: ل + اللجنة = للجنة), found like `memmem::find_iter`:
//! leftmost first, without overlap, and where two spellings match at the
//! same place, the longer.
//!
//! A needle without such places is one memchr finder, as fast as before.
//! One with them looks for its longest run of fixed bytes (the anchor) at
//! every place it occurs (overlapping ones too) and tries the spellings
//! around it: every match holds its anchor, so none is missed. A match is
//! given out once no anchor still to come can start one before it.

use std::collections::BTreeMap;
use std::ops::Range;

use memchr::memmem::Finder;

/// A part of a needle: bytes, or the spellings a place may have (of any
/// lengths, empty included).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Part {
    Fixed(Vec<u8>),
    Either(Vec<Vec<u8>>),
}

/// See the module's documentation.
pub struct Needle {
    parts: Vec<Part>,
    /// The part found first: the longest fixed one.
    anchor: usize,
    /// The most bytes the parts before the anchor can take.
    before: usize,
    finder: Finder<'static>,
    /// The needle's bytes when it is all fixed; else the first spelling of
    /// each part, one after the other.
    bytes: Vec<u8>,
    plain: bool,
}

impl Needle {
    /// A needle of `parts`; `finder` makes the finder of a run of bytes
    /// (with a ranking of its own).
    pub fn new(parts: Vec<Part>, finder: impl Fn(&[u8]) -> Finder<'static>) -> Needle {
        // fixed parts side by side are one
        let mut merged: Vec<Part> = Vec::new();
        for p in parts {
            match (merged.last_mut(), p) {
                (_, Part::Fixed(b)) if b.is_empty() => {}
                (Some(Part::Fixed(a)), Part::Fixed(b)) => a.extend(b),
                (_, p) => merged.push(p),
            }
        }
        let anchor = merged
            .iter()
            .enumerate()
            .filter_map(|(i, p)| match p {
                Part::Fixed(b) => Some((b.len(), std::cmp::Reverse(i), i)),
                Part::Either(_) => None,
            })
            .max()
            .map(|(_, _, i)| i);
        let bytes: Vec<u8> = merged
            .iter()
            .flat_map(|p| match p {
                Part::Fixed(b) => b.clone(),
                Part::Either(s) => s.first().cloned().unwrap_or_default(),
            })
            .collect();
        // (a needle of spellings alone, which no query makes, is looked
        // for in its first spellings)
        let plain = anchor.is_none() || merged.iter().all(|p| matches!(p, Part::Fixed(_)));
        let anchor_bytes: &[u8] = match anchor.map(|i| &merged[i]) {
            Some(Part::Fixed(b)) => b,
            _ => &bytes,
        };
        let finder = finder(anchor_bytes);
        let before = merged[..anchor.unwrap_or(0)]
            .iter()
            .map(|p| match p {
                Part::Fixed(b) => b.len(),
                Part::Either(s) => s.iter().map(Vec::len).max().unwrap_or(0),
            })
            .sum();
        Needle {
            anchor: anchor.unwrap_or(0),
            parts: merged,
            before,
            finder,
            bytes,
            plain,
        }
    }

    /// A needle that is all fixed bytes.
    pub fn fixed(bytes: Vec<u8>, finder: impl Fn(&[u8]) -> Finder<'static>) -> Needle {
        Needle::new(vec![Part::Fixed(bytes)], finder)
    }

    /// Its bytes (the first spelling of each place).
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// The matches in `hay`, leftmost first, not overlapping.
    pub fn find_iter<'a>(&'a self, hay: &'a [u8]) -> Matches<'a> {
        if self.plain {
            Matches::Plain(self.finder.find_iter(hay), self.bytes.len())
        } else {
            Matches::Spelled {
                needle: self,
                hay,
                next: 0,
                end: 0,
                found: BTreeMap::new(),
                done: false,
            }
        }
    }

    /// Its first match in `hay`.
    pub fn find(&self, hay: &[u8]) -> Option<Range<usize>> {
        self.find_iter(hay).next()
    }

    /// Where the parts `parts` (matched right to left) can start, if they
    /// end at `at`.
    fn starts(&self, hay: &[u8], parts: &[Part], at: usize, out: &mut Vec<usize>) {
        let Some((last, rest)) = parts.split_last() else {
            out.push(at);
            return;
        };
        let mut try_one = |b: &[u8]| {
            if at >= b.len() && &hay[at - b.len()..at] == b {
                self.starts(hay, rest, at - b.len(), out);
            }
        };
        match last {
            Part::Fixed(b) => try_one(b),
            Part::Either(s) => s.iter().for_each(|b| try_one(b)),
        }
    }

    /// Where the parts `parts` (matched left to right) can end, if they
    /// start at `at`.
    fn ends(&self, hay: &[u8], parts: &[Part], at: usize, out: &mut Vec<usize>) {
        let Some((first, rest)) = parts.split_first() else {
            out.push(at);
            return;
        };
        let mut try_one = |b: &[u8]| {
            if hay.len() - at >= b.len() && &hay[at..at + b.len()] == b {
                self.ends(hay, rest, at + b.len(), out);
            }
        };
        match first {
            Part::Fixed(b) => try_one(b),
            Part::Either(s) => s.iter().for_each(|b| try_one(b)),
        }
    }
}

/// The matches of a [`Needle`], as byte ranges. (It lives on the stack of
/// the loop that reads it: boxing either variant would cost an allocation
/// at every title a search reads.)
#[allow(clippy::large_enum_variant)]
pub enum Matches<'a> {
    Plain(memchr::memmem::FindIter<'a, 'a>, usize),
    Spelled {
        needle: &'a Needle,
        hay: &'a [u8],
        /// Where the next anchor is looked for.
        next: usize,
        /// Where the last match given out ended.
        end: usize,
        /// Matches found and not given out yet: start, and the longest end.
        found: BTreeMap<usize, usize>,
        done: bool,
    },
}

impl Iterator for Matches<'_> {
    type Item = Range<usize>;

    fn next(&mut self) -> Option<Range<usize>> {
        let (needle, hay, next, end, found, done) = match self {
            Matches::Plain(it, n) => return it.next().map(|i| i..i + *n),
            Matches::Spelled {
                needle,
                hay,
                next,
                end,
                found,
                done,
            } => (needle, hay, next, end, found, done),
        };
        loop {
            // the first match found is given out once no anchor to come
            // can start one before it (anchors come in order)
            if let Some((&s, &e)) = found.first_key_value()
                && (*done || s + needle.before < *next)
            {
                found.remove(&s);
                if s >= *end {
                    *end = e;
                    return Some(s..e);
                }
                continue;
            }
            if *done {
                return None;
            }
            let Some(i) = (*next <= hay.len())
                .then(|| needle.finder.find(&hay[*next..]))
                .flatten()
            else {
                *done = true;
                continue;
            };
            let a = *next + i;
            *next = a + 1;
            let Part::Fixed(anchor) = &needle.parts[needle.anchor] else {
                unreachable!("the anchor is a fixed part");
            };
            let (mut starts, mut ends) = (Vec::new(), Vec::new());
            needle.starts(hay, &needle.parts[..needle.anchor], a, &mut starts);
            if starts.is_empty() {
                continue;
            }
            needle.ends(
                hay,
                &needle.parts[needle.anchor + 1..],
                a + anchor.len(),
                &mut ends,
            );
            let Some(&longest) = ends.iter().max() else {
                continue;
            };
            for s in starts {
                if s >= *end {
                    let e = found.entry(s).or_insert(longest);
                    *e = (*e).max(longest);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn needle(parts: &[&[&str]]) -> Needle {
        Needle::new(
            parts
                .iter()
                .map(|p| match p {
                    [one] => Part::Fixed(one.as_bytes().to_vec()),
                    many => Part::Either(many.iter().map(|s| s.as_bytes().to_vec()).collect()),
                })
                .collect(),
            |b| Finder::new(b).into_owned(),
        )
    }

    /// Leftmost, longest at a place, non-overlapping: every start and
    /// every spelling tried.
    pub(crate) fn brute(hay: &[u8], variants: &[Vec<u8>]) -> Vec<Range<usize>> {
        let (mut out, mut at) = (Vec::new(), 0);
        while at < hay.len() {
            match variants
                .iter()
                .filter(|v| hay[at..].starts_with(v))
                .map(Vec::len)
                .max()
            {
                Some(n) if n > 0 => {
                    out.push(at..at + n);
                    at += n;
                }
                _ => at += 1,
            }
        }
        out
    }

    fn check(n: &Needle, variants: &[&str], hay: &str) {
        let v: Vec<Vec<u8>> = variants.iter().map(|s| s.as_bytes().to_vec()).collect();
        let got: Vec<Range<usize>> = n.find_iter(hay.as_bytes()).collect();
        assert_eq!(got, brute(hay.as_bytes(), &v), "{hay:?}");
    }

    #[test]
    fn every_spelling_leftmost_longest_without_overlap() {
        let n = needle(&[&["x", "y"], &["ab"]]);
        for hay in [
            "xab yab xabab",
            "yyab xxab",
            "xabxab",
            "yab",
            "ab",
            "",
            "xa",
        ] {
            check(&n, &["xab", "yab"], hay);
        }
        // a place that may be left out: the longer spelling wins at a place
        let n = needle(&[&["x", ""], &["ab"]]);
        for hay in ["xab ab xxab", "abab", "xxabab"] {
            check(&n, &["xab", "ab"], hay);
        }
        // anchors that overlap each other: "aa" in "aaa..."
        let n = needle(&[&["aa"], &["x", "b", ""], &["aa"]]);
        for hay in ["aaaxaabaaaxaaaaba", "aaaaaa", "aaxaaaa"] {
            check(&n, &["aaxaa", "aabaa", "aaaa"], hay);
        }
        // no holes: memmem itself
        let n = needle(&[&["aa"]]);
        assert_eq!(n.find_iter(b"aaaaa").collect::<Vec<_>>(), [0..2, 2..4]);
    }

    #[test]
    fn random_haystacks_agree_with_trying_every_place() {
        let n = needle(&[&["a", "b", ""], &["ab"], &["a", ""], &["b"]]);
        let variants: Vec<String> = ["a", "b", ""]
            .iter()
            .flat_map(|x| ["a", ""].iter().map(move |y| format!("{x}ab{y}b")))
            .collect();
        let variants: Vec<&str> = variants.iter().map(String::as_str).collect();
        let mut x = 7u32;
        for _ in 0..3000 {
            let len = (x % 23) as usize;
            let hay: String = (0..len)
                .map(|_| {
                    x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
                    ['a', 'b', 'c'][(x >> 16) as usize % 3]
                })
                .collect();
            check(&n, &variants, &hay);
        }
    }
}
