//! `tralign pipe`: JSON Lines in, JSON Lines out, one document pair a line
//! in, one line per bead (and one per finished document or error) out —
//! the shape Spark's `RDD.pipe`, Hadoop Streaming and GNU parallel drive.

use std::collections::BTreeMap;
use std::io::{self, BufRead, Write};
use std::path::PathBuf;
use std::sync::mpsc::sync_channel;
use std::sync::{Arc, Mutex};

use anyhow::{anyhow, Result};
use serde::Serialize;
use serde_json::value::RawValue;
use serde_json::{Map, Value};

use tralign::align::Params;
use tralign::document::Document;
use tralign::export::{bead_records, BeadRecord};
use tralign::glossary::Glossary;
use tralign::segment::Lang;
use tralign::{decode, Segmented};

/// Align document pairs streamed as JSON Lines on standard input.
///
/// Each input line is one pair: `{"id": …, "fr": "…", "en": "…"}`, with an
/// optional `"format"` (`auto`, the default: plain text, Markdown or HTML as
/// `align` detects it; `text`; `presegmented`: one sentence a line), an
/// optional `"encoding"` (`text`, the default; `base64`: `fr` and `en` hold
/// the bytes of a file — PDF, DOCX, ODT or any text — in base64, read as
/// `align` reads a file) and an optional `"meta"` (any JSON, echoed back on
/// every output line of that pair). Blank lines are skipped.
///
/// Standard output gets, per pair, one line per bead (`id`, `bead`,
/// `fr_ids`, `en_ids` — arrays of 1-based sentence numbers —, `fr`, `en`,
/// `type`, `confidence`, `flags`, `fr_spans`, `en_spans`, `meta` — the
/// fields of `align -f jsonl`) and
/// then `{"id": …, "done": true, "beads": N, "sentences_fr": N,
/// "sentences_en": N, "warnings": […]}`, flushed at once. A line that cannot
/// be used (bad JSON, a missing field) gives `{"id": …, "line": N, "error":
/// "line N: …"}` and is skipped. Output is in input order whatever `-j`.
/// The exit code is 0 even when some lines had errors; 2 when standard
/// input cannot be read.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[arg(short, long = "glossary", value_name = "GLOSSARY", help = super::GLOSSARY_HELP)]
    glossaries: Vec<PathBuf>,
    /// Pairs aligned at once (output stays in input order).
    #[arg(short, long, value_name = "N", default_value_t = 1,
          value_parser = clap::value_parser!(u16).range(1..))]
    jobs: u16,
    #[command(flatten)]
    limits: super::LimitFlags,
    #[command(flatten)]
    encoder: super::EncoderFlag,
}

/// How a side's text is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum InputFormat {
    /// Detected from the content, as `align` does (text, Markdown, HTML).
    Auto,
    /// Plain text.
    Text,
    /// One sentence a line.
    Presegmented,
}

/// One usable input line.
struct Request {
    id: Id,
    /// The French side's bytes (text, or a file's bytes with `base64`).
    fr: Vec<u8>,
    /// The English side's bytes.
    en: Vec<u8>,
    format: InputFormat,
    meta: Option<Value>,
}

/// A bead line of the output.
/// A pair's `id` as the input wrote it (a number keeps all its digits,
/// even beyond 64 bits).
type Id = Box<RawValue>;

/// The `id` of a line that has none.
fn null_id() -> Id {
    RawValue::from_string("null".into()).expect("`null` is JSON")
}

#[derive(Serialize)]
struct BeadLine<'a> {
    id: &'a RawValue,
    #[serde(flatten)]
    bead: BeadRecord<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    meta: Option<&'a Value>,
}

/// The line closing a document.
#[derive(Serialize)]
struct DoneLine<'a> {
    id: &'a RawValue,
    done: bool,
    beads: usize,
    sentences_fr: usize,
    sentences_en: usize,
    warnings: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    meta: Option<&'a Value>,
}

/// The line reporting an input line that could not be aligned.
#[derive(Serialize)]
struct ErrorLine<'a> {
    id: &'a RawValue,
    line: usize,
    error: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    meta: Option<&'a Value>,
}

/// What the workers share.
struct Work {
    glossary: Glossary,
    params: Params,
    limits: tralign::decode::Limits,
}

