//! Tests of [`extract`](super::extract) as a whole: the shared corpus (`corpus`), hostile
//! and broken files (`hostile`), and the formats and their sniffing (`formats`). Small PDFs,
//! DOCX files and bombs are built here, by hand, so each test shows what it feeds in.

mod corpus;
mod formats;
mod hostile;

use std::io::Write;

/// A PDF made of the given object bodies (object 1 must be the catalog), with a correct
/// cross-reference table.
pub(super) fn pdf(objects: &[Vec<u8>]) -> Vec<u8> {
    let mut out = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        writeln!(out, "{} 0 obj", i + 1).unwrap();
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    write!(out, "xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).unwrap();
    for offset in offsets {
        writeln!(out, "{offset:010} 00000 n ").unwrap();
    }
    write!(out, "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n", objects.len() + 1).unwrap();
    out
}

/// A stream object body holding `data` under the given dictionary entries.
pub(super) fn stream(entries: &str, data: &[u8]) -> Vec<u8> {
    let mut body = format!("<< {entries} /Length {} >>\nstream\n", data.len()).into_bytes();
    body.extend_from_slice(data);
    body.extend_from_slice(b"\nendstream");
    body
}

/// A one-page PDF showing `content` (a content stream) with Helvetica as `/F1`.
pub(super) fn one_page_pdf(content: &str) -> Vec<u8> {
    pdf(&[
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R \
           /Resources << /Font << /F1 5 0 R >> >> >>"
            .to_vec(),
        stream("", content.as_bytes()),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>".to_vec(),
    ])
}

/// A raw deflate stream that inflates to `zeros` zero bytes: one literal, then back
/// references of 258 bytes at distance 1, in a fixed-Huffman block (13 bits per 258 bytes).
pub(super) fn deflated_zeros(zeros: usize) -> Vec<u8> {
    let mut bits = BitWriter::default();
    bits.push(1, 1); // final block
    bits.push(1, 2); // fixed Huffman codes
    bits.push_code(0b0011_0000, 8); // literal 0
    let mut left = zeros.saturating_sub(1);
    while left >= 258 {
        bits.push_code(0b1100_0101, 8); // length code 285: 258 bytes
        bits.push_code(0, 5); // distance code 0: distance 1
        left -= 258;
    }
    for _ in 0..left {
        bits.push_code(0b0011_0000, 8);
    }
    bits.push_code(0, 7); // end of block
    bits.finish()
}

/// Packs bits least significant first, as deflate does.
#[derive(Default)]
struct BitWriter {
    out: Vec<u8>,
    acc: u64,
    len: u32,
}

impl BitWriter {
    /// Pushes `count` bits of `value`, least significant first (header fields).
    fn push(&mut self, value: u64, count: u32) {
        self.acc |= value << self.len;
        self.len += count;
        while self.len >= 8 {
            self.out.push(self.acc as u8);
            self.acc >>= 8;
            self.len -= 8;
        }
    }

    /// Pushes a Huffman code, most significant bit first.
    fn push_code(&mut self, code: u64, count: u32) {
        let reversed = (0..count).fold(0, |acc, i| (acc << 1) | ((code >> i) & 1));
        self.push(reversed, count);
    }

    fn finish(mut self) -> Vec<u8> {
        if self.len > 0 {
            self.out.push(self.acc as u8);
        }
        self.out
    }
}

/// A zlib stream (what PDF's FlateDecode reads) that inflates to `zeros` zero bytes.
pub(super) fn zlib_zeros(zeros: usize) -> Vec<u8> {
    let mut out = vec![0x78, 0x01];
    out.extend(deflated_zeros(zeros));
    // Adler-32 of n zero bytes: a stays 1, b adds 1 per byte.
    let adler = ((zeros as u32 % 65_521) << 16) | 1;
    out.extend(adler.to_be_bytes());
    out
}

#[test]
fn the_hand_made_deflate_stream_inflates_to_zeros() {
    let stream = lopdf::Stream::new(lopdf::dictionary! { "Filter" => "FlateDecode" }, zlib_zeros(100_000));
    let inflated = stream.decompressed_content().unwrap();
    assert_eq!(inflated.len(), 100_000);
    assert!(inflated.iter().all(|&b| b == 0));
}
