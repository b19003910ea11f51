//! Every input the fuzzers found (`tests/data/fuzz/TARGET/`), replayed
//! through the same target bodies (`khabar::fuzzing`): each was a crash,
//! a timeout or a broken invariant once, and is fixed.

use std::time::{Duration, Instant};

#[test]
fn every_input_the_fuzzers_found_passes() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/fuzz");
    let mut replayed = 0;
    for (name, target) in khabar::fuzzing::TARGETS {
        let Ok(dir) = std::fs::read_dir(root.join(name)) else {
            continue;
        };
        for entry in dir.flatten() {
            let data = std::fs::read(entry.path()).unwrap();
            let start = Instant::now();
            target(&data);
            // the fuzzers' limit was 1 s; debug builds get more room
            assert!(
                start.elapsed() < Duration::from_secs(5),
                "{name}: {} took {:?}",
                entry.path().display(),
                start.elapsed()
            );
            replayed += 1;
        }
    }
    assert!(replayed > 0, "no input under {}", root.display());
}
