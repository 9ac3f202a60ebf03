//! The bundled blogs replayed live: a replay server runs in this process on a free loopback
//! port, and each blog is followed like any URL.

use super::{How, Many, NetOptions, OpenError, Opened, open};
use crate::blog::LiveBlog;
use crate::serve;
use crate::source::{self, Source};
use std::ffi::OsStr;
use std::time::Duration;

/// A new entry every few seconds, polled as often as liveblog ever polls.
const REPLAY_PACE: Duration = Duration::from_secs(6);
const REPLAY_INTERVAL: Duration = Duration::from_secs(5);

/// The bundled blog as a live replay: the replay server runs in this process on a free
/// loopback port and is followed like any URL.
pub async fn open_replay() -> Result<Opened, OpenError> {
    let (blog, _) = source::load_local(&Source::Bundled)?;
    let opts = serve::ServeOptions {
        pace: REPLAY_PACE,
        rebase: true,
        ..serve::ServeOptions::brisk()
    };
    replay(blog, opts, source::BUNDLED_NAME, source::BUNDLED_SHORT).await
}

/// `blog` replayed live in this process and opened like a URL, named `name` and `short`.
async fn replay(
    blog: LiveBlog,
    opts: serve::ServeOptions,
    name: &str,
    short: &str,
) -> Result<Opened, OpenError> {
    let replay = serve::spawn(blog, opts)
        .await
        .map_err(|e| OpenError::Replay(e.to_string()))?;
    let url = replay
        .url("json")
        .ok_or_else(|| OpenError::Replay("the replay has no liveblog JSON URL".into()))?
        .to_string();
    let net_opts = NetOptions {
        interval: Some(REPLAY_INTERVAL),
        guardian_key: None,
        keep: None,
        fetch: None,
    };
    let mut opened = open(Some(OsStr::new(&url)), &net_opts).await?;
    opened.name = name.to_string();
    opened.short = short.to_string();
    opened.kind = Some(source::REPLAY_KIND.into());
    opened.replay = Some(replay);
    Ok(opened)
}

/// The second blog of the demo comes a little slower than the first, so the two alternate
/// rather than arrive together.
const DEMO_SECOND_PACE: Duration = Duration::from_secs(7);

/// `--demo-event`: the bundled blog and a second bundled blog, both replayed live and
/// rebased onto the replays' clock (see [`serve::ServeOptions::rebase`]) so that their
/// entries interleave in time. The replays are live whatever `how` asks, as for the bundled
/// blog alone.
pub async fn open_demo_event(how: How) -> Result<Many, OpenError> {
    tracing::debug!(?how, "opening the demo event");
    let [first, second] = source::demo_blogs()?;
    let rebased = |pace| serve::ServeOptions {
        pace,
        rebase: true,
        ..serve::ServeOptions::brisk()
    };
    let (a, b) = tokio::try_join!(
        replay(
            first,
            rebased(REPLAY_PACE),
            source::BUNDLED_NAME,
            source::BUNDLED_SHORT
        ),
        replay(
            second,
            rebased(DEMO_SECOND_PACE),
            source::DEMO_SECOND_NAME,
            source::DEMO_SECOND_SHORT
        ),
    )?;
    Ok(Many {
        opened: vec![a, b],
        failures: Vec::new(),
    })
}
