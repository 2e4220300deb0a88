//! Glossaries: term pairs the aligner uses as anchors.

/// A set of French–English term pairs.
#[derive(Debug, Clone, Default)]
pub struct Glossary {
    /// The entries, in file order.
    pub entries: Vec<Entry>,
}

/// One glossary entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The French term.
    pub fr: String,
    /// The English term.
    pub en: String,
}
