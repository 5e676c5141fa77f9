//! Loopback networking: free ports and a minimal HTTP/1.1 GET for readiness checks.

use std::io::{Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::time::Duration;

use anyhow::{Context, Result, bail};

/// A TCP port on 127.0.0.1 that was free a moment ago (the OS picks it for a port-0 bind).
pub fn free_port() -> Result<u16> {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).context("cannot bind 127.0.0.1:0")?;
    Ok(listener.local_addr()?.port())
}

/// Sends `GET path` to 127.0.0.1:`port` with extra `headers` (`"Name: value"`) and returns the
/// response's status code.
pub fn http_status(port: u16, path: &str, headers: &[&str], timeout: Duration) -> Result<u16> {
    let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
    let mut stream = TcpStream::connect_timeout(&addr, timeout)?;
    stream.set_read_timeout(Some(timeout))?;
    stream.set_write_timeout(Some(timeout))?;
    let mut request = format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n");
    for header in headers {
        request.push_str(header);
        request.push_str("\r\n");
    }
    request.push_str("\r\n");
    stream.write_all(request.as_bytes())?;
    // The status line is all we need; read until it is complete.
    let mut head = Vec::new();
    let mut buf = [0; 512];
    while !head.contains(&b'\n') {
        let n = stream.read(&mut buf)?;
        if n == 0 {
            break;
        }
        head.extend_from_slice(&buf[..n]);
    }
    parse_status_line(&String::from_utf8_lossy(&head))
}

/// The status code in `HTTP/1.1 200 OK`.
fn parse_status_line(head: &str) -> Result<u16> {
    let line = head.lines().next().unwrap_or_default();
    match line.split_whitespace().collect::<Vec<_>>()[..] {
        [version, code, ..] if version.starts_with("HTTP/") => {
            code.parse().with_context(|| format!("bad HTTP status line {line:?}"))
        }
        _ => bail!("bad HTTP status line {line:?}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_status_lines() {
        assert_eq!(parse_status_line("HTTP/1.1 200 OK\r\nx: y\r\n").unwrap(), 200);
        assert_eq!(parse_status_line("HTTP/1.0 503\r\n").unwrap(), 503);
        assert!(parse_status_line("").is_err());
        assert!(parse_status_line("SSH-2.0-OpenSSH\r\n").is_err());
    }

    #[test]
    fn gets_status_from_a_local_server() {
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).unwrap();
        let port = listener.local_addr().unwrap().port();
        let server = std::thread::spawn(move || {
            let (mut conn, _) = listener.accept().unwrap();
            let mut request = [0; 1024];
            let n = conn.read(&mut request).unwrap();
            let request = String::from_utf8_lossy(&request[..n]).into_owned();
            conn.write_all(b"HTTP/1.1 204 No Content\r\n\r\n").unwrap();
            request
        });
        let status = http_status(port, "/readyz", &["X-Test: 1"], Duration::from_secs(5)).unwrap();
        assert_eq!(status, 204);
        let request = server.join().unwrap();
        assert!(request.starts_with("GET /readyz HTTP/1.1\r\n"));
        assert!(request.contains("\r\nX-Test: 1\r\n"));
    }
}
