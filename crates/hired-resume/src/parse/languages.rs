//! Spoken languages and how well they are spoken ("English — Native", "Français : courant",
//! "Deutsch (C1)"), named in English, French, Spanish, German, Portuguese, Italian or natively.

use hired_domain::profile::SpokenLanguage;

use super::sections::Section;
use super::text::{Line, fold};

/// Names of spoken languages, folded, in the supported languages and natively.
#[rustfmt::skip]
const LANGUAGES: &[&str] = &[
    "english", "anglais", "ingles", "englisch", "inglese", "french", "francais", "frances", "franzosisch", "frances",
    "francese", "spanish", "espagnol", "espanol", "castellano", "spanisch", "espanhol", "spagnolo", "german",
    "allemand", "aleman", "deutsch", "alemao", "tedesco", "portuguese", "portugais", "portugues", "portugiesisch",
    "portoghese", "italian", "italien", "italiano", "italienisch", "dutch", "neerlandais", "hollandais", "neerlandes",
    "niederlandisch", "nederlands", "holandes", "chinese", "mandarin", "cantonese", "chinois", "chino", "chinesisch",
    "chines", "cinese", "中文", "普通话", "japanese", "japonais", "japones", "japanisch", "giapponese", "日本語", "korean",
    "coreen", "coreano", "koreanisch", "russian", "russe", "ruso", "russisch", "russo", "русский", "arabic", "arabe",
    "arabisch", "arabo", "hindi", "bengali", "urdu", "punjabi", "tamil", "telugu", "marathi", "gujarati", "polish",
    "polonais", "polaco", "polnisch", "polski", "czech", "tcheque", "checo", "tschechisch", "slovak", "hungarian",
    "hongrois", "ungarisch", "magyar", "romanian", "roumain", "rumano", "rumanisch", "romana", "bulgarian", "greek",
    "grec", "griego", "griechisch", "grego", "turkish", "turc", "turco", "turkisch", "turkce", "swedish", "suedois",
    "sueco", "schwedisch", "svenska", "norwegian", "norvegien", "noruego", "norwegisch", "norsk", "danish", "danois",
    "danes", "danisch", "dansk", "finnish", "finnois", "finlandes", "finnisch", "suomi", "ukrainian", "ukrainien",
    "ucraniano", "ukrainisch", "hebrew", "hebreu", "hebreo", "hebraisch", "persian", "farsi", "persan", "vietnamese",
    "vietnamien", "thai", "indonesian", "malay", "tagalog", "filipino", "catalan", "catala", "katalanisch", "basque",
    "euskera", "galician", "galego", "gallego", "croatian", "serbian", "bosnian", "slovenian", "lithuanian",
    "latvian", "estonian", "albanian", "armenian", "georgian", "swahili", "afrikaans", "latin", "latim", "latein",
    "luxembourgish", "luxembourgeois", "luxemburgisch", "letzebuergesch", "esperanto", "irish", "welsh", "icelandic",
    "maltese", "sign language", "lsf", "asl",
];

/// Words that say how well a language is spoken; the fluency is kept as written.
#[rustfmt::skip]
const LEVELS: &[&str] = &[
    "native", "mother tongue", "bilingual", "fluent", "proficient", "advanced", "intermediate", "basic", "beginner",
    "elementary", "conversational", "professional", "working", "full", "limited", "upper", "lower", "good", "a1",
    "a2", "b1", "b2", "c1", "c2", "natif", "native", "maternelle", "langue", "bilingue", "courant", "notions",
    "scolaire", "intermediaire", "avance", "debutant", "nativo", "nativa", "materna", "lengua", "fluido", "avanzado",
    "intermedio", "basico", "muttersprache", "muttersprachlich", "fliessend", "verhandlungssicher", "sehr", "gut",
    "grundkenntnisse", "fluente", "avancado", "intermediario", "madrelingua", "toeic", "toefl", "ielts", "delf",
    "dalf", "dele", "goethe",
];

/// Spoken languages listed in the languages section, or on a "Languages:" line anywhere.
pub(crate) fn languages(lines: &[Line], sections: &[Section], headings: &[bool]) -> Vec<SpokenLanguage> {
    let mut out: Vec<SpokenLanguage> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if line.is_blank() || headings.get(i) == Some(&true) || out.len() >= 30 {
            continue;
        }
        let text = match line.text.split_once(':') {
            Some((label, rest)) if is_languages_label(label) => rest,
            _ if sections.get(i) == Some(&Section::Languages) => line.text.as_str(),
            _ => continue,
        };
        let next = lines.get(i + 1..).unwrap_or(&[]).iter().find(|l| !l.is_blank());
        let pieces: Vec<&str> = text.split([',', ';', '|', '·', '•', '\t']).collect();
        // Side by side: "French<TAB>Native", or "Spanish<TAB>English" over "Native<TAB>Fluent".
        let levels_below: Vec<&str> = next.map(|n| n.segments().collect()).unwrap_or_default();
        let column_levels = pieces.len() > 1
            && levels_below.len() == pieces.len()
            && levels_below.iter().all(|l| is_level(l) && spoken(l).is_none());
        for (n, piece) in pieces.iter().enumerate() {
            let Some(mut lang) = spoken(piece) else { continue };
            if lang.fluency.is_none() {
                let beside = pieces.get(n + 1).filter(|p| is_level(p) && spoken(p).is_none());
                lang.fluency = if column_levels {
                    levels_below.get(n).map(|l| (*l).to_string())
                } else if let Some(level) = beside {
                    Some(level.trim().to_string())
                } else if pieces.len() == 1 {
                    next.filter(|n| is_level(&n.text) && spoken(&n.text).is_none()).map(|n| n.text.replace('\t', " "))
                } else {
                    None
                };
            }
            if !out.iter().any(|l| fold(&l.language) == fold(&lang.language)) {
                out.push(lang);
            }
        }
    }
    out
}

