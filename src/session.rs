//! Opening what the command line names: a blog on hand now, and how to keep it fresh.
//!
//! The reader, `dump` and `follow` open sources the same way; only what they do with the
//! result differs. A URL is fetched once here and then handed to a [`Poller`]; the bundled
//! blog is replayed live by an in-process replay server on loopback; a large local file shows
//! its beginning at once and the rest is parsed in the background.

mod many;
mod replay;

pub use crate::event::SourceSpec;
pub use many::{How, Many, names_apart, open_many};
pub use replay::{open_demo_event, open_replay};

use crate::blog::{LiveBlog, LiveState, timeline};
use crate::live::{FileReader, Poller, Refresher};
use crate::net::{self, Client, FetchConfig, FetchOutcome, SourceError};
use crate::serve;
use crate::source::{self, LoadError, Source};
use std::ffi::OsStr;
use std::time::Duration;

/// How a URL is fetched and polled.
#[derive(Debug, Clone, Default)]
pub struct NetOptions {
    /// Between polls (the floor and the source's own needs still apply).
    pub interval: Option<Duration>,
    /// A Guardian Content API key: Guardian URLs are then read through the Content API.
    pub guardian_key: Option<String>,
    /// Where the last copy of each web blog is kept (`None`: `--no-cache`, or no home).
    pub keep: Option<crate::store::BlogCache>,
    /// The client's limits; `None` is [`FetchConfig::default`] (a glance wants shorter ones).
    pub fetch: Option<FetchConfig>,
}

/// The shortest and longest interval between polls that may be asked for.
pub const INTERVAL_RANGE: std::ops::RangeInclusive<u64> =
    net::schedule::MIN_INTERVAL.as_secs()..=net::schedule::MAX_INTERVAL.as_secs();

/// An interval in seconds as asked for (option or config), checked at the edge so that no
/// schedule ever sees one it cannot add to a clock.
pub fn checked_interval(secs: u64) -> Result<Duration, String> {
    if INTERVAL_RANGE.contains(&secs) {
        Ok(Duration::from_secs(secs))
    } else {
        Err(format!(
            "interval \"{secs}\": must be between {} seconds and {} (24 hours)",
            INTERVAL_RANGE.start(),
            INTERVAL_RANGE.end()
        ))
    }
}

