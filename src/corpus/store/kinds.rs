//! The facts' kinds as the store keeps them: each an explicit number, never
//! to change, and a number this khabar does not know is an error (a newer
//! khabar wrote it, or the row is damaged), never taken for another kind.

use super::pack::UnknownCode;
use crate::facts::actors::ActorKind;
use crate::facts::lexicon::StatementKind;

const ACTORS: [(ActorKind, i64); 5] = [
    (ActorKind::Person, 0),
    (ActorKind::Country, 1),
    (ActorKind::Organization, 2),
    (ActorKind::Group, 3),
    (ActorKind::Place, 4),
];

const STATEMENTS: [(StatementKind, i64); 7] = [
    (StatementKind::Agreement, 0),
    (StatementKind::Support, 1),
    (StatementKind::Rejection, 2),
    (StatementKind::Announcement, 3),
    (StatementKind::Affirmation, 4),
    (StatementKind::Discussion, 5),
    (StatementKind::Disagreement, 6),
];

/// An actor's kind as stored.
pub fn actor_code(kind: ActorKind) -> i64 {
    ACTORS
        .iter()
        .find(|(k, _)| *k == kind)
        .map(|&(_, c)| c)
        .expect("every actor kind has a code")
}

pub fn actor_kind(code: i64) -> Result<ActorKind, UnknownCode> {
    ACTORS
        .iter()
        .find(|&&(_, c)| c == code)
        .map(|&(k, _)| k)
        .ok_or(UnknownCode {
            what: "actor kind",
            code,
        })
}

/// A statement's kind as stored.
pub fn statement_code(kind: StatementKind) -> i64 {
    STATEMENTS
        .iter()
        .find(|(k, _)| *k == kind)
        .map(|&(_, c)| c)
        .expect("every statement kind has a code")
}

pub fn statement_kind(code: i64) -> Result<StatementKind, UnknownCode> {
    STATEMENTS
        .iter()
        .find(|&&(_, c)| c == code)
        .map(|&(k, _)| k)
        .ok_or(UnknownCode {
            what: "statement kind",
            code,
        })
}

/// An actor's kind read from column `i` of a row.
pub(super) fn actor_in(r: &rusqlite::Row, i: usize) -> rusqlite::Result<ActorKind> {
    actor_kind(r.get(i)?).map_err(|e| e.in_column(i))
}

/// A statement's kind read from column `i` of a row.
pub(super) fn statement_in(r: &rusqlite::Row, i: usize) -> rusqlite::Result<StatementKind> {
    statement_kind(r.get(i)?).map_err(|e| e.in_column(i))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_its_own_code_and_the_codes_are_those_stores_hold() {
        // the numbers stores written before explicit codes hold (each
        // kind's place in its enum)
        for (k, c) in ACTORS {
            assert_eq!(actor_code(k), k as i64);
            assert_eq!(actor_kind(c), Ok(k));
        }
        for (k, c) in STATEMENTS {
            assert_eq!(statement_code(k), k as i64);
            assert_eq!(statement_kind(c), Ok(k));
        }
        let e = actor_kind(5).unwrap_err();
        assert_eq!(
            e.to_string(),
            "unknown actor kind code 5 in the store (written by a newer khabar?)"
        );
        assert!(statement_kind(7).is_err());
        assert!(statement_kind(-1).is_err());
    }
}
