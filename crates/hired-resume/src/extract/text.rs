//! Plain text in the encodings resumes arrive in: UTF-8 with or without a byte order mark,
//! UTF-16 (little or big endian) with a byte order mark or recognisably without one, and
//! otherwise Windows-1252, the superset of Latin-1 that old Windows editors write.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, WINDOWS_1252};

use super::ExtractError;

/// Share of control characters above which bytes are binary data, not text…
const MAX_CONTROL_SHARE: f64 = 0.02;
/// …when there are at least this many (a stray bell in a short note is still text).
const MIN_CONTROL: usize = 8;

/// Decodes text bytes; binary data (many control characters) is refused.
pub(super) fn decode(bytes: &[u8]) -> Result<String, ExtractError> {
    let text = match Encoding::for_bom(bytes) {
        Some((encoding, bom)) => {
            encoding.decode_without_bom_handling(bytes.get(bom..).unwrap_or_default()).0.into_owned()
        }
        None => match std::str::from_utf8(bytes) {
            Ok(text) => text.to_owned(),
            Err(_) => bomless_utf16(bytes).unwrap_or(WINDOWS_1252).decode_without_bom_handling(bytes).0.into_owned(),
        },
    };
    let total = text.chars().count();
    let control = text.chars().filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{0c}')).count();
    if control >= MIN_CONTROL && control as f64 > MAX_CONTROL_SHARE * total as f64 {
        return Err(ExtractError::UnknownFormat);
    }
    Ok(text)
}

/// UTF-16 without a byte order mark: Latin text then has a zero in every other byte.
fn bomless_utf16(bytes: &[u8]) -> Option<&'static Encoding> {
    if bytes.len() < 4 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let pairs = bytes.len() / 2;
    let zeros_at = |offset: usize| bytes.iter().skip(offset).step_by(2).filter(|&&b| b == 0).count();
    let (even, odd) = (zeros_at(0), zeros_at(1));
    if odd * 10 >= pairs * 7 && even * 10 < pairs {
        Some(UTF_16LE)
    } else if even * 10 >= pairs * 7 && odd * 10 < pairs {
        Some(UTF_16BE)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::decode;
    use crate::extract::ExtractError;

    #[test]
    fn utf8_with_and_without_a_byte_order_mark() {
        assert_eq!(decode("Müller".as_bytes()).as_deref(), Ok("Müller"));
        assert_eq!(decode(b"\xef\xbb\xbfM\xc3\xbcller").as_deref(), Ok("Müller"));
    }

    #[test]
    fn utf16_in_both_byte_orders() {
        let le: Vec<u8> = [0xff, 0xfe].into_iter().chain("Müller".encode_utf16().flat_map(u16::to_le_bytes)).collect();
        let be: Vec<u8> = [0xfe, 0xff].into_iter().chain("Müller".encode_utf16().flat_map(u16::to_be_bytes)).collect();
        let bomless: Vec<u8> = "Jürgen Müller".encode_utf16().flat_map(u16::to_le_bytes).collect();
        assert_eq!(decode(&le).as_deref(), Ok("Müller"));
        assert_eq!(decode(&be).as_deref(), Ok("Müller"));
        assert_eq!(decode(&bomless).as_deref(), Ok("Jürgen Müller"));
    }

    #[test]
    fn latin1_and_windows_1252_bytes_read_as_windows_1252() {
        assert_eq!(decode(b"M\xfcller \x80 \x93quoted\x94").as_deref(), Ok("Müller € “quoted”"));
    }

    #[test]
    fn binary_bytes_are_not_text() {
        let binary: Vec<u8> = (0u8..=255).cycle().take(4096).collect();
        assert_eq!(decode(&binary), Err(ExtractError::UnknownFormat));
    }
}
