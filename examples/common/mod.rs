//! What the tuning examples (`tune`, `encoder_dev`) share: reading a
//! presegmented text and expanding `--grid name=v1,v2` flags.

use tralign::align::Unit;

/// The sentences of a presegmented text (one a line, blank lines skipped).
pub fn units(text: &str) -> Vec<Unit<'_>> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(Unit::plain)
        .collect()
}

/// Every setting of the grids (their Cartesian product), each a list of
/// `(name, value)`; one empty setting when there is no grid.
pub fn settings(grids: &[(String, Vec<String>)]) -> Vec<Vec<(String, String)>> {
    let mut settings: Vec<Vec<(String, String)>> = vec![vec![]];
    for (n, vs) in grids {
        settings = settings
            .into_iter()
            .flat_map(|s| {
                vs.iter().map(move |v| {
                    let mut s = s.clone();
                    s.push((n.clone(), v.clone()));
                    s
                })
            })
            .collect();
    }
    settings
}
