//! The browser without a terminal, as a user meets it: messages go in
//! through `App::update` (keys, the mouse, a resize, what the background
//! work answers), and everything a test knows comes out of the frames drawn
//! on ratatui's TestBackend: the panes found by their titles, the status
//! line, the rows under the cursor (their colour), the effects asked for.

use khabar::corpus::Article;
use khabar::text::{Order, fit_line};
use khabar::tui::actions::Action;
use khabar::tui::app::App;
use khabar::tui::msg::{Effect, Msg};
use khabar::tui::runtime::answer_now;
use khabar::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseEvent, MouseEventKind};
use ratatui::layout::Rect;
use ratatui::style::Color;

/// An app, the articles it was given (in the order given: the first is
/// listed first), and its last frame.
pub struct Ui {
    pub app: App,
    pub articles: Vec<Article>,
    size: (u16, u16),
    buf: Buffer,
}

/// The text `text` as drawn: shaped, in visual order, cut at `width`.
pub fn shaped(text: &str, width: usize) -> String {
    fit_line(text, width, Order::Visual).text
}

/// The colours of the default (dark) theme.
pub fn theme() -> Theme {
    Theme::dark()
}

impl Ui {
    pub fn new(app: App, articles: Vec<Article>) -> Ui {
        Ui {
            app,
            articles,
            size: (0, 0),
            buf: Buffer::empty(Rect::default()),
        }
    }

    /// Draw a frame at `w` x `h` (the app told of the size first); the
    /// screen as text, one line per row.
    pub fn draw(&mut self, w: u16, h: u16) -> String {
        self.size = (w, h);
        // what a resize asks for is answered too, as the loop would
        self.send(Msg::Resize(w, h));
        let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
        terminal.draw(|f| self.app.draw(f)).unwrap();
        self.buf = terminal.backend().buffer().clone();
        self.text()
    }

    /// Draw again at the last size.
    pub fn redraw(&mut self) -> String {
        let (w, h) = self.size;
        self.draw(w, h)
    }

    /// The last frame's cells.
    pub fn cells(&self) -> &Buffer {
        &self.buf
    }

