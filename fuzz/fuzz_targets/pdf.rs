//! Fuzz target: see `tralign::invariants::pdf` for the properties checked.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| tralign::invariants::pdf(data));
