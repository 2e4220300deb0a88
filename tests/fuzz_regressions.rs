//! Inputs the fuzzers (fuzz/) once found failing, kept under
//! tests/data/fuzz/TARGET/ and run through the same checks as the fuzz
//! target of that name (`tralign::invariants`).

use std::path::Path;

/// A fuzz target's check: raw bytes in, a panic when a property fails.
type Check = fn(&[u8]);

fn replay(target: &str, check: Check) -> usize {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/fuzz")
        .join(target);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return 0;
    };
    let mut files: Vec<_> = entries.map(|e| e.unwrap().path()).collect();
    files.sort();
    for f in &files {
        let data = std::fs::read(f).unwrap();
        check(&data);
    }
    files.len()
}

#[test]
fn fuzz_crashers_stay_fixed() {
    let targets: [(&str, Check); 7] = [
        ("decode", tralign::invariants::decode),
        ("document", tralign::invariants::document),
        ("segment", tralign::invariants::segment),
        ("align", tralign::invariants::align),
        ("convert", tralign::invariants::convert),
        ("glossary", tralign::invariants::glossary),
        ("pdf", tralign::invariants::pdf),
    ];
    let replayed: usize = targets.iter().map(|(t, f)| replay(t, *f)).sum();
    assert!(replayed >= 1, "the kept crashers are replayed");
}

#[test]
fn the_checks_hold_on_ordinary_input() {
    let seed =
        std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/syria-2024/fr.txt"))
            .unwrap();
    let mut pair = seed.clone();
    pair.push(0xFF);
    pair.extend(
        std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/syria-2024/en.txt"))
            .unwrap(),
    );
    tralign::invariants::decode(&seed);
    tralign::invariants::segment(&seed);
    tralign::invariants::align(&pair);
    tralign::invariants::glossary(b"fr,en\nDamas,Damascus\n");
    tralign::invariants::convert(b"fr,en,confidence\n=1+1,\"a, b\",0.5\n");
}
