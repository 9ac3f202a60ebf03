//! The reader in a real pseudo-terminal on pages whose live data is elsewhere: the replay's
//! index page (a rel=alternate link) and its WordPress post page (the Liveblog plugin's API)
//! open, show the blog and say in the status bar which address is read; with the server gone,
//! each opens from the copy kept of it.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[expect(
    dead_code,
    reason = "the harness serves every pty test; these use a part of it"
)]
mod common;
#[path = "support/replay.rs"]
mod replay;

use common::{SEED_FILE as SEED, Scratch, Term};
use replay::Replay;

const SIZE: (u16, u16) = (140, 30);

#[test]
fn the_reader_opens_the_replay_index_and_its_wordpress_page_through_their_links() {
    let scratch = Scratch::new("links");
    let replay = Replay::start(SEED, &scratch.env());
    for (page, via) in [
        ("index", "/liveblog.json"),
        ("wordpress", "/wp-json/liveblog/v1/1/"),
    ] {
        let url = replay.url(page);
        let mut t = Term::spawn(&scratch, &[&url, "--interval", "5"], &[], SIZE);
        // The first entry of the replay, and the address read, in the status bar.
        t.wait_text("Security guarantees for Ukraine");
        t.wait_for("the address followed", |s| {
            common::row_text(s, SIZE.1 - 1).contains(via)
        });
        t.send("q");
        t.wait_exit();
    }
    // The server gone: each page opens from the copy kept of it, and tries again at the
    // address it linked to.
    let urls = [replay.url("index"), replay.url("wordpress")];
    drop(replay);
    for url in &urls {
        let mut t = Term::spawn(&scratch, &[url, "--interval", "5"], &[], SIZE);
        t.wait_text("Security guarantees for Ukraine");
        t.wait_for("the copy shown, the failure said", |s| {
            let bar = common::row_text(s, SIZE.1 - 1);
            bar.contains("showing the copy of") && bar.contains("connection refused")
        });
        t.send("q");
        assert_eq!(t.wait_exit(), 0);
    }
}
