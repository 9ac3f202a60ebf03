//! The replay server: a real HTTP server on loopback that replays a blog as if live.
//!
//! A [`Timeline`] decides what is visible at each moment (pure, no clock); [`writers`] turn a
//! moment's [`Snapshot`] into each format liveblog reads; [`http`] serves them with validators
//! so a polling reader gets 304s between changes. The clock is injected ([`Clock`]) so tests
//! step a replay without sleeping.
//!
//! ```no_run
//! # async fn demo(blog: liveblog::blog::LiveBlog) -> Result<(), liveblog::serve::ServeError> {
//! use liveblog::serve::{ServeOptions, spawn};
//! let running = spawn(blog, ServeOptions::brisk()).await?;
//! let url = running.url("guardian").unwrap_or_default().to_string();
//! // … follow `url` …
//! running.shutdown().await?;
//! # Ok(()) }
//! ```

pub mod clock;
pub mod http;
mod many;
pub mod pages;
mod progress;
mod rebase;
pub mod timeline;
pub mod writers;

pub use clock::{Clock, ManualClock, RealClock};
pub use http::Route;
pub use many::{ManyServer, bind_many, serve_blogs, serve_sources};
pub use timeline::{Change, ChangeKind, ReplayOptions, Snapshot, Timeline};

use crate::blog::LiveBlog;
use crate::source::{LoadError, Source};
use jiff::Timestamp;
use std::fmt::Write as _;
use std::future::Future;
use std::io::Write;
use std::net::{Ipv4Addr, SocketAddr};
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;
use writers::Site;

/// How to serve a replay.
#[derive(Clone)]
pub struct ServeOptions {
    /// Where to listen; port 0 picks a free port.
    pub addr: SocketAddr,
    /// Time between entries that have no times (`--pace`).
    pub pace: Duration,
    /// How much faster than real time timed entries come out (`--speed`).
    pub speed: f64,
    /// One entry every `pace` even where entries have times (see [`ReplayOptions::even`]).
    pub even: bool,
    /// Entries on show from the start.
    pub initial: usize,
    /// Longest wait between two timed entries after scaling.
    pub max_gap: Option<Duration>,
    /// Replay an edit and a deletion (at two and five paces, see [`ReplayOptions::paced`]).
    pub changes: bool,
    /// Further scripted edits and deletions.
    pub script: Vec<Change>,
    /// Longest `Cache-Control: max-age` given.
    pub max_age: Duration,
    /// Where elapsed time comes from; `None` is the real clock, started at bind.
    pub clock: Option<Arc<dyn Clock>>,
    /// Wall time of elapsed zero, for synthetic times and `Last-Modified`; `None` is now.
    pub origin: Option<Timestamp>,
    /// Put the blog's times on the replay's clock (see [`ReplayOptions::rebase`]).
    pub rebase: bool,
    /// Entries a page, newest first, with older pages asked for as the Guardian's are
    /// (`?page=with:block-<id>`); `None` serves the whole blog on one page.
    pub page_size: Option<usize>,
}

impl Default for ServeOptions {
    fn default() -> Self {
        Self {
            addr: SocketAddr::from((Ipv4Addr::LOCALHOST, 0)),
            pace: Duration::from_secs(20),
            speed: 1.0,
            even: false,
            initial: 3,
            max_gap: None,
            changes: true,
            script: Vec::new(),
            max_age: Duration::from_secs(5),
            clock: None,
            origin: None,
            rebase: false,
            page_size: None,
        }
    }
}

impl ServeOptions {
    /// For the reader's own demo: a new entry every few seconds, no long waits.
    pub fn brisk() -> Self {
        Self {
            pace: Duration::from_secs(4),
            max_gap: Some(Duration::from_secs(10)),
            max_age: Duration::from_secs(2),
            ..Self::default()
        }
    }

