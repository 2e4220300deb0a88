//! Issue 14, "no input may destroy a file, crash a stream, or take the
//! machine": one regression test per reproduction, through the binary. Big
//! inputs are generated here; the expensive measurements (time and memory
//! of each case) are in `benches/hostile.sh`.

mod util;

use std::path::Path;
use std::process::{Command, Stdio};

use util::Dir;

const FR: &str = "Le rapport est publié. Il est long.\n";
const EN: &str = "The report is out. It is long.\n";

/// A pair and a glossary in a fresh folder.
fn pair() -> Dir {
    let d = Dir::new();
    d.file("fr.txt", FR);
    d.file("en.txt", EN);
    d.file("g.csv", "fr,en\nDamas,Damascus\n");
    d
}

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_tralign"))
}

#[test]
fn an_output_equal_to_a_glossary_is_refused() {
    let d = pair();
    let err = d
        .run(&["align", "fr.txt", "en.txt", "-g", "g.csv", "-o", "g.csv"])
        .fails();
    assert!(err.contains("g.csv: output path is also an input"), "{err}");
    assert_eq!(
        std::fs::read_to_string(d.path("g.csv")).unwrap(),
        "fr,en\nDamas,Damascus\n"
    );
}

#[test]
fn batch_out_dir_does_not_overwrite_a_glossary_in_it() {
    let d = Dir::new();
    d.file("g.fr.txt", FR);
    d.file("g.en.txt", EN);
    // `g.csv` is the glossary and also where pair `g` would be written.
    d.file("g.csv", "fr,en\nDamas,Damascus\n");
    let run = d.run(&["batch", ".", "-g", "g.csv", "--out-dir", "."]);
    assert_eq!(run.code(), 2, "{}", run.stderr());
    assert!(
        run.stderr().contains("output path is also an input"),
        "{}",
        run.stderr()
    );
    assert_eq!(
        std::fs::read_to_string(d.path("g.csv")).unwrap(),
        "fr,en\nDamas,Damascus\n"
    );
}

#[test]
fn an_input_read_from_standard_input_is_not_overwritten() {
    let d = pair();
    let out = bin()
        .args(["align", "-", "en.txt", "-o", "fr.txt"])
        .current_dir(d.tmp.path())
        .stdin(std::fs::File::open(d.path("fr.txt")).unwrap())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("fr.txt: output path is also an input (standard input is read from it)"),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(d.path("fr.txt")).unwrap(), FR);
}

#[test]
fn dev_stdout_as_output_writes_to_standard_output() {
    let d = pair();
    let out = std::fs::File::create(d.path("out.csv")).unwrap();
    let status = bin()
        .args(["align", "fr.txt", "en.txt", "-o", "/dev/stdout"])
        .current_dir(d.tmp.path())
        .stdout(out)
        .stderr(Stdio::null())
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(0));
    let text = std::fs::read_to_string(d.path("out.csv")).unwrap();
    assert!(text.starts_with("bead,fr_ids"), "{text:?}");
    assert!(Path::new("/dev/stdout").is_symlink() || Path::new("/dev/stdout").exists());
}

#[cfg(unix)]
#[test]
fn a_symlinked_output_is_written_through() {
    let d = pair();
    std::fs::create_dir(d.path("real")).unwrap();
    std::os::unix::fs::symlink("real/out.csv", d.path("link.csv")).unwrap();
    d.run(&["align", "fr.txt", "en.txt", "-o", "link.csv"]).ok();
    assert!(d.path("link.csv").is_symlink(), "the link was replaced");
    let text = std::fs::read_to_string(d.path("real/out.csv")).unwrap();
    assert!(text.starts_with("bead,fr_ids"), "{text:?}");
    // A second run replaces the target again, the link stays.
    d.run(&["align", "fr.txt", "en.txt", "-o", "link.csv"]).ok();
    assert!(d.path("link.csv").is_symlink());
}

