//! Dates and date ranges as resumes write them: "Mar 2019", "March 2019", "2019-03-01",
//! "03/2019", "2019", "mars 2019", "Jan. 2020 – Present", "2018 – aktuell", "desde 2020", in
//! English, French, Spanish, German, Portuguese and Italian.

use hired_domain::profile::PartialDate;

use super::text::fold;

/// A span of time found in a line of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct DateRange {
    /// When it began.
    pub start: Option<PartialDate>,
    /// When it ended; `None` when open or current.
    pub end: Option<PartialDate>,
    /// Whether it runs until now ("Present", "aktuell", "desde 2020").
    pub current: bool,
    /// Byte offset in the line where the range text starts.
    pub from: usize,
    /// Byte offset in the line where it ends.
    pub to: usize,
}

impl DateRange {
    /// Whether it has a start and either an end or "until now".
    pub fn is_span(&self) -> bool {
        self.start.is_some() && (self.end.is_some() || self.current)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tok<'a> {
    Word(&'a str),
    Num(u32, usize),
    Punct(char),
}

#[derive(Debug, Clone, Copy)]
struct Token<'a> {
    tok: Tok<'a>,
    from: usize,
    to: usize,
}

/// At most this many tokens of one line are looked at.
const MAX_TOKENS: usize = 400;

fn tokens(line: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let mut iter = line.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        if out.len() >= MAX_TOKENS {
            break;
        }
        if c.is_whitespace() {
            continue;
        }
        let kind = |c: char| {
            if c.is_ascii_digit() {
                1
            } else if c.is_alphabetic() || c == '\'' || c == '’' {
                2
            } else {
                0
            }
        };
        let k = kind(c);
        if k == 0 {
            out.push(Token { tok: Tok::Punct(c), from: i, to: i + c.len_utf8() });
            continue;
        }
        let mut end = i + c.len_utf8();
        while let Some(&(j, d)) = iter.peek() {
            if kind(d) != k {
                break;
            }
            end = j + d.len_utf8();
            iter.next();
        }
        let text = &line[i..end];
        let tok = if k == 1 {
            let digits = text.len();
            Tok::Num(if digits <= 6 { text.parse().unwrap_or(0) } else { 0 }, digits)
        } else {
            Tok::Word(text)
        };
        out.push(Token { tok, from: i, to: end });
    }
    out
}

/// The month a word names, in English, French, Spanish, German, Portuguese or Italian,
/// full or abbreviated.
pub(crate) fn month_number(word: &str) -> Option<u8> {
    let w = fold(word);
    let w = w.trim_end_matches('.');
    let m = match w {
        "january" | "jan" | "janvier" | "janv" | "enero" | "ene" | "januar" | "janner" | "janeiro" | "gennaio"
        | "gen" => 1,
        "february" | "feb" | "febr" | "fevrier" | "fevr" | "fev" | "febrero" | "februar" | "fevereiro" | "febbraio" => {
            2
        }
        "march" | "mar" | "mars" | "marzo" | "marz" | "maerz" | "mrz" | "marco" => 3,
        "april" | "apr" | "avril" | "avr" | "abril" | "abr" | "aprile" => 4,
        "may" | "mai" | "mayo" | "maio" | "maggio" | "mag" => 5,
        "june" | "jun" | "juin" | "junio" | "juni" | "junho" | "giugno" | "giu" => 6,
        "july" | "jul" | "juillet" | "juil" | "julio" | "juli" | "julho" | "luglio" | "lug" => 7,
        "august" | "aug" | "aout" | "agosto" | "ago" => 8,
        "september" | "sep" | "sept" | "septembre" | "septiembre" | "setiembre" | "setembro" | "settembre" | "set" => 9,
        "october" | "oct" | "octobre" | "octubre" | "oktober" | "okt" | "outubro" | "out" | "ottobre" | "ott" => 10,
        "november" | "nov" | "novembre" | "noviembre" | "novembro" => 11,
        "december" | "dec" | "decembre" | "diciembre" | "dic" | "dezember" | "dez" | "dezembro" | "dicembre" => 12,
        _ => return None,
    };
    Some(m)
}

