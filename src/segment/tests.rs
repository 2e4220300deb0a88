use super::*;

fn split(lang: Lang, text: &str) -> Vec<String> {
    Segmenter::new(lang)
        .split(text)
        .into_iter()
        .map(|r| text[r].to_string())
        .collect()
}

#[test]
fn french_table() {
    let cases: &[(&str, &[&str])] = &[
        ("Il pleut. Il vente.", &["Il pleut.", "Il vente."]),
        (
            "M. Dupont est là. Mme Durand aussi.",
            &["M. Dupont est là.", "Mme Durand aussi."],
        ),
        (
            "Voir l'art. 3 du code. Puis la p. 12.",
            &["Voir l'art. 3 du code.", "Puis la p. 12."],
        ),
        (
            "Des villes, p. ex. Damas. Fin.",
            &["Des villes, p. ex. Damas.", "Fin."],
        ),
        (
            "Il a dit : « Je pars. » Puis il partit.",
            &["Il a dit : « Je pars. »", "Puis il partit."],
        ),
        (
            "« Je pars. Tu restes », dit-il. Fin.",
            &["« Je pars.", "Tu restes », dit-il.", "Fin."],
        ),
        (
            "« La fin du monde » De son côté, il rit.",
            &["« La fin du monde »", "De son côté, il rit."],
        ),
        (
            "Le « Free Syrian Army » Paris dit non.",
            &["Le « Free Syrian Army » Paris dit non."],
        ),
        (
            "« Vraiment ? » demanda-t-il.",
            &["« Vraiment ? » demanda-t-il."],
        ),
        (
            "Le « Free Syrian Army » avance. Oui.",
            &["Le « Free Syrian Army » avance.", "Oui."],
        ),
        (
            "Il hésita… Puis il partit.",
            &["Il hésita…", "Puis il partit."],
        ),
        ("Il hésita... puis partit.", &["Il hésita... puis partit."]),
        (
            "Il a 3.5 ans et 1.000,5 euros. Bien.",
            &["Il a 3.5 ans et 1.000,5 euros.", "Bien."],
        ),
        ("À 20 km. Ensuite, rien.", &["À 20 km.", "Ensuite, rien."]),
        // A number opening a block numbers it (a heading, a table cell).
        (
            "1. Commencez par ce qui existe. Suite.",
            &["1. Commencez par ce qui existe.", "Suite."],
        ),
        ("Il y en a 12. Puis 3.", &["Il y en a 12.", "Puis 3."]),
        ("2019. Une année.", &["2019.", "Une année."]),
        (
            "En 70 av. J.-C. Rome régnait.",
            &["En 70 av. J.-C. Rome régnait."],
        ),
        (
            "En 70 av. J.-C. Les Romains régnaient.",
            &["En 70 av. J.-C.", "Les Romains régnaient."],
        ),
        (
            "Lisez J. R. R. Tolkien. Il plaît.",
            &["Lisez J. R. R. Tolkien.", "Il plaît."],
        ),
        (
            "Écrivez à a.b@ex.fr. Visitez www.ex.fr. Merci.",
            &["Écrivez à a.b@ex.fr.", "Visitez www.ex.fr.", "Merci."],
        ),
        ("Quoi ?! Non !", &["Quoi ?!", "Non !"]),
        (
            "Il y avait des pommes, etc. Puis vint l'hiver.",
            &["Il y avait des pommes, etc.", "Puis vint l'hiver."],
        ),
        ("", &[]),
        ("   ", &[]),
        ("Sans point final", &["Sans point final"]),
    ];
    for (text, want) in cases {
        assert_eq!(split(Lang::Fr, text), *want, "{text:?}");
    }
}

#[test]
fn english_table() {
    let cases: &[(&str, &[&str])] = &[
        (
            "To search, press Ctrl + F. Users would rather scroll.",
            &["To search, press Ctrl + F.", "Users would rather scroll."],
        ),
        (
            "It was J. Smith who wrote, not A. Jones.",
            &["It was J. Smith who wrote, not A. Jones."],
        ),
        (
            "Formats: EPUB3, PDF/A, ODF, EML, MBOX, .. (LAC guidelines) and more.",
            &["Formats: EPUB3, PDF/A, ODF, EML, MBOX, .. (LAC guidelines) and more."],
        ),
        (
            "Mr. Smith left. Dr. Jones stayed.",
            &["Mr. Smith left.", "Dr. Jones stayed."],
        ),
        (
            "The U.S. Army moved. It won.",
            &["The U.S. Army moved.", "It won."],
        ),
        (
            "He lives in the U.S. He works there.",
            &["He lives in the U.S.", "He works there."],
        ),
        (
            "Fruit, e.g. Apples, is good. Yes.",
            &["Fruit, e.g. Apples, is good.", "Yes."],
        ),
        (
            "See No. 5 on Jan. 3. Then go.",
            &["See No. 5 on Jan. 3.", "Then go."],
        ),
        ("\"We stay.\" He left.", &["\"We stay.\"", "He left."]),
        (
            "\"We stay. They go,\" he said.",
            &["\"We stay.", "They go,\" he said."],
        ),
        (
            "Hector \"Hetin\" Reyes won.",
            &["Hector \"Hetin\" Reyes won."],
        ),
        (
            "His anthem \"The End\" The concert ended.",
            &["His anthem \"The End\"", "The concert ended."],
        ),
        ("What? No! Fine.", &["What?", "No!", "Fine."]),
        (
            "It cost $3.50 at 5 p.m. The shop closed.",
            &["It cost $3.50 at 5 p.m.", "The shop closed."],
        ),
        (
            "St. Petersburg is cold. Moscow too.",
            &["St. Petersburg is cold.", "Moscow too."],
        ),
        ("Wait... What?", &["Wait...", "What?"]),
        ("The U.N. said so.", &["The U.N. said so."]),
    ];
    for (text, want) in cases {
        assert_eq!(split(Lang::En, text), *want, "{text:?}");
    }
}

#[test]
fn spans_are_trimmed_and_ordered() {
    let text = "  One.  Two.\nThree.  ";
    let spans = Segmenter::new(Lang::En).split(text);
    assert_eq!(spans, [2..6, 8..12, 13..19]);
}

#[test]
fn a_run_without_sentence_end_is_cut_at_white_space() {
    let words: Vec<String> = (0..20_000).map(|i| format!("mot{i}")).collect();
    let block = words.join(" ");
    let spans = Segmenter::new(Lang::Fr).split(&block);
    assert!(spans.len() > 1);
    let mut back = Vec::new();
    for s in &spans {
        assert!(s.len() <= MAX_SENTENCE_BYTES, "{}", s.len());
        back.extend(block[s.clone()].split(' ').map(str::to_string));
    }
    // Cut between words, never inside one, and nothing lost.
    assert_eq!(back, words);
}

#[test]
fn a_run_without_white_space_is_cut_between_characters() {
    let block = "é".repeat(30_000);
    let spans = Segmenter::new(Lang::Fr).split(&block);
    assert!(spans.iter().all(|s| s.len() <= MAX_SENTENCE_BYTES));
    let back: String = spans.iter().map(|s| &block[s.clone()]).collect();
    assert_eq!(back, block);
}
