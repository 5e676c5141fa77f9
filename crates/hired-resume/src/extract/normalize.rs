//! The one shape every extractor's text ends in: NFKC-normalized (ligatures and full-width
//! forms become plain letters), no control or invisible characters but newline and tab, no
//! trailing spaces, and at most one blank line between blocks.

use unicode_normalization::UnicodeNormalization;

/// Cleans extracted text; see the module documentation.
pub(crate) fn clean(raw: &str) -> String {
    // A soft hyphen that ends a line is where the renderer split a word: join the halves.
    let joined = raw.replace("\u{ad}\r\n", "").replace("\u{ad}\n", "");
    let unified = joined.replace("\r\n", "\n").replace(['\r', '\u{0b}', '\u{0c}', '\u{2028}', '\u{2029}'], "\n");
    let visible: String = unified.chars().filter(|&c| keep(c)).map(|c| if c == '\u{a0}' { ' ' } else { c }).collect();
    let normalized: String = visible.nfkc().filter(|&c| keep(c)).collect();
    let mut out = String::with_capacity(normalized.len());
    let mut blank_lines = 0usize;
    for line in normalized.lines() {
        let line = line.trim_end();
        if line.trim().is_empty() {
            blank_lines += 1;
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
            if blank_lines > 0 {
                out.push('\n');
            }
        }
        blank_lines = 0;
        out.push_str(line);
    }
    out
}

/// Whether a character survives: text, spaces, newline and tab; not control characters,
/// invisible format characters, private-use icons (Font Awesome and the like) or U+FFFD.
fn keep(c: char) -> bool {
    match c {
        '\n' | '\t' => true,
        '\u{ad}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2064}' | '\u{feff}' => false,
        '\u{e000}'..='\u{f8ff}' | '\u{f0000}'..='\u{10ffff}' | '\u{fffd}' => false,
        c => !c.is_control(),
    }
}

#[cfg(test)]
mod tests {
    use super::clean;

    #[test]
    fn ligatures_and_full_width_forms_become_plain_letters() {
        assert_eq!(clean("Oﬃce ﬁle Ｒｕｓｔ"), "Office file Rust");
    }

    #[test]
    fn control_and_invisible_characters_go_but_newline_and_tab_stay() {
        assert_eq!(clean("a\u{0}b\u{7}c\u{200b}d\te\u{feff}\r\nf\u{f0e0}g"), "abcd\te\nfg");
    }

    #[test]
    fn blank_lines_collapse_to_one_and_trailing_spaces_go() {
        assert_eq!(clean("\n\n one  \n\n\n\ntwo\u{a0}\n  \nthree\n\n"), " one\n\ntwo\n\nthree");
    }

    #[test]
    fn a_soft_hyphen_at_a_line_end_joins_the_word() {
        assert_eq!(clean("mirai\u{ad}\naudio and co\u{ad}operate"), "miraiaudio and cooperate");
    }
}
