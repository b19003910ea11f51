#![no_main]
//! `khabar::fuzzing::layout` under libFuzzer (`scripts/fuzz.sh layout`).
libfuzzer_sys::fuzz_target!(|data: &[u8]| khabar::fuzzing::layout(data));