/// Runs `tralign pipe`: aligns each input line's pair and writes its lines.
pub fn run(args: Args) -> Result<i32> {
    let params = args.encoder.params()?;
    if params.embedder.is_some() {
        // The encoder runs on rayon's pool: no more threads than `-j`.
        rayon::ThreadPoolBuilder::new()
            .num_threads(usize::from(args.jobs))
            .build_global()
            .map_err(|e| anyhow::anyhow!("cannot start {} threads: {e}", args.jobs))?;
    }
    let mut glossary = Glossary::default();
    for g in &args.glossaries {
        glossary.extend(Glossary::read(g)?);
    }
    let work = Arc::new(Work {
        glossary,
        params,
        limits: args.limits.limits(),
    });
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    if args.jobs == 1 {
        let stdin = io::stdin();
        let mut input = stdin.lock();
        let mut line_no = 0;
        while let Some(line) = next_line(&mut input, work.limits.max_input)? {
            line_no += 1;
            let answer = std::thread::scope(|s| {
                std::thread::Builder::new()
                    .stack_size(super::WORKER_STACK)
                    .spawn_scoped(s, || answer(line_no, &line, &work))
                    .map_err(|e| anyhow!("cannot start a thread: {e}"))?
                    .join()
                    .map_err(|_| anyhow!("line {line_no}: internal error (a bug in tralign)"))
            })?;
            if let Some(bytes) = answer {
                out.write_all(&bytes)?;
                out.flush()?;
            }
        }
    } else {
        parallel(usize::from(args.jobs), work, &mut out)?;
    }
    out.flush()?;
    Ok(super::exit::OK)
}

/// One input line.
enum Line {
    /// The line, without its line break.
    Text(Vec<u8>),
    /// A line longer than the limit (its length, counted while skipping it).
    TooLong(u64),
}

/// Reads one line (without its line break); `None` at the end of input. A
/// line longer than `max` bytes is skipped without being kept, so memory
/// stays bounded even on endless input without a line break (`/dev/zero`).
fn next_line<R: BufRead>(input: &mut R, max: u64) -> Result<Option<Line>> {
    let read_error = |e: io::Error| anyhow!("<stdin>: cannot read: {e}");
    let mut buf = Vec::new();
    let n = <&mut R as io::Read>::take(&mut *input, max.saturating_add(1))
        .read_until(b'\n', &mut buf)
        .map_err(read_error)?;
    if n == 0 {
        return Ok(None);
    }
    if buf.last() != Some(&b'\n') && buf.len() as u64 > max {
        // Skip the rest of the line, a buffer at a time.
        let mut len = buf.len() as u64;
        drop(buf);
        loop {
            let chunk = input.fill_buf().map_err(read_error)?;
            if chunk.is_empty() {
                break;
            }
            match chunk.iter().position(|&b| b == b'\n') {
                Some(at) => {
                    len += at as u64;
                    input.consume(at + 1);
                    break;
                }
                None => {
                    let k = chunk.len();
                    len += k as u64;
                    input.consume(k);
                }
            }
        }
        return Ok(Some(Line::TooLong(len)));
    }
    if buf.last() == Some(&b'\n') {
        buf.pop();
        if buf.last() == Some(&b'\r') {
            buf.pop();
        }
    }
    Ok(Some(Line::Text(buf)))
}

/// `jobs` workers align lines read by a reader thread; the answers are
/// written in input order. At most `4 × jobs` lines are in flight, so
/// memory stays bounded when one document is slow.
fn parallel(jobs: usize, work: Arc<Work>, out: &mut impl Write) -> Result<()> {
    let in_flight = 4 * jobs;
    let (token_tx, token_rx) = sync_channel::<()>(in_flight);
    for _ in 0..in_flight {
        token_tx.send(()).expect("the receiver is alive");
    }
    let (line_tx, line_rx) = sync_channel::<(usize, Line)>(in_flight);
    let (done_tx, done_rx) = sync_channel::<(usize, Result<Option<Vec<u8>>>)>(in_flight);
    // Threads are detached: when writing fails (a closed pipe) the command
    // returns at once and the process ends them.
    {
        let done_tx = done_tx.clone();
        let work = Arc::clone(&work);
        std::thread::spawn(move || {
            let stdin = io::stdin();
            let mut input = stdin.lock();
            let mut line_no = 0;
            loop {
                if token_rx.recv().is_err() {
                    return;
                }
                match next_line(&mut input, work.limits.max_input) {
                    Ok(Some(line)) => {
                        line_no += 1;
                        if line_tx.send((line_no, line)).is_err() {
                            return;
                        }
                    }
                    Ok(None) => return,
                    Err(e) => {
                        let _ = done_tx.send((line_no + 1, Err(e)));
                        return;
                    }
                }
            }
        });
    }
    let line_rx = Arc::new(Mutex::new(line_rx));
    for _ in 0..jobs {
        let line_rx = Arc::clone(&line_rx);
        let done_tx = done_tx.clone();
        let work = Arc::clone(&work);
        std::thread::Builder::new()
            .stack_size(super::WORKER_STACK)
            .spawn(move || loop {
                let next = match line_rx.lock() {
                    Ok(rx) => rx.recv(),
                    Err(_) => return,
                };
                let Ok((line_no, line)) = next else { return };
                if done_tx
                    .send((line_no, Ok(answer(line_no, &line, &work))))
                    .is_err()
                {
                    return;
                }
            })
            .map_err(|e| anyhow!("cannot start a thread: {e}"))?;
    }
    drop(done_tx);
    let mut pending: BTreeMap<usize, Result<Option<Vec<u8>>>> = BTreeMap::new();
    let mut next = 1;
    for (line_no, answer) in done_rx {
        pending.insert(line_no, answer);
        while let Some(answer) = pending.remove(&next) {
            if let Some(bytes) = answer? {
                out.write_all(&bytes)?;
                out.flush()?;
            }
            next += 1;
            // The reader may be gone already; then no token is needed.
            let _ = token_tx.send(());
        }
    }
    Ok(())
}

