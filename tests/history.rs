//! The search history is kept across runs in the data directory.

use khabar::tui::prompt::History;

#[test]
fn history_round_trips_through_the_data_directory() {
    let dir = std::env::temp_dir().join(format!("khabar-history-{}", std::process::id()));
    // SAFETY: this test binary has this one test; nothing else reads the environment meanwhile.
    unsafe { std::env::set_var("KHABAR_DATA", &dir) };
    assert_eq!(History::path(), Some(dir.join("history")));
    assert!(
        History::load().entries.is_empty(),
        "no file yet: no history"
    );
    let mut h = History::default();
    for i in 0..250 {
        h.push(&format!("استعلام {i}"));
    }
    h.save().unwrap();
    let back = History::load().entries;
    assert_eq!(back.len(), 200, "the last 200 are kept");
    assert_eq!(back.last().unwrap(), "استعلام 249");
    assert_eq!(back.first().unwrap(), "استعلام 50");
    std::fs::remove_dir_all(&dir).unwrap();
}
