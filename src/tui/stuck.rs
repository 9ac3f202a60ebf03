//! The last resort for a signal that ends the reader. The loop's own thread hears the signal,
//! leaves the screen and saves the place; but that thread can be stuck where no signal reaches
//! it (crossterm's reader, which the reader once used, read a terminal that had just hung up
//! in a loop that spun for ever; the reader now reads the terminal itself and stops at the
//! first failed read, but a loop can be stuck in other ways). So the signals that end the reader are
//! also heard on the background runtime, whose workers never wait on the terminal: if the
//! screen still holds the terminal [`DEADLINE`] after one, the process gives it back and ends
//! with the shell's 128 + the signal's number. Ending the process below `main` is otherwise
//! never done; like the panic hook (`crash`), this is for when the loop cannot end it.

use std::time::Duration;
use tokio::signal::unix::{Signal, SignalKind, signal};

/// How long the loop has to give the terminal back after a signal: it takes milliseconds.
pub const DEADLINE: Duration = Duration::from_secs(3);

/// The signals whose default is to end the process: each ends the reader.
pub const ENDING: [nix::sys::signal::Signal; 7] = {
    use nix::sys::signal::Signal as S;
    [
        S::SIGTERM,
        S::SIGHUP,
        S::SIGINT,
        S::SIGQUIT,
        S::SIGUSR1,
        S::SIGUSR2,
        S::SIGALRM,
    ]
};

/// Starts the watch on `background`, a runtime whose workers do not depend on the loop's
/// thread. `end` is how the process ends (`std::process::exit` but in tests). The signals are
/// taken here, so that none sent once the loop runs goes unwatched, and waited for by one
/// task: spawning one per signal woke a worker seven times before the first frame.
pub fn watch(background: &tokio::runtime::Handle, deadline: Duration, end: fn(i32)) {
    let _on = background.enter();
    match listen() {
        Ok(streams) => drop(background.spawn(expire(streams, deadline, end))),
        Err(e) => tracing::warn!(error = %e, "no watch on signals for a stuck reader"),
    }
}

/// The signals that end the reader, each with its number, heard on the current runtime.
fn listen() -> std::io::Result<Vec<(i32, Signal)>> {
    ENDING
        .into_iter()
        .map(|sig| {
            let n = sig as i32;
            Ok((n, signal(SignalKind::from_raw(n))?))
        })
        .collect()
}

/// Waits for the first of the signals, then for the deadline; ends the process if the screen
/// still holds the terminal then.
async fn expire(mut streams: Vec<(i32, Signal)>, deadline: Duration, end: fn(i32)) {
    let n = std::future::poll_fn(|cx| {
        for (n, stream) in &mut streams {
            if stream.poll_recv(cx).is_ready() {
                return std::task::Poll::Ready(*n);
            }
        }
        std::task::Poll::Pending
    })
    .await;
    tokio::time::sleep(deadline).await;
    if give_back_within(GIVE_BACK_WAIT).await {
        tracing::error!(signal = n, "the reader did not end on a signal: ended");
        end(128 + n);
    }
}

/// How long giving the terminal back may take before the process ends without it.
const GIVE_BACK_WAIT: Duration = Duration::from_millis(500);

/// [`crate::crash::give_back`], waited for `wait` at most: a terminal that stopped reading (the
/// likeliest reason a loop is stuck is a write to one) would hold the write of the bytes that
/// give it back for ever. `true` if a screen held the terminal, or if giving it back did not
/// end in time.
async fn give_back_within(wait: Duration) -> bool {
    let giving = tokio::task::spawn_blocking(crate::crash::give_back);
    let Ok(given) = tokio::time::timeout(wait, giving).await else {
        tracing::error!("the terminal did not take the bytes that give it back");
        return true;
    };
    given.unwrap_or(true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicBool, AtomicI32, Ordering};

    static ENDED: AtomicI32 = AtomicI32::new(0);
    static GIVEN_BACK: AtomicBool = AtomicBool::new(false);

    fn end(code: i32) {
        ENDED.store(code, Ordering::SeqCst);
    }

    fn restore() {
        GIVEN_BACK.store(true, Ordering::SeqCst);
    }

    /// A loop that gives the terminal back in time is left alone; one that holds it past the
    /// deadline has it taken back and the process ended, 128 + the signal.
    #[test]
    fn a_reader_stuck_past_the_deadline_is_ended_and_one_in_time_is_not() {
        let background = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .unwrap();
        let deadline = Duration::from_millis(200);
        let watch = || {
            let streams = background.block_on(async { listen() }).unwrap();
            background.spawn(expire(streams, deadline, end));
        };
        watch();
        let usr2 = nix::sys::signal::Signal::SIGUSR2;

        // In time: the screen is left (the restore taken) before the deadline.
        crate::crash::restore_on_panic(Some(restore));
        nix::sys::signal::raise(usr2).unwrap();
        std::thread::sleep(Duration::from_millis(20));
        assert!(crate::crash::give_back(), "the loop leaves the screen");
        assert!(GIVEN_BACK.swap(false, Ordering::SeqCst));
        std::thread::sleep(deadline * 3);
        assert_eq!(ENDED.load(Ordering::SeqCst), 0, "nothing ended after");
        assert!(!GIVEN_BACK.load(Ordering::SeqCst), "and given back once");

        // A first signal is all the watch hears: a second watch for the stuck loop.
        watch();
        crate::crash::restore_on_panic(Some(restore));
        nix::sys::signal::raise(usr2).unwrap();
        std::thread::sleep(deadline / 2);
        assert_eq!(ENDED.load(Ordering::SeqCst), 0, "not before the deadline");
        std::thread::sleep(deadline * 3);
        assert_eq!(ENDED.load(Ordering::SeqCst), 128 + 12);
        assert!(
            GIVEN_BACK.load(Ordering::SeqCst),
            "the terminal given back first"
        );
    }
}
