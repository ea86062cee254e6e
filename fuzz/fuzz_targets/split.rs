//! Fuzz target: `policyc::fuzzing::split`.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| policyc::fuzzing::split(data));
