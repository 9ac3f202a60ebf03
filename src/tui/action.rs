//! What can happen to the reader (actions) and what it asks the outside world to do (effects).
//! Intents are imperative (`ScrollDown`); results are past tense (`BlogLoaded`).

use crate::live::Event;
use jiff::Timestamp;

/// A mouse event reduced to what the reader uses, in terminal cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mouse {
    WheelUp { column: u16, row: u16 },
    WheelDown { column: u16, row: u16 },
    Click { column: u16, row: u16 },
}

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    ScrollDown,
    ScrollUp,
    PageDown,
    PageUp,
    /// Half a page, as Ctrl-d and Ctrl-u in less and vim.
    HalfPageDown,
    HalfPageUp,
    Top,
    Bottom,
    NextKeyEvent,
    PrevKeyEvent,
    Select,
    FocusNext,
    FocusSidebar,
    FocusEntries,
    ToggleSidebar,
    /// Give the sidebar more columns, or fewer (the reader's width then stays, over resizes).
    SidebarWider,
    SidebarNarrower,
    ToggleHelp,
    /// Clear the terminal and draw the whole screen again (something else wrote on it).
    Redraw,
    Refresh,
    TogglePause,
    JumpToNew,
    LoadOlder,
    /// Show the links of the entry at the top of the view, to open one.
    OpenLinks,
    /// Close an overlay (help, a list: the links, the catch-up, an edit's changes); nothing
    /// else, so it can never quit.
    Close,
    Quit,
    Suspend,
    Resize {
        width: u16,
        height: u16,
    },
    Mouse(Mouse),
    /// The clock moved on (relative times, countdowns); carries the time so `update` never
    /// reads the clock itself.
    Tick(Timestamp),
    /// What blog `0`'s refresher (or the `n`th blog's) reported: a new version, a failure,
    /// the schedule, history.
    Live(usize, Event),
    /// Show the merged view (`0`) or blog `n` (from 1).
    ShowView(usize),
    /// The next or previous view (merged, then each blog).
    NextView,
    PrevView,
    /// Open the list of what changed since the reader last looked.
    CatchUp,
    /// Show what the last edit of the entry at the top changed.
    ShowDiff,
    /// Show key events and summaries only, or everything again.
    ToggleKeyOnly,
    /// `&`: open the prompt of the word filter.
    FilterWord,
    /// `A`: only the entries by the author of the entry at the top, or everyone's again.
    FilterAuthor,
    /// Copy the permalink of the entry at the top; open it; copy its text.
    CopyLink,
    OpenPermalink,
    CopyText,
    /// Open the search prompt; while it is open, keys are text.
    Search,
    SearchChar(char),
    SearchBackspace,
    /// In a prompt: the word before the cursor (Ctrl-W, Alt-Backspace), or all that is typed
    /// (Ctrl-U) erased, as in a shell.
    SearchEraseWord,
    SearchEraseAll,
    /// Text pasted (bracketed paste), made one clean line: the open prompt takes it whole;
    /// anywhere else it is not read as keys.
    Pasted(String),
    /// The next or previous entry that matches the search.
    NextMatch,
    PrevMatch,
    /// Mark the entry at the top read; or it and everything above.
    MarkRead,
    MarkAllRead,
    /// The browser was started for this link.
    LinkOpened {
        url: String,
    },
    /// A hand-off to another program failed (the browser could not be started, the alert
    /// program failed); one sanitised line.
    HandOffFailed {
        error: String,
    },
}

impl Action {
    /// Whether the action comes from the reader (keys, mouse, resize) rather than the clock or
    /// the background.
    /// A resize, a suspend and its resume, Ctrl-L: the same entries shown again, nothing read
    /// or moved to.
    pub fn shows_again(&self) -> bool {
        matches!(
            self,
            Action::Resize { .. } | Action::Suspend | Action::Redraw
        )
    }

    pub fn is_user_input(&self) -> bool {
        !matches!(
            self,
            Action::Tick(_)
                | Action::Live(..)
                | Action::LinkOpened { .. }
                | Action::HandOffFailed { .. }
        )
    }
}

/// I/O that `update` asks the event loop to perform.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    Quit,
    Suspend,
    /// Forget what the terminal shows: the next frame clears it and is written whole.
    Redraw,
    /// Fetch the source now, out of schedule.
    RefreshNow,
    /// Pause or resume polling.
    SetPaused(bool),
    /// Open this link (already checked by `entry_layout::openable`) in the user's browser.
    OpenUrl(String),
    /// Fetch the next older page of blog `n` (the pointer as the source gave it).
    LoadOlder(usize, String),
    /// Fetch the page of blog `n` that holds this entry (its own id), then show it.
    LoadPageWith(usize, String),
    /// Set the terminal title (already sanitised).
    SetTitle(String),
    /// Put this text on the clipboard (through the terminal).
    Copy(String),
    /// Tell the reader something arrived: bell, desktop notification, their own program.
    Alert(Box<crate::alert::Alert>),
    /// Free a view of a long blog the reader no longer shows, away from the keys: its
    /// thousands of entries take milliseconds to free, which the next key would wait for.
    Free(Box<crate::blog::LiveBlog>),
}
