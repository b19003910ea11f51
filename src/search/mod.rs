//! Search that understands Arabic spelling: the query and the text are
//! folded alike (`text::normalize`: hamza forms of alef, ya, ta marbuta,
//! harakat, tatweel, digits, case), matched as a literal substring, and each
//! match mapped back to the exact bytes of the original text.

pub mod code;
pub mod corpus;
pub mod matcher;

pub use corpus::{CorpusHit, CorpusIndex};
pub use matcher::{Query, find_all, find_in};
