#![no_main]
//! `khabar::fuzzing::bidi` under libFuzzer (`scripts/fuzz.sh bidi`).
libfuzzer_sys::fuzz_target!(|data: &[u8]| khabar::fuzzing::bidi(data));