/// Whether a line names a spoken language or a fluency ("English — Native", "Fluent (C2)").
pub(crate) fn is_spoken_line(text: &str) -> bool {
    is_level(text) || text.split([',', ';', '|', '·', '•', '\t', ':', '(', '-', ' ']).any(|w| is_language(w.trim()))
}

fn is_languages_label(label: &str) -> bool {
    matches!(
        fold(label.trim()).as_str(),
        "languages" | "langues" | "idiomas" | "sprachen" | "linguas" | "lingue" | "spoken languages"
    )
}

/// "English (native)", "Français - courant", "Deutsch: C1", "English".
fn spoken(piece: &str) -> Option<SpokenLanguage> {
    let piece = piece.trim();
    let cut = piece.find(['(', ':', '-', '–', '—', '/']).unwrap_or(piece.len());
    let (name, rest) = piece.split_at(cut);
    let mut name = name.trim();
    let rest =
        rest.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, ':' | '-' | '–' | '—' | '/')).trim_end();
    let mut rest = match rest.strip_prefix('(').and_then(|r| r.strip_suffix(')')) {
        Some(inner) => inner.trim(),
        None => rest.trim_matches(|c: char| c == '(' || c == ')'),
    };
    if !is_language(name) {
        let (first, tail) = name.split_once(char::is_whitespace)?;
        if !is_language(first) || !is_level(tail) || !rest.is_empty() {
            return None;
        }
        name = first;
        rest = tail;
    }
    let fluency = (!rest.is_empty() && rest.chars().count() <= 60).then(|| rest.to_string());
    Some(SpokenLanguage { language: name.to_string(), fluency })
}

fn is_language(name: &str) -> bool {
    LANGUAGES.contains(&fold(name).as_str())
}

fn is_level(text: &str) -> bool {
    let f = fold(text);
    text.chars().count() <= 60 && f.split(|c: char| !c.is_alphanumeric()).any(|w| LEVELS.contains(&w))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::text::clean_lines;

    fn langs(text: &str, section: Section) -> Vec<(String, Option<String>)> {
        let lines = clean_lines(text).0;
        let sections = vec![section; lines.len()];
        languages(&lines, &sections, &vec![false; lines.len()]).into_iter().map(|l| (l.language, l.fluency)).collect()
    }

    fn l(name: &str, fluency: Option<&str>) -> (String, Option<String>) {
        (name.to_string(), fluency.map(str::to_string))
    }

    #[test]
    fn languages_with_fluency_on_the_same_or_next_line() {
        assert_eq!(
            langs("French\n\nNative\n\nEnglish\n\nFluent (C2)\nPython JavaScript", Section::Languages),
            vec![l("French", Some("Native")), l("English", Some("Fluent (C2)"))]
        );
    }

    #[test]
    fn languages_side_by_side_in_columns() {
        assert_eq!(
            langs("French\tNative\nEnglish\tFluent (C2)", Section::Languages),
            vec![l("French", Some("Native")), l("English", Some("Fluent (C2)"))]
        );
        assert_eq!(
            langs("Spanish\tEnglish\nNative speaker\tFull professional proficiency", Section::Languages),
            vec![l("Spanish", Some("Native speaker")), l("English", Some("Full professional proficiency"))]
        );
    }

    #[test]
    fn languages_written_in_five_languages() {
        assert_eq!(
            langs(
                "Français : langue maternelle\nInglés (C1), Alemán - B2\nDeutsch Muttersprache\nPortuguês: fluente",
                Section::Languages
            ),
            vec![
                l("Français", Some("langue maternelle")),
                l("Inglés", Some("C1")),
                l("Alemán", Some("B2")),
                l("Deutsch", Some("Muttersprache")),
                l("Português", Some("fluente")),
            ]
        );
    }

    #[test]
    fn a_languages_line_outside_the_section_and_no_programming_languages() {
        assert_eq!(
            langs("Languages: Chinese (Native Speaker), English (Advanced (CEFR C1))", Section::Skills),
            vec![l("Chinese", Some("Native Speaker")), l("English", Some("Advanced (CEFR C1)"))]
        );
        assert!(langs("Languages: Python, Rust", Section::Skills).is_empty());
        assert!(langs("Master\nPython JavaScript", Section::Languages).is_empty());
    }
}
