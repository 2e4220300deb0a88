//! Where data goes: standard output, or a file written atomically (a
//! temporary file beside it, renamed over it only once complete), never over
//! an input.

use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::{anyhow, bail, Context, Result};

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
        write(&mut w).context("<stdout>: write failed")?;
        w.flush().context("<stdout>: write failed")?;
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
    if out.is_dir() {
        bail!(
            "{}: is a folder; give the output a file name",
            out.display()
        );
    }
    if is_special(out) {
        return write_special(out, write);
    }
    let dir = match out.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    match std::fs::metadata(&dir) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => bail!(
            "{}: cannot write there: the folder {} does not exist",
            out.display(),
            dir.display()
        ),
        Ok(m) if !m.is_dir() => bail!(
            "{}: cannot write there: {} is not a folder",
            out.display(),
            dir.display()
        ),
        _ => {}
    }
    let mut tmp = tempfile::Builder::new()
        .prefix(".tralign-")
        .suffix(".tmp")
        .tempfile_in(&dir)
        .map_err(|e| {
            // tempfile's message ends with the temporary file's name: noise here.
            let reason = e.to_string();
            let reason = reason.split(" at path ").next().unwrap_or_default();
            anyhow!(
                "{}: cannot create a file in the folder {}: {reason}",
                out.display(),
                dir.display()
            )
        })?;
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

/// Whether `out` exists and is not a regular file or a folder: a device
/// (`/dev/null`, `/dev/stdout`), a named pipe or a socket. Such outputs are
/// written directly; renaming a file over them would replace the device.
fn is_special(out: &Path) -> bool {
    std::fs::metadata(out).is_ok_and(|m| !m.is_file() && !m.is_dir())
}

/// Writes straight into a device or named pipe.
fn write_special(out: &Path, write: impl FnOnce(&mut dyn Write) -> Result<()>) -> Result<()> {
    let file = std::fs::OpenOptions::new()
        .write(true)
        .open(out)
        .with_context(|| format!("{}: cannot open for writing", out.display()))?;
    let mut w = BufWriter::new(file);
    write(&mut w).with_context(|| format!("{}: write failed", out.display()))?;
    w.flush()
        .with_context(|| format!("{}: write failed", out.display()))?;
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
        let tralign_io = match e.downcast_ref::<tralign::Error>() {
            Some(tralign::Error::Io { error, .. }) => Some(error),
            _ => None,
        };
        tralign_io.is_some_and(io_broken_pipe)
            || e.downcast_ref::<io::Error>().is_some_and(io_broken_pipe)
            || e.downcast_ref::<csv::Error>().is_some_and(csv_broken_pipe)
            || e.downcast_ref::<serde_json::Error>()
                .is_some_and(|e| e.io_error_kind() == Some(io::ErrorKind::BrokenPipe))
    })
}

/// An I/O error that is a closed pipe, also when it wraps a CSV writer's
/// error (the `csv` crate turns its errors into `io::Error`s of kind
/// `Other`, whose chain does not reach the pipe error inside).
fn io_broken_pipe(e: &io::Error) -> bool {
    e.kind() == io::ErrorKind::BrokenPipe
        || e.get_ref()
            .and_then(|inner| inner.downcast_ref::<csv::Error>())
            .is_some_and(csv_broken_pipe)
}

/// A CSV writer's error that is a closed pipe.
fn csv_broken_pipe(e: &csv::Error) -> bool {
    matches!(e.kind(), csv::ErrorKind::Io(io) if io.kind() == io::ErrorKind::BrokenPipe)
}
