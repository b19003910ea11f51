//! The rule language of query feeds and ignore rules (`[[query]]` and
//! `[[ignore]]` in the config): conditions on an article's fields joined
//! by `and`, `or`, `not` and parentheses.
//!
//! ```text
//! text ~ "الأمن" and not read
//! (source = "الجزيرة" or feed ~ "aljazeera.net") and date > 2d
//! category ~ "رياضة" or title ~ "كرة القدم"
//! actor ~ "أوباما" and date >= 2026-01-01
//! ```
//!
//! - text fields: `title`, `source` (the feed's or the page's name),
//!   `feed` (its URL, or its title), `author`, `category` (any of the
//!   item's), `actor` (any actor the facts name, by any of its names),
//!   `text` (title and paragraphs). `~` holds, `=` is, `!~` and `!=` deny,
//!   each against a quoted value (`"..."` or `'...'`, `\"` and `\\` inside
//!   `"`), with the search's folding: hamza forms, ta marbuta, harakat,
//!   tatweel, digits, case, and the proclitic لل of a word with ال;
//! - `date` with `<`, `<=`, `>`, `>=`, `=`: against a day (`2026-12-01`),
//!   a time (`2026-12-01T14:30`), local time, or an age: `7d` is seven
//!   days ago (`m` minutes, `h` hours, `d` days, `w` weeks), so `date >
//!   2d` is the last two days;
//! - `read`, `unread`: the article's read state.
//!
//! Words are English and lower case; `and` binds before `or`. A rule that
//! cannot be read is an error at its place: [`RuleError::at`] is a
//! character offset in the rule's text.
//!
//! The module parses and decides; the caller says what each condition
//! gives for an article ([`Rule::eval`]): the browser and the store read
//! the fields their own way (the store answers `text` through its index).

use chrono::{Local, NaiveDate, NaiveDateTime, TimeZone};

use super::Query;
use crate::text::normalize::fold;

/// A field of an article that a condition reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    Title,
    Source,
    Feed,
    Author,
    Category,
    Actor,
    Text,
}

impl Field {
    fn parse(word: &str) -> Option<Field> {
        Some(match word {
            "title" => Field::Title,
            "source" => Field::Source,
            "feed" => Field::Feed,
            "author" => Field::Author,
            "category" => Field::Category,
            "actor" => Field::Actor,
            "text" => Field::Text,
            _ => return None,
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            Field::Title => "title",
            Field::Source => "source",
            Field::Feed => "feed",
            Field::Author => "author",
            Field::Category => "category",
            Field::Actor => "actor",
            Field::Text => "text",
        }
    }
}

/// How a condition on a text field tests a value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Match {
    /// `~`: the value holds it (folded, like the search).
    Holds,
    /// `=`: the value is it (folded, spaces at the ends ignored).
    Is,
}

/// A comparison of dates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateOp {
    Before,
    AtOrBefore,
    After,
    AtOrAfter,
    /// `=`: within the day given (or the minute of a time).
    Within,
}

/// A moment a date is compared with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum When {
    /// Seconds since the epoch, from `start` to `end` (a day, a minute).
    At { start: i64, end: i64 },
    /// This many seconds before now.
    Ago(i64),
}

/// One condition of a rule.
pub enum Cond {
    Text {
        field: Field,
        how: Match,
        /// The value as written, and folded (for `=`), and as a search
        /// query (for `~`).
        value: String,
        folded: String,
        query: Box<Query>,
    },
    Date {
        op: DateOp,
        when: When,
    },
    /// `read` (true) or `unread` (false).
    Read(bool),
}

impl Cond {
    /// Does the text `s` (one value of the field) pass a text condition?
    /// (false for the other kinds.)
    pub fn test_str(&self, s: &str) -> bool {
        match self {
            Cond::Text {
                how: Match::Holds,
                query,
                ..
            } => query.is_in_folded(&fold(s)),
            Cond::Text {
                how: Match::Is,
                folded,
                ..
            } => fold(s).trim() == folded,
            _ => false,
        }
    }

