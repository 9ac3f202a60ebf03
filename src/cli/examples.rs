//! The examples each command's `--help` ends with: real command lines, each beside what it
//! does, in two columns.

/// `liveblog --help`: the reader, and a line or two of each command.
pub const READER: &str = "\
Examples:
  liveblog                                  read the bundled blog (Paris summit on Ukraine)
  liveblog blog.txt                         read a saved live blog (text, JSON, HTML or a feed)
  liveblog https://www.theguardian.com/world/live/2025/feb/17/…
                                            follow a Guardian live blog, checked every 10 s
  liveblog --interval 60 https://example.com/live-page.html
                                            follow any page with schema.org LiveBlogPosting,
                                            an AMP live list, or timed blocks (entries guessed)
  liveblog https://example.com/2026/12/01/storm-live/
                                            a WordPress Liveblog post, through the plugin's API
  liveblog dump blog.json --format markdown print a blog as Markdown
  liveblog blog.txt | less                  not a terminal: prints the blog as text
  curl -s URL | liveblog -                  a blog piped in (- is standard input), read once
  liveblog follow --format jsonl URL | jq .title
                                            new and edited entries as JSON lines, as they come
  liveblog serve blog.json --pace 5         replay a saved blog as if live, on 127.0.0.1

Several blogs of one event, merged newest first, each entry tagged with its blog:
  liveblog a.txt https://www.bbc.co.uk/news/live/…
                                            two blogs at once (stdout not a terminal: as text)
  liveblog --event paris-summit             the blogs of an event named in the config file
  liveblog paris-summit                     the same, when no file of that name exists
  liveblog dump --event paris-summit --format json
                                            one document; every entry names its \"source\"
  liveblog follow A B --format jsonl        both blogs' changes as they come, with \"source\"
  liveblog serve a.json b.html              replay each file on its own path: /1/…, /2/…
  liveblog --demo-event                     two bundled blogs replayed live, merged
  liveblog follow --demo-event              the same as a stream of tagged entries

For a status bar (tmux, polybar) or a script:
  liveblog status --event paris-summit      one line, e.g. \"Paris summit ● 5 new · 2 key\"
  liveblog follow URL --notify key-events   ring the terminal (stderr) on each new key event
  liveblog URL --notify key-events --alert ceasefire
                                            the reader rings (bell and desktop notification)
                                            on key events and on the word \"ceasefire\"

Keys in the reader: j/k scroll, ]/[ next/previous key event, / search, c what changed since
you last looked, 0-9 tabs of several blogs, Tab switch pane, ? help, q quit.
NO_COLOR=1 turns colour off; TERM=dumb (an editor's shell) prints the blog as text, as a
pipe does. GUARDIAN_API_KEY switches Guardian URLs to the Content API.";

/// `liveblog dump --help`.
pub const DUMP: &str = "\
Examples:
  liveblog dump blog.html                   print a saved blog as text
  liveblog dump blog.json --format markdown print it as Markdown
  liveblog dump URL --format json > blog.json
                                            keep a web blog in liveblog's JSON, which it reads back
  liveblog dump --all URL > blog.txt        every page of a paged blog (Guardian, WordPress),
                                            one request a second
  liveblog dump a.txt b.json                two blogs merged, newest first, each entry tagged
  liveblog dump --event paris-summit --format json
                                            one document; every entry names its \"source\"";

/// `liveblog follow --help`.
pub const FOLLOW: &str = "\
Examples:
  liveblog follow URL                       each new or edited entry as it comes, like tail -f
  liveblog follow --format jsonl URL | jq .title
                                            the same as JSON lines, one object per entry
  liveblog follow --key-events-only URL     key events only
  liveblog follow URL --notify key-events   ring the terminal (stderr) on each new key event
  liveblog follow URL --alert ceasefire --on-alert \"sh -c 'cat >> alerts.jsonl'\"
                                            on key events and the word \"ceasefire\", the alert
                                            as JSON to a program (here appended to a file)
  liveblog follow --event paris-summit      the blogs of an event as one stream, each entry tagged";

/// `liveblog serve --help`.
pub const SERVE: &str = "\
Examples:
  liveblog serve                            replay the bundled blog, a new entry every 20 s
  liveblog serve blog.txt --pace 5          a saved blog, a new entry every 5 s
  liveblog serve blog.json --speed 60       entries at their own times, an hour in a minute
  liveblog serve a.json b.html --rebase     two blogs on one address (/1/…, /2/…), interleaved
  liveblog serve --addr 127.0.0.1:8080 blog.json
                                            on a fixed port: liveblog http://127.0.0.1:8080/
                                            in another terminal reads it";

/// `liveblog status --help`.
pub const STATUS: &str = "\
Examples:
  liveblog status URL                       e.g. \"Ukraine war live ● 3 new · 1 key\"
  liveblog status --event paris-summit      the blogs of an event summed into one line
  liveblog status a.json https://www.bbc.co.uk/news/live/…
                                            two blogs, named by their short names
  set -g status-right '#(liveblog status --event paris-summit)'
                                            in ~/.tmux.conf: the line in tmux's status bar
                                            (with status-interval 30 or more)";

/// `liveblog config --help`.
pub const CONFIG: &str = "\
Examples:
  liveblog config                           where the config file is read from
  liveblog config --print-default > ~/.config/liveblog/config.toml
                                            start a config file, every setting commented out
  liveblog config --print-default | less    every setting, and the names of key actions and
                                            colours, explained";

/// `liveblog completions --help`.
pub const COMPLETIONS: &str = "\
Examples:
  liveblog completions bash > ~/.local/share/bash-completion/completions/liveblog
                                            bash, from its next start
  liveblog completions zsh > ~/.zfunc/_liveblog
                                            zsh, with fpath+=~/.zfunc before compinit
  liveblog completions fish > ~/.config/fish/completions/liveblog.fish
                                            fish";

/// `liveblog man --help`.
pub const MAN: &str = "\
Examples:
  liveblog man | man -l -                   read the manual page now
  liveblog man > ~/.local/share/man/man1/liveblog.1
                                            then man liveblog (with ~/.local/bin on PATH)";
