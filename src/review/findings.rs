//! The findings the review shows, in a form of its own: the one place
//! where the review (and the static page) asks the library's translation
//! QA what is wrong with a bead.

use serde::Serialize;

use crate::glossary::Glossary;
use crate::Alignment;

/// One finding in a bead, as the editor and the review page show it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BeadFinding {
    /// Unique within one list of findings: `BEAD-KIND-N`.
    pub id: String,
    /// What kind of problem (`missing_term`, `number_mismatch`, …); a
    /// reviewer accepts the findings of a bead kind by kind.
    pub kind: String,
    /// The bead (1-based).
    pub bead: usize,
    /// The reason, for a person.
    pub message: String,
}

/// The findings of every bead of `alignment`, in bead order.
pub fn bead_findings(alignment: &Alignment, glossary: &Glossary) -> Vec<BeadFinding> {
    let mut out: Vec<BeadFinding> = Vec::new();
    for issue in crate::check::check(alignment, glossary) {
        let n = out
            .iter()
            .rev()
            .take_while(|f| f.bead == issue.bead)
            .filter(|f| f.kind == issue.kind)
            .count();
        out.push(BeadFinding {
            id: format!("{}-{}-{}", issue.bead, issue.kind, n + 1),
            kind: issue.kind.to_string(),
            bead: issue.bead,
            message: issue.message,
        });
    }
    out
}
