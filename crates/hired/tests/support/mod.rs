//! Running the real `hired` binary from tests: commands without our environment, and a
//! server that is stopped (or killed) when the test is done with it.

#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// How long a server may take to print its address (the demo is seeded first).
const START_TIMEOUT: Duration = Duration::from_secs(120);

/// A `hired` command that sees none of our `HIRED_*` variables, so only its flags configure it.
pub fn hired(args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_hired"));
    command.args(args).env("RUST_LOG", "warn");
    for (name, _) in std::env::vars_os() {
        if name.to_string_lossy().starts_with("HIRED_") {
            command.env_remove(name);
        }
    }
    command
}

/// A running `hired serve`, killed when dropped.
pub struct Server {
    pub child: Child,
    /// `127.0.0.1:PORT`, from the URL it printed.
    pub addr: String,
    /// What it printed on stdout up to and including the next lines read.
    lines: mpsc::Receiver<String>,
}

impl Server {
    /// Starts `hired serve --listen 127.0.0.1:0 args…` and waits for the address it prints.
    pub fn start(args: &[&str]) -> Self {
        let mut child = hired(&[&["serve", "--listen", "127.0.0.1:0"][..], args].concat())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start hired serve");
        let out = child.stdout.take().expect("piped stdout");
        let (send, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(out).lines().map_while(Result::ok) {
                if send.send(line).is_err() {
                    break;
                }
            }
        });
        let mut server = Self { child, addr: String::new(), lines };
        let first = server.next_line();
        server.addr = first.strip_prefix("hired is running at http://").expect("the URL first").to_owned();
        server
    }

    /// The next line of stdout, waiting at most [`START_TIMEOUT`].
    pub fn next_line(&self) -> String {
        self.lines.recv_timeout(START_TIMEOUT).expect("a line from hired serve in time")
    }

    /// GETs `path` until it answers (bounded), returning the status.
    pub fn status_of(&self, path: &str) -> u16 {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            match http_get_status(&self.addr, path) {
                Ok(status) => return status,
                Err(e) if Instant::now() > deadline => panic!("GET {path} on {}: {e}", self.addr),
                Err(_) => std::thread::sleep(Duration::from_millis(50)),
            }
        }
    }

    /// Sends SIGTERM and waits (bounded) for a clean exit.
    pub fn terminate(&mut self) {
        let sent = Command::new("kill").args(["-TERM", &self.child.id().to_string()]).status().expect("run kill");
        assert!(sent.success());
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Some(status) = self.child.try_wait().expect("poll hired serve") {
                assert!(status.success(), "hired serve exited with {status}");
                return;
            }
            assert!(Instant::now() < deadline, "hired serve did not stop within 20 s of SIGTERM");
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.child.kill().ok();
        self.child.wait().ok();
    }
}

/// One HTTP/1.1 GET over a plain socket; the status code of the answer.
pub fn http_get_status(addr: &str, path: &str) -> std::io::Result<u16> {
    let mut stream = TcpStream::connect(addr)?;
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    write!(stream, "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n")?;
    let mut response = String::new();
    stream.read_to_string(&mut response)?;
    response
        .split_whitespace()
        .nth(1)
        .and_then(|code| code.parse().ok())
        .ok_or_else(|| std::io::Error::other(format!("not an HTTP response: {response:?}")))
}
