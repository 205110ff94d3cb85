//! `kitei serve [DIR] [--port P] [--bind ADDR] [--open] [--as-of DATE]`: serves the site of a regulations
//! folder, rebuilt when its files change, and a live drafting workspace (see `kitei::serve`). Bound to
//! 127.0.0.1 by default; another address is allowed with a warning, since the workspace writes files.
//! The site is built in a temporary folder, removed when the server stops on Ctrl-C or SIGTERM.

use crate::cmd_build::{parse_date, today_jst};
use std::io::Write;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::process::ExitCode;

/// Serve the site and a live drafting workspace on a local port.
#[derive(clap::Args)]
#[command(
    after_help = "Examples:\n  kitei serve                        # regulations/ on http://127.0.0.1:8080/\n  kitei serve regulations --port 0 --open\n\nThe server prints its address on standard error (`kitei: serving … at http://…/`)."
)]
pub struct Args {
    /// The regulations folder (as for `kitei build`). Drafts are saved into it as new version files.
    #[arg(default_value = "regulations")]
    pub dir: PathBuf,
    /// The port (0: any free port).
    #[arg(short, long, default_value_t = 8080)]
    pub port: u16,
    /// The address to listen on. Anything but a loopback address lets others on the network read and write
    /// the folder: a warning is printed.
    #[arg(long, value_name = "ADDR", default_value_t = IpAddr::V4(Ipv4Addr::LOCALHOST))]
    pub bind: IpAddr,
    /// Open the workspace in the default browser.
    #[arg(long)]
    pub open: bool,
    /// The as-of date of the site (YYYY-MM-DD; default: today in Japan), as `kitei build --as-of`.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub as_of: Option<String>,
    /// How long a pane (新旧対照表, 改め文, impact, lint) may take before it says "timed out" instead.
    #[arg(long, value_name = "MS", default_value_t = 5000)]
    pub pane_timeout: u64,
}

pub fn run(a: Args) -> anyhow::Result<ExitCode> {
    if !a.dir.is_dir() {
        anyhow::bail!("{}: no such regulations folder", a.dir.display());
    }
    if !a.bind.is_loopback() {
        eprintln!(
            "kitei: warning: listening on {} — anyone who can reach this address can read and change {}",
            a.bind,
            a.dir.display()
        );
    }
    let temp = std::env::temp_dir().join(format!("kitei-serve-{}", std::process::id()));
    std::fs::create_dir_all(&temp)?;
    let cfg = kitei::serve::Config {
        dir: a.dir.clone(),
        site_dir: temp.join("site"),
        as_of: Some(a.as_of.clone().unwrap_or_else(today_jst)),
        poll: std::time::Duration::from_millis(700),
        pane_timeout: std::time::Duration::from_millis(a.pane_timeout),
        peer_limit: None,
    };
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    let served = rt.block_on(serve(&a, cfg));
    // A pane computation still running on a blocking thread is not waited for.
    rt.shutdown_timeout(std::time::Duration::from_millis(500));
    let removed = std::fs::remove_dir_all(&temp);
    served?;
    // Standard error may be closed by now (a parent that read the address and left): not worth a panic.
    let mut err = std::io::stderr();
    let _ = match removed {
        Ok(()) => writeln!(err, "kitei: stopped; removed {}", temp.display()),
        Err(e) => writeln!(err, "kitei: warning: stopped, but {} was not removed: {e}", temp.display()),
    };
    Ok(ExitCode::SUCCESS)
}

/// Listens, prints the address, and serves until Ctrl-C or SIGTERM.
async fn serve(a: &Args, cfg: kitei::serve::Config) -> anyhow::Result<()> {
    let listener = tokio::net::TcpListener::bind(SocketAddr::new(a.bind, a.port)).await?;
    let addr = listener.local_addr()?;
    let host =
        if a.bind.is_unspecified() { SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), addr.port()) } else { addr };
    let url = format!("http://{host}/");
    eprintln!("kitei: serving {} at {url}", a.dir.display());
    if a.open {
        open_browser(&url);
    }
    kitei::serve::serve_until(listener, cfg, stop_signal()?).await?;
    Ok(())
}

/// Completes on Ctrl-C (SIGINT) or, on Unix, SIGTERM.
fn stop_signal() -> anyhow::Result<impl std::future::Future<Output = ()>> {
    #[cfg(unix)]
    let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())?;
    Ok(async move {
        #[cfg(unix)]
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            _ = term.recv() => {}
        }
        #[cfg(not(unix))]
        let _ = tokio::signal::ctrl_c().await;
    })
}

/// Asks the desktop to open `url`; failing that, the address printed above is enough.
fn open_browser(url: &str) {
    let cmd = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if std::process::Command::new(cmd).arg(url).spawn().is_err() {
        eprintln!("kitei: could not start {cmd}; open {url} yourself");
    }
}
