//! The HTTP client: every limit set by us, conditional requests, and errors a reader can act on.
//!
//! reqwest's defaults are no timeouts at all and no body cap, which a program that polls for
//! hours cannot afford: a server that stops talking would hang a source forever, and one that
//! never stops (or sends a gzip bomb) would exhaust memory. Every limit lives in
//! [`FetchConfig`] so that tests can shrink them.

use super::body::{ACCEPT_ENCODING, Body, BodyError, Coding, SPILL_AFTER, Spill};
use super::endpoint::redacted;
use super::schedule::{parse_max_age, parse_retry_after};
use reqwest::StatusCode;
use reqwest::header::{self, HeaderMap, HeaderValue};
use std::error::Error as StdError;
use std::sync::Arc;
use std::time::{Duration, SystemTime};
use url::Url;

/// Limits and identity of every request. [`FetchConfig::default`] holds the production values
/// (it reads the environment for the cache directory, as the blog cache does).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FetchConfig {
    /// Longest wait for the TCP (and TLS) connection.
    pub connect_timeout: Duration,
    /// Longest silence between two reads once connected (also while waiting for headers).
    pub read_timeout: Duration,
    /// Longest a whole request may take, body included: defeats a server that drips one byte
    /// just often enough to dodge the read timeout.
    pub total_timeout: Duration,
    /// Largest body accepted, counted after decompression (a 10 KiB gzip can inflate to 1 GiB).
    pub max_body: usize,
    /// Most redirects followed for one request.
    pub max_redirects: usize,
    pub user_agent: String,
    /// Where a body goes past its first part, so that one refused at the cap costs that part
    /// of memory rather than the cap (see [`Spill`]). `None` keeps every body in memory.
    pub spill: Option<Spill>,
}

impl Default for FetchConfig {
    fn default() -> Self {
        FetchConfig {
            connect_timeout: Duration::from_secs(10),
            read_timeout: Duration::from_secs(15),
            total_timeout: Duration::from_secs(30),
            max_body: crate::formats::MAX_INPUT,
            max_redirects: 5,
            user_agent: concat!(
                "liveblog/",
                env!("CARGO_PKG_VERSION"),
                " (+terminal live-blog reader)"
            )
            .to_string(),
            // The cache directory, as `store::Dirs` finds it (`$XDG_CACHE_HOME/liveblog`, else
            // `~/.cache/liveblog`): no file there outlives the body it holds.
            spill: crate::store::Dirs::from_env().map(|dirs| Spill {
                dir: dirs.cache,
                after: SPILL_AFTER,
            }),
        }
    }
}

/// The cache validators of a response, sent back verbatim on the next request
/// (`If-None-Match`, `If-Modified-Since`) so an unchanged blog costs a 304 and no parse.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Validators {
    /// The `ETag`, byte for byte, quotes and any `W/` prefix included.
    pub etag: Option<String>,
    /// The `Last-Modified` date, as the server wrote it.
    pub last_modified: Option<String>,
}

impl Validators {
    pub fn is_empty(&self) -> bool {
        self.etag.is_none() && self.last_modified.is_none()
    }

    fn from_headers(headers: &HeaderMap) -> Self {
        // A validator is a short token or a date. One that is absurdly long (or not visible
        // ASCII, so it could not be sent back verbatim) is dropped: the only cost is an
        // unconditional request next time, while keeping it would bloat every request and cache.
        let get = |name| {
            headers
                .get(name)
                .and_then(|v: &HeaderValue| v.to_str().ok())
                .filter(|v| v.len() <= MAX_VALIDATOR)
                .map(str::to_string)
        };
        Validators {
            etag: get(header::ETAG),
            last_modified: get(header::LAST_MODIFIED),
        }
    }
}

/// What a GET brought back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fetched {
    /// A new body, complete and within the cap, as UTF-8 when the server declared another
    /// charset (otherwise the bytes as sent).
    Modified {
        body: Vec<u8>,
        /// To send back on the next request; empty when the server gave none.
        validators: Validators,
        /// Where the body came from after redirects (for resolving relative links).
        final_url: Url,
        /// `Cache-Control: max-age`, clamped.
        max_age: Option<Duration>,
    },
    /// 304: what the caller already has is current.
    NotModified { max_age: Option<Duration> },
}

