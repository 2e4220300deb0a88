//! The flags that say how input documents are read, shared by `align` and
//! `segment`, and the messages about what a reader skipped or changed.

use std::path::Path;

use tralign::document::ReadOptions;
use tralign::segment::Lang;
use tralign::Segmented;

/// How to read the input documents.
#[derive(Debug, Clone, clap::Args)]
pub struct ReadFlags {
    /// Web pages and Markdown: keep page chrome (navigation, header, footer,
    /// skip links, language toggle, breadcrumbs, "Date modified" …) and read
    /// the whole page, not only its main content.
    #[arg(long)]
    pub keep_chrome: bool,
    /// Say on standard error what each reader skipped, per kind (scripts,
    /// styles, page chrome, front matter, template markup, comments …), with
    /// examples, and how many blocks and sentences it read; twice (`-vv`),
    /// also every skipped piece with its text, one a line.
    #[arg(short, long, action = clap::ArgAction::Count)]
    pub verbose: u8,
    #[command(flatten)]
    pub limits: super::LimitFlags,
}

impl ReadFlags {
    /// Reads and segments a file; warns about what the reader changed in the
    /// input (flattened nesting …) and, with `-v`, says what it skipped.
    pub fn read(&self, path: &Path, lang: Lang, presegmented: bool) -> tralign::Result<Segmented> {
        let options = ReadOptions {
            keep_chrome: self.keep_chrome,
            limits: self.limits.limits(),
        };
        let seg = Segmented::read_with(path, lang, presegmented, options)?;
        let shown = if path == Path::new("-") {
            "<stdin>".to_string()
        } else {
            path.display().to_string()
        };
        for note in &seg.doc.skipped.notes {
            say!("tralign: warning: {shown}: {note}");
        }
        if self.verbose > 0 {
            say!(
                "tralign: {shown}: {} blocks, {} sentences",
                seg.doc.blocks.len(),
                seg.sentences.len()
            );
            let summary = seg.doc.skipped.summary();
            if summary.is_empty() {
                say!("tralign: {shown}: nothing skipped");
            }
            for line in summary {
                say!("tralign: {shown}: skipped {line}");
            }
            if self.verbose > 1 {
                for (kind, text) in &seg.doc.skipped.texts {
                    say!(
                        "tralign: {shown}: skipped {} piece: {text:?}",
                        kind.as_str()
                    );
                }
            }
        }
        Ok(seg)
    }
}