/// The output lines for input line `line_no`; `None` for a blank line. A
/// panic while aligning (a bug) is caught and answered as an error line.
fn answer(line_no: usize, line: &Line, work: &Work) -> Option<Vec<u8>> {
    let line = match line {
        Line::Text(text) => text.as_slice(),
        Line::TooLong(len) => {
            let mut out = Vec::new();
            push_json(
                &mut out,
                &ErrorLine {
                    id: &null_id(),
                    line: line_no,
                    error: format!(
                        "line {line_no}: {len} bytes, longer than the limit of {} bytes \
                         (--max-input); not read",
                        work.limits.max_input
                    ),
                    meta: None,
                },
            );
            return Some(out);
        }
    };
    if line.iter().all(u8::is_ascii_whitespace) {
        return None;
    }
    // A byte-order mark before the first line (a file saved by an editor).
    let line = if line_no == 1 {
        line.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(line)
    } else {
        line
    };
    let mut out = Vec::new();
    let failure = match parse_request(line_no, line) {
        Ok(req) => {
            let aligned = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                align_one(line_no, &req, work, &mut out)
            }))
            .unwrap_or_else(|_| Err(format!("line {line_no}: internal error (a bug in tralign)")));
            aligned.err().map(|message| BadLine {
                id: req.id,
                message,
                meta: req.meta,
            })
        }
        Err(bad) => Some(bad),
    };
    if let Some(bad) = failure {
        out.clear();
        push_json(
            &mut out,
            &ErrorLine {
                id: &bad.id,
                line: line_no,
                error: bad.message,
                meta: bad.meta.as_ref(),
            },
        );
    }
    Some(out)
}

/// An input line that could not be aligned: its `id` (null when it had
/// none), the message, and its `meta` if it had one.
struct BadLine {
    id: Id,
    message: String,
    meta: Option<Value>,
}