/// Why a fetch failed. Each message is one line saying what failed and what to do; none names
/// the URL (the caller's [`super::SourceError`] does, without its query).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FetchError {
    #[error("timed out waiting for the server; try again later, or check your network")]
    Timeout,
    #[error("could not connect: {0}; check the address and your network")]
    Connect(String),
    #[error(
        "secure connection failed: {0}; the server's TLS setup is broken or not trusted, or \
         the connection was tampered with"
    )]
    Tls(String),
    #[error("{}", status_message(*code, *retry_after, Retry::Unscheduled))]
    Status {
        code: u16,
        /// The server's `Retry-After`, clamped to an hour.
        retry_after: Option<Duration>,
    },
    #[error("response too large (over {limit} bytes); the address may not be a live blog")]
    TooLarge { limit: usize },
    #[error("too many redirects; the address may be wrong or the server misconfigured")]
    TooManyRedirects,
    #[error("refused a redirect {0}; open the final address directly if you trust it")]
    InsecureRedirect(&'static str),
    #[error("the response could not be read in full: {0}; try again")]
    Body(String),
    #[error("cannot fetch this address: {0}")]
    Invalid(String),
}

/// Whether a failed request is tried again without being asked: its message promises a retry
/// only then.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Retry {
    /// The reader or `follow` polling a live blog: it backs off and tries again.
    Scheduled,
    /// Nothing tries again unless asked: a command that reads once, or a blog whose polling
    /// stopped (it ended, or the reader paused it).
    Unscheduled,
}

fn status_message(code: u16, retry_after: Option<Duration>, retry: Retry) -> String {
    let wait = retry_after.map_or(String::new(), |d| {
        format!(", the server asks to wait {} s", d.as_secs())
    });
    let (slower, again) = match retry {
        Retry::Scheduled => ("polling will slow down", "it will be retried"),
        Retry::Unscheduled => ("try again later", "try again later"),
    };
    match code {
        429 => format!("rate limited (HTTP 429){wait}; {slower}"),
        401 | 403 => format!("access denied (HTTP {code}); check the address or the API key"),
        404 => "not found (HTTP 404); check the address".to_string(),
        410 => "gone (HTTP 410); the blog was removed".to_string(),
        500..=599 => format!("server error (HTTP {code}){wait}; {again}"),
        _ => format!("unexpected answer (HTTP {code}){wait}; check the address"),
    }
}

impl FetchError {
    /// The message as said where `retry` holds: what [`Display`](std::fmt::Display) says
    /// promises no retry, which is true anywhere; a poller that will try again says so.
    pub fn said(&self, retry: Retry) -> String {
        match (self, retry) {
            (FetchError::Timeout, Retry::Scheduled) => {
                "timed out waiting for the server; it will be retried, or check your network"
                    .to_string()
            }
            (FetchError::Body(why), Retry::Scheduled) => {
                format!("the response could not be read in full: {why}; it will be retried")
            }
            (FetchError::Status { code, retry_after }, Retry::Scheduled) => {
                status_message(*code, *retry_after, retry)
            }
            _ => self.to_string(),
        }
    }

    /// A short name for the status line: "timeout", "HTTP 429", "TLS", …
    pub fn class(&self) -> &'static str {
        match self {
            FetchError::Timeout => "timeout",
            FetchError::Connect(why) if why == REFUSED => "connection refused",
            FetchError::Connect(_) => "connection failed",
            FetchError::Tls(_) => "TLS",
            FetchError::Status { code, .. } => status_class(*code),
            FetchError::TooLarge { .. } => "response too large",
            FetchError::TooManyRedirects => "too many redirects",
            FetchError::InsecureRedirect(_) => "insecure redirect",
            FetchError::Body(_) => "incomplete response",
            FetchError::Invalid(_) => "invalid address",
        }
    }

    /// How long the server asked us to wait, if it did.
    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            FetchError::Status { retry_after, .. } => *retry_after,
            _ => None,
        }
    }

    /// Whether the server said we are polling too often.
    pub fn is_rate_limited(&self) -> bool {
        matches!(self, FetchError::Status { code: 429, .. })
    }
}