    /// Does a date (seconds since the epoch) pass a date condition, at
    /// `now`? (false for the other kinds.)
    pub fn test_date(&self, date: i64, now: i64) -> bool {
        let Cond::Date { op, when } = self else {
            return false;
        };
        let (start, end) = match *when {
            When::At { start, end } => (start, end),
            When::Ago(secs) => (now - secs, now - secs + 1),
        };
        match op {
            DateOp::Before => date < start,
            DateOp::AtOrBefore => date < end,
            DateOp::After => date >= end,
            DateOp::AtOrAfter => date >= start,
            DateOp::Within => date >= start && date < end,
        }
    }
}

/// A rule, read.
pub enum Rule {
    Cond(Cond),
    Not(Box<Rule>),
    And(Box<Rule>, Box<Rule>),
    Or(Box<Rule>, Box<Rule>),
}

impl Rule {
    /// Whether the rule holds, `cond` saying what each condition gives.
    pub fn eval(&self, cond: &mut dyn FnMut(&Cond) -> bool) -> bool {
        match self {
            Rule::Cond(c) => cond(c),
            Rule::Not(r) => !r.eval(cond),
            Rule::And(a, b) => a.eval(cond) && b.eval(cond),
            Rule::Or(a, b) => a.eval(cond) || b.eval(cond),
        }
    }

    /// Every condition, in order.
    pub fn conditions(&self) -> Vec<&Cond> {
        let mut out = Vec::new();
        self.walk(&mut out);
        out
    }

    fn walk<'a>(&'a self, out: &mut Vec<&'a Cond>) {
        match self {
            Rule::Cond(c) => out.push(c),
            Rule::Not(r) => r.walk(out),
            Rule::And(a, b) | Rule::Or(a, b) => {
                a.walk(out);
                b.walk(out);
            }
        }
    }

    /// Does a condition read the article's read state (which changes as
    /// it is read)?
    pub fn reads_read_state(&self) -> bool {
        self.conditions().iter().any(|c| matches!(c, Cond::Read(_)))
    }
}

/// A rule that cannot be read: where (a character offset) and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleError {
    pub at: usize,
    pub message: String,
}

impl std::fmt::Display for RuleError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} (at character {})", self.message, self.at + 1)
    }
}

/// One token and the character offset it starts at.
#[derive(Clone, Debug, PartialEq)]
enum Token {
    Word(String),
    Str(String),
    /// A date, a time or an age, as written.
    Moment(String),
    Op(&'static str),
    Open,
    Close,
}

fn describe(t: Option<&(Token, usize)>) -> String {
    match t {
        None => "the end of the rule".into(),
        Some((Token::Word(w), _)) => format!("`{w}`"),
        Some((Token::Str(s), _)) => format!("\"{s}\""),
        Some((Token::Moment(m), _)) => format!("`{m}`"),
        Some((Token::Op(o), _)) => format!("`{o}`"),
        Some((Token::Open, _)) => "`(`".into(),
        Some((Token::Close, _)) => "`)`".into(),
    }
}

fn tokens(text: &str) -> Result<Vec<(Token, usize)>, RuleError> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let start = i;
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let two: String = chars[i..(i + 2).min(chars.len())].iter().collect();
        let op = ["!~", "!=", "<=", ">="]
            .into_iter()
            .find(|o| two == *o)
            .or_else(|| {
                ["~", "=", "<", ">"]
                    .into_iter()
                    .find(|o| c.to_string() == *o)
            });
        if let Some(o) = op {
            out.push((Token::Op(o), start));
            i += o.len();
            continue;
        }
        match c {
            '(' => {
                out.push((Token::Open, start));
                i += 1;
            }
            ')' => {
                out.push((Token::Close, start));
                i += 1;
            }
            '"' | '\'' => {
                let quote = c;
                let mut s = String::new();
                i += 1;
                loop {
                    match chars.get(i) {
                        None => {
                            return Err(RuleError {
                                at: start,
                                message: format!("this {quote}...{quote} is not closed"),
                            });
                        }
                        Some(&q) if q == quote => {
                            i += 1;
                            break;
                        }
                        Some('\\') if quote == '"' => {
                            match chars.get(i + 1) {
                                Some(&e @ ('"' | '\\')) => s.push(e),
                                _ => {
                                    return Err(RuleError {
                                        at: i,
                                        message: "only \\\" and \\\\ are escapes in \"...\"".into(),
                                    });
                                }
                            }
                            i += 2;
                        }
                        Some(&ch) => {
                            s.push(ch);
                            i += 1;
                        }
                    }
                }
                out.push((Token::Str(s), start));
            }
            c if c.is_ascii_digit() => {
                while i < chars.len()
                    && (chars[i].is_ascii_alphanumeric() || matches!(chars[i], '-' | ':'))
                {
                    i += 1;
                }
                out.push((Token::Moment(chars[start..i].iter().collect()), start));
            }
            c if c.is_alphabetic() || c == '_' => {
                while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                    i += 1;
                }
                out.push((Token::Word(chars[start..i].iter().collect()), start));
            }
            _ => {
                return Err(RuleError {
                    at: start,
                    message: format!("`{c}` has no meaning here"),
                });
            }
        }
    }
    Ok(out)
}