/// Words meaning "until now" in the supported languages ("Present", "Aujourd'hui", "aktuell",
/// "actualidad", "Atual", "now", …). Kendall cuts "Present" to "Pres".
pub(crate) fn is_present_word(word: &str) -> bool {
    let w = fold(word);
    matches!(
        w.trim_end_matches(['.', '\'']),
        "present"
            | "pres"
            | "presente"
            | "current"
            | "currently"
            | "now"
            | "today"
            | "ongoing"
            | "date"
            | "aujourd'hui"
            | "aujourdhui"
            | "aujourd"
            | "actuel"
            | "actuellement"
            | "actualidad"
            | "actualmente"
            | "actual"
            | "hoy"
            | "heute"
            | "jetzt"
            | "aktuell"
            | "derzeit"
            | "atual"
            | "atualmente"
            | "hoje"
            | "oggi"
            | "attuale"
            | "corso"
            | "cours"
            | "momento"
            | "fecha"
    )
}

/// Words that join the two ends of a range ("to", "à", "bis", "hasta", "até").
fn is_range_word(word: &str) -> bool {
    matches!(
        fold(word).as_str(),
        "to" | "till" | "until" | "through" | "a" | "au" | "jusqu'a" | "bis" | "hasta" | "al" | "ate"
    )
}

/// Words that open a range running until now ("since 2020", "desde 2020", "seit 2020").
fn is_since_word(word: &str) -> bool {
    matches!(fold(word).as_str(), "since" | "depuis" | "desde" | "seit" | "dal")
}

/// Filler words allowed before a "present" word ("to date", "en cours", "la fecha", "o momento").
fn is_filler_word(word: &str) -> bool {
    matches!(fold(word).as_str(), "en" | "la" | "o" | "in" | "to" | "el" | "em" | "heute" | "bis")
}

fn is_dash(c: char) -> bool {
    matches!(c, '-' | '–' | '—' | '‒' | '―' | '~' | '→' | '−')
}

fn year(n: u32, digits: usize) -> Option<u16> {
    (digits == 4 && (1950..=2100).contains(&n)).then(|| u16::try_from(n).ok()).flatten()
}

fn month(n: u32, digits: usize) -> Option<u8> {
    (digits <= 2 && (1..=12).contains(&n)).then(|| u8::try_from(n).ok()).flatten()
}

fn is_date_sep(t: Option<&Token<'_>>) -> bool {
    matches!(t.map(|t| t.tok), Some(Tok::Punct('-' | '/' | '.')))
}

