//! Fuzz target: see `tralign::invariants::nesting` for the properties checked.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| tralign::invariants::nesting(data));