struct Parser {
    tokens: Vec<(Token, usize)>,
    at: usize,
    /// The rule's length in characters (where "the end" is).
    len: usize,
    now: i64,
}

impl Parser {
    fn peek(&self) -> Option<&(Token, usize)> {
        self.tokens.get(self.at)
    }

    fn place(&self) -> usize {
        self.peek().map_or(self.len, |t| t.1)
    }

    fn error<T>(&self, message: String) -> Result<T, RuleError> {
        Err(RuleError {
            at: self.place(),
            message,
        })
    }

    fn word(&self, w: &str) -> bool {
        matches!(self.peek(), Some((Token::Word(x), _)) if x == w)
    }

    fn or(&mut self) -> Result<Rule, RuleError> {
        let mut left = self.and()?;
        while self.word("or") {
            self.at += 1;
            let right = self.and()?;
            left = Rule::Or(Box::new(left), Box::new(right));
        }
        Ok(left)
    }

    fn and(&mut self) -> Result<Rule, RuleError> {
        let mut left = self.unary()?;
        while self.word("and") {
            self.at += 1;
            let right = self.unary()?;
            left = Rule::And(Box::new(left), Box::new(right));
        }
        Ok(left)
    }

    fn unary(&mut self) -> Result<Rule, RuleError> {
        if self.word("not") {
            self.at += 1;
            return Ok(Rule::Not(Box::new(self.unary()?)));
        }
        self.primary()
    }

    fn primary(&mut self) -> Result<Rule, RuleError> {
        let Some((token, _)) = self.peek().cloned() else {
            return self.error("a condition is missing at the end".into());
        };
        match token {
            Token::Open => {
                self.at += 1;
                let inner = self.or()?;
                if !matches!(self.peek(), Some((Token::Close, _))) {
                    return self.error(format!("`)` expected, not {}", describe(self.peek())));
                }
                self.at += 1;
                Ok(inner)
            }
            Token::Word(w) if w == "read" || w == "unread" => {
                self.at += 1;
                Ok(Rule::Cond(Cond::Read(w == "read")))
            }
            Token::Word(w) if w == "date" => {
                self.at += 1;
                let op = match self.peek() {
                    Some((Token::Op("<"), _)) => DateOp::Before,
                    Some((Token::Op("<="), _)) => DateOp::AtOrBefore,
                    Some((Token::Op(">"), _)) => DateOp::After,
                    Some((Token::Op(">="), _)) => DateOp::AtOrAfter,
                    Some((Token::Op("="), _)) => DateOp::Within,
                    other => {
                        return self.error(format!(
                            "date is compared with <, <=, >, >= or =, not {}",
                            describe(other)
                        ));
                    }
                };
                self.at += 1;
                let Some((Token::Moment(m), _)) = self.peek().cloned() else {
                    return self.error(format!(
                        "a day (2026-12-01), a time (2026-12-01T14:30) or an age (7d) expected, not {}",
                        describe(self.peek())
                    ));
                };
                let when = moment(&m, self.now).map_err(|message| RuleError {
                    at: self.place(),
                    message,
                })?;
                self.at += 1;
                Ok(Rule::Cond(Cond::Date { op, when }))
            }
            Token::Word(w) => {
                let Some(field) = Field::parse(&w) else {
                    return self.error(format!(
                        "`{w}` is not a field: title, source, feed, author, category, actor, text, date, read, unread"
                    ));
                };
                self.at += 1;
                let (how, negated) = match self.peek() {
                    Some((Token::Op("~"), _)) => (Match::Holds, false),
                    Some((Token::Op("!~"), _)) => (Match::Holds, true),
                    Some((Token::Op("="), _)) => (Match::Is, false),
                    Some((Token::Op("!="), _)) => (Match::Is, true),
                    other => {
                        return self.error(format!(
                            "{w} is compared with ~, !~, = or !=, not {}",
                            describe(other)
                        ));
                    }
                };
                self.at += 1;
                let Some((Token::Str(value), _)) = self.peek().cloned() else {
                    return self.error(format!(
                        "a quoted value expected after the comparison, not {}",
                        describe(self.peek())
                    ));
                };
                let Some(query) = Query::new(&value) else {
                    return self.error("the value is empty (after folding)".into());
                };
                self.at += 1;
                let cond = Rule::Cond(Cond::Text {
                    field,
                    how,
                    folded: fold(&value).trim().to_string(),
                    value,
                    query: Box::new(query),
                });
                Ok(if negated {
                    Rule::Not(Box::new(cond))
                } else {
                    cond
                })
            }
            _ => self.error(format!(
                "a condition expected, not {}",
                describe(self.peek())
            )),
        }
    }
}

