#!/usr/bin/env python3
"""The first screen of liveblog and of `less` on the same file, timed from the fork to the
first bytes that hold MARKER, read raw from a pty (no terminal emulator in the way), the two
programs started alternately so that the machine's load falls on both alike. Prints the
median and quartiles of each in a Markdown table. Needs nothing beyond Python 3.

usage: benches/tty/first_screen.py FILE [--runs 41] [--marker TEXT] [--cols 200] [--rows 60]
           [--bin target/release/liveblog] [--also NAME=PROGRAM]...

FILE is a large plain-text blog, e.g. the 5,000-entry one the README measures. The time
includes the fork and exec, the same for both; what differs is each program's own start.

--also times one more program in the same rotation (FILE is its argument too): the floor, a
program that only prints the marker, shows how much of a start is the fork, the exec and the
terminal rather than the program's own work (benches/tty/marker.rs:
`rustc -O benches/tty/marker.rs -o /tmp/marker`, then `--also marker=/tmp/marker`)."""
import argparse, fcntl, os, pathlib, select, statistics, struct, sys, termios, time

here = pathlib.Path(__file__).resolve().parent
ap = argparse.ArgumentParser()
ap.add_argument("file")
ap.add_argument("--runs", type=int, default=41)
ap.add_argument("--marker", default="Spanish prime minister")
ap.add_argument("--cols", type=int, default=200)
ap.add_argument("--rows", type=int, default=60)
ap.add_argument("--bin", default=str(here.parent.parent / "target/release/liveblog"))
ap.add_argument("--also", action="append", default=[], metavar="NAME=PROGRAM")
a = ap.parse_args()
MARK = a.marker.encode()


def once(cmd):
    """Milliseconds from the fork to the bytes holding the marker; None if it never came."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", a.rows, a.cols, 0, 0))
    env = dict(os.environ, TERM="xterm-256color")
    env.pop("NO_COLOR", None)
    start = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        os.setsid()
        fcntl.ioctl(slave, termios.TIOCSCTTY, 0)
        for fd in (0, 1, 2):
            os.dup2(slave, fd)
        os.close(master)
        os.execvpe(cmd[0], cmd, env)
    os.close(slave)
    got, took = b"", None
    while took is None:
        ready, _, _ = select.select([master], [], [], 10)
        if not ready:
            break
        try:
            data = os.read(master, 65536)
        except OSError:
            break
        if not data:
            break
        got += data
        if MARK in got:
            took = (time.perf_counter() - start) * 1000
    os.write(master, b"q")
    time.sleep(0.05)
    try:
        os.kill(pid, 9)
    except ProcessLookupError:
        pass
    os.waitpid(pid, 0)
    os.close(master)
    return took


programs = [("less", ["less", a.file]), ("liveblog", [a.bin, a.file])]
for also in a.also:
    name, sep, program = also.partition("=")
    if not sep or not name or not program:
        sys.exit(f"--also {also!r}: expected NAME=PROGRAM")
    programs.append((name, [program, a.file]))
times = {name: [] for name, _ in programs}
for _ in range(a.runs):
    for name, cmd in programs:
        t = once(cmd)
        if t is None:
            sys.exit(f"{' '.join(cmd)}: the marker {a.marker!r} never came")
        times[name].append(t)

print(f"{a.cols}x{a.rows}, from the fork to the first screen's bytes, {a.runs} starts each, "
      "alternating\n")
print("| | median | quartiles | fastest |")
print("|---|---|---|---|")
for name, ts in times.items():
    q = statistics.quantiles(ts, n=4)
    print(f"| `{name}` | {statistics.median(ts):.2f} ms | {q[0]:.2f}–{q[2]:.2f} ms | "
          f"{min(ts):.2f} ms |")
gap = statistics.median(times["liveblog"]) - statistics.median(times["less"])
print(f"\nliveblog - less: {gap:+.2f} ms (medians)")
