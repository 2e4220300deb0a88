//! Reading speed for a long PDF report: LibreOffice exports the English
//! sitrep-2025 report 67 times over, 200 A5 pages with running headers and
//! footers, footnotes, tables and two-column sections
//! (`corpus/sitrep-2025/make_pdf.py --repeat 67`), once, into `target/`,
//! untagged and tagged (a structure tree: reading order and block kinds
//! from it); then `Document::from_bytes` is timed on each and pages per
//! second printed.
//! Run with `cargo bench --bench pdf`; without LibreOffice it says so and
//! stops.

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use tralign::document::Document;

const REPEAT: usize = 67;

fn main() {
    measure("", &[]);
    measure(".tagged", &["--tagged"]);
}

/// Makes the long PDF (`make_pdf.py` with `flags`, into
/// `target/bench-data/sitrep-en-x67{suffix}.pdf`) if it is not there yet,
/// and times reading it.
fn measure(suffix: &str, flags: &[&str]) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = root.join("target/bench-data");
    let pdf = dir.join(format!("sitrep-en-x{REPEAT}{suffix}.pdf"));
    if !pdf.exists() {
        std::fs::create_dir_all(&dir).expect("bench data folder");
        let made = Command::new("python3")
            .arg(root.join("corpus/sitrep-2025/make_pdf.py"))
            .args(["--repeat", &REPEAT.to_string()])
            .args(flags)
            .arg("--out")
            .arg(&pdf)
            .status();
        if !made.is_ok_and(|s| s.success()) {
            eprintln!("SKIPPED: the long PDF needs python3 and LibreOffice (soffice)");
            return;
        }
    }
    let bytes = std::fs::read(&pdf).expect("read the long PDF");
    // LibreOffice writes each page object as `/Type/Page` (the page tree
    // as `/Type/Pages`).
    let pages = bytes
        .windows(11)
        .filter(|w| &w[..10] == b"/Type/Page" && w[10] != b's')
        .count()
        .max(1);
    let doc = Document::from_bytes(&bytes, &pdf).expect("read the long PDF");
    let runs = 5;
    let mut best = f64::INFINITY;
    for _ in 0..runs {
        let t = Instant::now();
        let d = Document::from_bytes(&bytes, &pdf).expect("read");
        best = best.min(t.elapsed().as_secs_f64());
        assert_eq!(d.blocks.len(), doc.blocks.len());
    }
    println!(
        "pdf: {} ({:.2} MB, about {pages} pages, {} blocks, {:.2} MB of text): best of {runs} {:.3} s, {:.0} pages/s, {:.1} MB/s of file",
        pdf.display(),
        bytes.len() as f64 / 1e6,
        doc.blocks.len(),
        doc.text.len() as f64 / 1e6,
        best,
        pages as f64 / best,
        bytes.len() as f64 / 1e6 / best
    );
}
