//! Handing an alert to the user's own program (`notify-send`, a phone push, a sound).

use super::Alert;
use std::process::Stdio;
use std::time::Duration;
use tokio::io::AsyncWriteExt;

/// Runs `argv` (a program and its arguments, used as they are: no shell) with the alert as one
/// line of JSON ([`Alert::to_json`]) on its standard input, and waits for it at most `timeout`.
///
/// Nothing from the alert is ever put in the arguments, so no text from the web can become an
/// option or a command. The program's output is discarded (it would write over the reader's
/// screen). It runs in a process group of its own; past `timeout` the whole group is killed, so
/// a hung hook leaves nothing behind. If the returned future is dropped, the program is killed.
///
/// `Err` is one line for the log or status bar: the program could not be started, failed, or
/// took too long.
pub async fn run_on_alert(argv: &[String], alert: &Alert, timeout: Duration) -> Result<(), String> {
    let (program, arguments) = argv
        .split_first()
        .ok_or_else(|| "on-alert: no program given".to_string())?;
    let name = crate::sanitize::visible(program, 200);
    let mut command = tokio::process::Command::new(program);
    command
        .args(arguments)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .kill_on_drop(true);
    #[cfg(unix)]
    command.process_group(0);
    let mut child = command
        .spawn()
        .map_err(|e| format!("on-alert program \"{name}\" could not be started: {e}"))?;
    let group = child.id();
    let mut input = alert.to_json();
    input.push('\n');
    let mut stdin = child.stdin.take();
    let run = async {
        if let Some(stdin) = stdin.as_mut() {
            match stdin.write_all(input.as_bytes()).await {
                // A program that does not read its input has that right.
                Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => return Err(e),
                _ => {}
            }
        }
        drop(stdin.take());
        child.wait().await
    };
    let finished = tokio::time::timeout(timeout, run).await;
    match finished {
        Ok(Ok(status)) if status.success() => Ok(()),
        Ok(Ok(status)) => Err(format!("on-alert program \"{name}\" failed ({status})")),
        Ok(Err(e)) => Err(format!("on-alert program \"{name}\": {e}")),
        Err(_) => {
            kill_group(group);
            // Reaps it (and kills it, if it was not in its own group after all).
            let _ = child.kill().await;
            Err(format!(
                "on-alert program \"{name}\" took longer than {} s and was stopped",
                timeout.as_secs_f32()
            ))
        }
    }
}

#[cfg(unix)]
fn kill_group(group: Option<u32>) {
    use nix::sys::signal::{Signal, killpg};
    use nix::unistd::Pid;
    if let Some(pid) = group.and_then(|g| i32::try_from(g).ok()) {
        let _ = killpg(Pid::from_raw(pid), Signal::SIGKILL);
    }
}

#[cfg(not(unix))]
fn kill_group(_: Option<u32>) {}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Instant;

    fn alert() -> Alert {
        Alert {
            source: "Blog".into(),
            title: "1 new, 1 key event".into(),
            body: "It's over; \"quoted\" $(id)".into(),
            key_events: 1,
            new: 1,
            keyword_matches: 0,
            entry_id: "e1".into(),
            url: None,
        }
    }

    fn sh(script: &str, arg: &str) -> Vec<String> {
        ["/bin/sh", "-c", script, arg].map(String::from).to_vec()
    }

    #[tokio::test]
    async fn the_program_gets_the_alert_as_json_on_its_input() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("alert.json");
        let argv = sh("cat > \"$0\"", &out.to_string_lossy());
        run_on_alert(&argv, &alert(), Duration::from_secs(10))
            .await
            .unwrap();
        let written = std::fs::read_to_string(&out).unwrap();
        assert_eq!(written, format!("{}\n", alert().to_json()));
        let v: serde_json::Value = serde_json::from_str(&written).unwrap();
        assert_eq!(v["body"], "It's over; \"quoted\" $(id)");
    }

    #[tokio::test]
    async fn a_program_that_hangs_is_stopped_with_its_children() {
        let tmp = tempfile::tempdir().unwrap();
        let pid_file = tmp.path().join("pid");
        let argv = sh(
            "sleep 30 & echo $! > \"$0\"; wait",
            &pid_file.to_string_lossy(),
        );
        let started = Instant::now();
        let e = run_on_alert(&argv, &alert(), Duration::from_millis(500))
            .await
            .unwrap_err();
        assert!(started.elapsed() < Duration::from_secs(5));
        assert!(e.contains("took longer than 0.5 s"), "{e}");
        let pid = std::fs::read_to_string(&pid_file).unwrap();
        let stat = format!("/proc/{}/stat", pid.trim());
        // The grandchild is gone (or a zombie awaiting its new parent), not sleeping on.
        let deadline = Instant::now() + Duration::from_secs(5);
        loop {
            let state = std::fs::read_to_string(&stat)
                .ok()
                .and_then(|s| s.rsplit(')').next().map(|r| r.trim().chars().next()))
                .flatten();
            if matches!(state, None | Some('Z')) {
                break;
            }
            assert!(Instant::now() < deadline, "sleep still running: {state:?}");
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    #[tokio::test]
    async fn a_missing_or_failing_program_is_an_error_naming_it() {
        let e = run_on_alert(
            &["/nonexistent/notify".to_string()],
            &alert(),
            Duration::from_secs(5),
        )
        .await
        .unwrap_err();
        assert!(
            e.starts_with("on-alert program \"/nonexistent/notify\" could not be started"),
            "{e}"
        );
        let e = run_on_alert(&sh("exit 3", "x"), &alert(), Duration::from_secs(5))
            .await
            .unwrap_err();
        assert!(e.contains("failed (exit status: 3)"), "{e}");
        let e = run_on_alert(&[], &alert(), Duration::from_secs(5))
            .await
            .unwrap_err();
        assert_eq!(e, "on-alert: no program given");
    }

    #[tokio::test]
    async fn a_program_that_ignores_its_input_is_fine() {
        run_on_alert(&sh("exit 0", "x"), &alert(), Duration::from_secs(5))
            .await
            .unwrap();
    }
}
