#!/usr/bin/env python3
# Copied from the project's shared tools, tools/ttybench.py, so the comparison with `less` runs
# from a checkout alone; see vs_less.py. One change: the first screen is read apart from the
# emulator (`first_screen`). The original fed each read to the emulator and searched its whole
# 200x60 screen for the marker (5 ms in pyte) before reading again, so bytes the program wrote
# meanwhile waited unread: a screen written in two pieces was charged for the emulator between
# them, and a first screen written 6 ms after the start was read at 6 to 16 ms.
"""Measure a terminal program the way a person meets it, through a real pseudo-terminal
and a terminal emulator (pyte): time to the first screen showing MARKER, latency of each
key until the screen settles, idle CPU, and peak memory. Prints one JSON line.

usage: ttybench.py --marker TEXT [--cols 200] [--rows 60] [--keys KEY*N ...] [--idle S]
                   [--quit q] -- COMMAND ARGS...
KEY: pgdn, pgup, down, up, space, or a literal character. Needs pyte (pip install pyte)."""
import argparse, fcntl, json, os, pty, select, signal, struct, sys, termios, time
import pyte

KEYS = {"pgdn": b"\x1b[6~", "pgup": b"\x1b[5~", "down": b"\x1b[B", "up": b"\x1b[A", "space": b" "}

def first_screen(fd, stream, text, marker, t0, deadline, got, quiet=0.3):
    """The arrival time of the bytes that put `marker` on the screen, or None. Everything the
    program writes until it has been quiet for `quiet` seconds is read and time-stamped first,
    and only then fed to the emulator chunk by chunk: the emulator's own time (a 200x60 screen
    costs pyte milliseconds) never delays the reading of the next chunk, so a program that
    writes its screen in several pieces is not charged for the emulator between them."""
    chunks, last = [], t0
    while time.perf_counter() < deadline:
        if chunks and time.perf_counter() - last > quiet:
            break
        r, _, _ = select.select([fd], [], [], 0.005)
        if not r:
            continue
        try:
            data = os.read(fd, 65536)
        except OSError:
            break
        if not data:
            break
        last = time.perf_counter()
        got["bytes"] += len(data)
        chunks.append((last, data))
    for at, data in chunks:
        stream.feed(data)
        if marker in text():
            return at
    return None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--marker", required=True)
    ap.add_argument("--cols", type=int, default=200)
    ap.add_argument("--rows", type=int, default=60)
    ap.add_argument("--keys", nargs="*", default=[])
    ap.add_argument("--idle", type=float, default=0)
    ap.add_argument("--quit", default="q")
    ap.add_argument("--settle", type=float, default=0.05, help="quiet time that ends a key's response")
    ap.add_argument("--timeout", type=float, default=30)
    ap.add_argument("cmd", nargs="+")
    a = ap.parse_args()

    screen = pyte.Screen(a.cols, a.rows)
    stream = pyte.ByteStream(screen)
    t0 = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["TERM"] = "xterm-256color"
        os.environ.pop("NO_COLOR", None)
        os.execvp(a.cmd[0], a.cmd)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", a.rows, a.cols, 0, 0))
    os.kill(pid, signal.SIGWINCH)

    got = {"bytes": 0}

    def read_for(deadline, until=None, feed=True):
        """Read until `until()` is true (or deadline). Returns the time the last byte came.
        With feed=False the bytes are held and fed to the emulator afterwards, so that the
        emulator's own speed does not delay the reading of what the program writes next."""
        last, held = None, []
        while time.perf_counter() < deadline:
            r, _, _ = select.select([fd], [], [], 0.005)
            if r:
                try:
                    data = os.read(fd, 65536)
                except OSError:
                    return last
                if not data:
                    break
                last = time.perf_counter()  # arrival, before the emulator's own work
                got["bytes"] += len(data)
                if feed:
                    stream.feed(data)
                else:
                    held.append(data)
            if until and until(last):
                break
        for data in held:
            stream.feed(data)
        return last

    text = lambda: "\n".join(screen.display)
    first = first_screen(fd, stream, text, a.marker, t0, t0 + a.timeout, got)
    result = {"cmd": " ".join(a.cmd), "size": f"{a.cols}x{a.rows}"}
    if first is None:
        result["error"] = "marker never appeared"
        os.kill(pid, signal.SIGKILL)
        print(json.dumps(result)); sys.exit(1)
    result["first_screen_ms"] = round((first - t0) * 1000, 2)

    lat, silent = [], 0
    got["bytes"] = 0
    for spec in a.keys:
        k, _, n = spec.partition("*")
        key = KEYS.get(k, k.encode())
        for _ in range(int(n or 1)):
            sent = time.perf_counter()
            os.write(fd, key)
            # A key the program answers with no output (nothing to redraw) ends after 1 s.
            quiet = lambda last: (last is not None and time.perf_counter() - last > a.settle) or (
                last is None and time.perf_counter() - sent > 1.0)
            last = read_for(sent + 5, quiet, feed=False)
            if last is None:
                silent += 1
            else:
                lat.append((last - sent) * 1000)
    if silent:
        result["keys_without_output"] = silent
    if lat:
        s = sorted(lat)
        result["keys"] = len(lat)
        result["key_ms_median"] = round(s[len(s) // 2], 2)
        result["key_ms_p95"] = round(s[int(len(s) * 0.95) - 1 if len(s) > 1 else 0], 2)
        result["key_ms_max"] = round(s[-1], 2)
        result["bytes_per_key"] = round(got["bytes"] / len(lat))

    def cpu():
        with open(f"/proc/{pid}/stat") as f:
            parts = f.read().rsplit(")", 1)[1].split()
        return (int(parts[11]) + int(parts[12])) / os.sysconf("SC_CLK_TCK")
    if a.idle:
        c0 = cpu(); time.sleep(a.idle); c1 = cpu()
        read_for(time.perf_counter() + 0.01)
        result["idle_cpu_pct"] = round((c1 - c0) / a.idle * 100, 3)

    os.write(fd, a.quit.encode())
    end = time.perf_counter() + 5
    while time.perf_counter() < end:
        read_for(time.perf_counter() + 0.05)
        wpid, status, ru = os.wait4(pid, os.WNOHANG)
        if wpid:
            result["exit"] = os.waitstatus_to_exitcode(status)
            result["cpu_s"] = round(ru.ru_utime + ru.ru_stime, 3)
            result["max_rss_mb"] = round(ru.ru_maxrss / 1024, 1)
            break
    else:
        os.kill(pid, signal.SIGKILL); os.waitpid(pid, 0)
        result["exit"] = "did not quit"
    print(json.dumps(result))

if __name__ == "__main__":
    main()