fn status_class(code: u16) -> &'static str {
    match code {
        400 => "HTTP 400",
        401 => "HTTP 401",
        403 => "HTTP 403",
        404 => "HTTP 404",
        408 => "HTTP 408",
        410 => "HTTP 410",
        429 => "HTTP 429",
        500 => "HTTP 500",
        502 => "HTTP 502",
        503 => "HTTP 503",
        504 => "HTTP 504",
        _ if (400..500).contains(&code) => "HTTP 4xx",
        _ if (500..600).contains(&code) => "HTTP 5xx",
        _ => "HTTP status",
    }
}

const REFUSED: &str = "connection refused";
/// Longest `ETag` or `Last-Modified` value kept, in bytes.
const MAX_VALIDATOR: usize = 1024;

/// Why the redirect policy stopped following a `Location`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum RedirectRefusal {
    #[error("more redirects than allowed")]
    TooMany,
    #[error("from https to http")]
    Downgrade,
    #[error("that would send the API key to another host")]
    KeyToOtherHost,
    #[error("to an address that is not http or https")]
    Scheme,
}

impl From<RedirectRefusal> for FetchError {
    fn from(r: RedirectRefusal) -> Self {
        match r {
            RedirectRefusal::TooMany => FetchError::TooManyRedirects,
            RedirectRefusal::Downgrade => FetchError::InsecureRedirect("from https to http"),
            RedirectRefusal::KeyToOtherHost => {
                FetchError::InsecureRedirect("that would send the API key to another host")
            }
            RedirectRefusal::Scheme => {
                FetchError::InsecureRedirect("to an address that is not http or https")
            }
        }
    }
}

/// The redirect policy, as a pure function: may we follow a redirect to `next`, having visited
/// `previous` (the original URL first, as reqwest lists them)?
///
/// Refused: more than `max_redirects` hops; going back to plain http once any hop was https
/// (a downgrade exposes everything after it); a URL carrying an `api-key` on a host other than
/// the one first asked (the Guardian key must only ever reach the Guardian). Hosts are compared
/// by name, so an http→https upgrade on the same host is fine.
pub fn check_redirect(
    previous: &[Url],
    next: &Url,
    max_redirects: usize,
) -> Result<(), RedirectRefusal> {
    if previous.len() > max_redirects {
        return Err(RedirectRefusal::TooMany);
    }
    if !matches!(next.scheme(), "http" | "https") {
        return Err(RedirectRefusal::Scheme);
    }
    if next.scheme() == "http" && previous.iter().any(|u| u.scheme() == "https") {
        return Err(RedirectRefusal::Downgrade);
    }
    let carries_key = next
        .query_pairs()
        .any(|(k, _)| k.eq_ignore_ascii_case("api-key"));
    let first_host = previous.first().and_then(Url::host_str);
    if carries_key && first_host != next.host_str() {
        return Err(RedirectRefusal::KeyToOtherHost);
    }
    Ok(())
}

/// The HTTP client. Cheap to clone; clones share connections. One fetch in flight per source
/// is the caller's rule, not enforced here.
#[derive(Clone)]
pub struct Client {
    http: reqwest::Client,
    config: Arc<FetchConfig>,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}

impl Client {
    /// Builds the client: rustls, the timeouts and the redirect policy of `config`. Bodies in
    /// gzip or brotli are decoded here, not by reqwest (see [`super::body`]), to keep a bomb
    /// compressed while it is counted.
    pub fn new(config: FetchConfig) -> Result<Self, FetchError> {
        let max_redirects = config.max_redirects;
        let policy = reqwest::redirect::Policy::custom(move |attempt| {
            match check_redirect(attempt.previous(), attempt.url(), max_redirects) {
                Ok(()) => attempt.follow(),
                Err(refusal) => attempt.error(refusal),
            }
        });
        let http = reqwest::Client::builder()
            .use_rustls_tls()
            .connect_timeout(config.connect_timeout)
            .read_timeout(config.read_timeout)
            .timeout(config.total_timeout)
            .redirect(policy)
            .user_agent(config.user_agent.clone())
            .build()
            .map_err(|e| FetchError::Invalid(innermost(&e)))?;
        Ok(Client {
            http,
            config: Arc::new(config),
        })
    }

