//! Several blogs replayed on one address, each under its own path: the first file's formats
//! at `/1/…`, the second's at `/2/…`, and at `/` an index of them all. One clock drives every
//! replay, so blogs with `--rebase` interleave in time.

use super::http::{self, AppState, Route};
use super::{Clock, RealClock, ServeError, ServeOptions, listen, replay_state, writers};
use crate::blog::LiveBlog;
use crate::source::Source;
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;
use jiff::Timestamp;
use std::fmt::Write as _;
use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;

/// Several replays bound to one address, not yet answering.
pub struct ManyServer {
    pub addr: SocketAddr,
    listener: tokio::net::TcpListener,
    /// Each blog's name and replay, in the order given; blog `k` is under `/{k + 1}`.
    replays: Vec<(String, Arc<AppState>)>,
}

/// Binds the address and prepares a replay of each `(name, blog)`, all on one clock that
/// starts now.
pub async fn bind_many(
    blogs: Vec<(String, LiveBlog)>,
    opts: ServeOptions,
) -> Result<ManyServer, ServeError> {
    let (listener, addr) = listen(&opts).await?;
    let clock: Arc<dyn Clock> = match &opts.clock {
        Some(c) => Arc::clone(c),
        None => Arc::new(RealClock::start()),
    };
    let opts = ServeOptions {
        origin: Some(opts.origin.unwrap_or_else(Timestamp::now)),
        ..opts
    };
    let replays = blogs
        .into_iter()
        .enumerate()
        .map(|(k, (name, blog))| {
            let base = format!("http://{addr}/{}", k + 1);
            let state = replay_state(blog, &opts, base, Arc::clone(&clock));
            (name, Arc::new(state))
        })
        .collect();
    Ok(ManyServer {
        addr,
        listener,
        replays,
    })
}

impl ManyServer {
    /// Each blog's name and its URLs, as [`super::Server::urls`] lists them.
    pub fn urls(&self) -> Vec<(String, Vec<(String, String)>)> {
        self.replays
            .iter()
            .map(|(name, state)| (name.clone(), super::urls(&state.site)))
            .collect()
    }

    /// Serves until `shutdown` completes, then lets requests in flight finish.
    pub async fn run(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> Result<(), ServeError> {
        let index = Arc::new(self.index());
        let mut app = axum::Router::new().route(
            "/",
            axum::routing::get(move || {
                let page = Arc::clone(&index);
                async move {
                    (
                        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
                        page.as_str().to_owned(),
                    )
                }
            }),
        );
        for (k, (_, state)) in self.replays.iter().enumerate() {
            let replay = axum::Router::new()
                .fallback(http::handle)
                .with_state(Arc::clone(state));
            app = app.nest_service(&format!("/{}", k + 1), replay);
        }
        let app = app.fallback(|| async {
            (
                StatusCode::NOT_FOUND,
                "Not found. The index at / lists the blogs served here.\n",
            )
                .into_response()
        });
        tracing::info!(addr = %self.addr, blogs = self.replays.len(), "replay server listening");
        axum::serve(self.listener, app)
            .with_graceful_shutdown(shutdown)
            .await
            .map_err(|e| ServeError::Io(e.to_string()))
    }

    /// The page at `/`: each blog's title, linking to its own index, and each blog's liveblog
    /// JSON as `rel=alternate` in that order, so a reader given this page opens the first.
    fn index(&self) -> String {
        let e = writers::escape;
        let mut o = String::from(
            "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
             <title>liveblog replays</title>\n",
        );
        for (_, state) in &self.replays {
            let _ = writeln!(
                o,
                "<link rel=\"alternate\" type=\"application/json\" href=\"{}\">",
                e(&Route::Native.url(&state.site))
            );
        }
        o.push_str("</head>\n<body>\n<h1>liveblog replays</h1>\n<ul>\n");
        for (name, state) in &self.replays {
            let url = Route::Index.url(&state.site);
            let title = &state.timeline.blog().title;
            let _ = writeln!(
                o,
                "<li>{}: <a href=\"{}\">{}</a></li>",
                e(name),
                e(&url),
                e(title)
            );
        }
        o.push_str("</ul>\n</body>\n</html>\n");
        o
    }
}

/// `liveblog serve FILE…`: one file as [`super::serve_source`] serves it; several on one
/// address, each under its own path. Prints every URL, serves until Ctrl-C.
pub async fn serve_sources(sources: &[Source], opts: ServeOptions) -> Result<(), ServeError> {
    if let [one] = sources {
        return super::serve_source(one, opts).await;
    }
    let mut blogs = Vec::with_capacity(sources.len());
    for source in sources {
        if let Source::Url(_) = source {
            return Err(ServeError::NotLocal(source.display_name()));
        }
        let (blog, _) = crate::source::load_local(source)?;
        blogs.push((source.display_name(), blog));
    }
    serve_blogs(blogs, opts).await
}

/// Several `(name, blog)` on one address, each under its own path; prints every URL and
/// serves until Ctrl-C.
pub async fn serve_blogs(
    blogs: Vec<(String, LiveBlog)>,
    opts: ServeOptions,
) -> Result<(), ServeError> {
    let server = bind_many(blogs, opts).await?;
    let mut listing = format!(
        "Replaying {} blogs at {} (Ctrl-C to stop)\n  index     http://{}/\n",
        server.replays.len(),
        server.addr,
        server.addr
    );
    for (k, (name, urls)) in server.urls().into_iter().enumerate() {
        let _ = writeln!(listing, "{}. {name}", k + 1);
        for (format, url) in urls {
            let _ = writeln!(listing, "  {format:<10}{url}");
        }
        if let Some((_, state)) = server.replays.get(k) {
            let _ = writeln!(listing, "  {}", state.timeline.schedule());
        }
    }
    super::announce(&listing);
    let replays = server.replays.iter().map(|(_, s)| Arc::clone(s)).collect();
    super::progress::serving(replays, server.run(super::until_ctrl_c())).await
}