    /// The timeline's options these amount to.
    pub fn replay(&self) -> ReplayOptions {
        let base = ReplayOptions::paced(self.pace);
        let base = if self.changes {
            base
        } else {
            base.without_changes()
        };
        ReplayOptions {
            initial: self.initial,
            speed: self.speed,
            even: self.even,
            max_gap: self.max_gap,
            script: self.script.clone(),
            origin: self.origin,
            rebase: self.rebase,
            ..base
        }
    }
}

impl std::fmt::Debug for ServeOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ServeOptions")
            .field("addr", &self.addr)
            .field("pace", &self.pace)
            .field("speed", &self.speed)
            .field("even", &self.even)
            .field("initial", &self.initial)
            .field("max_gap", &self.max_gap)
            .field("changes", &self.changes)
            .field("script", &self.script)
            .field("max_age", &self.max_age)
            .field("clock", &self.clock.as_ref().map(|_| "injected"))
            .field("page_size", &self.page_size)
            .field("origin", &self.origin)
            .field("rebase", &self.rebase)
            .finish()
    }
}

/// Why the replay server could not start or stopped.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("cannot listen on \"{addr}\": {problem}")]
    Bind { addr: SocketAddr, problem: String },
    #[error("the speed must be a positive number, not \"{0}\"")]
    BadSpeed(f64),
    #[error(transparent)]
    Load(#[from] LoadError),
    #[error("\"{0}\": the replay server serves a saved file; save the page and serve that")]
    NotLocal(String),
    #[error("the replay server stopped: {0}")]
    Io(String),
}

/// A bound server, not yet answering: [`Server::run`] serves until the shutdown future ends.
pub struct Server {
    /// The address actually bound (the real port when 0 was asked).
    pub addr: SocketAddr,
    listener: tokio::net::TcpListener,
    state: Arc<http::AppState>,
}

impl Server {
    /// Each format's name and URL, index first: `("index", "http://127.0.0.1:…/")`,
    /// `("guardian", …)`, `("capi", …)`, `("html", …)`, `("rss", …)`, `("json", …)`,
    /// `("text", …)`.
    pub fn urls(&self) -> Vec<(String, String)> {
        urls(&self.state.site)
    }

    /// When entries come (see [`Timeline::schedule`]).
    pub fn schedule(&self) -> String {
        self.state.timeline.schedule()
    }

    /// Serves until `shutdown` completes, then lets requests in flight finish.
    pub async fn run(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> Result<(), ServeError> {
        let app = axum::Router::new()
            .fallback(http::handle)
            .with_state(Arc::clone(&self.state));
        tracing::info!(addr = %self.addr, "replay server listening");
        axum::serve(self.listener, app)
            .with_graceful_shutdown(shutdown)
            .await
            .map_err(|e| ServeError::Io(e.to_string()))?;
        tracing::info!(addr = %self.addr, "replay server stopped");
        Ok(())
    }
}

fn urls(site: &Site) -> Vec<(String, String)> {
    std::iter::once(Route::Index)
        .chain(Route::FORMATS)
        .map(|r| (r.name().to_string(), r.url(site)))
        .collect()
}

/// Binds the address and prepares the replay of `blog`. The replay clock starts now.
pub async fn bind(blog: LiveBlog, opts: ServeOptions) -> Result<Server, ServeError> {
    let (listener, addr) = listen(&opts).await?;
    let clock: Arc<dyn Clock> = match &opts.clock {
        Some(c) => Arc::clone(c),
        None => Arc::new(RealClock::start()),
    };
    let state = replay_state(blog, &opts, format!("http://{addr}"), clock);
    Ok(Server {
        addr,
        listener,
        state: Arc::new(state),
    })
}

/// Checks the options and binds their address; the address actually bound comes back.
async fn listen(opts: &ServeOptions) -> Result<(tokio::net::TcpListener, SocketAddr), ServeError> {
    if !(opts.speed.is_finite() && opts.speed > 0.0) {
        return Err(ServeError::BadSpeed(opts.speed));
    }
    let listener = tokio::net::TcpListener::bind(opts.addr)
        .await
        .map_err(|e| ServeError::Bind {
            addr: opts.addr,
            problem: e.to_string(),
        })?;
    let addr = listener.local_addr().map_err(|e| ServeError::Bind {
        addr: opts.addr,
        problem: e.to_string(),
    })?;
    if !addr.ip().is_loopback() {
        tracing::warn!(%addr, "the replay server is reachable from other machines");
    }
    Ok((listener, addr))
}

/// The replay of one blog, served under `base` (an address, and a path prefix if shared).
fn replay_state(
    blog: LiveBlog,
    opts: &ServeOptions,
    base: String,
    clock: Arc<dyn Clock>,
) -> http::AppState {
    let mut replay = opts.replay();
    let origin = *replay.origin.get_or_insert_with(Timestamp::now);
    let site = Site {
        page_path: page_path(&blog, origin),
        base,
    };
    let timeline = Timeline::new(blog, &replay);
    let mut state = http::AppState::new(timeline, clock, site, opts.max_age);
    state.page_size = opts.page_size;
    state
}

/// A server answering in a background task; dropping it stops the server too.
pub struct RunningServer {
    pub addr: SocketAddr,
    urls: Vec<(String, String)>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    task: tokio::task::JoinHandle<Result<(), ServeError>>,
}

impl RunningServer {
    /// As [`Server::urls`].
    pub fn urls(&self) -> &[(String, String)] {
        &self.urls
    }

