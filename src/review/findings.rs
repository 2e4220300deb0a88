//! The findings the review shows, in a form of its own: the one place
//! where the review (and the static page) asks the library's translation
//! QA what is wrong with a bead.

use serde::Serialize;

use crate::glossary::Glossary;
use crate::Alignment;

/// One finding in a bead, as the editor and the review page show it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BeadFinding {
    /// The finding's stable id (as `tralign check` prints it).
    pub id: String,
    /// What kind of problem (`missing_term`, `number_mismatch`, …); a
    /// reviewer accepts the findings of a bead kind by kind.
    pub kind: String,
    /// The bead (1-based).
    pub bead: usize,
    /// The reason, for a person.
    pub message: String,
}

/// The findings of every bead of `alignment`, in bead order: the
/// library's one judge of a bead ([`crate::findings::findings`]).
pub fn bead_findings(alignment: &Alignment, glossary: &Glossary) -> Vec<BeadFinding> {
    findings_view(&crate::findings::findings(alignment.bitext(), glossary))
}

/// The editor's view of findings already judged.
pub fn findings_view(findings: &[crate::findings::Finding]) -> Vec<BeadFinding> {
    findings
        .iter()
        .map(|f| BeadFinding {
            id: f.id.clone(),
            kind: f.kind.as_str().to_string(),
            bead: f.bead,
            message: f.message.clone(),
        })
        .collect()
}
