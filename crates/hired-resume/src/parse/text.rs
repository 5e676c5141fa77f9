//! Resume text cut into clean lines: control characters, icon glyphs and repeated spaces
//! removed, bullets noted, and the whole bounded so a hostile input cannot make parsing slow.
//! Also the accent-folding used wherever words are compared across languages.

/// At most this many bytes of text are read; real resumes are far smaller.
pub(crate) const MAX_BYTES: usize = 1 << 20;
/// At most this many lines are read.
pub(crate) const MAX_LINES: usize = 6_000;
/// Longer lines are cut here: no resume line is this long, and matching stays linear.
const MAX_LINE_CHARS: usize = 2_000;

/// One line of the resume, cleaned. Blank lines are kept (empty `text`) because they separate
/// blocks. A tab separates segments that the extractor found side by side on one line (an
/// employer and its dates); every other run of whitespace is one space.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Line {
    /// The text, trimmed, without bullet or icon.
    pub text: String,
    /// Whether it started with a bullet character.
    pub bullet: bool,
}

impl Line {
    /// Whether there is no text.
    pub fn is_blank(&self) -> bool {
        self.text.is_empty()
    }

    /// The segments of the line, left to right.
    pub fn segments(&self) -> impl Iterator<Item = &str> {
        self.text.split('\t').map(str::trim).filter(|s| !s.is_empty())
    }
}

/// The clean lines of `text`, and whether the text was cut because it was too long.
pub(crate) fn clean_lines(text: &str) -> (Vec<Line>, bool) {
    let mut cut = false;
    let mut text = text;
    if text.len() > MAX_BYTES {
        let mut end = MAX_BYTES;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        text = &text[..end];
        cut = true;
    }
    let mut lines = Vec::new();
    for raw in text.lines() {
        if lines.len() >= MAX_LINES {
            cut = true;
            break;
        }
        lines.push(clean_line(raw));
    }
    (lines, cut)
}

fn clean_line(raw: &str) -> Line {
    let mut out = String::with_capacity(raw.len().min(MAX_LINE_CHARS));
    let mut gap: Option<char> = None;
    for c in raw.chars().take(MAX_LINE_CHARS) {
        if c == '\t' {
            gap = Some('\t');
            continue;
        }
        if c.is_whitespace() || c == '\u{FEFF}' {
            gap = gap.or(Some(' '));
            continue;
        }
        if c.is_control() || is_icon(c) {
            continue;
        }
        if let Some(g) = gap.take()
            && !out.is_empty()
        {
            out.push(g);
        }
        out.push(c);
    }
    let trimmed = out.trim_start_matches(|c: char| is_bullet(c) || c.is_whitespace());
    let bullet =
        trimmed.trim_start_matches(char::is_whitespace).len() != out.len() && out.starts_with(|c: char| is_bullet(c));
    Line { text: trimmed.trim().to_string(), bullet }
}

/// Icon-font glyphs (private use area) and symbols that themes put before contact details.
fn is_icon(c: char) -> bool {
    matches!(c, '\u{E000}'..='\u{F8FF}' | '\u{F0000}'..='\u{10FFFF}' | '\u{FFFD}' | '\u{1F300}'..='\u{1FAFF}' | '\u{2600}'..='\u{27BF}')
}

fn is_bullet(c: char) -> bool {
    matches!(
        c,
        '•' | '·'
            | '▪'
            | '▫'
            | '►'
            | '▶'
            | '●'
            | '○'
            | '■'
            | '□'
            | '◦'
            | '‣'
            | '∙'
            | '⁃'
            | '–'
            | '—'
            | '*'
            | '-'
            | '>'
            | '→'
            | '✓'
            | '✔'
            | '➤'
            | ' '
    )
}

/// Lower-case with the accents of Latin letters removed, for comparing words written with or
/// without accents ("Expérience", "EXPERIENCE").
pub(crate) fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars().flat_map(char::to_lowercase) {
        match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => out.push('a'),
            'ç' | 'ć' | 'č' => out.push('c'),
            'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => out.push('e'),
            'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' | 'ı' => out.push('i'),
            'ñ' | 'ń' | 'ň' => out.push('n'),
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => out.push('o'),
            'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => out.push('u'),
            'ý' | 'ÿ' => out.push('y'),
            'ś' | 'š' | 'ş' => out.push('s'),
            'ź' | 'ż' | 'ž' => out.push('z'),
            'ł' => out.push('l'),
            'ř' => out.push('r'),
            'ť' => out.push('t'),
            'ď' => out.push('d'),
            'ß' => out.push_str("ss"),
            'æ' => out.push_str("ae"),
            'œ' => out.push_str("oe"),
            '’' | '‘' | '`' | '´' => out.push('\''),
            _ => out.push(c),
        }
    }
    out
}

/// The words of `s` (letters and digits), folded.
pub(crate) fn words(s: &str) -> Vec<String> {
    fold(s).split(|c: char| !c.is_alphanumeric() && c != '\'').filter(|w| !w.is_empty()).map(str::to_string).collect()
}

/// Whether the letters of `s` are all capitals (and there are at least two).
pub(crate) fn is_all_caps(s: &str) -> bool {
    let letters: Vec<char> = s.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 2 && letters.iter().all(|c| !c.is_lowercase())
}

/// "JEAN-PIERRE DE LA TOUR" -> "Jean-Pierre De La Tour".
pub(crate) fn title_case(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut start = true;
    for c in s.chars() {
        if c.is_alphabetic() {
            if start {
                out.extend(c.to_uppercase());
            } else {
                out.extend(c.to_lowercase());
            }
            start = false;
        } else {
            out.push(c);
            start = true;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_lose_icons_bullets_and_extra_spaces() {
        let (lines, cut) =
            clean_lines("  \u{f0e0}  jo@example.com \n\n• Built   things\u{0007}\nAcme SA \t Lausanne\n");
        assert!(!cut);
        assert_eq!(lines[0].text, "jo@example.com");
        assert!(!lines[0].bullet);
        assert_eq!(lines[3].segments().collect::<Vec<_>>(), vec!["Acme SA", "Lausanne"]);
        assert!(lines[1].is_blank());
        assert_eq!(lines[2], Line { text: "Built things".into(), bullet: true });
    }

    #[test]
    fn long_text_is_cut_on_a_character_boundary() {
        let text = "é".repeat(MAX_BYTES);
        let (lines, cut) = clean_lines(&text);
        assert!(cut);
        assert_eq!(lines.len(), 1);
        let (lines, cut) = clean_lines(&"a\n".repeat(MAX_LINES + 5));
        assert!(cut);
        assert_eq!(lines.len(), MAX_LINES);
    }

    #[test]
    fn folding_removes_accents_in_every_language() {
        assert_eq!(
            fold("Expérience Éducation Ausbildung Straße Formação Œuvre"),
            "experience education ausbildung strasse formacao oeuvre"
        );
        assert_eq!(words("Aujourd’hui, c'est"), vec!["aujourd'hui", "c'est"]);
    }

    #[test]
    fn capitals_are_title_cased() {
        assert!(is_all_caps("JESSICA CHATRIANT"));
        assert!(!is_all_caps("Jessica"));
        assert_eq!(title_case("JEAN-PIERRE O'NEIL"), "Jean-Pierre O'Neil");
        assert_eq!(title_case("RICHARD B."), "Richard B.");
    }
}
