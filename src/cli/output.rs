//! Where data goes: standard output, or a file written atomically (a
//! temporary file beside it, renamed over it only once complete), never over
//! an input.
//!
//! - An output is compared with the inputs by device and inode, so a
//!   different spelling, a hard link, a symbolic link, or standard input
//!   redirected from the file (`tralign align - en.txt -o fr.txt < fr.txt`)
//!   is recognised and refused.
//! - A symbolic link is written through: the file it points to is replaced,
//!   the link stays.
//! - `/dev/stdout` and `/dev/stderr` (and `/dev/fd/N`, `/proc/self/fd/N`)
//!   are the open standard streams, devices and named pipes are written
//!   directly: none of them is ever renamed over.
//! - A new file gets the permissions the umask allows (`0666 & !umask`); a
//!   replaced file keeps its own.
//! - While a temporary file exists, SIGINT, SIGTERM and SIGHUP remove it
//!   before the process ends by the signal.

use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, Once};

use anyhow::{anyhow, bail, Context, Result};

/// Runs `write` against standard output (`None` or `-`) or against a temporary
/// file that replaces `out` only when `write` succeeded. Refuses an `out` that
/// is one of `inputs` (`-` in `inputs` is standard input).
pub fn write_output(
    out: Option<&Path>,
    inputs: &[&Path],
    write: impl FnOnce(&mut dyn Write) -> Result<()>,
) -> Result<()> {
    let Some(out) = out.filter(|p| *p != Path::new("-")) else {
        return write_stdout(write);
    };
    for input in inputs {
        if same_file(out, input) {
            bail!(
                "{}: output path is also an input{}; refusing to overwrite it",
                out.display(),
                if *input == Path::new("-") {
                    " (standard input is read from it)"
                } else {
                    ""
                }
            );
        }
    }
    match standard_stream(out) {
        Some(1) => return write_stdout(write),
        Some(_) => return write_to(out, io::stderr().lock(), write),
        None => {}
    }
    let target = resolve_links(out);
    if target.is_dir() {
        bail!(
            "{}: is a folder; give the output a file name",
            out.display()
        );
    }
    if is_special(&target) {
        return write_special(out, write);
    }
    let dir = match target.parent() {
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
    let mut builder = tempfile::Builder::new();
    builder.prefix(".tralign-").suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // Created with 0666: the kernel applies the umask.
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    remove_on_signal_install();
    let (mut tmp, _guard) = PendingTemp::create(|| builder.tempfile_in(&dir)).map_err(|e| {
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
    if let Ok(old) = std::fs::metadata(&target) {
        std::fs::set_permissions(tmp.path(), old.permissions())
            .with_context(|| format!("{}: cannot set permissions", out.display()))?;
    }
    tmp.persist(&target)
        .with_context(|| format!("{}: cannot replace the output file", out.display()))?;
    Ok(())
}

/// Writes to standard output.
fn write_stdout(write: impl FnOnce(&mut dyn Write) -> Result<()>) -> Result<()> {
    write_to(Path::new("<stdout>"), io::stdout().lock(), write)
}

/// Writes through a buffer into an open stream.
fn write_to(
    shown: &Path,
    stream: impl Write,
    write: impl FnOnce(&mut dyn Write) -> Result<()>,
) -> Result<()> {
    let mut w = BufWriter::new(stream);
    write(&mut w).with_context(|| format!("{}: write failed", shown.display()))?;
    w.flush()
        .with_context(|| format!("{}: write failed", shown.display()))?;
    Ok(())
}

/// 1 for a path naming standard output (`/dev/stdout`, `/dev/fd/1`,
/// `/proc/self/fd/1`), 2 for standard error; these are written as the open
/// streams, so that `-o /dev/stdout >> log` appends as the shell asked.
fn standard_stream(out: &Path) -> Option<u8> {
    match out.to_str()? {
        "/dev/stdout" | "/dev/fd/1" | "/proc/self/fd/1" => Some(1),
        "/dev/stderr" | "/dev/fd/2" | "/proc/self/fd/2" => Some(2),
        _ => None,
    }
}

/// The file a chain of symbolic links ends at (the path itself when it is
/// not a link; a dangling link's target, which will be created).
fn resolve_links(path: &Path) -> PathBuf {
    let mut cur = path.to_path_buf();
    // As the kernel does, give up after 40 links (a loop).
    for _ in 0..40 {
        let is_link = std::fs::symlink_metadata(&cur).is_ok_and(|m| m.file_type().is_symlink());
        if !is_link {
            break;
        }
        let Ok(next) = std::fs::read_link(&cur) else {
            break;
        };
        cur = match cur.parent() {
            Some(parent) if next.is_relative() => parent.join(next),
            _ => next,
        };
    }
    cur
}

/// Whether `out` exists and is not a regular file or a folder (a device such
/// as `/dev/null`, a named pipe, a socket), or exists in `/dev` or `/proc`
/// (an open file of this process, `/proc/self/fd/N`). Such outputs are written directly;
/// renaming a file over them would replace the device.
fn is_special(target: &Path) -> bool {
    std::fs::metadata(target).is_ok_and(|m| {
        (!m.is_file() && !m.is_dir()) || target.starts_with("/dev") || target.starts_with("/proc")
    })
}

/// Writes straight into a device or named pipe (appending, so that a file
/// reached through `/dev/fd/N` is not written over from its start).
fn write_special(out: &Path, write: impl FnOnce(&mut dyn Write) -> Result<()>) -> Result<()> {
    let file = std::fs::OpenOptions::new()
        .append(true)
        .open(out)
        .with_context(|| format!("{}: cannot open for writing", out.display()))?;
    write_to(out, file, write)
}

/// Whether two paths name the same file: the same device and inode (the
/// output may not exist yet). `-` as `b` is standard input.
fn same_file(a: &Path, b: &Path) -> bool {
    let b_meta = if b == Path::new("-") {
        std::fs::metadata("/dev/stdin")
    } else {
        std::fs::metadata(b)
    };
    match (std::fs::metadata(a), b_meta) {
        (Ok(a), Ok(b)) => same_inode(&a, &b),
        _ => b != Path::new("-") && a == b,
    }
}

#[cfg(unix)]
fn same_inode(a: &std::fs::Metadata, b: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    // Only files can be overwritten; two pipes or terminals are not "the same input".
    a.is_file() && a.dev() == b.dev() && a.ino() == b.ino()
}

#[cfg(not(unix))]
fn same_inode(_a: &std::fs::Metadata, _b: &std::fs::Metadata) -> bool {
    false
}

/// Temporary files being written, removed by the signal handler.
static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// A temporary file's place in [`PENDING`], left when dropped (once the
/// file was renamed or deleted).
struct PendingTemp(PathBuf);

impl PendingTemp {
    /// Creates the temporary file and registers it under one lock, so that
    /// a signal arriving meanwhile waits for it and then removes it.
    fn create(
        make: impl FnOnce() -> io::Result<tempfile::NamedTempFile>,
    ) -> io::Result<(tempfile::NamedTempFile, PendingTemp)> {
        let mut pending = PENDING
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let tmp = make()?;
        pending.push(tmp.path().to_path_buf());
        let guard = PendingTemp(tmp.path().to_path_buf());
        Ok((tmp, guard))
    }
}

impl Drop for PendingTemp {
    fn drop(&mut self) {
        if let Ok(mut pending) = PENDING.lock() {
            pending.retain(|p| *p != self.0);
        }
    }
}

/// Starts, once, a thread that on SIGINT, SIGTERM or SIGHUP deletes the
/// pending temporary files and then ends the process as the signal would
/// have (so the caller sees "killed by SIGINT", exit status 130 in a shell).
fn remove_on_signal_install() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        #[cfg(unix)]
        {
            use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
            let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP])
            else {
                return;
            };
            std::thread::spawn(move || {
                if let Some(signal) = signals.forever().next() {
                    // A writer holding the lock finishes its push or retain at once.
                    let pending = PENDING
                        .lock()
                        .unwrap_or_else(|poisoned| poisoned.into_inner())
                        .clone();
                    for path in pending {
                        let _ = std::fs::remove_file(path);
                    }
                    let _ = signal_hook::low_level::emulate_default_handler(signal);
                    std::process::exit(128 + signal);
                }
            });
        }
    });
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
