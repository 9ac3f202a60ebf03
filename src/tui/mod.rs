//! The interactive reader: the Elm architecture, scoped by pane.
//! `action` (what happens), `model` (state and the pure `update`), `ui` (the view),
//! `app` (the one event loop, the only place that does I/O).

pub mod action;
mod ansi;
pub mod app;
pub mod entry_layout;
pub mod frame_writer;
pub mod help_layout;
pub mod input;
mod keep;
pub mod keymap;
pub mod model;
pub mod panes;
pub mod start;
mod stuck;
pub mod tab_layout;
mod table_layout;
pub mod terminal;
pub mod theme;
pub mod ui;
pub mod wrap;
