//! The server's gatekeeping, as pure functions: which Host and Origin headers are ours (DNS rebinding), and
//! how a request path maps to a file inside the served folder (no `..`, no encoded escape, no absolute
//! path, no symlink leading out).

use std::path::{Component, Path, PathBuf};

/// The host names a request may carry: the loopback names with the bound port, plus the bound address.
#[derive(Debug, Clone)]
pub struct Hosts {
    allowed: Vec<String>,
}

impl Hosts {
    /// The hosts accepted for a server bound to `addr`.
    pub fn for_addr(addr: std::net::SocketAddr) -> Hosts {
        let port = addr.port();
        let mut allowed = vec![format!("127.0.0.1:{port}"), format!("localhost:{port}"), format!("[::1]:{port}")];
        let own = match addr.ip() {
            std::net::IpAddr::V4(ip) => format!("{ip}:{port}"),
            std::net::IpAddr::V6(ip) => format!("[{ip}]:{port}"),
        };
        if !addr.ip().is_unspecified() && !allowed.contains(&own) {
            allowed.push(own);
        }
        Hosts { allowed }
    }

    /// Whether a `Host` header names this server (case-insensitive; the port is required).
    pub fn host_ok(&self, host: &str) -> bool {
        let host = host.trim().to_ascii_lowercase();
        self.allowed.contains(&host)
    }

    /// Whether an `Origin` header is this server's own (`http://` + an accepted host).
    pub fn origin_ok(&self, origin: &str) -> bool {
        origin.trim().to_ascii_lowercase().strip_prefix("http://").is_some_and(|h| self.host_ok(h))
    }
}

/// Decodes `%XX` escapes of a URL path; `None` for a malformed escape or bytes that are not UTF-8.
pub fn percent_decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = std::str::from_utf8(b.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The relative path a URL path (after its route prefix) names, or `None` when it could leave the folder or
/// name something odd: `..` or `.` segments (also encoded, also as backslashes), absolute or drive paths,
/// NUL, control characters, hidden names.
pub fn relative_path(url_rest: &str) -> Option<PathBuf> {
    let decoded = percent_decode(url_rest)?;
    if decoded.contains('\\') || decoded.contains(':') || decoded.chars().any(char::is_control) {
        return None;
    }
    let mut out = PathBuf::new();
    for seg in decoded.split('/') {
        if seg.is_empty() {
            continue;
        }
        if seg.starts_with('.') {
            return None;
        }
        let mut comps = Path::new(seg).components();
        match (comps.next(), comps.next()) {
            (Some(Component::Normal(c)), None) => out.push(c),
            _ => return None,
        }
    }
    Some(out)
}

/// `root` joined with `rel`, if the file exists and, symlinks resolved, still lies inside `root`.
pub fn inside(root: &Path, rel: &Path) -> Option<PathBuf> {
    let root = root.canonicalize().ok()?;
    let full = root.join(rel).canonicalize().ok()?;
    full.starts_with(&root).then_some(full)
}

/// A regulation folder's name as a URL may give it: letters, digits, `-` and `_` only.
pub fn slug_ok(slug: &str) -> bool {
    !slug.is_empty() && slug.len() <= 200 && slug.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traversal_in_every_spelling_is_refused() {
        for bad in [
            "../etc/passwd",
            "a/../../b",
            "%2e%2e/secret",
            "%2E%2E%2Fsecret",
            "..%2fsecret",
            "..\\secret",
            "%5c..%5csecret",
            "/etc/passwd/..",
            "C:/Windows",
            "a/%00b",
            "./x",
            ".git/config",
            "%zz",
            "%c3",
        ] {
            assert_eq!(relative_path(bad), None, "{bad}");
        }
    }

    #[test]
    fn ordinary_paths_are_kept_relative() {
        assert_eq!(relative_path("a/b/index.html"), Some(PathBuf::from("a/b/index.html")));
        // A leading slash or doubled slashes are no escape: the result is still relative.
        assert_eq!(relative_path("//etc/passwd"), Some(PathBuf::from("etc/passwd")));
        assert_eq!(relative_path("%E8%A6%8F%E7%A8%8B.html"), Some(PathBuf::from("規程.html")));
        assert!(relative_path("").unwrap().as_os_str().is_empty());
    }

    #[test]
    fn symlinks_out_of_the_root_are_refused() {
        let d = std::env::temp_dir().join(format!("kitei-guard-{}", std::process::id()));
        let root = d.join("root");
        std::fs::create_dir_all(&root).unwrap();
        std::fs::write(d.join("outside.txt"), "secret").unwrap();
        std::fs::write(root.join("in.txt"), "ok").unwrap();
        assert!(inside(&root, Path::new("in.txt")).is_some());
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(d.join("outside.txt"), root.join("link.txt")).unwrap();
            assert_eq!(inside(&root, Path::new("link.txt")), None);
        }
        assert_eq!(inside(&root, Path::new("missing.txt")), None);
        let _ = std::fs::remove_dir_all(&d);
    }

    #[test]
    fn only_our_host_and_origin_pass() {
        let h = Hosts::for_addr("127.0.0.1:8123".parse().unwrap());
        assert!(h.host_ok("127.0.0.1:8123"));
        assert!(h.host_ok("LOCALHOST:8123"));
        assert!(!h.host_ok("evil.example:8123"));
        assert!(!h.host_ok("127.0.0.1:80"));
        assert!(!h.host_ok("127.0.0.1"));
        assert!(h.origin_ok("http://localhost:8123"));
        assert!(!h.origin_ok("http://evil.example"));
        assert!(!h.origin_ok("https://localhost:8123"));
        assert!(!h.origin_ok("null"));
    }

    #[test]
    fn a_server_bound_elsewhere_also_answers_to_its_address() {
        let h = Hosts::for_addr("192.168.1.5:8080".parse().unwrap());
        assert!(h.host_ok("192.168.1.5:8080"));
        assert!(h.origin_ok("http://192.168.1.5:8080"));
        // Bound to every address, it still answers only to the loopback names: no name is known to be its own.
        let any = Hosts::for_addr("0.0.0.0:8080".parse().unwrap());
        assert!(!any.host_ok("0.0.0.0:8080"));
        assert!(any.host_ok("localhost:8080"));
    }

    #[test]
    fn slugs_are_plain_names() {
        assert!(slug_ok("jlis-ninsho_1"));
        assert!(!slug_ok(".."));
        assert!(!slug_ok("a/b"));
        assert!(!slug_ok(""));
    }
}
