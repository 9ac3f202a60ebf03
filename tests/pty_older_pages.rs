//! The reader in a real pseudo-terminal on the HTML and AMP pages of a paged replay
//! (`liveblog serve --page-size`): `L` loads the older page the page names with
//! `<link rel="next">` and shows its entries below the others, as history, not as new.
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

const SIZE: (u16, u16) = (140, 60);

/// The oldest entry of the bundled blog: on the replay's second page at the start.
const OLDEST: &str = "France’s Macron spoke with US president Trump";

#[test]
fn l_loads_the_older_page_an_html_or_amp_page_names_below_the_others() {
    let scratch = Scratch::new("older-pages");
    // The bundled blog two entries a page.
    let replay = Replay::start_with(SEED, &["--pace", "1", "--page-size", "2"], &scratch.env());
    for name in ["html", "amp"] {
        let mut t = Term::spawn(
            &scratch,
            &[&replay.url(name), "--interval", "60"],
            &[],
            SIZE,
        );
        t.wait_text("European leaders arrive at Élysée");
        assert!(
            !t.contents().contains(OLDEST),
            "{name}: only the first page at first"
        );
        t.send("L");
        t.wait_text(OLDEST);
        let screen = t.contents();
        let below = screen.find(OLDEST).unwrap() > screen.find("European leaders arrive").unwrap();
        assert!(below, "{name}: the older page below the first\n{screen}");
        let bar = t.row(SIZE.1 - 1);
        assert!(!bar.contains("new"), "{name}: history is not news: {bar}");
        t.send("q");
        assert_eq!(t.wait_exit(), 0);
    }
}
