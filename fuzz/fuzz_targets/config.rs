#![no_main]
//! `khabar::fuzzing::config` under libFuzzer (`scripts/fuzz.sh config`).
libfuzzer_sys::fuzz_target!(|data: &[u8]| khabar::fuzzing::config(data));
