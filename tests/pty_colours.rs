//! The colours the real binary writes, read back from a pseudo-terminal: a terminal that shows
//! only the basic colours (`TERM=xterm`) gets their codes alone, whichever theme is chosen.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[expect(
    dead_code,
    reason = "the harness serves every pty test; these use a part of it"
)]
mod common;

use common::{SEED_FILE, Scratch, Term, sgr_params};

const SIZE: (u16, u16) = (100, 30);
const SIDEBAR: &str = "Key events (";
const FIRST_KEY_EVENT: &str = "We need to ramp up support for Ukraine";

/// The run's SGR lists with `theme` under `term`, having gone to the first key event.
fn sgr_of_a_run(theme: &str, term: &str) -> Vec<Vec<u16>> {
    let scratch = Scratch::new("colours");
    let config = scratch.file("config.toml", format!("theme = \"{theme}\"\n").as_bytes());
    let env = [("TERM", term), ("COLORTERM", "")];
    let args = ["--config", config.to_str().unwrap(), SEED_FILE];
    let mut t = Term::spawn(&scratch, &args, &env, SIZE);
    t.wait_text(SIDEBAR);
    t.send("]");
    t.wait_text(&format!("★ {FIRST_KEY_EVENT}"));
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
    sgr_params(&t.raw())
}

#[test]
fn a_terminal_of_sixteen_colours_gets_no_code_of_the_256_colour_palette() {
    for theme in ["dark", "light"] {
        let sgr = sgr_of_a_run(theme, "xterm");
        let extended: Vec<_> = sgr
            .iter()
            .filter(|p| p.iter().any(|x| matches!(x, 38 | 48 | 58)))
            .collect();
        assert!(extended.is_empty(), "{theme}: {extended:?}");
        let basic = |p: &&Vec<u16>| {
            p.iter()
                .any(|x| matches!(x, 30..=37 | 40..=47 | 90..=97 | 100..=107))
        };
        assert!(sgr.iter().any(|p| basic(&p)), "{theme}: no colour at all");
    }
    // A terminal that says it has the 256 colours still gets the light theme's own.
    let sgr = sgr_of_a_run("light", "xterm-256color");
    assert!(sgr.iter().any(|p| p.starts_with(&[38, 5, 130])), "{sgr:?}");
}
