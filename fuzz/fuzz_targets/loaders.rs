#![no_main]
//! `khabar::fuzzing::loaders` under libFuzzer (`scripts/fuzz.sh loaders`).
libfuzzer_sys::fuzz_target!(|data: &[u8]| khabar::fuzzing::loaders(data));
