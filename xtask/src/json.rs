//! Just enough JSON reading for xtask: the string value of a named field.

/// The string value of the first `"key": "…"` in `json`, unescaped; `None` if there is none.
///
/// Made for flat objects such as `hired bench seed`'s output line and for keys that occur once
/// (like cargo metadata's `target_directory`): nesting is ignored. A key cannot be matched
/// inside a string value, because quotes there are escaped.
pub fn string_field(json: &str, key: &str) -> Option<String> {
    let needle = format!("\"{key}\"");
    let mut from = 0;
    while let Some(found) = json[from..].find(&needle) {
        let after_key = from + found + needle.len();
        let rest = json[after_key..].trim_start();
        if let Some(value) = rest.strip_prefix(':').map(str::trim_start) {
            return value.strip_prefix('"').and_then(parse_string_body);
        }
        from = after_key;
    }
    None
}

/// Unescapes a JSON string whose opening quote was already consumed, up to its closing quote.
fn parse_string_body(body: &str) -> Option<String> {
    let mut out = String::new();
    let mut chars = body.chars();
    loop {
        match chars.next()? {
            '"' => return Some(out),
            '\\' => match chars.next()? {
                '"' => out.push('"'),
                '\\' => out.push('\\'),
                '/' => out.push('/'),
                'b' => out.push('\u{8}'),
                'f' => out.push('\u{c}'),
                'n' => out.push('\n'),
                'r' => out.push('\r'),
                't' => out.push('\t'),
                'u' => {
                    let high = hex4(&mut chars)?;
                    let code = if (0xD800..0xDC00).contains(&high) {
                        // A surrogate pair: `\uD83D\uDE00`.
                        if chars.next()? != '\\' || chars.next()? != 'u' {
                            return None;
                        }
                        let low = hex4(&mut chars)?;
                        0x10000 + ((high - 0xD800) << 10) + low.checked_sub(0xDC00)?
                    } else {
                        high
                    };
                    out.push(char::from_u32(code)?);
                }
                _ => return None,
            },
            c => out.push(c),
        }
    }
}

/// Four hex digits.
fn hex4(chars: &mut std::str::Chars<'_>) -> Option<u32> {
    let digits: String = chars.take(4).collect();
    if digits.len() != 4 {
        return None;
    }
    u32::from_str_radix(&digits, 16).ok()
}

#[cfg(test)]
mod tests {
    use super::string_field;

    #[test]
    fn reads_the_seed_line() {
        let line = r#"{"requisition_id":"0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b","token":"hrd_abc","session_cookie":"hired_session=x/y+z"}"#;
        assert_eq!(string_field(line, "requisition_id").unwrap(), "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b");
        assert_eq!(string_field(line, "token").unwrap(), "hrd_abc");
        assert_eq!(string_field(line, "session_cookie").unwrap(), "hired_session=x/y+z");
        assert_eq!(string_field(line, "missing"), None);
    }

    #[test]
    fn handles_spaces_escapes_and_lookalikes() {
        let json = r#"{ "note" : "say \"token\": \"no\"", "token" : "a\\b\u00e9\ud83d\ude00\n" }"#;
        assert_eq!(string_field(json, "token").unwrap(), "a\\bé😀\n");
        assert_eq!(string_field(json, "note").unwrap(), r#"say "token": "no""#);
        assert_eq!(string_field(r#"{"token": 5}"#, "token"), None);
        assert_eq!(string_field(r#"{"token": "unterminated"#, "token"), None);
    }
}
