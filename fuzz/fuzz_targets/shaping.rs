#![no_main]
//! `khabar::fuzzing::shaping` under libFuzzer (`scripts/fuzz.sh shaping`).
libfuzzer_sys::fuzz_target!(|data: &[u8]| khabar::fuzzing::shaping(data));