    /// The last frame as text.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for y in 0..self.buf.area.height {
            out.push_str(&self.row(y, 0, self.buf.area.width));
            out.push('\n');
        }
        out
    }

    /// Cells `x0..x1` of row `y`, as text.
    pub fn row(&self, y: u16, x0: u16, x1: u16) -> String {
        (x0..x1).map(|x| self.buf[(x, y)].symbol()).collect()
    }

    /// Handle a message, answering the searches, filters and orders it
    /// asks for at once, as the runtime would in the background; every
    /// effect asked for.
    pub fn send(&mut self, msg: Msg) -> Vec<Effect> {
        let mut effects = self.app.update(msg);
        let mut i = 0;
        while i < effects.len() {
            for m in answer_now(&effects[i]) {
                let more = self.app.update(m);
                effects.extend(more);
            }
            i += 1;
        }
        effects
    }

    /// Press a key; the effects it asked for.
    pub fn key(&mut self, code: KeyCode) -> Vec<Effect> {
        self.send(Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)))
    }

    /// Press a character's key.
    pub fn press(&mut self, c: char) -> Vec<Effect> {
        self.key(KeyCode::Char(c))
    }

    /// Press Ctrl and a character.
    pub fn ctrl(&mut self, c: char) -> Vec<Effect> {
        self.send(Msg::Key(KeyEvent::new(
            KeyCode::Char(c),
            KeyModifiers::CONTROL,
        )))
    }

    /// Type `s`, a character at a time.
    pub fn type_text(&mut self, s: &str) {
        for c in s.chars() {
            self.press(c);
        }
    }

    /// Press the first key the keymap gives `action` (the default keys).
    pub fn act(&mut self, action: Action) -> Vec<Effect> {
        let key = khabar::tui::keymap::KeyMap::default().keys(action)[0];
        let mut m = KeyModifiers::NONE;
        if key.ctrl {
            m |= KeyModifiers::CONTROL;
        }
        if key.alt {
            m |= KeyModifiers::ALT;
        }
        if key.shift {
            m |= KeyModifiers::SHIFT;
        }
        self.send(Msg::Key(KeyEvent::new(key.code, m)))
    }

    /// The mouse: `kind` at a cell.
    pub fn mouse(&mut self, kind: MouseEventKind, column: u16, row: u16) {
        self.send(Msg::Mouse(MouseEvent {
            kind,
            column,
            row,
            modifiers: KeyModifiers::NONE,
        }));
    }

    /// The status line (redrawn).
    pub fn status(&mut self) -> String {
        self.redraw();
        self.row(self.size.1 - 1, 0, self.size.0)
    }

    /// The fields of the status line: position `i/N`, focus, percent, ...
    fn status_fields(&mut self) -> Vec<String> {
        self.status()
            .split('│')
            .map(|f| f.trim().to_string())
            .collect()
    }

    /// The selected article's position and how many are listed (`i/N`).
    pub fn position(&mut self) -> (usize, usize) {
        let fields = self.status_fields();
        let (i, n) = fields[0].split_once('/').expect("i/N in the status line");
        (i.parse().unwrap(), n.parse().unwrap())
    }

    /// The focused pane, as the status line names it.
    pub fn focus(&mut self) -> String {
        self.status_fields()[1].clone()
    }

    /// The inside of the pane whose title contains `title` (in the last
    /// frame), if it is shown.
    pub fn pane(&self, title: &str) -> Option<Rect> {
        let w = self.buf.area.width;
        let top: Vec<&str> = (0..w).map(|x| self.buf[(x, 0)].symbol()).collect();
        let first: String = title.chars().next()?.to_string();
        let at = (0..w as usize).find(|&x| {
            top[x] == first
                && title
                    .chars()
                    .enumerate()
                    .all(|(i, c)| top.get(x + i).is_some_and(|s| *s == c.to_string()))
        })?;
        let left = (0..at).rev().find(|&x| top[x] == "┌")? as u16;
        let right = (at..w as usize).find(|&x| top[x] == "┐")? as u16;
        let bottom = (1..self.buf.area.height).find(|&y| self.buf[(left, y)].symbol() == "└")?;
        Some(Rect::new(left + 1, 1, right - left - 1, bottom - 1))
    }

    /// The rows of `area`, as text.
    pub fn rows(&self, area: Rect) -> Vec<String> {
        (area.y..area.bottom())
            .map(|y| self.row(y, area.x, area.right()))
            .collect()
    }

    /// The reader's text rows (redrawn): inside its border, a column of
    /// margin on each side.
    pub fn reader(&mut self) -> Vec<String> {
        self.redraw();
        let r = self.pane("Reader").expect("the reader is shown");
        self.rows(Rect::new(r.x + 1, r.y, r.width - 2, r.height))
    }

    /// The articles listed on screen, top to bottom, by their place among
    /// those given (redrawn).
    pub fn listed(&mut self) -> Vec<usize> {
        self.redraw();
        let list = self.pane("Articles").expect("the list is shown");
        (list.y..list.bottom())
            .step_by(2)
            .map(|y| self.row(y, list.x, list.right()))
            .take_while(|t| !t.trim().is_empty())
            .map(|t| self.article_titled(&t, list.width as usize))
            .collect()
    }

    /// The article whose title a list row shows.
    fn article_titled(&self, row: &str, width: usize) -> usize {
        let row = row.replace('●', "");
        let row = row.trim();
        self.articles
            .iter()
            .position(|a| {
                [width, width - 2]
                    .iter()
                    .any(|&w| shaped(&a.title, w).trim() == row)
            })
            .unwrap_or_else(|| panic!("no article is titled {row:?}"))
    }

    /// The selected article, by its place among those given: the list's
    /// row in the selection's colour (redrawn).
    pub fn selected(&mut self) -> usize {
        self.redraw();
        let list = self.pane("Articles").expect("the list is shown");
        let bg = theme().selected.bg.unwrap();
        let y = (list.y..list.bottom())
            .find(|&y| self.buf[(list.x, y)].bg == bg)
            .expect("a selected row");
        let t = self.row(y, list.x, list.right());
        self.article_titled(&t, list.width as usize)
    }

    /// The facts panel's row under the cursor (in the focused panel's
    /// selection colour), trimmed; its row on screen.
    pub fn facts_cursor(&mut self) -> Option<(u16, String)> {
        self.redraw();
        let f = self.pane("Facts")?;
        let bg = theme().selected.bg.unwrap();
        (f.y..f.bottom())
            .find(|&y| (f.x..f.right()).all(|x| self.buf[(x, y)].bg == bg))
            .map(|y| (y, self.row(y, f.x, f.right()).trim().to_string()))
    }

    /// Move the facts panel's cursor (focused) down from the top until it
    /// is on the row showing `text` (as `FactRows` holds it).
    pub fn facts_cursor_to(&mut self, text: &str) {
        let width = self.pane("Facts").expect("the facts panel").width as usize;
        let want = shaped(text, width).trim().to_string();
        self.press('g');
        for _ in 0..200 {
            if self.facts_cursor().is_some_and(|(_, t)| t == want) {
                return;
            }
            self.press('j');
        }
        panic!("the cursor never reached {want:?}");
    }

    /// The symbols of the cells drawn with background `bg`, in reading
    /// order of the screen (top to bottom, left to right).
    pub fn cells_with_bg(&mut self, bg: Option<Color>) -> String {
        self.redraw();
        self.buf
            .content()
            .iter()
            .filter(|c| c.bg == bg.unwrap())
            .map(|c| c.symbol())
            .collect()
    }
}

impl Ui {
    /// Where the cells drawn with background `bg` are (redrawn).
    pub fn cells_at_bg(&mut self, bg: Option<Color>) -> Vec<(u16, u16)> {
        self.redraw();
        let area = self.buf.area;
        (0..area.height)
            .flat_map(|y| (0..area.width).map(move |x| (x, y)))
            .filter(|&p| self.buf[p].bg == bg.unwrap())
            .collect()
    }
}

/// `after` shows the rows of `before` moved up by `n` (scrolled down `n`
/// lines; up when `n` is negative).
pub fn scrolled_by(before: &[String], after: &[String], n: isize) -> bool {
    let h = before.len();
    let k = n.unsigned_abs();
    if k >= h {
        return false;
    }
    if n >= 0 {
        after[..h - k] == before[k..]
    } else {
        after[k..] == before[..h - k]
    }
}
