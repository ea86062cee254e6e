//! Fuzz target: `policyc::fuzzing::diff_pair`.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| policyc::fuzzing::diff_pair(data));
