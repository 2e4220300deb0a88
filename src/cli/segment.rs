//! `tralign segment`: one sentence a line, or JSON Lines with blocks and spans.

use std::path::PathBuf;

use anyhow::Result;
use serde::Serialize;

use tralign::segment::Lang;

use super::export_flags::output_format;
use super::output::write_output;
use super::read_flags::ReadFlags;

/// Split a text into sentences (one a line), keeping headings, paragraphs and list items apart.
///
/// Reads the file (standard input when FILE is absent or `-`): plain text
/// (UTF-8, UTF-16 or Windows-1252), Markdown, HTML, DOCX, ODT or PDF, detected
/// from the content; cuts it into blocks (headings, paragraphs, list items,
/// table cells, footnotes) and splits each block with the rules of the
/// language.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The file to segment (text, Markdown, HTML, DOCX, ODT or PDF); standard
    /// input when absent or `-`.
    file: Option<PathBuf>,
    /// The language whose rules to apply.
    #[arg(short, long, value_enum)]
    lang: Lang,
    /// `text`: one sentence a line; `jsonl`: one JSON object a sentence with
    /// its block number (1-based), block kind and byte offsets into the
    /// decoded text [default: text, or the one the output's extension
    /// names: `.txt`, `.jsonl`].
    #[arg(short, long, value_enum)]
    format: Option<Format>,
    /// Write here (atomically) instead of standard output.
    #[arg(short, long)]
    output: Option<PathBuf>,
    #[command(flatten)]
    read: ReadFlags,
}

#[derive(Debug, Clone, Copy, PartialEq, clap::ValueEnum)]
enum Format {
    /// One sentence a line.
    Text,
    /// One JSON object a sentence: block (1-based), kind, text, start, end.
    Jsonl,
}

#[derive(Serialize)]
struct Record<'a> {
    block: usize,
    kind: &'a str,
    text: &'a str,
    start: usize,
    end: usize,
}

pub fn run(args: Args) -> Result<i32> {
    let format = output_format(
        args.format,
        args.output.as_deref(),
        Format::Text,
        &[("txt", Format::Text)],
    )?;
    let input = args.file.unwrap_or_else(|| PathBuf::from("-"));
    let seg = args.read.read(&input, args.lang, false)?;
    if seg.sentences.is_empty() {
        let shown = if input == std::path::Path::new("-") {
            "<stdin>".into()
        } else {
            input.display().to_string()
        };
        say!("tralign: warning: {shown}: no text (the file is empty or blank)");
    }
    write_output(args.output.as_deref(), &[&input], |w| {
        for s in &seg.sentences {
            let text = seg.sentence_text(s);
            match format {
                Format::Text => writeln!(w, "{}", one_line(text))?,
                Format::Jsonl => {
                    let record = Record {
                        block: s.block + 1,
                        kind: seg.doc.blocks[s.block].kind.as_str(),
                        text,
                        start: s.span.start,
                        end: s.span.end,
                    };
                    serde_json::to_writer(&mut *w, &record)?;
                    writeln!(w)?;
                }
            }
        }
        Ok(())
    })?;
    Ok(super::exit::OK)
}

/// A sentence on one line: inner line breaks (hard-wrapped text) become spaces.
fn one_line(text: &str) -> std::borrow::Cow<'_, str> {
    if text.contains('\n') {
        text.replace('\n', " ").into()
    } else {
        text.into()
    }
}