#[cfg(unix)]
#[test]
fn outputs_respect_the_umask() {
    use std::os::unix::fs::PermissionsExt;
    let d = pair();
    d.file("b.fr.txt", FR);
    d.file("b.en.txt", EN);
    let run = |args: &str| {
        let status = Command::new("sh")
            .arg("-c")
            .arg(format!(
                "umask 077 && exec '{}' {args} 2>/dev/null",
                env!("CARGO_BIN_EXE_tralign")
            ))
            .current_dir(d.tmp.path())
            .status()
            .unwrap();
        assert!(status.success() || status.code() == Some(1), "{args}");
    };
    run("align fr.txt en.txt -o a.csv");
    run("segment fr.txt --lang fr -o s.txt");
    run("batch . --out-dir outdir -f tsv");
    for file in ["a.csv", "s.txt", "outdir/b.tsv"] {
        let mode = std::fs::metadata(d.path(file))
            .unwrap()
            .permissions()
            .mode()
            & 0o777;
        assert_eq!(mode, 0o600, "{file}: {mode:o}");
    }
    // An existing output keeps its own permissions.
    std::fs::set_permissions(d.path("a.csv"), std::fs::Permissions::from_mode(0o640)).unwrap();
    run("align fr.txt en.txt -o a.csv");
    let mode = std::fs::metadata(d.path("a.csv"))
        .unwrap()
        .permissions()
        .mode()
        & 0o777;
    assert_eq!(mode, 0o640);
}

/// Kills `tralign` with `signal` while it writes its temporary output, and
/// checks that the temporary file is gone and the old output untouched.
#[cfg(unix)]
fn killed_while_writing(signal: &str) {
    let d = Dir::new();
    // About 24 MB: long enough to write that the temporary file is seen.
    let line = "Une phrase assez longue pour peser, avec des mots. ";
    d.file("big.txt", line.repeat(480_000));
    d.file("out.txt", "old output\n");
    let mut child = bin()
        .args(["segment", "big.txt", "--lang", "fr", "-o", "out.txt"])
        .current_dir(d.tmp.path())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let temp = || {
        std::fs::read_dir(d.tmp.path())
            .unwrap()
            .flatten()
            .any(|e| e.file_name().to_string_lossy().starts_with(".tralign-"))
    };
    let start = std::time::Instant::now();
    let mut seen = false;
    while start.elapsed() < std::time::Duration::from_secs(20) {
        if temp() {
            seen = true;
            break;
        }
        if child.try_wait().unwrap().is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_micros(200));
    }
    let killed = Command::new("kill")
        .args([&format!("-{signal}"), &child.id().to_string()])
        .status()
        .unwrap();
    let status = child.wait().unwrap();
    if !seen {
        eprintln!("SKIPPED: the write finished before the temporary file was seen");
        return;
    }
    assert!(killed.success());
    assert!(!status.success(), "{status:?}");
    assert!(!temp(), "a temporary file is left after SIG{signal}");
    assert_eq!(
        std::fs::read_to_string(d.path("out.txt")).unwrap(),
        "old output\n"
    );
}

#[cfg(unix)]
#[test]
fn sigterm_and_sigint_remove_the_temporary_file() {
    killed_while_writing("TERM");
    killed_while_writing("INT");
}

#[test]
fn a_failing_standard_error_does_not_panic() {
    let d = pair();
    // A warning (not a translation) written to a full standard error.
    let out = bin()
        .args(["align", "fr.txt", "en.txt", "-o", "out.csv"])
        .current_dir(d.tmp.path())
        .stderr(
            std::fs::File::options()
                .write(true)
                .open("/dev/full")
                .unwrap(),
        )
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(d.path("out.csv").exists());
}

#[test]
fn glossary_lint_on_a_closed_or_full_standard_output_does_not_panic() {
    let d = Dir::new();
    let mut rows = String::from("fr,en\n");
    for i in 0..2000 {
        rows.push_str(&format!("Terme{i},Term{i}\nterme{i},Other{i}\n"));
    }
    d.file("g.csv", rows);
    // `| head -1`: standard output closed after the first line.
    let mut child = bin()
        .args(["glossary", "lint", "g.csv"])
        .current_dir(d.tmp.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 1];
    use std::io::Read;
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked"), "{err}");
    assert!(matches!(out.status.code(), Some(0 | 1)), "{err}");
    // `> /dev/full`.
    let out = bin()
        .args(["glossary", "lint", "g.csv"])
        .current_dir(d.tmp.path())
        .stdout(
            std::fs::File::options()
                .write(true)
                .open("/dev/full")
                .unwrap(),
        )
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("<stdout>: write failed"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}