    pub fn config(&self) -> &FetchConfig {
        &self.config
    }

    /// GETs `url`, conditionally when `validators` are given.
    ///
    /// Success is a complete body within [`FetchConfig::max_body`] or a 304. Everything else is
    /// an error, including an HTTP error status (its body is never read, so an error page never
    /// reaches a parser) and a body cut short, which is never passed off as a shorter document.
    pub async fn get(&self, url: &Url, validators: &Validators) -> Result<Fetched, FetchError> {
        if !matches!(url.scheme(), "http" | "https") {
            return Err(FetchError::Invalid(format!(
                "\"{}\" is not an http or https address",
                crate::sanitize::visible(url.scheme(), 40)
            )));
        }
        // reqwest's own total timeout covers the body too; this outer one also bounds the
        // charset conversion and anything else added here later.
        let result =
            tokio::time::timeout(self.config.total_timeout, self.get_inner(url, validators))
                .await
                .unwrap_or(Err(FetchError::Timeout));
        match &result {
            Ok(Fetched::Modified { body, .. }) => {
                tracing::debug!(url = %redacted(url), bytes = body.len(), "fetched");
            }
            Ok(Fetched::NotModified { .. }) => {
                tracing::debug!(url = %redacted(url), "not modified");
            }
            Err(e) => tracing::debug!(url = %redacted(url), error = %e, "fetch failed"),
        }
        result
    }

    async fn get_inner(&self, url: &Url, validators: &Validators) -> Result<Fetched, FetchError> {
        let mut request = self
            .http
            .get(url.clone())
            .header(header::ACCEPT_ENCODING, ACCEPT_ENCODING);
        // Sent back exactly as received; a value that is not a valid header (it came from a
        // cache file, say) is left out rather than mangled.
        if let Some(v) = validators.etag.as_deref().and_then(header_value) {
            request = request.header(header::IF_NONE_MATCH, v);
        }
        if let Some(v) = validators.last_modified.as_deref().and_then(header_value) {
            request = request.header(header::IF_MODIFIED_SINCE, v);
        }
        let mut response = request.send().await.map_err(classify)?;
        let status = response.status();
        let headers = response.headers();
        let max_age = header_str(headers, &header::CACHE_CONTROL).and_then(parse_max_age);
        if status == StatusCode::NOT_MODIFIED {
            return Ok(Fetched::NotModified { max_age });
        }
        if !status.is_success() {
            let retry_after = header_str(headers, &header::RETRY_AFTER)
                .and_then(|v| parse_retry_after(v, SystemTime::now()));
            return Err(FetchError::Status {
                code: status.as_u16(),
                retry_after,
            });
        }
        let validators = Validators::from_headers(headers);
        let content_type = header_str(headers, &header::CONTENT_TYPE).map(str::to_string);
        let coding = header_str(headers, &header::CONTENT_ENCODING).and_then(Coding::from_header);
        let final_url = response.url().clone();
        let limit = self.config.max_body;
        let too_large = FetchError::TooLarge { limit };
        // For a compressed body, this is its compressed size; it is also counted as it inflates.
        let announced = response.content_length();
        if announced.is_some_and(|n| n > limit as u64) {
            return Err(too_large);
        }
        let mut body = Body::new(coding, limit, self.config.spill.as_ref());
        let refused = |e| match e {
            BodyError::OverCap => FetchError::TooLarge { limit },
            BodyError::Corrupt(why) | BodyError::Unread(why) => FetchError::Body(why),
        };
        while let Some(chunk) = response.chunk().await.map_err(classify)? {
            body.push(&chunk).map_err(refused)?;
        }
        let body = to_utf8(body.finish().map_err(refused)?, content_type.as_deref());
        if body.len() > limit {
            return Err(too_large);
        }
        Ok(Fetched::Modified {
            body,
            validators,
            final_url,
            max_age,
        })
    }
}

