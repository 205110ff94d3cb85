//! Helpers for the `kitei serve` tests: a temporary copy of a regulations folder, the binary started on
//! port 0 (its address read from standard error) and killed on drop, and raw HTTP/1.1 requests over a
//! plain socket (so that nothing normalises the paths under test).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// The bundled regulation.
pub const REG: &str = "jlis-ninsho-jimu-kanri-kitei";

/// A running `kitei serve`, killed on drop.
pub struct Server {
    child: Child,
    pub addr: SocketAddr,
    /// The temporary root: `root/regulations` is served, `root/outside.txt` lies outside it.
    pub root: PathBuf,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.root);
        // The site the server built (`kitei serve` builds it in the temporary folder, named by its pid).
        let _ = std::fs::remove_dir_all(std::env::temp_dir().join(format!("kitei-serve-{}", self.child.id())));
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.path().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).unwrap();
        }
    }
}

impl Server {
    /// Copies `regulations/` into a fresh temporary root and serves it.
    pub fn start(name: &str) -> Server {
        Server::start_with(name, &[])
    }

    /// As [`Server::start`], with more arguments for `kitei serve`.
    pub fn start_with(name: &str, args: &[&str]) -> Server {
        let root = std::env::temp_dir().join(format!("kitei-serve-test-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("regulations"), &root.join("regulations"));
        std::fs::write(root.join("outside.txt"), "SECRET-OUTSIDE").unwrap();
        let mut child = Command::new(env!("CARGO_BIN_EXE_kitei"))
            .args(["serve", "--port", "0", "--as-of", "2030-01-01"])
            .args(args)
            .arg(root.join("regulations"))
            .stderr(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .expect("start kitei serve");
        let mut line = String::new();
        BufReader::new(child.stderr.take().unwrap()).read_line(&mut line).unwrap();
        let url = line.trim().rsplit(" at ").next().unwrap().trim_start_matches("http://").trim_end_matches('/');
        let addr: SocketAddr = url.parse().unwrap_or_else(|_| panic!("no address in {line:?}"));
        let s = Server { child, addr, root };
        // Wait for the first site build.
        for _ in 0..300 {
            if s.get("/site/").0 == 200 {
                return s;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!("the site was not built in 30 s");
    }

    /// The temporary folder the server builds its site in (named by its process id).
    pub fn temp_folder(&self) -> PathBuf {
        std::env::temp_dir().join(format!("kitei-serve-{}", self.child.id()))
    }

    /// Sends the signal `sig` (`INT`, `TERM`) and waits for the server to exit (30 s at most).
    pub fn signal(&mut self, sig: &str) -> Option<std::process::ExitStatus> {
        let sent = Command::new("kill").arg(format!("-{sig}")).arg(self.child.id().to_string()).status();
        assert!(sent.is_ok_and(|s| s.success()), "kill -{sig}");
        for _ in 0..300 {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Some(status);
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        None
    }

    /// The Host header this server accepts.
    pub fn host(&self) -> String {
        format!("127.0.0.1:{}", self.addr.port())
    }

    /// Sends raw request bytes; returns (status, body). Status 0 when the server closed without answering.
    pub fn raw(&self, request: &[u8]) -> (u16, Vec<u8>) {
        let mut s = TcpStream::connect(self.addr).expect("the server is up");
        s.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
        let _ = s.write_all(request);
        let mut out = Vec::new();
        let _ = s.read_to_end(&mut out);
        parse_response(&out)
    }

    pub fn get(&self, path: &str) -> (u16, Vec<u8>) {
        self.raw(format!("GET {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n", self.host()).as_bytes())
    }

    pub fn post(&self, path: &str, json: &str) -> (u16, Vec<u8>) {
        let req = format!(
            "POST {path} HTTP/1.1\r\nHost: {h}\r\nOrigin: http://{h}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{json}",
            json.len(),
            h = self.host()
        );
        self.raw(req.as_bytes())
    }
}

/// Status and body of a raw HTTP/1.1 response (bodies are sent whole, with Content-Length).
pub fn parse_response(out: &[u8]) -> (u16, Vec<u8>) {
    let Some(end) = out.windows(4).position(|w| w == b"\r\n\r\n") else { return (0, Vec::new()) };
    let head = String::from_utf8_lossy(&out[..end]);
    let status = head.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    (status, out[end + 4..].to_vec())
}
