//! A reader whose loop is stuck still ends on a signal. The loop's thread is the one that hears
//! a signal and gives the terminal back; here it is held stopped (traced, as a debugger stops a
//! single thread, the way a terminal that hangs up mid-read once left it spinning in crossterm),
//! and SIGTERM must still end the process within the deadline, the terminal given back and the
//! status the shell's 143.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[expect(
    dead_code,
    reason = "the harness serves every pty test; these use a part of it"
)]
mod common;

use common::{SEED_FILE, Scratch, Term, rfind};
use nix::sys::{ptrace, signal::Signal, wait};
use nix::unistd::Pid;
use std::time::{Duration, Instant};

#[test]
fn sigterm_ends_a_reader_whose_loop_is_stuck_and_gives_the_terminal_back() {
    let scratch = Scratch::new("stuck");
    let mut t = Term::spawn(&scratch, &[SEED_FILE], &[], (100, 30));
    t.wait_text("q quit");
    // Only the main thread, the loop's, is stopped: the runtime's workers go on.
    let main = Pid::from_raw(t.pid());
    ptrace::seize(main, ptrace::Options::empty()).expect("tracing a child of this test");
    ptrace::interrupt(main).expect("interrupt");
    let stopped = wait::waitpid(main, Some(wait::WaitPidFlag::__WALL)).expect("waitpid");
    assert!(
        matches!(stopped, wait::WaitStatus::PtraceEvent(..)),
        "the loop's thread stopped: {stopped:?}"
    );
    let sent = Instant::now();
    t.signal(Signal::SIGTERM);
    assert_eq!(t.wait_exit(), 143, "ended as on SIGTERM");
    let took = sent.elapsed();
    // Not a timing test: the watch waits its deadline (3 s) before it acts, so an exit
    // sooner would mean the stopped loop ended the reader, and the test stopped nothing.
    assert!(took >= Duration::from_secs(2), "ended after {took:?}");
    let raw = t.raw();
    let entered = rfind(&raw, b"\x1b[?1049h").expect("the alternate screen was taken");
    let left = rfind(&raw, b"\x1b[?1049l").expect("and given back");
    assert!(left > entered, "the alternate screen given back last");
    let mouse_off = rfind(&raw, b"\x1b[?1000l").expect("mouse reports turned off");
    assert!(mouse_off > entered);
}