/// A date, a time or an age as a moment, at `now`.
fn moment(m: &str, now: i64) -> Result<When, String> {
    if let Some(unit) = m.chars().last().filter(char::is_ascii_alphabetic)
        && m[..m.len() - 1].chars().all(|c| c.is_ascii_digit())
    {
        let n: i64 = m[..m.len() - 1]
            .parse()
            .map_err(|_| format!("`{m}` is not an age"))?;
        let secs = match unit {
            'm' => 60,
            'h' => 3600,
            'd' => 86_400,
            'w' => 7 * 86_400,
            _ => return Err(format!("`{m}`: an age is in m, h, d or w (7d: seven days)")),
        };
        return n
            .checked_mul(secs)
            .filter(|s| *s <= now.max(0))
            .map(When::Ago)
            .ok_or_else(|| format!("`{m}` is too long ago"));
    }
    let local = |t: NaiveDateTime| {
        Local
            .from_local_datetime(&t)
            .earliest()
            .map(|d| d.timestamp())
    };
    if let Ok(day) = NaiveDate::parse_from_str(m, "%Y-%m-%d")
        && let Some(start) = day.and_hms_opt(0, 0, 0).and_then(local)
    {
        let end = day
            .succ_opt()
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .and_then(local)
            .unwrap_or(start + 86_400);
        return Ok(When::At { start, end });
    }
    if let Ok(t) = NaiveDateTime::parse_from_str(m, "%Y-%m-%dT%H:%M")
        && let Some(start) = local(t)
    {
        return Ok(When::At {
            start,
            end: start + 60,
        });
    }
    let _ = now;
    Err(format!(
        "`{m}` is not a day (2026-12-01), a time (2026-12-01T14:30) or an age (7d)"
    ))
}

/// Read a rule; ages count back from `now` (seconds since the epoch).
pub fn parse(text: &str, now: i64) -> Result<Rule, RuleError> {
    let tokens = tokens(text)?;
    let mut p = Parser {
        tokens,
        at: 0,
        len: text.chars().count(),
        now,
    };
    if p.peek().is_none() {
        return p.error("the rule is empty".into());
    }
    let rule = p.or()?;
    if p.peek().is_some() {
        return p.error(format!(
            "`and` or `or` expected, not {}",
            describe(p.peek())
        ));
    }
    Ok(rule)
}

/// An article's fields, for rules evaluated in memory.
#[derive(Clone, Debug, Default)]
pub struct Fields<'a> {
    pub title: &'a str,
    pub source: Option<&'a str>,
    /// The feed's URL and title (or the file's path).
    pub feed: Vec<&'a str>,
    pub author: Option<&'a str>,
    pub categories: Vec<&'a str>,
    /// Every name of every actor.
    pub actors: Vec<&'a str>,
    pub text: &'a str,
    pub date: i64,
    pub read: bool,
}