    /// The URL of one format by its name in [`RunningServer::urls`].
    pub fn url(&self, name: &str) -> Option<&str> {
        self.urls
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, u)| u.as_str())
    }

    /// Stops the server and waits for it.
    pub async fn shutdown(mut self) -> Result<(), ServeError> {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        match (&mut self.task).await {
            Ok(r) => r,
            Err(e) => Err(ServeError::Io(e.to_string())),
        }
    }
}

/// Binds and serves in a background task on the current tokio runtime, for the reader's
/// in-process demo. Must be called within a tokio runtime.
pub async fn spawn(blog: LiveBlog, opts: ServeOptions) -> Result<RunningServer, ServeError> {
    let server = bind(blog, opts).await?;
    let addr = server.addr;
    let urls = server.urls();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    // A dropped sender ends the wait too, so dropping the handle stops the server.
    let task = tokio::spawn(server.run(async move {
        let _ = stopped.await;
    }));
    Ok(RunningServer {
        addr,
        urls,
        stop: Some(stop),
        task,
    })
}

/// `liveblog serve FILE`: loads the file, binds, prints the URLs to stdout and serves until
/// Ctrl-C.
pub async fn serve_file(path: &Path, opts: ServeOptions) -> Result<(), ServeError> {
    serve_source(&Source::File(path.to_path_buf()), opts).await
}

/// As [`serve_file`], for any local source (the bundled blog too).
pub async fn serve_source(source: &Source, opts: ServeOptions) -> Result<(), ServeError> {
    if let Source::Url(_) = source {
        return Err(ServeError::NotLocal(source.display_name()));
    }
    let (blog, _) = crate::source::load_local(source)?;
    let server = bind(blog, opts).await?;
    let mut listing = format!(
        "Replaying {} at {} (Ctrl-C to stop)\n",
        source.display_name(),
        server.addr
    );
    for (name, url) in server.urls() {
        let _ = writeln!(listing, "  {name:<10}{url}");
    }
    let _ = writeln!(listing, "{}", server.schedule());
    announce(&listing);
    let replays = vec![Arc::clone(&server.state)];
    progress::serving(replays, server.run(until_ctrl_c())).await
}

