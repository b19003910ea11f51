//! Search that understands Arabic spelling: the query and the text are
//! folded alike (`text::normalize`: hamza forms of alef, ya, ta marbuta,
//! harakat, tatweel, digits, case), matched as a literal substring that
//! knows the proclitic ل before ال (`matcher`), and each match mapped back
//! to the exact bytes of the original text. `rules`: the rule language of
//! query feeds and ignore rules.

pub mod code;
pub mod corpus;
pub mod matcher;
pub mod needle;
pub mod rules;

pub use corpus::{CorpusHit, CorpusIndex};
pub use matcher::{Query, find_all, find_in};
