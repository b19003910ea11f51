//! Drawing the whole screen from `&self`: the panes where the layout puts
//! them, the status line or the prompt, the overlays on top.

use super::*;

impl App {
    /// Draw the whole screen. Reads the state, never changes it (it only
    /// remembers which rows it drew, to send a changed row of Arabic whole:
    /// [`crate::tui::overflow`]).
    pub fn draw(&self, frame: &mut Frame) {
        let area = frame.area();
        if area.width == 0 || area.height == 0 {
            return;
        }
        // the layout of the last message; a terminal resized since then
        // (its Resize not handled yet) is drawn at the size it has
        let panes = if self.layout.screen == area {
            self.layout
        } else {
            Panes::compute(
                (area.width, area.height),
                self.focus,
                self.facts_shown(),
                self.settings.layout_dir,
            )
        };
        let theme = &self.settings.theme;
        let order = self.settings.order;
        let buf = frame.buffer_mut();
        // titles shaped like every text, at the start of the line in the
        // interface's direction (right in Arabic)
        let ui_dir = crate::tui::i18n::direction();
        let block = |title: String, pane: Pane, width: u16| {
            let style = if self.focus == pane {
                theme.border_focused
            } else {
                theme.border
            };
            let shaped = fit_line_as(&title, width.saturating_sub(4) as usize, order, ui_dir);
            let line = Line::styled(format!(" {} ", shaped.text), style);
            let line = match ui_dir {
                Direction::Rtl => line.right_aligned(),
                Direction::Ltr => line,
            };
            Block::default()
                .borders(Borders::ALL)
                .border_style(style)
                .title(line)
        };
        if let Some(r) = panes.list {
            block(self.list.title(&self.library), Pane::List, r.width).render(r, buf);
            self.list.render(
                panes.inner(Pane::List),
                buf,
                ListView {
                    library: &self.library,
                    focused: self.focus == Pane::List,
                    order,
                    theme,
                    clock: &self.settings.clock,
                },
            );
        }
        if let Some(r) = panes.reader {
            let percent = Line::styled(format!(" {}% ", self.reader.percent()), theme.dim);
            block(t("pane-reader"), Pane::Reader, r.width)
                .title_bottom(match ui_dir {
                    Direction::Rtl => percent.left_aligned(),
                    Direction::Ltr => percent.right_aligned(),
                })
                .render(r, buf);
            self.reader.render(
                r,
                panes.reader_text(),
                buf,
                ReaderView {
                    theme,
                    layout_dir: self.settings.layout_dir,
                    loading: self.progress.loading.is_some(),
                    order,
                },
            );
        }
        if let Some(r) = panes.facts {
            block(t("pane-facts"), Pane::Facts, r.width).render(r, buf);
            self.facts.render(
                panes.inner(Pane::Facts),
                buf,
                FactsView {
                    focused: self.focus == Pane::Facts,
                    order,
                    theme,
                },
            );
        }
        match &self.prompt {
            Some(p) => p.render(
                panes.status,
                buf,
                &match p.kind() {
                    PromptKind::Corpus => self.corpus_summary().unwrap_or_default(),
                    PromptKind::Article => self.status.message().unwrap_or_default().to_string(),
                    PromptKind::Pipe => String::new(),
                },
                order,
                theme,
            ),
            None => StatusLine {
                position: (
                    self.current().map_or(0, |_| self.list.selected_pos() + 1),
                    self.list.len(&self.library),
                ),
                focus: &t(&format!("focus-{}", self.focus.label())),
                percent: self.reader.percent(),
                unread: self.list_unread(),
                progress: self.progress,
                message: self.status.message(),
                keys: &self.keys,
                theme,
            }
            .render(panes.status, buf),
        }
        if let Some(o) = &self.overlay {
            let s = panes.screen;
            let area = ratatui::layout::Rect::new(s.x, s.y, s.width, s.height.saturating_sub(1));
            o.picker().render(area, buf, theme, order);
        }
        if self.log.is_open() {
            self.log
                .render(buf, &self.logged(), &self.settings.clock, theme, order);
        }
        if self.help.is_open() {
            self.help.render(buf, &self.keys, theme, order);
        }
        match self.settings.frames {
            crate::terminals::Frames::Mlterm if order == Order::Logical => {
                crate::tui::terminal_bidi::for_mlterm(buf, area);
                return;
            }
            crate::terminals::Frames::BreakRuns => crate::tui::terminal_bidi::break_runs(buf, area),
            _ => {}
        }
        self.repaint.borrow_mut().apply(buf);
    }
}
