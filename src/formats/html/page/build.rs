//! The tree of a page, built by the rules of HTML5's tree construction for the tokens and
//! insertion modes read here, into scraper's tree sink as html5ever builds it.
//!
//! The list of active formatting elements is never reconstructed here: a formatting element
//! (`b`, `a`, `em`, …) closed by anything but its own end tag as the current node is refused.
//! So that list holds exactly the formatting elements still open, and the rules that read it
//! (reconstruction, the adoption agency, the Noah's Ark clause) have nothing to do.

use super::Refused;
use super::lex::{Lexer, Raw, Tag, Token};
use super::sets::{
    closes_in_scope, closes_p, formatting, heading, implied_end, in_head, raw_in_body,
    refused_in_body, special, void_in_body,
};
use super::skim::{self, Tok};
use crate::formats::html::depth::{MAX_PAGE_DEPTH, never_dropped};
use html5ever::interface::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::tendril::StrTendril;
use html5ever::{LocalName, QualName, local_name, ns};
use scraper::{Html, HtmlTreeSink};
use std::borrow::Cow;
use std::ops::Range;

/// Where the tree is built: scraper's tree, or the light one (`light.rs`) when only an AMP
/// list is read from it. Every node is appended to a parent as it is made; none is moved.
pub(super) trait Sink<'a> {
    type Handle: Copy + Eq;
    fn document(&self) -> Self::Handle;
    /// `<!DOCTYPE html>`, the only doctype read here.
    fn doctype(&mut self);
    fn quirks(&mut self);
    fn comment(&mut self, parent: Self::Handle, text: &str);
    /// A new element in the HTML namespace, appended to `parent`.
    fn element(
        &mut self,
        parent: Self::Handle,
        name: LocalName,
        attrs: Vec<html5ever::Attribute>,
    ) -> Self::Handle;
    /// Text appended to `parent` (to its last child, when that is text).
    fn text(&mut self, parent: Self::Handle, text: &str);
    /// Where the tokens of the content of the element just made go, when it would rather be
    /// skimmed (`skim.rs`) than built.
    fn skims(&mut self, _element: Self::Handle) -> Option<&mut Vec<Tok<'a>>> {
        None
    }
    /// The content of `element`, skimmed (its tokens are `toks` of those pushed): the element
    /// is closed, and nothing is inside it.
    fn skimmed(&mut self, _element: Self::Handle, _html: &'a str, _toks: Range<usize>) {}
}

impl Sink<'_> for HtmlTreeSink {
    type Handle = <HtmlTreeSink as TreeSink>::Handle;

    fn document(&self) -> Self::Handle {
        self.get_document()
    }

    fn doctype(&mut self) {
        let empty = StrTendril::new;
        self.append_doctype_to_document(StrTendril::from_slice("html"), empty(), empty());
    }

    fn quirks(&mut self) {
        self.set_quirks_mode(QuirksMode::Quirks);
    }

    fn comment(&mut self, parent: Self::Handle, text: &str) {
        let comment = self.create_comment(StrTendril::from_slice(text));
        self.append(&parent, NodeOrText::AppendNode(comment));
    }

    fn element(
        &mut self,
        parent: Self::Handle,
        name: LocalName,
        attrs: Vec<html5ever::Attribute>,
    ) -> Self::Handle {
        let id = self.create_element(
            QualName::new(None, ns!(html), name),
            attrs,
            ElementFlags::default(),
        );
        self.append(&parent, NodeOrText::AppendNode(id));
        id
    }

    fn text(&mut self, parent: Self::Handle, text: &str) {
        self.append(
            &parent,
            NodeOrText::AppendText(StrTendril::from_slice(text)),
        );
    }
}

/// The insertion modes a page read here passes through (the text mode of raw-text elements
/// is the lexer's [`Lexer::raw_text`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Initial,
    BeforeHtml,
    BeforeHead,
    InHead,
    AfterHead,
    InBody,
    AfterBody,
    AfterAfterBody,
}

/// An element on the stack of open elements.
struct Open<H> {
    id: H,
    name: LocalName,
}

