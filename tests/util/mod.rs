//! Helpers for integration tests that run the real `tralign` binary on files
//! in a temporary folder.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// A temporary folder with files in it, and a way to run `tralign` there.
pub struct Dir {
    pub tmp: tempfile::TempDir,
}

impl Dir {
    pub fn new() -> Dir {
        Dir {
            tmp: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.tmp.path().join(name)
    }

    /// Writes `bytes` to `name` and returns its path.
    pub fn file(&self, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let p = self.path(name);
        std::fs::write(&p, bytes).expect("write test file");
        p
    }

    /// Runs `tralign ARGS` in the folder.
    pub fn run(&self, args: &[&str]) -> Run {
        self.run_stdin(args, None)
    }

    /// Runs `tralign ARGS` with `stdin` as standard input.
    pub fn run_stdin(&self, args: &[&str], stdin: Option<&[u8]>) -> Run {
        run_in(self.tmp.path(), args, stdin)
    }
}

/// Runs the binary in `dir`.
pub fn run_in(dir: &Path, args: &[&str], stdin: Option<&[u8]>) -> Run {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_tralign"))
        .args(args)
        .current_dir(dir)
        // Tests name the sentence encoder themselves when they want it.
        .env_remove("TRALIGN_ENCODER")
        .env_remove("TRALIGN_LEXICON")
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run tralign");
    if let Some(input) = stdin {
        child.stdin.take().unwrap().write_all(input).unwrap();
    }
    Run(child.wait_with_output().expect("wait for tralign"))
}

/// The repository's root (for the shipped corpus and data).
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A file of the seed pair (`corpus/syria-2024`), as a path argument.
pub fn seed(name: &str) -> String {
    repo()
        .join("corpus/syria-2024")
        .join(name)
        .display()
        .to_string()
}

/// A shipped glossary (`glossaries/`), as a path argument.
pub fn shipped(name: &str) -> String {
    repo().join("glossaries").join(name).display().to_string()
}

/// What a run printed and how it ended.
pub struct Run(pub Output);

impl Run {
    pub fn code(&self) -> i32 {
        self.0
            .status
            .code()
            .expect("exit code (not killed by a signal)")
    }
    pub fn stdout(&self) -> String {
        String::from_utf8(self.0.stdout.clone()).expect("stdout is UTF-8")
    }
    pub fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.0.stderr).into_owned()
    }
    /// Asserts success and returns stdout.
    pub fn ok(&self) -> String {
        assert_eq!(self.code(), 0, "stderr: {}", self.stderr());
        assert!(!self.stderr().contains("panicked"), "{}", self.stderr());
        self.stdout()
    }
    /// Asserts a clean failure (exit 2, a message, no panic) and returns stderr.
    pub fn fails(&self) -> String {
        let err = self.stderr();
        assert_eq!(self.code(), 2, "stdout: {} stderr: {}", self.stdout(), err);
        assert!(!err.contains("panicked"), "{err}");
        assert!(err.starts_with("tralign: error: "), "{err}");
        err
    }
}

/// An external program a test needs (LibreOffice, Chromium, …). When it is
/// missing the test is skipped with a note that `cargo test` shows (it is
/// written past the test harness's capture) — unless the environment sets
/// `TRALIGN_REQUIRE_TOOLS=1`, as `.ci/run` does after installing them,
/// where a missing program fails the test.
pub fn external(program: &str) -> Option<PathBuf> {
    let found = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join(program))
            .find(|p| p.is_file())
    });
    if found.is_none() {
        skipped_unless_required(program);
    }
    found
}

/// A test that cannot run without `what`: fails under
/// `TRALIGN_REQUIRE_TOOLS`, else says `SKIPPED` on the terminal. The note
/// is written to standard error directly, not with `eprintln!`, which the
/// test harness captures and hides for a passing test.
pub fn skipped_unless_required(what: &str) {
    use std::io::Write;
    assert!(
        std::env::var_os("TRALIGN_REQUIRE_TOOLS").is_none(),
        "{what} is required (TRALIGN_REQUIRE_TOOLS is set) but not installed"
    );
    let _ = writeln!(
        std::io::stderr(),
        "SKIPPED: {what} is not installed (set TRALIGN_REQUIRE_TOOLS=1 to make this a failure)"
    );
}

/// python3 able to import `module` (translate-toolkit's, for the tests that
/// check tralign's files with it), or a skip (a failure under
/// `TRALIGN_REQUIRE_TOOLS`).
pub fn python_with(module: &str) -> Option<PathBuf> {
    let py = external("python3")?;
    let ok = Command::new(&py)
        .args(["-c", &format!("import {module}")])
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        skipped_unless_required("translate-toolkit");
        return None;
    }
    Some(py)
}
