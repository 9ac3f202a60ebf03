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

/// The likeliest stuck loop: one waiting to write a frame to a terminal that stopped reading
/// (a stalled SSH link), holding standard output's lock meanwhile. SIGTERM still ends the
/// process, after the deadline: giving the terminal back neither waits on that lock nor, since
/// the terminal takes nothing, for ever on its own write.
#[test]
fn sigterm_ends_a_reader_stuck_writing_to_a_terminal_that_stopped_reading() {
    let scratch = Scratch::new("stalled");
    let mut t = Term::spawn(&scratch, &[SEED_FILE], &[], (100, 30));
    t.wait_text("q quit");
    t.stall(true);
    // Ctrl-L redraws the whole screen, a few kilobytes a frame; one at a time (keys read
    // together make one frame), until the pty's buffer is full and the loop's thread waits in
    // a write.
    for _ in 0..60 {
        t.try_send("\x0c");
        std::thread::sleep(Duration::from_millis(20));
    }
    let task = format!("/proc/{0}/task/{0}", t.pid());
    let writing = || {
        let read = |what: &str| std::fs::read_to_string(format!("{task}/{what}"));
        read("wchan").is_ok_and(|w| w.contains("wait_woken") || w.contains("tty"))
            // `write` is system call 1 there.
            || (cfg!(target_arch = "x86_64")
                && read("syscall").is_ok_and(|s| s.split_whitespace().next() == Some("1")))
    };
    let waited = Instant::now();
    while !writing() && waited.elapsed() < Duration::from_secs(10) {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(writing(), "the loop's thread waits to write");
    let sent = Instant::now();
    t.signal(Signal::SIGTERM);
    assert!(
        t.exited_within(Duration::from_secs(10)),
        "the reader did not end while its terminal read nothing"
    );
    // The watch waits its deadline (3 s): the loop, stuck, did not end the reader itself.
    let took = sent.elapsed();
    assert!(took >= Duration::from_secs(2), "ended after {took:?}");
    t.stall(false);
    assert_eq!(t.wait_exit(), 143, "ended as on SIGTERM");
}