/// Reads an input line into a request.
fn parse_request(line_no: usize, line: &[u8]) -> Result<Request, BadLine> {
    let bad = |id: &Id, meta: &Option<Value>, reason: String| BadLine {
        id: id.clone(),
        message: format!("line {line_no}: {reason}"),
        meta: meta.clone(),
    };
    let text = std::str::from_utf8(line).map_err(|e| {
        bad(
            &null_id(),
            &None,
            format!("not UTF-8 (byte {})", e.valid_up_to() + 1),
        )
    })?;
    let mut object: Map<String, Value> = match serde_json::from_str::<Value>(text) {
        Ok(Value::Object(m)) => m,
        Ok(_) => return Err(bad(&null_id(), &None, "not a JSON object".into())),
        Err(e) => return Err(bad(&null_id(), &None, format!("not valid JSON: {e}"))),
    };
    let id_value = object.remove("id").unwrap_or(Value::Null);
    let meta = object.remove("meta");
    if id_value.is_null() {
        let reason = "missing field `id` (a string or a number)";
        return Err(bad(&null_id(), &meta, reason.into()));
    }
    if !(id_value.is_string() || id_value.is_number()) {
        let reason = "`id` must be a string or a number";
        return Err(bad(&null_id(), &meta, reason.into()));
    }
    // The id as written: `Value` would turn a number beyond 64 bits into a float.
    #[derive(serde::Deserialize)]
    struct RawId {
        id: Id,
    }
    let id = serde_json::from_str::<RawId>(text)
        .map(|r| r.id)
        .unwrap_or_else(|_| null_id());
    let mut side = |name: &str| match object.remove(name) {
        Some(Value::String(s)) => Ok(s),
        Some(_) => Err(format!("`{name}` must be a string")),
        None => Err(format!("missing field `{name}`")),
    };
    let fr = side("fr").map_err(|e| bad(&id, &meta, e))?;
    let en = side("en").map_err(|e| bad(&id, &meta, e))?;
    let (fr, en) = match object.remove("encoding") {
        None | Some(Value::Null) => (fr.into_bytes(), en.into_bytes()),
        Some(Value::String(s)) if s == "text" => (fr.into_bytes(), en.into_bytes()),
        Some(Value::String(s)) if s == "base64" => {
            use base64::Engine;
            let unpack = |name: &str, text: &str| {
                base64::engine::general_purpose::STANDARD
                    .decode(text.trim())
                    .map_err(|e| bad(&id, &meta, format!("`{name}` is not base64: {e}")))
            };
            (unpack("fr", &fr)?, unpack("en", &en)?)
        }
        Some(Value::String(other)) => {
            let reason = format!("unknown `encoding` {other:?} (text or base64)");
            return Err(bad(&id, &meta, reason));
        }
        Some(_) => return Err(bad(&id, &meta, "`encoding` must be a string".into())),
    };
    let format = match object.remove("format") {
        None | Some(Value::Null) => InputFormat::Auto,
        Some(Value::String(s)) => match s.as_str() {
            "auto" => InputFormat::Auto,
            "text" => InputFormat::Text,
            "presegmented" => InputFormat::Presegmented,
            other => {
                let reason = format!("unknown `format` {other:?} (auto, text or presegmented)");
                return Err(bad(&id, &meta, reason));
            }
        },
        Some(_) => return Err(bad(&id, &meta, "`format` must be a string".into())),
    };
    Ok(Request {
        id,
        fr,
        en,
        format,
        meta,
    })
}

/// Aligns one pair and appends its bead lines and its `done` line to `out`.
fn align_one(line_no: usize, req: &Request, work: &Work, out: &mut Vec<u8>) -> Result<(), String> {
    let read = |text: &[u8], lang: Lang, side: &str| -> Result<Segmented, String> {
        let shown = PathBuf::from(format!("line {line_no}: `{side}`"));
        let in_error = |e: tralign::Error| e.to_string();
        Ok(match req.format {
            InputFormat::Auto => Segmented::from_document(
                Document::from_bytes_limited(text, &shown, &work.limits).map_err(in_error)?,
                lang,
            ),
            InputFormat::Text | InputFormat::Presegmented => {
                let text = decode::decode(text, &shown).map_err(in_error)?.text;
                work.limits.check_text(&text, &shown).map_err(in_error)?;
                Segmented::from_text(text, lang, req.format == InputFormat::Presegmented)
            }
        })
    };
    let fr = read(&req.fr, Lang::Fr, "fr")?;
    let en = read(&req.en, Lang::En, "en")?;
    let mut warnings = Vec::new();
    for (side, name) in [(&fr, "`fr`"), (&en, "`en`")] {
        if side.sentences.is_empty() {
            warnings.push(format!(
                "{name} has no text; the other side is left unpaired"
            ));
        }
    }
    let any_pair = req.format == InputFormat::Presegmented;
    if let Some(w) = tralign::lang::check_pair(&fr.doc.text, &en.doc.text, "`fr`", "`en`", any_pair)
    {
        warnings.push(w);
    }
    let alignment = tralign::align_documents(fr, en, &work.glossary, &work.params);
    if !alignment.translation {
        warnings.push(format!(
            "these texts do not look like translations of each other (the beads share only \
             {:.0}% of their names, numbers and cognates); every bead has a low confidence",
            100.0 * alignment.evidence.coverage
        ));
    }
    for bead in bead_records(&alignment) {
        push_json(
            out,
            &BeadLine {
                id: &req.id,
                bead,
                meta: req.meta.as_ref(),
            },
        );
    }
    push_json(
        out,
        &DoneLine {
            id: &req.id,
            done: true,
            beads: alignment.beads.len(),
            sentences_fr: alignment.fr.sentences.len(),
            sentences_en: alignment.en.sentences.len(),
            warnings,
            meta: req.meta.as_ref(),
        },
    );
    Ok(())
}

/// Appends `value` as one JSON line (serialising plain data to memory cannot fail).
fn push_json(out: &mut Vec<u8>, value: &impl Serialize) {
    if serde_json::to_writer(&mut *out, value).is_ok() {
        out.push(b'\n');
    }
}
