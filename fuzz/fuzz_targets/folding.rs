#![no_main]
//! `khabar::fuzzing::folding` under libFuzzer (`scripts/fuzz.sh folding`).
libfuzzer_sys::fuzz_target!(|data: &[u8]| khabar::fuzzing::folding(data));