impl Rule {
    /// Does the rule hold for an article's `fields`, at `now`?
    pub fn matches(&self, f: &Fields, now: i64) -> bool {
        self.eval(&mut |c| match c {
            Cond::Read(r) => f.read == *r,
            Cond::Date { .. } => c.test_date(f.date, now),
            Cond::Text { field, .. } => {
                let values: Vec<&str> = match field {
                    Field::Title => vec![f.title],
                    Field::Source => f.source.into_iter().collect(),
                    Field::Feed => f.feed.clone(),
                    Field::Author => f.author.into_iter().collect(),
                    Field::Category => f.categories.clone(),
                    Field::Actor => f.actors.clone(),
                    Field::Text => vec![f.text],
                };
                values.iter().any(|v| c.test_str(v))
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_800_000_000;

    fn article() -> Fields<'static> {
        Fields {
            title: "اتفاق على تعزيز الأمن الإلكتروني",
            source: Some("الجزيرة نت"),
            feed: vec!["https://aljazeera.net/rss", "الجزيرة"],
            author: Some("سارة أحمد"),
            categories: vec!["سياسة", "تقنية"],
            actors: vec!["باراك أوباما", "أوباما"],
            text: "اتفاق على تعزيز الأمن الإلكتروني\nقال الوزير إن التعاون للأمن مهم.",
            date: NOW - 3600,
            read: false,
        }
    }

    fn holds(rule: &str) -> bool {
        parse(rule, NOW)
            .unwrap_or_else(|e| panic!("{rule}: {e}"))
            .matches(&article(), NOW)
    }

    #[test]
    fn each_field_and_operator() {
        assert!(holds("title ~ \"الامن\""));
        assert!(holds("title ~ 'تعزيز' and source = \"الجزيره نت\""));
        assert!(!holds("source = \"الجزيرة\""));
        assert!(holds("feed ~ \"aljazeera.net\" and feed = \"الجزيرة\""));
        assert!(holds("author ~ \"ساره\" and category = \"تقنية\""));
        assert!(holds("category != \"رياضة\" and category !~ \"رياض\""));
        assert!(holds("actor ~ \"اوباما\""));
        assert!(!holds("actor ~ \"ماكرون\""));
        // the search's folding: للأمن is found by الامن
        assert!(holds("text ~ \"التعاون الامن\""));
        assert!(holds("text ~ \"التعاون للامن\""));
        assert!(holds("text ~ \"الامن مهم\""));
        assert!(holds("unread and not read"));
        assert!(holds("date > 2h and date < 30m and date >= 1d"));
        assert!(!holds("date > 30m"));
        assert!(holds("date > 2020-01-01 and date < 2099-01-01T10:00"));
    }

    #[test]
    fn and_binds_before_or_and_parentheses_group() {
        assert!(holds("read and title ~ \"x\" or unread"));
        assert!(!holds("read and (title ~ \"x\" or unread)"));
        assert!(holds("not (read or title ~ \"x\")"));
        assert!(holds("not not unread"));
    }

    #[test]
    fn errors_say_where_and_what() {
        let e = |r: &str| parse(r, NOW).err().unwrap_or_else(|| panic!("{r} parsed"));
        let err = e("title ~ \"x\" and colour ~ \"y\"");
        assert_eq!(err.at, 16);
        assert!(err.message.contains("`colour` is not a field"), "{err}");
        let err = e("title ~ \"unclosed");
        assert_eq!(err.at, 8);
        assert!(err.message.contains("not closed"), "{err}");
        let err = e("title > \"x\"");
        assert_eq!(err.at, 6);
        let err = e("date > yesterday");
        assert_eq!(err.at, 7);
        let err = e("date > 3y");
        assert_eq!(err.at, 7);
        assert!(err.message.contains("m, h, d or w"), "{err}");
        let err = e("(unread");
        assert_eq!(err.at, 7);
        assert!(err.message.contains("`)` expected"), "{err}");
        let err = e("unread read");
        assert_eq!(err.at, 7);
        let err = e("");
        assert!(err.message.contains("empty"), "{err}");
        let err = e("title ~ \"\u{064E}\"");
        assert!(err.message.contains("empty"), "{err}");
        let err = e("unread and");
        assert_eq!(err.at, 10);
        let err = e("title ~ \"a\\x\"");
        assert_eq!(err.at, 10);
        assert!(e("title ~ x").message.contains("quoted value"));
        assert!(e("unread; read").message.contains("`;`"));
    }
}