/// Why a source could not be opened. One line, naming the source.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error(transparent)]
    Load(#[from] LoadError),
    #[error(transparent)]
    Fetch(#[from] SourceError),
    #[error("\"{name}\": {error}")]
    Client {
        name: String,
        error: net::FetchError,
    },
    #[error("\"{name}\": the server answered 304 to a first request")]
    NotModifiedAtFirst { name: String },
    #[error("starting the replay: {0}")]
    Replay(String),
    /// It failed, and the copy kept from an earlier sitting could not be used either.
    #[error("{error} ({note})")]
    Noted { error: Box<OpenError>, note: String },
    /// Several sources were named and none opened: every failure, in the order given.
    #[error("{}", none_opened(.0))]
    NoneOpened(Vec<String>),
}

fn none_opened(failures: &[String]) -> String {
    match failures {
        [one] => one.clone(),
        all => format!(
            "none of the {} sources opened: {}",
            all.len(),
            all.join("; ")
        ),
    }
}

/// A source opened: the blog as first read, and how to keep it fresh.
pub struct Opened {
    pub blog: LiveBlog,
    /// How the source is named on screen and in messages (sanitised).
    pub name: String,
    /// Its short name beside other blogs: "Guardian", "BBC", a host or a file name
    /// (sanitised); the config's name for it when it gives one.
    pub short: String,
    /// What brings new versions: a poller for a URL, the rest of a large file, or nothing.
    pub refresher: Option<Box<dyn Refresher>>,
    /// A poller keeps the blog fresh (a URL or the replay), rather than a file read once.
    pub following: bool,
    /// Older pages can be fetched.
    pub pageable: bool,
    /// What fetches them, for a copy of the whole blog (`dump --all`).
    pub older_pages: Option<crate::live::OlderPages>,
    /// What kind of source this is, when it matters on screen ("REPLAY").
    pub kind: Option<String>,
    /// The in-process replay server behind the bundled blog; it stops when dropped.
    pub replay: Option<serve::RunningServer>,
    /// The first request failed: why ([`Opened::first_failure`] says it as the reader does,
    /// [`Opened::first_error_line`] as a message outside the screen).
    pub first_error: Option<SourceError>,
    /// After a failed first request, how long until the next try.
    pub retry_in: Option<Duration>,
    /// On screen is the copy kept from an earlier sitting, fetched at this time; the first
    /// poll (at once) brings it up to date.
    pub cached: Option<jiff::Timestamp>,
    /// The page named has no live data of its own: it is read, and polled, through the
    /// address it links it to (sanitised, without its query).
    pub via: Option<String>,
    /// What went wrong on the way that did not stop it opening, one sanitised line each: a
    /// copy kept from an earlier sitting that could not be used.
    pub notes: Vec<String>,
    /// Entry id → what it said in the copy the reader last kept, for entries edited since by
    /// a look that was not the reader's (see [`crate::store::Cached::previous`]).
    pub previous: std::collections::BTreeMap<String, String>,
}

/// Opens `arg` (a file or an http(s) URL; `None` is the bundled blog, read once). A kept copy
/// that could not be used is a note of the opened blog, or a part of the error.
pub async fn open(arg: Option<&OsStr>, net_opts: &NetOptions) -> Result<Opened, OpenError> {
    let (cached, note) = match Source::from_arg(arg) {
        Source::Url(url) => copy_of(&url, net_opts),
        _ => (None, None),
    };
    match open_with_copy(arg, net_opts, (cached, true)).await {
        Ok(mut opened) => {
            opened.notes.extend(note);
            Ok(opened)
        }
        Err(error) => Err(match note {
            Some(note) => OpenError::Noted {
                error: Box::new(error),
                note,
            },
            None => error,
        }),
    }
}

/// As [`open`], with the copy kept of a URL already read. `carry`: the poller is not the
/// reader's, and carries what edited entries said from copy to copy (see
/// [`Poller::carrying_previous`]).
async fn open_with_copy(
    arg: Option<&OsStr>,
    net_opts: &NetOptions,
    (cached, carry): (Option<crate::store::Cached>, bool),
) -> Result<Opened, OpenError> {
    let source = Source::from_arg(arg);
    let name = source.display_name();
    let Source::Url(url) = &source else {
        let (blog, _) = source::load_local(&source)?;
        return Ok(Opened::still(blog, name, short_name(arg)));
    };
    let (client, endpoint) = connect(url, &name, net_opts)?;
    // The last copy, if one was kept: the first request is then a conditional one, and an
    // unreachable source still opens with it.
    let key = url.as_str().to_string();
    // A copy read through the page's link has that link's validators, not the page's.
    let validators = cached
        .as_ref()
        .filter(|c| c.via.is_none())
        .map(|c| c.validators.clone())
        .unwrap_or_default();
    let first = match net::open_blog(&client, &endpoint, &validators).await {
        Ok(net::Opening {
            outcome,
            endpoint: polled,
            followed: Some((link, how)),
        }) => {
            // What is polled is the live data the page links to; the page itself says nothing
            // new. It is kept as the page's, with the link, for the next sitting.
            tracing::info!(page = %name, live_data = %link, how, "reading the page's live data");
            // A copy kept from this link stands against an older one from it.
            let kept = cached.filter(|c| c.via.as_ref() == Some(&link));
            return Ok(followed(
                (outcome, kept),
                (name, short_name(arg), url.clone(), link),
                client,
                polled,
                net_opts,
            ));
        }
        Ok(opening) => opening.outcome,
        Err(error) => match cached {
            Some(c) => {
                let short = short_name(arg);
                // Tried again where the copy was read: the page's live data, if it has a link.
                let (name, endpoint) = match &c.via {
                    Some(link) => (
                        read_via(&name, link).0,
                        net::resolve(link, net_opts.guardian_key.as_deref()),
                    ),
                    None => (name, endpoint),
                };
                return Ok(from_copy(
                    c,
                    (name, short, key),
                    (client, endpoint, carry),
                    net_opts,
                    &error,
                ));
            }
            None => return Err(error.into()),
        },
    };
    let first = unless_older(first, cached.as_ref(), None, &name);
    let (blog, validators, format, previous) = match (first, cached) {
        (
            FetchOutcome::Updated {
                blog,
                validators,
                format,
                ..
            },
            copy,
        ) => {
            let previous = keep_fetched(net_opts, &key, copy, (&blog, &validators, format));
            (blog, validators, Some(format), previous)
        }
        (FetchOutcome::Unchanged { .. }, Some(c)) => {
            (Box::new(c.blog), c.validators, c.format, Some(c.previous))
        }
        (FetchOutcome::Unchanged { .. }, None) => {
            return Err(OpenError::NotModifiedAtFirst { name });
        }
    };
    let mut poller = Poller::new(
        client,
        endpoint,
        net_opts.interval,
        (*blog).clone(),
        validators,
    );
    if let Some(format) = format {
        poller = poller.reading(format);
    }
    if let Some(c) = &net_opts.keep {
        poller = poller.keeping(c.clone(), key);
    }
    if carry {
        poller = poller.carrying_previous(previous.unwrap_or_default());
    }
    Ok(Opened::polled(*blog, name, short_name(arg), poller))
}

/// `first`, the source's first answer, unless it is an older copy than `cached` (a cache
/// behind the rest), kept from the same address (`via`, the page's link to its live data, or
/// none): that one is set aside as the poller sets one aside (see `live::older_than_shown`),
/// and the kept copy opens, as if unchanged.
fn unless_older(
    first: FetchOutcome,
    cached: Option<&crate::store::Cached>,
    via: Option<&url::Url>,
    name: &str,
) -> FetchOutcome {
    match (first, cached) {
        (
            FetchOutcome::Updated {
                blog, validators, ..
            },
            Some(c),
        ) if c.via.as_ref() == via
            && let Some(why) =
                crate::live::older_than_shown(&c.blog, &blog, &c.validators, &validators) =>
        {
            tracing::warn!(source = %name, why, "an older copy than the one kept: set aside");
            FetchOutcome::Unchanged { max_age: None }
        }
        (first, _) => first,
    }
}

/// Keeps a blog just fetched as `key`'s copy, with what the entries edited since `copy` said
/// there (when there was one): that is not the reader's look (`status`, `dump`, `follow`), and
/// the reader's `d` shows those edits. Returns what was kept beside it.
fn keep_fetched(
    net_opts: &NetOptions,
    key: &str,
    copy: Option<crate::store::Cached>,
    (blog, validators, format): (&LiveBlog, &net::Validators, crate::formats::Format),
) -> Option<std::collections::BTreeMap<String, String>> {
    let previous = copy.map(|c| {
        let edited = crate::blog::merge::diff(&c.blog, blog).edited;
        crate::store::state::previous_since(c.previous, &c.blog, &edited)
    });
    let beside = crate::store::cache::Beside {
        via: None,
        format: Some(format),
        previous: previous.as_ref(),
    };
    if let Some(c) = &net_opts.keep
        && let Err(e) = c.save_with(key, beside, blog, validators, jiff::Timestamp::now())
    {
        tracing::warn!(error = %e, "keeping the last copy failed");
    }
    previous
}

/// A page read through the link it gives to its live data: the blog from there, polled there,
/// and named as the page with the address followed.
fn followed(
    (outcome, kept): (FetchOutcome, Option<crate::store::Cached>),
    (name, short, page, link): (String, String, url::Url, url::Url),
    client: Client,
    endpoint: net::Endpoint,
    net_opts: &NetOptions,
) -> Opened {
    let (blog, validators, format) = match unless_older(outcome, kept.as_ref(), Some(&link), &name)
    {
        FetchOutcome::Updated {
            blog,
            validators,
            format,
            ..
        } => (*blog, validators, Some(format)),
        // An older copy set aside: the one kept from the link opens.
        FetchOutcome::Unchanged { .. } if let Some(c) = kept => (c.blog, c.validators, c.format),
        // A link is read without validators, so a 304 is a server's mistake: start empty and
        // let the poller read it again.
        FetchOutcome::Unchanged { .. } => (LiveBlog::default(), net::Validators::default(), None),
    };
    let key = page.as_str().to_string();
    if let Some(c) = &net_opts.keep
        && let Err(e) = c.save_with(
            &key,
            crate::store::cache::Beside {
                via: Some(&link),
                format,
                previous: None,
            },
            &blog,
            &validators,
            jiff::Timestamp::now(),
        )
    {
        tracing::warn!(error = %e, "keeping the last copy failed");
    }
    let mut poller = Poller::new(
        client,
        endpoint,
        net_opts.interval,
        blog.clone(),
        validators,
    )
    .checking_post_page(page);
    if let Some(format) = format {
        poller = poller.reading(format);
    }
    if let Some(c) = &net_opts.keep {
        poller = poller.keeping(c.clone(), key).kept_via(link.clone());
    }
    let (shown, via) = read_via(&name, &link);
    Opened {
        via: Some(via),
        ..Opened::polled(blog, shown, short, poller)
    }
}

/// How a page read through the link to its live data is named: the page and the address
/// followed (without its query), and that address alone.
fn read_via(name: &str, link: &url::Url) -> (String, String) {
    let via = net::endpoint::without_query(link);
    (crate::sanitize::line(&format!("{name} → {via}"), 600), via)
}

/// The short name of a source named by `arg` (`None`: the bundled blog).
fn short_name(arg: Option<&OsStr>) -> String {
    arg.map_or_else(
        || source::BUNDLED_SHORT.to_string(),
        |a| timeline::short_name(&a.to_string_lossy()),
    )
}

/// A source unreachable at start, opened with its last copy: the copy is on screen with the
/// error, and the poller tries again with backoff.
fn from_copy(
    copy: crate::store::Cached,
    (name, short, key): (String, String, String),
    (client, endpoint, carry): (Client, net::Endpoint, bool),
    net_opts: &NetOptions,
    error: &SourceError,
) -> Opened {
    let mut poller = Poller::after_failed_start(client, endpoint, net_opts.interval, error)
        .starting_from(copy.blog.clone(), copy.validators);
    if carry {
        poller = poller.carrying_previous(copy.previous.clone());
    }
    // A WordPress Liveblog read through its post page: the page says when it has ended.
    if copy.via.is_some()
        && let Ok(page) = url::Url::parse(&key)
    {
        poller = poller.checking_post_page(page);
    }
    if let Some(c) = &net_opts.keep {
        poller = poller.keeping(c.clone(), key);
        if let Some(link) = &copy.via {
            poller = poller.kept_via(link.clone());
        }
    }
    tracing::warn!(error = %error, "unreachable at start; showing the last copy");
    Opened {
        via: copy.via.as_ref().map(net::endpoint::without_query),
        pageable: false,
        older_pages: None,
        first_error: Some(error.clone()),
        retry_in: Some(poller.retry_within()),
        cached: Some(copy.fetched_at),
        previous: copy.previous,
        ..Opened::polled(copy.blog, name, short, poller)
    }
}

/// The client and the endpoint a URL is read through (the Content API when a key is set).
fn connect(
    url: &url::Url,
    name: &str,
    net_opts: &NetOptions,
) -> Result<(Client, net::Endpoint), OpenError> {
    let client = Client::new(net_opts.fetch.clone().unwrap_or_default()).map_err(|error| {
        OpenError::Client {
            name: name.to_string(),
            error,
        }
    })?;
    Ok((client, net::resolve(url, net_opts.guardian_key.as_deref())))
}

/// For the reader: like [`open`], but with no argument the bundled blog is replayed live, and
/// a large local file shows its beginning at once while the rest is parsed in the background.
pub async fn open_for_reading(
    arg: Option<&OsStr>,
    net_opts: &NetOptions,
) -> Result<Opened, OpenError> {
    match Source::from_arg(arg) {
        _ if arg.is_none() => open_replay().await,
        // A pipe is read once, whole: there is nothing to read again, and no place worth
        // keeping for the next pipe.
        source @ Source::File(_) if source.is_pipe() => {
            let (blog, _) = source::load_local(&source)?;
            Ok(Opened {
                kind: Some(source::PIPE_KIND.into()),
                ..Opened::still(blog, source.display_name(), short_name(arg))
            })
        }
        Source::File(path) => {
            let source = Source::File(path.clone());
            let name = source.display_name();
            // Before the read: a change while it reads is then seen by the next `r`.
            let read_as = crate::live::file_stamp(&path);
            let quick = source::load_local_quick(&source)?;
            tracing::debug!(
                entries = quick.blog.entries.len(),
                "the file's beginning parsed"
            );
            let mut opened = Opened::still(quick.blog, name, short_name(arg));
            opened.refresher = Some(Box::new(FileReader {
                path,
                whole_later: quick.whole_later,
                read_as,
            }));
            Ok(opened)
        }
        Source::Url(url) if net_opts.keep.is_some() => {
            let (cached, note) = copy_of(&url, net_opts);
            let mut opened = match cached {
                Some(copy) => kept_copy(copy, &url, arg, net_opts)?,
                None => match open_with_copy(arg, net_opts, (None, false)).await {
                    Err(OpenError::Fetch(error @ SourceError::Fetch { .. })) => {
                        waiting(arg.unwrap_or_default(), net_opts, &error)?
                    }
                    other => other?,
                },
            };
            opened.notes.extend(note);
            Ok(opened)
        }
        _ => match open(arg, net_opts).await {
            Err(OpenError::Fetch(error @ SourceError::Fetch { .. })) => {
                Ok(waiting(arg.unwrap_or_default(), net_opts, &error)?)
            }
            other => other,
        },
    }
}

/// For the reader: the copy kept of `url` from an earlier sitting, on screen at once, with a
/// poller whose first (conditional) request goes out at once.
fn kept_copy(
    copy: crate::store::Cached,
    url: &url::Url,
    arg: Option<&OsStr>,
    net_opts: &NetOptions,
) -> Result<Opened, OpenError> {
    let key = url.as_str().to_string();
    let name = Source::Url(url.clone()).display_name();
    // A page with no live data of its own is polled at the link it gave.
    let (name, via, target) = match &copy.via {
        Some(link) => {
            let (shown, via) = read_via(&name, link);
            (shown, Some(via), link)
        }
        None => (name, None, url),
    };
    let (client, endpoint) = connect(target, &name, net_opts)?;
    // The first poll reads the page whole (conditionally): what was edited or taken out while
    // away is not in a live check of blocks newer than the copy's.
    let poller = Poller::new(
        client,
        endpoint,
        net_opts.interval,
        LiveBlog::default(),
        crate::net::Validators::default(),
    )
    .starting_from(copy.blog.clone(), copy.validators)
    .first_poll_after(Duration::ZERO);
    // A WordPress Liveblog read through its post page: the page says when it has ended.
    let poller = match &copy.via {
        Some(_) => poller.checking_post_page(url.clone()),
        None => poller,
    };
    let poller = match copy.format {
        Some(format) => poller.reading(format),
        None => poller,
    };
    let poller = match (&net_opts.keep, copy.via) {
        (Some(cache), Some(link)) => poller.keeping(cache.clone(), key).kept_via(link),
        (Some(cache), None) => poller.keeping(cache.clone(), key),
        (None, _) => poller,
    };
    Ok(Opened {
        cached: Some(copy.fetched_at),
        previous: copy.previous,
        via,
        ..Opened::polled(copy.blog, name, short_name(arg), poller)
    })
}

/// A URL whose first request failed (unreachable, 503, a timeout): the reader stays with an
/// empty blog, says what failed, and the poller tries again with backoff; `q` quits. An
/// address the server refused for good (a 404, a 410, …), with nothing read from it ever, is
/// the error, as `dump` says it: a mistyped address is not waited on for ever.
fn waiting(arg: &OsStr, net_opts: &NetOptions, error: &SourceError) -> Result<Opened, OpenError> {
    let source = Source::from_arg(Some(arg));
    let name = source.display_name();
    let Source::Url(url) = &source else {
        return Err(OpenError::Fetch(error.clone()));
    };
    if error.is_refused_for_good() {
        return Err(OpenError::Fetch(error.clone()));
    }
    let (client, endpoint) = connect(url, &name, net_opts)?;
    let mut poller = Poller::after_failed_start(client, endpoint, net_opts.interval, error);
    // Once the source answers, its copy is kept as any other's.
    if let Some(c) = &net_opts.keep {
        poller = poller.keeping(c.clone(), url.as_str().to_string());
    }
    let retry_in = poller.retry_within();
    tracing::warn!(error = %error, "first request failed; retrying");
    let blog = LiveBlog {
        title: name.clone(),
        ..LiveBlog::default()
    };
    Ok(Opened {
        pageable: false,
        older_pages: None,
        first_error: Some(error.clone()),
        retry_in: Some(retry_in),
        ..Opened::polled(blog, name, short_name(Some(arg)), poller)
    })
}

/// For `follow`: like [`open`], but with no argument the bundled blog is replayed live.
pub async fn open_for_following(
    arg: Option<&OsStr>,
    net_opts: &NetOptions,
) -> Result<Opened, OpenError> {
    if arg.is_none() {
        open_replay().await
    } else {
        open(arg, net_opts).await
    }
}

/// For `follow` of one source: as [`open_for_following`], and a source whose first request
/// fails is tried again with backoff, as the reader does. (Among several, such a source is a
/// line on stderr and the others are followed: they end, it might never.)
pub async fn open_for_following_one(
    arg: Option<&OsStr>,
    net_opts: &NetOptions,
) -> Result<Opened, OpenError> {
    match (open_for_following(arg, net_opts).await, arg) {
        (Err(OpenError::Fetch(error @ SourceError::Fetch { .. })), Some(arg)) => {
            waiting(arg, net_opts, &error)
        }
        (other, _) => other,
    }
}

/// The copy kept of `url` when copies are kept, if there is a usable one; else what is wrong
/// with the file, if it is there (logged, and said once by whoever opened it).
fn copy_of(
    url: &url::Url,
    net_opts: &NetOptions,
) -> (Option<crate::store::Cached>, Option<String>) {
    let Some(cache) = &net_opts.keep else {
        return (None, None);
    };
    match cache.load_noting(url.as_str()) {
        Ok((copy, None)) => (copy, None),
        Ok((_, Some(w))) | Err(w) => {
            tracing::warn!(warning = %w, "the last copy could not be read");
            let note = w.said_after("the copy kept from an earlier sitting could not be used");
            (None, Some(crate::sanitize::line(&note, 600)))
        }
    }
}

impl Opened {
    /// The blog's state as liveblog says it: live only while it is followed. A saved page
    /// that was live when saved is not live now, whatever its data says (the reader's LIVE
    /// badge, `status` and `dump` alike).
    pub fn state_now(&self) -> LiveState {
        match self.blog.state {
            LiveState::Live if !self.following => LiveState::Unknown,
            state => state,
        }
    }

    /// The blog with its state as said now ([`Opened::state_now`]), for a printed copy.
    pub fn blog_now(&self) -> std::borrow::Cow<'_, LiveBlog> {
        let state = self.state_now();
        if state == self.blog.state {
            return std::borrow::Cow::Borrowed(&self.blog);
        }
        std::borrow::Cow::Owned(LiveBlog {
            state,
            ..self.blog.clone()
        })
    }

    /// What failed at the first request, as one line for a message outside the screen (the
    /// screen's status bar says each part itself): the error first, since it names the source,
    /// then what is shown meanwhile, and when the next try is when one is `Scheduled`. `None`
    /// when the first request answered.
    pub fn first_error_line(&self, retry: net::Retry) -> Option<String> {
        let (_, error) = self.first_failure(retry)?;
        let mut parts = vec![error];
        if let Some(t) = self.cached {
            let now = Some(jiff::Timestamp::now());
            let when = crate::blog::wall_clock(t, &crate::blog::local_zone(), now);
            parts.push(format!("showing the copy of {when}"));
        }
        if let Some(d) = self.retry_in.filter(|_| retry == net::Retry::Scheduled) {
            parts.push(format!("next try within {}", crate::live::human(d)));
        }
        Some(parts.join(" · "))
    }

    /// What failed at the first request, for the status bar: its class ("HTTP 503") and its
    /// message as said where `retry` holds, one sanitised line.
    pub fn first_failure(&self, retry: net::Retry) -> Option<(String, String)> {
        let error = self.first_error.as_ref()?;
        let message = crate::sanitize::line(&error.said(retry), 600);
        Some((error.class().to_string(), message))
    }

    /// Whether the blog was fetched from its source as it opened: followed, and neither shown
    /// from a kept copy nor failing.
    pub fn fetched_now(&self) -> bool {
        self.following
            && self.refresher.is_some()
            && self.cached.is_none()
            && self.first_error.is_none()
    }

    /// A web blog kept fresh by `poller`.
    fn polled(blog: LiveBlog, name: String, short: String, poller: Poller) -> Self {
        Self {
            pageable: poller.pageable(),
            older_pages: poller.older_pages(),
            refresher: Some(Box::new(poller)),
            following: true,
            ..Self::still(blog, name, short)
        }
    }

    /// A blog read once, with nothing to keep it fresh.
    fn still(blog: LiveBlog, name: String, short: String) -> Self {
        Self {
            blog,
            name,
            short,
            refresher: None,
            following: false,
            pageable: false,
            older_pages: None,
            kind: None,
            replay: None,
            first_error: None,
            retry_in: None,
            cached: None,
            via: None,
            notes: Vec::new(),
            previous: std::collections::BTreeMap::new(),
        }
    }
}
