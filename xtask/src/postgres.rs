//! A throwaway PostgreSQL server: its own data directory in a temporary directory, a free port
//! on 127.0.0.1, trust authentication, `fsync=off`; stopped and deleted on drop.
//!
//! PostgreSQL refuses to run as root, so as root the server runs as the `postgres` OS user
//! (via `runuser`), which owns the temporary directory.

use std::ffi::OsStr;
use std::fs;
use std::path::PathBuf;
use std::process::Command;

use anyhow::{Context, Result, bail};

use crate::reaper::Reaper;
use crate::{cmd, net, tempdir, tools};

/// The superuser role created by `initdb`.
const SUPERUSER: &str = "postgres";

/// A running throwaway server; see the module documentation.
pub struct Postgres {
    /// The server binaries.
    bin: PathBuf,
    /// Holds `data/`, the socket, `server.log` and `commands.log`; removed on drop.
    dir: PathBuf,
    /// The TCP port on 127.0.0.1.
    port: u16,
    /// Whether server commands run as the `postgres` OS user.
    as_postgres: bool,
    /// Stops the server and removes `dir` if xtask dies before `drop`.
    reaper: Reaper,
}

impl Postgres {
    /// Creates and starts a server. Needs the PostgreSQL server binaries (see
    /// [`tools::Tool::Postgres`]).
    pub fn start() -> Result<Self> {
        let bin = tools::pg_bin_dir().context("PostgreSQL server binaries not found under /usr/lib/postgresql")?;
        let dir = tempdir::create_unique("pg")?;
        let as_postgres = cmd::is_root();
        let script = r#"if [ "$3" = yes ]; then runuser -u postgres -- "$1/pg_ctl" -D "$2/data" -m immediate stop
            else "$1/pg_ctl" -D "$2/data" -m immediate stop; fi; rm -rf -- "$2""#;
        let as_postgres_arg = OsStr::new(if as_postgres { "yes" } else { "no" });
        let reaper = match Reaper::spawn(script, &[bin.as_os_str(), dir.as_os_str(), as_postgres_arg]) {
            Ok(reaper) => reaper,
            Err(e) => {
                let _ = fs::remove_dir_all(&dir);
                return Err(e);
            }
        };
        // From here on `drop` cleans up, whatever fails below.
        let mut server = Self { bin, dir, port: 0, as_postgres, reaper };
        server.init_and_start()?;
        Ok(server)
    }

    /// Runs initdb, then starts the server on a free port (retrying if another process takes
    /// the port between our check and the server's bind).
    fn init_and_start(&mut self) -> Result<()> {
        if self.as_postgres {
            cmd::run(Command::new("chown").arg(format!("{SUPERUSER}:")).arg(&self.dir))?;
        }
        println!("xtask: initdb in {}", self.dir.display());
        let mut initdb = self.command("initdb");
        initdb.arg("-D").arg(self.dir.join("data")).args([
            "-U",
            SUPERUSER,
            "--auth=trust",
            "-E",
            "UTF8",
            "--no-locale",
            "-N",
        ]);
        cmd::run_logged(&mut initdb, &self.commands_log())?;
        for attempt in 1..=3 {
            self.port = net::free_port()?;
            let options = format!(
                "-p {} -k {} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300",
                self.port,
                self.dir.display()
            );
            let mut pg_ctl = self.command("pg_ctl");
            pg_ctl
                .arg("-D")
                .arg(self.dir.join("data"))
                .arg("-l")
                .arg(self.server_log())
                .args(["-w", "-t", "60", "-o", &options, "start"]);
            match cmd::run_logged(&mut pg_ctl, &self.commands_log()) {
                Ok(()) => {
                    println!("xtask: PostgreSQL ready at {}", self.url(SUPERUSER));
                    return Ok(());
                }
                Err(e) if attempt < 3 && cmd::tail(&self.server_log(), 20).contains("Address already in use") => {
                    println!("xtask: port {} was taken, retrying: {e:#}", self.port);
                }
                Err(e) => {
                    let server_log = cmd::tail(&self.server_log(), 20);
                    return Err(e.context(format!("PostgreSQL did not start; its log:\n{server_log}")));
                }
            }
        }
        bail!("cannot start PostgreSQL")
    }

    /// The server's own log, written by the server (as the `postgres` user when root).
    fn server_log(&self) -> PathBuf {
        self.dir.join("server.log")
    }

    /// Output of initdb, pg_ctl and createdb, written by xtask.
    fn commands_log(&self) -> PathBuf {
        self.dir.join("commands.log")
    }

    /// A command for the server binary `program`, run as the right OS user from `dir`.
    fn command(&self, program: &str) -> Command {
        let path = self.bin.join(program);
        let mut command = if self.as_postgres {
            let mut runuser = Command::new("runuser");
            runuser.args(["-u", SUPERUSER, "--"]).arg(path);
            runuser
        } else {
            Command::new(path)
        };
        // The `postgres` user may not be able to enter the current directory.
        command.current_dir(&self.dir);
        command
    }

    /// The connection URL for `database` as the superuser, over TCP.
    pub fn url(&self, database: &str) -> String {
        format!("postgres://{SUPERUSER}@127.0.0.1:{}/{database}", self.port)
    }

    /// Creates an empty database called `name`.
    pub fn create_database(&self, name: &str) -> Result<()> {
        let mut createdb = Command::new(self.bin.join("createdb"));
        createdb.current_dir(&self.dir).args(["-h", "127.0.0.1", "-p", &self.port.to_string(), "-U", SUPERUSER, name]);
        cmd::run_logged(&mut createdb, &self.commands_log())
    }
}

impl Drop for Postgres {
    fn drop(&mut self) {
        let mut stop = self.command("pg_ctl");
        stop.arg("-D").arg(self.dir.join("data")).args(["-m", "immediate", "stop"]);
        // Fails harmlessly if the server never started.
        cmd::succeeds(&mut stop);
        match fs::remove_dir_all(&self.dir) {
            Ok(()) => {
                self.reaper.disarm();
                println!("xtask: stopped PostgreSQL and removed {}", self.dir.display());
            }
            Err(e) => eprintln!("xtask: warning: cannot remove {}: {e}", self.dir.display()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Needs the PostgreSQL server binaries; skipped (with a note) where they are missing.
    #[test]
    fn starts_answers_and_cleans_up() {
        if tools::pg_bin_dir().is_none() {
            eprintln!("skipped: no PostgreSQL server binaries");
            return;
        }
        let server = Postgres::start().unwrap();
        server.create_database("xtask_probe").unwrap();
        let psql = server.bin.join("psql");
        let out = Command::new(psql)
            .args([&server.url("xtask_probe"), "-tAc", "select current_database()"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "xtask_probe");
        let dir = server.dir.clone();
        drop(server);
        assert!(!dir.exists(), "{} left behind", dir.display());
    }
}
