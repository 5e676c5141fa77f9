//! Posting descriptions: Markdown written by recruiters, rendered to HTML and sanitized so
//! nothing in it can run script or restyle the page, wherever the HTML ends up (the posting
//! page, the JSON-LD, the feeds).

use pulldown_cmark::{Options, Parser, html};

/// Renders `md` to HTML and sanitizes it: raw HTML is kept only as far as ammonia's allow-list
/// goes (no `<script>`, `<style>`, event handlers or `style` attributes; links only to
/// http(s), mailto and relative addresses, marked `rel="noopener noreferrer"`).
pub(crate) fn render(md: &str) -> String {
    let parser = Parser::new_ext(md, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH);
    let mut unsafe_html = String::with_capacity(md.len() * 3 / 2);
    html::push_html(&mut unsafe_html, parser);
    ammonia::clean(&unsafe_html)
}

#[cfg(test)]
mod tests {
    use super::render;

    #[test]
    fn markdown_becomes_html() {
        let html = render("## What you'll do\n\n- Build **Django** APIs\n- [Read more](https://example.com/team)");
        assert!(html.contains("<h2>What you'll do</h2>"), "{html}");
        assert!(html.contains("<li>Build <strong>Django</strong> APIs</li>"), "{html}");
        assert!(
            html.contains(r#"<a href="https://example.com/team" rel="noopener noreferrer">Read more</a>"#),
            "{html}"
        );
    }

    #[test]
    fn script_elements_are_removed_with_their_content() {
        let html =
            render("Hello <script>alert('x')</script> world\n\n<script src=\"https://evil.test/x.js\"></script>");
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("alert"), "{html}");
        assert!(html.contains("Hello"), "{html}");
    }

    #[test]
    fn javascript_links_lose_their_target() {
        let html = render("[click](javascript:alert(1)) and <a href=\"JaVaScRiPt:alert(2)\">this</a>");
        assert!(!html.to_lowercase().contains("javascript:"), "{html}");
        assert!(html.contains("click") && html.contains("this"), "{html}");
    }

    #[test]
    fn raw_html_attributes_are_stripped() {
        let html = render(
            "<p onclick=\"steal()\" style=\"position:fixed\" class=\"x\">Hi</p>\n\n<img src=x onerror=alert(1)>\n\n<iframe src=\"https://evil.test\"></iframe>",
        );
        for bad in ["onclick", "onerror", "style=", "<iframe", "class="] {
            assert!(!html.contains(bad), "{bad} survived: {html}");
        }
        assert!(html.contains("Hi"), "{html}");
    }
}
