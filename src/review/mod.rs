//! Reviewing an alignment: the reviewer's operations on the beads
//! ([`edit`]), the save file ([`save`]), the findings shown beside each bead
//! ([`findings`]) and the local web editor that puts them in a browser
//! ([`server`], its page under `assets/`).

pub mod edit;
pub mod findings;
pub mod save;
pub mod server;

pub use edit::{BeadStatus, Dir, Op, OpError, Review, Side, Splice};
pub use findings::{bead_findings, findings_view, BeadFinding};
