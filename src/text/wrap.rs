//! Greedy line breaking over clusters, at UAX #14 break opportunities.

use std::ops::Range;

/// Break clusters into lines no wider than `max` columns.
///
/// `width(i)` and `space(i)` describe cluster `i` of `n`; `breaks` lists, in
/// increasing order, the cluster indices before which a line may (or, when
/// the flag is set, must) start. Spaces at the end of a line hang: they do not
/// count towards its width. A word wider than `max` is split between clusters.
pub(super) fn wrap_clusters(
    n: usize,
    width: impl Fn(usize) -> u16,
    space: impl Fn(usize) -> bool,
    breaks: &[(usize, bool)],
    max: usize,
) -> Vec<Range<usize>> {
    let mut lines = Vec::new();
    let mut start = 0usize;
    let mut used = 0usize; // width of start..i, spaces included
    let mut last_break: Option<usize> = None;
    let mut b = 0usize;
    for i in 0..n {
        while b < breaks.len() && breaks[b].0 < i {
            b += 1;
        }
        if b < breaks.len() && breaks[b].0 == i && i > start {
            if breaks[b].1 {
                lines.push(start..i);
                start = i;
                used = 0;
                last_break = None;
            } else {
                last_break = Some(i);
            }
        }
        let w = width(i) as usize;
        if space(i) {
            used += w;
            continue;
        }
        if used + w > max && i > start {
            let cut = last_break.filter(|&lb| lb > start).unwrap_or(i);
            lines.push(start..cut);
            start = cut;
            last_break = None;
            used = (cut..i).map(|k| width(k) as usize).sum();
            if used + w > max && i > start {
                lines.push(start..i);
                start = i;
                used = 0;
            }
        }
        used += w;
    }
    if start < n || lines.is_empty() {
        lines.push(start..n);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(words: &str, max: usize) -> Vec<String> {
        let chars: Vec<char> = words.chars().collect();
        let widths = vec![1u16; chars.len()];
        let spaces: Vec<bool> = chars.iter().map(|&c| c == ' ').collect();
        let breaks: Vec<(usize, bool)> = (1..chars.len())
            .filter(|&i| chars[i - 1] == ' ' && chars[i] != ' ')
            .map(|i| (i, false))
            .collect();
        wrap_clusters(chars.len(), |i| widths[i], |i| spaces[i], &breaks, max)
            .into_iter()
            .map(|r| chars[r].iter().collect())
            .collect()
    }

    #[test]
    fn breaks_at_spaces() {
        assert_eq!(run("aa bb cc", 5), ["aa bb ", "cc"]);
        assert_eq!(run("aa bb cc", 8), ["aa bb cc"]);
    }

    #[test]
    fn trailing_spaces_hang() {
        assert_eq!(run("aaaaa   bb", 5), ["aaaaa   ", "bb"]);
    }

    #[test]
    fn long_words_split() {
        assert_eq!(run("abcdefgh", 3), ["abc", "def", "gh"]);
        assert_eq!(run("ab cdefgh", 3), ["ab ", "cde", "fgh"]);
    }
}
