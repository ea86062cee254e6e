//! Fuzz target: `policyc::fuzzing::import`.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| policyc::fuzzing::import(data));