struct Builder<'a, S: Sink<'a>> {
    lex: Lexer<'a>,
    sink: S,
    doc: S::Handle,
    mode: Mode,
    open: Vec<Open<S::Handle>>,
    head: Option<S::Handle>,
    form: Option<S::Handle>,
    /// Open formatting elements: the whole list of active formatting elements (see above).
    formatting: usize,
    /// Open `p` elements, so that most block starts need no search for one.
    paragraphs: usize,
    /// A line feed right at the start of the next token is dropped (after `<pre>`).
    ignore_lf: bool,
}

/// Builds the tree of `html` (carriage returns already normalised).
pub(super) fn build(html: &str) -> Result<Html, Refused> {
    // Room for every node at once: each is a tag (one `<` at least), the text before a tag or
    // at the end, or one of the few the rules imply. Grown a node at a time, the tree's vector
    // was copied whole a dozen times, 4% of reading a live poll's answer. Room not used is
    // never touched, but it is asked for: a page of nothing but `<` gets no more than
    // `MAX_ROOM` ahead, and grows as before past it.
    const MAX_ROOM: usize = 1 << 16;
    // Counted no further than the room can use: a large page is not read twice for it.
    let tags = memchr::memchr_iter(b'<', html.as_bytes())
        .take(MAX_ROOM / 2)
        .count();
    let room = (2 * tags + 8).min(MAX_ROOM);
    let mut document = Html::new_document();
    document.tree = ego_tree::Tree::with_capacity(scraper::Node::Document, room);
    build_into(html, HtmlTreeSink::new(document)).map(TreeSink::finish)
}

/// Builds the tree of `html` (carriage returns already normalised) into `sink`.
pub(super) fn build_into<'a, S: Sink<'a>>(html: &'a str, sink: S) -> Result<S, Refused> {
    let doc = sink.document();
    let mut b = Builder {
        lex: Lexer::new(html),
        sink,
        doc,
        mode: Mode::Initial,
        open: Vec::new(),
        head: None,
        form: None,
        formatting: 0,
        paragraphs: 0,
        ignore_lf: false,
    };
    loop {
        let token = b.lex.next_token()?;
        if matches!(token, Token::Eof) {
            b.eof()?;
            break;
        }
        b.token(token)?;
    }
    Ok(b.sink)
}

/// Where a search of the stack for an element in scope stops, besides `html` (the other
/// elements of html5ever's default scope are never open here).
#[derive(Clone, Copy)]
enum Scope {
    Default,
    Button,
    ListItem,
}

