//! Fuzz target: `policyc::fuzzing::section`.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| policyc::fuzzing::section(data));