fn header_value(s: &str) -> Option<HeaderValue> {
    HeaderValue::from_str(s).ok()
}

fn header_str<'h>(headers: &'h HeaderMap, name: &header::HeaderName) -> Option<&'h str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

/// The `charset` parameter of a `Content-Type` value.
fn charset_of(content_type: &str) -> Option<&str> {
    content_type.split(';').skip(1).find_map(|param| {
        let (name, value) = param.split_once('=')?;
        name.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| value.trim().trim_matches('"'))
    })
}

/// The body as UTF-8 when the server declared another charset; otherwise untouched, because
/// the format parsers decode UTF-8 themselves, replacing bad bytes. Undecodable bytes become
/// U+FFFD. A byte-order mark overrides the label, as in browsers.
fn to_utf8(body: Vec<u8>, content_type: Option<&str>) -> Vec<u8> {
    let Some(encoding) = content_type
        .and_then(charset_of)
        .and_then(|label| encoding_rs::Encoding::for_label(label.as_bytes()))
    else {
        return body;
    };
    if encoding == encoding_rs::UTF_8 {
        return body;
    }
    let (text, _, _) = encoding.decode(&body);
    let mut utf8 = text.into_owned().into_bytes();
    // The decoder reserves for the worst case, up to three times the input.
    utf8.shrink_to_fit();
    utf8
}

/// Turns a reqwest error into a [`FetchError`]. reqwest's own message names the URL with its
/// query (an API key), so it is never shown: only the causes beneath it are.
fn classify(error: reqwest::Error) -> FetchError {
    let error = error.without_url();
    if let Some(refusal) = find_cause::<RedirectRefusal>(&error) {
        return (*refusal).into();
    }
    if error.is_timeout() {
        return FetchError::Timeout;
    }
    if error.is_redirect() {
        return FetchError::TooManyRedirects;
    }
    let io_kind = find_cause::<std::io::Error>(&error).map(std::io::Error::kind);
    if io_kind == Some(std::io::ErrorKind::ConnectionRefused) {
        return FetchError::Connect(REFUSED.to_string());
    }
    let detail = innermost(&error);
    if error.is_connect() {
        // rustls reports through tokio-rustls as `InvalidData`; the words are a fallback in
        // case that plumbing changes.
        let lower = detail.to_ascii_lowercase();
        let tls_words = [
            "certificate",
            "tls",
            "handshake",
            "corrupt message",
            "alert",
        ];
        if io_kind == Some(std::io::ErrorKind::InvalidData)
            || tls_words.iter().any(|w| lower.contains(w))
        {
            return FetchError::Tls(detail);
        }
        return FetchError::Connect(detail);
    }
    if error.is_body() || error.is_decode() {
        return FetchError::Body(detail);
    }
    if error.is_builder() {
        return FetchError::Invalid(detail);
    }
    // What is left is mostly a connection closed or reset before the answer came.
    FetchError::Connect(detail)
}

fn find_cause<'e, T: StdError + 'static>(error: &'e (dyn StdError + 'static)) -> Option<&'e T> {
    let mut cause: Option<&'e (dyn StdError + 'static)> = Some(error);
    while let Some(e) = cause {
        if let Some(found) = e.downcast_ref::<T>() {
            return Some(found);
        }
        cause = e.source();
    }
    None
}

/// The deepest cause's message: the most specific ("connection reset by peer"), and free of the
/// URL that the outer layers add. Sanitised, since parts of it can come from the server.
fn innermost(error: &(dyn StdError + 'static)) -> String {
    let mut last = error;
    while let Some(next) = last.source() {
        last = next;
    }
    let text = crate::sanitize::line(&last.to_string(), 200);
    if text.is_empty() {
        "no details".to_string()
    } else {
        text
    }
}

#[cfg(test)]
mod tests;