impl<'a, S: Sink<'a>> Builder<'a, S> {
    fn token(&mut self, token: Token<'_>) -> Result<(), Refused> {
        let ignore_lf = std::mem::take(&mut self.ignore_lf);
        match token {
            Token::Text(t) => {
                let t = if ignore_lf {
                    // A line feed from a reference without `;` follows a parse error, which
                    // uses up html5ever's flag: left to it.
                    if matches!(t, Cow::Owned(_)) && t.starts_with('\n') {
                        return Err(Refused("reference after <pre>"));
                    }
                    t.strip_prefix('\n').unwrap_or(&t)
                } else {
                    &t
                };
                if t.is_empty() {
                    return Ok(());
                }
                self.text(t)
            }
            Token::Doctype if self.mode == Mode::Initial => {
                self.sink.doctype();
                self.mode = Mode::BeforeHtml;
                Ok(())
            }
            Token::Doctype => Err(Refused("doctype out of place")),
            Token::Comment(c) => {
                let parent = match self.mode {
                    Mode::Initial | Mode::BeforeHtml | Mode::AfterAfterBody => self.doc,
                    Mode::AfterBody => self.open.first().ok_or(Refused("no html"))?.id,
                    _ => self.current()?,
                };
                self.sink.comment(parent, c);
                Ok(())
            }
            Token::Start(tag) => self.start(tag),
            Token::End(name) => self.end(&name),
            Token::Eof => self.eof(),
        }
    }

    fn current(&self) -> Result<S::Handle, Refused> {
        self.open
            .last()
            .map(|o| o.id)
            .ok_or(Refused("no open element"))
    }

    fn current_is(&self, name: &LocalName) -> bool {
        self.open.last().is_some_and(|o| o.name == *name)
    }

    /// What every mode before the body does with a token it has no rule for: the implied
    /// `html`, `head` and `body`, and the return to the body after it.
    fn anything_else(&mut self) -> Result<(), Refused> {
        self.mode = match self.mode {
            Mode::Initial => {
                self.sink.quirks();
                Mode::BeforeHtml
            }
            Mode::BeforeHtml => {
                self.root(Vec::new());
                Mode::BeforeHead
            }
            Mode::BeforeHead => {
                self.head = Some(self.insert(local_name!("head"), Vec::new())?);
                Mode::InHead
            }
            Mode::InHead => {
                self.pop_implied()?;
                Mode::AfterHead
            }
            Mode::AfterHead => {
                self.insert(local_name!("body"), Vec::new())?;
                Mode::InBody
            }
            Mode::AfterBody | Mode::AfterAfterBody => Mode::InBody,
            Mode::InBody => return Err(Refused("no rule")),
        };
        Ok(())
    }

    fn eof(&mut self) -> Result<(), Refused> {
        while !matches!(
            self.mode,
            Mode::InBody | Mode::AfterBody | Mode::AfterAfterBody
        ) {
            self.anything_else()?;
        }
        Ok(())
    }

    fn text(&mut self, mut t: &str) -> Result<(), Refused> {
        loop {
            if self.mode == Mode::InBody {
                return self.append_text(t);
            }
            // Every other mode takes leading white space apart from the rest.
            let rest = t.trim_start_matches(|c: char| c.is_ascii_whitespace());
            let space = &t[..t.len() - rest.len()];
            if !space.is_empty() {
                match self.mode {
                    Mode::InHead | Mode::AfterHead | Mode::AfterBody | Mode::AfterAfterBody => {
                        self.append_text(space)?;
                    }
                    _ => {}
                }
            }
            if rest.is_empty() {
                return Ok(());
            }
            t = rest;
            self.anything_else()?;
        }
    }

    fn append_text(&mut self, t: &str) -> Result<(), Refused> {
        let parent = self.current()?;
        self.sink.text(parent, t);
        Ok(())
    }

    /// The `html` element, made for its start tag or implied.
    fn root(&mut self, attrs: Vec<html5ever::Attribute>) {
        let id = self.sink.element(self.doc, local_name!("html"), attrs);
        self.open.push(Open {
            id,
            name: local_name!("html"),
        });
    }

    /// Inserts an element at the current node and opens it.
    fn insert(
        &mut self,
        name: LocalName,
        attrs: Vec<html5ever::Attribute>,
    ) -> Result<S::Handle, Refused> {
        let parent = self.current()?;
        let id = self.sink.element(parent, name.clone(), attrs);
        if name == local_name!("p") {
            self.paragraphs += 1;
        } else if formatting(&name) {
            self.formatting += 1;
        }
        self.open.push(Open { id, name });
        Ok(id)
    }

    /// Inserts an element without content (`meta`, `img`, …) into `parent`.
    fn insert_void(&mut self, parent: S::Handle, tag: Tag) {
        self.sink.element(parent, tag.name, tag.attrs);
    }

    /// Inserts a raw-text element (`script`, `style`, `title`, …) into `parent` with its
    /// content, read up to its end tag.
    fn insert_raw(&mut self, parent: S::Handle, tag: Tag, kind: Raw) -> Result<(), Refused> {
        let textarea = tag.name == local_name!("textarea");
        let content = self.lex.raw_text(&tag.name, kind)?;
        let id = self.sink.element(parent, tag.name, tag.attrs);
        let mut text: &str = &content;
        if textarea {
            if matches!(content, Cow::Owned(_)) && text.starts_with('\n') {
                return Err(Refused("reference after <textarea>"));
            }
            text = text.strip_prefix('\n').unwrap_or(text);
        }
        if !text.is_empty() {
            self.sink.text(id, text);
        }
        Ok(())
    }

    /// Handles held by html5ever's tree builder, as the depth guard counts them.
    fn depth(&self) -> usize {
        1 + self.open.len()
            + self.formatting
            + usize::from(self.head.is_some())
            + usize::from(self.form.is_some())
    }

    fn start(&mut self, tag: Tag) -> Result<(), Refused> {
        // The depth first: it is a sum, where the name is compared with a list.
        if self.depth() > MAX_PAGE_DEPTH && !never_dropped(&tag.name) {
            // The guard stops html5ever here: left to it to say so.
            return Err(Refused("too deep"));
        }
        loop {
            match (self.mode, &tag.name) {
                (Mode::InBody, _) => return self.body_start(tag),
                (_, &local_name!("html"))
                    if !matches!(self.mode, Mode::Initial | Mode::BeforeHtml) =>
                {
                    return Err(Refused("<html> again"));
                }
                (Mode::BeforeHtml, &local_name!("html")) => {
                    self.root(tag.attrs);
                    self.mode = Mode::BeforeHead;
                    return Ok(());
                }
                (Mode::BeforeHead, &local_name!("head")) => {
                    self.head = Some(self.insert(tag.name, tag.attrs)?);
                    self.mode = Mode::InHead;
                    return Ok(());
                }
                (Mode::InHead, name) if in_head(name) => {
                    let parent = self.current()?;
                    return self.head_element(parent, tag);
                }
                (Mode::InHead | Mode::AfterHead, &(names!("head" | "template")))
                | (Mode::AfterHead, &local_name!("frameset")) => {
                    return Err(Refused("odd tag in head"));
                }
                (Mode::AfterHead, &local_name!("body")) => {
                    self.insert(tag.name, tag.attrs)?;
                    self.mode = Mode::InBody;
                    return Ok(());
                }
                (Mode::AfterHead, name) if in_head(name) && *name != local_name!("noscript") => {
                    // Put in the head after it has ended.
                    let head = self.head.ok_or(Refused("no head"))?;
                    return self.head_element(head, tag);
                }
                _ => self.anything_else()?,
            }
        }
    }

    /// A start tag the in-head rules insert at `parent`.
    fn head_element(&mut self, parent: S::Handle, tag: Tag) -> Result<(), Refused> {
        match tag.name {
            local_name!("title") => self.insert_raw(parent, tag, Raw::Rcdata),
            local_name!("script") => self.insert_raw(parent, tag, Raw::Script),
            names!("noframes" | "style" | "noscript") => self.insert_raw(parent, tag, Raw::Rawtext),
            _ => {
                self.insert_void(parent, tag);
                Ok(())
            }
        }
    }

    fn end(&mut self, name: &LocalName) -> Result<(), Refused> {
        loop {
            let implied = matches!(*name, names!("head" | "body" | "html" | "br"));
            match self.mode {
                Mode::InBody => return self.body_end(name),
                Mode::InHead if *name == local_name!("head") => {
                    self.pop_implied()?;
                    self.mode = Mode::AfterHead;
                    return Ok(());
                }
                Mode::InHead | Mode::AfterHead if *name == local_name!("head") => {
                    return Err(Refused("stray </head>"));
                }
                Mode::AfterBody if *name == local_name!("html") => {
                    self.mode = Mode::AfterAfterBody;
                    return Ok(());
                }
                Mode::Initial | Mode::AfterBody | Mode::AfterAfterBody => self.anything_else()?,
                _ if implied => self.anything_else()?,
                _ => return Err(Refused("stray end tag before the body")),
            }
        }
    }

    // --- The body ---

    fn body_start(&mut self, tag: Tag) -> Result<(), Refused> {
        if let Some(kind) = raw_in_body(&tag.name) {
            if tag.name == local_name!("xmp") {
                self.close_p()?;
            }
            let parent = self.current()?;
            return self.insert_raw(parent, tag, kind);
        }
        if void_in_body(&tag.name) {
            if tag.name == local_name!("hr") {
                self.close_p()?;
            }
            let parent = self.current()?;
            self.insert_void(parent, tag);
            return Ok(());
        }
        if refused_in_body(&tag.name) {
            return Err(Refused("element with rules not read here"));
        }
        if closes_p(&tag.name) {
            self.close_p()?;
        }
        match tag.name {
            names!("h1" | "h2" | "h3" | "h4" | "h5" | "h6") => {
                if self.open.last().is_some_and(|o| heading(&o.name)) {
                    return Err(Refused("heading in a heading"));
                }
            }
            names!("pre" | "listing") => self.ignore_lf = true,
            local_name!("form") => {
                if self.form.is_some() {
                    return Err(Refused("form in a form"));
                }
                self.form = Some(self.insert(tag.name, tag.attrs)?);
                return Ok(());
            }
            names!("li" | "dd" | "dt") => return self.list_item(tag),
            local_name!("button") if self.in_scope(&local_name!("button"), Scope::Default) => {
                return Err(Refused("button in a button"));
            }
            _ if formatting(&tag.name) => {
                let open = self.open.iter().filter(|o| o.name == tag.name).count();
                if (tag.name == local_name!("a") && open > 0) || open >= 3 {
                    // Misnested links and the Noah's Ark clause.
                    return Err(Refused("formatting element open again"));
                }
            }
            _ => {}
        }
        let name = tag.name.clone();
        let id = self.insert(tag.name, tag.attrs)?;
        self.skim(id, &name);
        Ok(())
    }

    /// Skims the content of `element`, the current node, when nothing open around it could
    /// change how that content is built (no paragraph, list item, heading, button, formatting
    /// element or form: the elements whose rules reach out of the content), and its end tag
    /// only closes it; else leaves it to be built.
    fn skim(&mut self, element: S::Handle, name: &LocalName) {
        let ends_alone = matches!(
            *name,
            names!("div" | "section" | "article" | "aside" | "header" | "footer" | "main" | "nav")
        );
        if !ends_alone
            || self.mode != Mode::InBody
            || self.paragraphs > 0
            || self.formatting > 0
            || self.form.is_some()
            || self.depth() + 2 * skim::MAX_OPEN > MAX_PAGE_DEPTH
        {
            return;
        }
        // Asked before the open elements are looked at: most elements are no item (and
        // scraper's tree skims none), so the page reading pays only the tests above.
        let Some(toks) = self.sink.skims(element) else {
            return;
        };
        let inert = |n: &LocalName| {
            (!special(n) && !formatting(n))
                || matches!(
                    *n,
                    names!(
                        "html"
                            | "body"
                            | "div"
                            | "section"
                            | "article"
                            | "main"
                            | "aside"
                            | "header"
                            | "footer"
                            | "nav"
                            | "address"
                            | "center"
                            | "figure"
                            | "figcaption"
                            | "blockquote"
                            | "hgroup"
                            | "search"
                    )
                )
        };
        let outside = &self.open[..self.open.len().saturating_sub(1)];
        if !outside.iter().all(|o| inert(&o.name)) {
            return;
        }
        let first = toks.len();
        let (src, at) = self.lex.at();
        let Some((content, end)) = skim::content(src, at, name, toks) else {
            return;
        };
        let pushed = first..toks.len();
        self.lex.skip_to(end);
        // Closed by its own end tag, as `body_end` closes it when it is the current node.
        self.open.pop();
        self.sink.skimmed(element, &src[content], pushed);
    }

    /// `<li>`, `<dd>` or `<dt>`: closes the item open, if it is not inside another block.
    fn list_item(&mut self, tag: Tag) -> Result<(), Refused> {
        let li = tag.name == local_name!("li");
        let mut close = None;
        for o in self.open.iter().rev() {
            let item = if li {
                o.name == local_name!("li")
            } else {
                matches!(o.name, names!("dd" | "dt"))
            };
            if item {
                close = Some(o.name.clone());
                break;
            }
            if special(&o.name) && !matches!(o.name, names!("address" | "div" | "p")) {
                break;
            }
        }
        if let Some(name) = close {
            self.implied_ends(Some(&name))?;
            self.pop_until(|n| *n == name)?;
        }
        self.close_p()?;
        self.insert(tag.name, tag.attrs)?;
        Ok(())
    }

    fn body_end(&mut self, name: &LocalName) -> Result<(), Refused> {
        match *name {
            names!("body" | "html") => {
                if !self.in_scope(&local_name!("body"), Scope::Default) {
                    return Err(Refused("no body to end"));
                }
                self.mode = if *name == local_name!("html") {
                    Mode::AfterAfterBody
                } else {
                    Mode::AfterBody
                };
            }
            _ if closes_in_scope(name) => {
                if !self.in_scope(name, Scope::Default) {
                    return Err(Refused("end tag of an element not open"));
                }
                self.implied_ends(None)?;
                self.pop_until(|n| n == name)?;
            }
            local_name!("form") => {
                let form = self.form.take().ok_or(Refused("no form to end"))?;
                if !self.in_scope_by(|o| o.id == form, Scope::Default) {
                    return Err(Refused("form not in scope"));
                }
                self.implied_ends(None)?;
                if self.current()? != form {
                    return Err(Refused("form not the current node"));
                }
                self.pop_implied()?;
            }
            local_name!("p") => {
                if self.paragraphs == 0 || !self.in_scope(name, Scope::Button) {
                    return Err(Refused("</p> without a p"));
                }
                self.close_p_element()?;
            }
            names!("li" | "dd" | "dt") => {
                let scope = if *name == local_name!("li") {
                    Scope::ListItem
                } else {
                    Scope::Default
                };
                if !self.in_scope(name, scope) {
                    return Err(Refused("end of an item not open"));
                }
                self.implied_ends(Some(name))?;
                self.pop_until(|n| n == name)?;
            }
            names!("h1" | "h2" | "h3" | "h4" | "h5" | "h6") => {
                if !self.in_scope_by(|o| heading(&o.name), Scope::Default) {
                    return Err(Refused("no heading to end"));
                }
                self.implied_ends(None)?;
                self.pop_until(heading)?;
            }
            _ if formatting(name) => {
                // The adoption agency, when it only closes the current node.
                if !self.current_is(name) {
                    return Err(Refused("misnested formatting element"));
                }
                self.open.pop();
                self.formatting -= 1;
            }
            names!("applet" | "marquee" | "object" | "br" | "template" | "select" | "option") => {
                return Err(Refused("end tag with rules not read here"));
            }
            _ => self.other_end(name)?,
        }
        Ok(())
    }

    /// Any other end tag: closes the nearest open element of its name, unless a special
    /// element comes first (then it is ignored, as a parse error: refused).
    fn other_end(&mut self, name: &LocalName) -> Result<(), Refused> {
        let mut at = None;
        for (i, o) in self.open.iter().enumerate().rev() {
            if o.name == *name {
                at = Some(i);
                break;
            }
            if special(&o.name) {
                return Err(Refused("stray end tag"));
            }
        }
        let at = at.ok_or(Refused("stray end tag"))?;
        self.implied_ends(Some(name))?;
        while self.open.len() > at {
            self.pop_implied()?;
        }
        Ok(())
    }

    /// Whether an element named `name` is in scope.
    fn in_scope(&self, name: &LocalName, scope: Scope) -> bool {
        self.in_scope_by(|o| o.name == *name, scope)
    }

    fn in_scope_by(&self, found: impl Fn(&Open<S::Handle>) -> bool, scope: Scope) -> bool {
        for o in self.open.iter().rev() {
            if found(o) {
                return true;
            }
            let boundary = match scope {
                Scope::Default => o.name == local_name!("html"),
                Scope::Button => matches!(o.name, names!("html" | "button")),
                Scope::ListItem => matches!(o.name, names!("html" | "ol" | "ul")),
            };
            if boundary {
                return false;
            }
        }
        false
    }

    /// Closes a `p` in button scope, as block starts do.
    fn close_p(&mut self) -> Result<(), Refused> {
        if self.paragraphs > 0 && self.in_scope(&local_name!("p"), Scope::Button) {
            self.close_p_element()?;
        }
        Ok(())
    }

    fn close_p_element(&mut self) -> Result<(), Refused> {
        self.implied_ends(Some(&local_name!("p")))?;
        self.pop_until(|n| *n == local_name!("p"))
    }

    /// Generates implied end tags, but for `except`.
    fn implied_ends(&mut self, except: Option<&LocalName>) -> Result<(), Refused> {
        while let Some(o) = self.open.last() {
            if !implied_end(&o.name) || except == Some(&o.name) {
                break;
            }
            self.pop_implied()?;
        }
        Ok(())
    }

    /// Pops elements until one whose name `is` was popped.
    fn pop_until(&mut self, is: impl Fn(&LocalName) -> bool) -> Result<(), Refused> {
        loop {
            let done = is(&self.open.last().ok_or(Refused("stack emptied"))?.name);
            self.pop_implied()?;
            if done {
                return Ok(());
            }
        }
    }

    /// Pops the current node, closed by something else than its own end tag. A formatting
    /// element closed so would be reconstructed later: refused.
    fn pop_implied(&mut self) -> Result<(), Refused> {
        let o = self.open.pop().ok_or(Refused("stack emptied"))?;
        if formatting(&o.name) {
            return Err(Refused("formatting element closed by another"));
        }
        if o.name == local_name!("p") {
            self.paragraphs -= 1;
        }
        Ok(())
    }
}
