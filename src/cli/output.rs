//! Where data goes: standard output, or a file written atomically (a
//! temporary file beside it, renamed over it only once complete), never over
//! an input.

use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};

/// Runs `write` against standard output (`None` or `-`) or against a temporary
/// file that replaces `out` only when `write` succeeded. Refuses an `out` that
/// is one of `inputs`.
pub fn write_output(
    out: Option<&Path>,
    inputs: &[&Path],
    write: impl FnOnce(&mut dyn Write) -> Result<()>,
) -> Result<()> {
    let Some(out) = out.filter(|p| *p != Path::new("-")) else {
        let stdout = io::stdout();
        let mut w = BufWriter::new(stdout.lock());
        write(&mut w)?;
        w.flush()?;
        return Ok(());
    };
    for input in inputs {
        if same_file(out, input) {
            bail!(
                "{}: output path is also an input; refusing to overwrite it",
                out.display()
            );
        }
    }
    let dir = match out.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".tralign-")
        .suffix(".tmp")
        .tempfile_in(&dir)
        .with_context(|| format!("{}: cannot create the output file", out.display()))?;
    {
        let mut w = BufWriter::new(tmp.as_file_mut());
        write(&mut w).with_context(|| format!("{}: write failed", out.display()))?;
        w.flush()
            .with_context(|| format!("{}: write failed", out.display()))?;
    }
    tmp.as_file()
        .sync_all()
        .with_context(|| format!("{}: write failed", out.display()))?;
    share_like(tmp.path(), out)
        .with_context(|| format!("{}: cannot set permissions", out.display()))?;
    tmp.persist(out)
        .with_context(|| format!("{}: cannot replace the output file", out.display()))?;
    Ok(())
}

/// A temporary file is private (0600); the output gets the permissions of
/// the file it replaces, or those of an ordinary new file (0644).
#[cfg(unix)]
fn share_like(tmp: &Path, out: &Path) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let permissions = std::fs::metadata(out)
        .map(|m| m.permissions())
        .unwrap_or_else(|_| std::fs::Permissions::from_mode(0o644));
    std::fs::set_permissions(tmp, permissions)
}

#[cfg(not(unix))]
fn share_like(_tmp: &Path, _out: &Path) -> io::Result<()> {
    Ok(())
}

/// Whether two paths name the same file (the output may not exist yet).
fn same_file(a: &Path, b: &Path) -> bool {
    if b == Path::new("-") {
        return false;
    }
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

/// A write to a closed pipe (`tralign … | head -1`) ends the program quietly.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}