/// Prints what is served (a closed stdout is logged, never fatal).
pub(crate) fn announce(listing: &str) {
    let mut out = std::io::stdout().lock();
    if let Err(e) = out.write_all(listing.as_bytes()).and_then(|()| out.flush()) {
        tracing::warn!(error = %e, "could not print the URLs");
    }
}

/// Resolves on Ctrl-C; without a Ctrl-C handler, never (serve until the process is killed).
pub(crate) async fn until_ctrl_c() {
    if tokio::signal::ctrl_c().await.is_err() {
        std::future::pending::<()>().await;
    }
}

/// A Guardian-like page path for the blog: the path of its own URL when that is a live-blog
/// path, else `/world/live/<yyyy>/<mon>/<dd>/<slug of the title>`, dated by its oldest entry
/// or, for a timeless blog, the replay's start.
pub fn page_path(blog: &LiveBlog, origin: Timestamp) -> String {
    if let Some(u) = blog.url.as_deref().and_then(|u| url::Url::parse(u).ok()) {
        let p = u.path().trim_end_matches('/');
        let p = p.strip_suffix(".json").unwrap_or(p);
        if p.contains("/live/") && p.len() <= 300 && !p.contains("..") {
            return p.to_string();
        }
    }
    let when = blog
        .entries
        .iter()
        .filter_map(crate::blog::Entry::time)
        .min()
        .map_or(origin, |s| s.instant());
    let d = jiff::tz::Offset::UTC.to_datetime(when);
    let months = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let month = months[usize::try_from(d.month() - 1).unwrap_or(0).min(11)];
    format!(
        "/world/live/{:04}/{month}/{:02}/{}",
        d.year(),
        d.day(),
        slug(&blog.title)
    )
}

fn slug(title: &str) -> String {
    let mut s = String::new();
    for c in title.chars() {
        if c.is_ascii_alphanumeric() {
            s.push(c.to_ascii_lowercase());
        } else if !s.ends_with('-') && !s.is_empty() && (c.is_whitespace() || c.is_ascii()) {
            s.push('-');
        }
        if s.len() >= 80 {
            break;
        }
    }
    let s = s.trim_end_matches('-');
    if s.is_empty() {
        "live-blog".into()
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_seed_gets_a_guardian_like_path() {
        let blog = crate::formats::parse(crate::source::BUNDLED.as_bytes()).unwrap();
        let origin: Timestamp = "2025-02-17T12:00:00Z".parse().unwrap();
        assert_eq!(
            page_path(&blog, origin),
            "/world/live/2025/feb/17/security-guarantees-for-ukraine-must-have-us-backstop-starmer-says"
        );
    }

    #[test]
    fn a_blog_with_a_live_url_keeps_its_path() {
        let blog = LiveBlog {
            url: Some("https://www.theguardian.com/politics/live/2023/dec/13/x-y".into()),
            ..LiveBlog::default()
        };
        assert_eq!(
            page_path(&blog, Timestamp::UNIX_EPOCH),
            "/politics/live/2023/dec/13/x-y"
        );
        let other = LiveBlog {
            title: "Élysée: talks & more!".into(),
            url: Some("https://example.com/story".into()),
            ..LiveBlog::default()
        };
        assert_eq!(
            page_path(&other, Timestamp::UNIX_EPOCH),
            "/world/live/1970/jan/01/lyse-talks-more"
        );
    }

    #[test]
    fn options_carry_through_to_the_replay() {
        let o = ServeOptions {
            pace: Duration::from_secs(3),
            speed: 2.0,
            initial: 1,
            ..ServeOptions::default()
        };
        let r = o.replay();
        assert_eq!(r.pace, Duration::from_secs(3));
        assert_eq!(r.edit_after, Some(Duration::from_millis(7500)));
        assert_eq!((r.speed, r.initial), (2.0, 1));
        let quiet = ServeOptions {
            changes: false,
            ..o
        }
        .replay();
        assert_eq!((quiet.edit_after, quiet.delete_after), (None, None));
    }
}
