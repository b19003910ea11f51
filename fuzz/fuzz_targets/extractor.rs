#![no_main]
//! `khabar::fuzzing::extractor` under libFuzzer (`scripts/fuzz.sh extractor`).
libfuzzer_sys::fuzz_target!(|data: &[u8]| khabar::fuzzing::extractor(data));