/// The date starting at token `k`, and the index of the token after it.
fn date_at(toks: &[Token<'_>], k: usize) -> Option<(PartialDate, usize)> {
    let tok = toks.get(k)?.tok;
    let num = |i: usize| match toks.get(i).map(|t| t.tok) {
        Some(Tok::Num(n, d)) => Some((n, d)),
        _ => None,
    };
    match tok {
        Tok::Num(n, d) => {
            if let Some(y) = year(n, d) {
                // 2019-03(-01), 2019/03, 2019.03
                if is_date_sep(toks.get(k + 1))
                    && let Some((m, md)) = num(k + 2)
                    && let Some(m) = month(m, md)
                {
                    let mut next = k + 3;
                    if is_date_sep(toks.get(next)) && num(next + 1).is_some_and(|(_, dd)| dd <= 2) {
                        next += 2;
                    }
                    return PartialDate::new(y, Some(m)).map(|p| (p, next));
                }
                return PartialDate::new(y, None).map(|p| (p, k + 1));
            }
            if d > 2 || !is_date_sep(toks.get(k + 1)) {
                return None;
            }
            let (b, bd) = num(k + 2)?;
            // 03/2019, 3.2019
            if let Some(y) = year(b, bd) {
                return PartialDate::new(y, Some(month(n, d)?)).map(|p| (p, k + 3));
            }
            // 24-06-2022, 06/24/2022, 01.03.2019
            if bd <= 2 && is_date_sep(toks.get(k + 3)) {
                let (c, cd) = num(k + 4)?;
                let y = year(c, cd)?;
                let m = if n > 12 {
                    month(b, bd)?
                } else if b > 12 {
                    month(n, d)?
                } else {
                    month(b, bd)?
                };
                return PartialDate::new(y, Some(m)).map(|p| (p, k + 5));
            }
            None
        }
        Tok::Word(w) => {
            let m = month_number(w)?;
            let mut i = k + 1;
            while matches!(toks.get(i).map(|t| t.tok), Some(Tok::Punct('.' | ',' | '-' | '/'))) && i < k + 3 {
                i += 1;
            }
            if let Some(Tok::Word(w)) = toks.get(i).map(|t| t.tok)
                && matches!(fold(w).as_str(), "de" | "of")
            {
                i += 1;
            }
            let (n, d) = num(i)?;
            PartialDate::new(year(n, d)?, Some(m)).map(|p| (p, i + 1))
        }
        Tok::Punct(_) => None,
    }
}

/// The first date range in `line`: two dates, a date and a "present" word, a date opening
/// with "since", a date followed by a dangling dash (written by themes for a job held now),
/// or a lone date.
pub(crate) fn find_range(line: &str) -> Option<DateRange> {
    let toks = tokens(line);
    let mut k = 0;
    while k < toks.len() {
        let Some((start, next)) = date_at(&toks, k) else {
            k += 1;
            continue;
        };
        let from = toks.get(k).map_or(0, |t| t.from);
        let since = k > 0 && toks[..k].iter().rev().take(2).any(|t| matches!(t.tok, Tok::Word(w) if is_since_word(w)));
        let mut range = DateRange {
            start: Some(start),
            end: None,
            current: since,
            from,
            to: toks.get(next - 1).map_or(from, |t| t.to),
        };
        let mut i = next;
        let mut joined = false;
        while let Some(t) = toks.get(i) {
            match t.tok {
                Tok::Punct(c) if is_dash(c) => {}
                Tok::Word(w) if is_range_word(w) => {}
                _ => break,
            }
            joined = true;
            i += 1;
        }
        if joined {
            if let Some((end, after)) = date_at(&toks, i) {
                range.end = Some(end);
                range.current = false;
                range.to = toks.get(after - 1).map_or(range.to, |t| t.to);
            } else if let Some(to) = present_at(&toks, i) {
                range.current = true;
                range.to = to;
            } else if i >= toks.len() && toks.get(next).is_some_and(|t| matches!(t.tok, Tok::Punct(c) if is_dash(c))) {
                range.current = true;
                range.to = toks.get(i - 1).map_or(range.to, |t| t.to);
            }
        }
        return Some(range);
    }
    None
}

/// The end offset of a "present" word (maybe after a filler word) at token `i`.
fn present_at(toks: &[Token<'_>], i: usize) -> Option<usize> {
    let mut i = i;
    let mut skipped = 0;
    while let Some(t) = toks.get(i) {
        match t.tok {
            Tok::Word(w) if is_present_word(w) => {
                let mut to = t.to;
                // "Aujourd'hui" may be tokenised as one word or as "Aujourd", "'", "hui".
                if let (Some(Tok::Punct('\'' | '’')), Some(Tok::Word(h))) =
                    (toks.get(i + 1).map(|t| t.tok), toks.get(i + 2).map(|t| t.tok))
                    && fold(h) == "hui"
                {
                    to = toks.get(i + 2).map_or(to, |t| t.to);
                }
                return Some(to);
            }
            Tok::Word(w) if is_filler_word(w) && skipped < 2 => {
                skipped += 1;
                i += 1;
            }
            _ => return None,
        }
    }
    None
}

/// Whether `line` is only a date or a date range (with maybe a duration such as "2 years 3
/// months" or a word such as "Awarded").
pub(crate) fn is_date_line(line: &str) -> Option<DateRange> {
    let range = find_range(line)?;
    let rest = format!("{} {}", line.get(..range.from).unwrap_or(""), line.get(range.to..).unwrap_or(""));
    (letters_besides_durations(&rest) <= 4).then_some(range)
}

/// How many letters `text` has outside words such as "years", "months", "Awarded".
pub(crate) fn letters_besides_durations(text: &str) -> usize {
    text.split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty() && !is_duration_word(w))
        .map(|w| w.chars().count())
        .sum::<usize>()
}

fn is_duration_word(w: &str) -> bool {
    matches!(
        fold(w).as_str(),
        "awarded"
            | "issued"
            | "since"
            | "from"
            | "depuis"
            | "seit"
            | "desde"
            | "year"
            | "years"
            | "yr"
            | "yrs"
            | "month"
            | "months"
            | "mos"
            | "mo"
            | "an"
            | "ans"
            | "mois"
            | "ano"
            | "anos"
            | "anos."
            | "meses"
            | "mes"
            | "jahr"
            | "jahre"
            | "monat"
            | "monate"
            | "y"
            | "m"
            | "and"
            | "et"
            | "y."
            | "e"
            | "und"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: u16, m: Option<u8>) -> Option<PartialDate> {
        PartialDate::new(y, m)
    }

    fn span(line: &str) -> (Option<PartialDate>, Option<PartialDate>, bool) {
        let r = find_range(line).unwrap_or_else(|| panic!("no range in {line:?}"));
        (r.start, r.end, r.current)
    }

    #[test]
    fn english_ranges_in_theme_formats() {
        assert_eq!(span("Mar 2019 - Jun 2021"), (d(2019, Some(3)), d(2021, Some(6)), false));
        assert_eq!(span("March 2019 – Present"), (d(2019, Some(3)), None, true));
        assert_eq!(span("Jan. 2020 – Present"), (d(2020, Some(1)), None, true));
        assert_eq!(span("Nov, 2025 - Jan, 2026  2 months"), (d(2025, Some(11)), d(2026, Some(1)), false));
        assert_eq!(span("2019-03-01 — 2021-06-30"), (d(2019, Some(3)), d(2021, Some(6)), false));
        assert_eq!(span("2024-11 —"), (d(2024, Some(11)), None, true));
        assert_eq!(span("03/2019 - Current"), (d(2019, Some(3)), None, true));
        assert_eq!(span("2015 – 2019"), (d(2015, None), d(2019, None), false));
        assert_eq!(span("2015-2019"), (d(2015, None), d(2019, None), false));
        assert_eq!(span("Sept 2018 to now"), (d(2018, Some(9)), None, true));
        assert_eq!(span("2022 – Pres"), (d(2022, None), None, true));
        assert_eq!(span("Jun-2022"), (d(2022, Some(6)), None, false));
        assert_eq!(span("24-06-2022"), (d(2022, Some(6)), None, false));
    }

    #[test]
    fn french_spanish_german_portuguese_ranges() {
        assert_eq!(span("mars 2019 – Aujourd'hui"), (d(2019, Some(3)), None, true));
        assert_eq!(span("11/2024 – Aujourd’hui"), (d(2024, Some(11)), None, true));
        assert_eq!(span("févr. 2017 - déc. 2018"), (d(2017, Some(2)), d(2018, Some(12)), false));
        assert_eq!(span("depuis 2021"), (d(2021, None), None, true));
        assert_eq!(span("enero de 2020 - actualidad"), (d(2020, Some(1)), None, true));
        assert_eq!(span("desde 2020"), (d(2020, None), None, true));
        assert_eq!(span("marzo 2018 - Presente"), (d(2018, Some(3)), None, true));
        assert_eq!(span("2018 – aktuell"), (d(2018, None), None, true));
        assert_eq!(span("März 2016 bis heute"), (d(2016, Some(3)), None, true));
        assert_eq!(span("01.03.2019 – jetzt"), (d(2019, Some(3)), None, true));
        assert_eq!(span("seit Okt. 2020"), (d(2020, Some(10)), None, true));
        assert_eq!(span("out 2015 - Atual"), (d(2015, Some(10)), None, true));
        assert_eq!(span("setembro de 2019 até o momento"), (d(2019, Some(9)), None, true));
    }

    #[test]
    fn ranges_inside_longer_lines_keep_their_offsets() {
        let line = "Team Lead at Bidot Technology Jul 2018 - Mar 2019";
        let r = find_range(line).unwrap();
        assert_eq!(&line[r.from..r.to], "Jul 2018 - Mar 2019");
        assert_eq!(&line[..r.from], "Team Lead at Bidot Technology ");
        let line = "Consultant DDD, MAIF\t11/2024 – Aujourd'hui";
        let r = find_range(line).unwrap();
        assert_eq!(&line[r.from..r.to], "11/2024 – Aujourd'hui");
    }

    #[test]
    fn date_lines_are_told_from_sentences() {
        assert!(is_date_line("Sep, 2013 - Apr, 2017  3 year 7 months").is_some());
        assert!(is_date_line("2016").is_some());
        assert!(is_date_line("Acquired by Apple in 2022 and stayed through the transition").is_none());
        assert!(find_range("Worked 9 hours a day").is_none());
        assert!(find_range("Phone 12/34").is_none());
    }

    #[test]
    fn garbage_never_panics() {
        for s in [
            "",
            "-",
            "2019-",
            "2019-13",
            "99/9999",
            "12/",
            "31.12.",
            "— — —",
            "9999999999999999999 2020",
            "ÆØÅ 2020 – ∞",
        ] {
            let _ = find_range(s);
            let _ = is_date_line(s);
        }
        assert_eq!(month_number("Décembre"), Some(12));
        assert!(is_present_word("Atual"));
    }
}
