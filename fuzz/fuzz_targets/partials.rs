//! Fuzz target: `policyc::fuzzing::partials`.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| policyc::fuzzing::partials(data));
