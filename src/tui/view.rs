//! Drawing a frame: where the panes go for the width and layout direction,
//! and each pane drawn into its place.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout as Split, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Scrollbar, ScrollbarOrientation, ScrollbarState};

use super::app::{App, Focus, Geometry};
use super::article_list::ArticleList;
use super::article_view::{ArticleView, Highlight};
use super::config::LayoutDir;
use super::facts_panel::FactsPanel;
use super::help::Help;
use super::search::PromptKind;
use super::status_bar::StatusBar;
use crate::text::fit_line;

/// Where each pane goes in `area` (the screen minus the status bar).
pub fn panes(app: &App, area: Rect) -> (Option<Rect>, Option<Rect>, Option<Rect>) {
    let w = area.width;
    if w < 60 {
        // One pane at a time: the focused one.
        return match app.focus {
            Focus::List => (Some(area), None, None),
            Focus::Reader => (None, Some(area), None),
            Focus::Facts => (None, None, Some(area)),
        };
    }
    let facts = app.facts_shown(w);
    let mut order: Vec<(Focus, Constraint)> = if w >= 100 {
        let mut v = vec![
            (Focus::List, Constraint::Percentage(28)),
            (Focus::Reader, Constraint::Min(30)),
        ];
        if facts {
            v.push((Focus::Facts, Constraint::Percentage(26)));
        }
        v
    } else if facts {
        // Narrow: the facts panel takes the list's place.
        vec![
            (Focus::Reader, Constraint::Min(30)),
            (Focus::Facts, Constraint::Percentage(40)),
        ]
    } else {
        vec![
            (Focus::List, Constraint::Percentage(35)),
            (Focus::Reader, Constraint::Min(30)),
        ]
    };
    if app.layout_dir == LayoutDir::Rtl {
        order.reverse();
    }
    let rects = Split::horizontal(order.iter().map(|(_, c)| *c)).split(area);
    let find = |f: Focus| order.iter().position(|(x, _)| *x == f).map(|i| rects[i]);
    (find(Focus::List), find(Focus::Reader), find(Focus::Facts))
}

fn pane_block<'a>(app: &App, title: String, focus: Focus) -> Block<'a> {
    let style = if app.focus == focus {
        app.theme.border_focused
    } else {
        app.theme.border
    };
    Block::default()
        .borders(Borders::ALL)
        .border_style(style)
        .title(Line::styled(title, style))
}

/// Draw the whole screen.
pub fn draw(frame: &mut Frame, app: &mut App) {
    let area = frame.area();
    app.size = (area.width, area.height);
    if area.width == 0 || area.height == 0 {
        return;
    }
    let [main, status] = Split::vertical([Constraint::Min(0), Constraint::Length(1)]).areas(area);
    let (list, reader, facts) = panes(app, main);
    let inner = |r: Option<Rect>| {
        r.map(|r| Block::default().borders(Borders::ALL).inner(r))
            .unwrap_or_default()
    };
    let reader_inner = inner(reader);
    // One column of margin on each side of the text.
    let reader_text = Rect::new(
        reader_inner.x + 1.min(reader_inner.width),
        reader_inner.y,
        reader_inner.width.saturating_sub(2),
        reader_inner.height,
    );
    app.geometry = Geometry {
        list,
        reader,
        facts,
        reader_text,
        list_inner: inner(list),
        facts_inner: inner(facts),
    };

    if let Some(r) = list {
        let visible = app.visible();
        let title = match &app.filter {
            Some(f) => format!(
                " Articles ({}/{}) · {} ",
                visible.len(),
                app.articles.len(),
                fit_line(
                    &f.name,
                    (r.width as usize).saturating_sub(20).max(4),
                    app.order
                )
                .text
            ),
            None => format!(" Articles ({}) ", app.articles.len()),
        };
        let block = pane_block(app, title, Focus::List);
        let inner = block.inner(r);
        frame.render_widget(block, r);
        app.scroll_list_to_selection(inner.height as usize);
        frame.render_widget(
            ArticleList {
                articles: &app.articles,
                indices: &visible,
                counts: app.filter.as_ref().and_then(|f| f.counts.as_deref()),
                read: &app.read,
                fresh: &app.fresh,
                selected: app.selected,
                offset: app.list_offset,
                focused: app.focus == Focus::List,
                order: app.order,
                theme: &app.theme,
            },
            inner,
        );
    }

    let percent = app.scroll_percent();
    if let Some(r) = reader {
        let max = app.max_scroll();
        app.scroll = app.scroll.min(max);
        let block = pane_block(app, " Reader ".to_string(), Focus::Reader)
            .title_bottom(Line::styled(format!(" {percent}% "), app.theme.dim).right_aligned());
        frame.render_widget(block, r);
        if let Some(layout) = app.current_layout() {
            // a fact's sentence, then every search match (the current one apart)
            let mut highlights = app.highlights.clone();
            if let Some(s) = &app.search {
                for (i, m) in s.matches.iter().enumerate() {
                    let style = if i == s.current {
                        app.theme.current
                    } else {
                        app.theme.highlight
                    };
                    highlights.push(Highlight {
                        range: m.clone(),
                        style,
                    });
                }
            }
            frame.render_widget(
                ArticleView {
                    layout: &layout,
                    scroll: app.scroll,
                    theme: &app.theme,
                    highlights: &highlights,
                },
                reader_text,
            );
            if max > 0 {
                let side = match app.layout_dir {
                    LayoutDir::Rtl => ScrollbarOrientation::VerticalLeft,
                    LayoutDir::Ltr => ScrollbarOrientation::VerticalRight,
                };
                let mut state = ScrollbarState::new(max + 1).position(app.scroll);
                let bar_area = Rect::new(r.x, r.y + 1, r.width, r.height.saturating_sub(2));
                frame.render_stateful_widget(
                    Scrollbar::new(side).begin_symbol(None).end_symbol(None),
                    bar_area,
                    &mut state,
                );
            }
        } else {
            let msg = if app.loading.is_some() {
                "Loading…"
            } else {
                "No articles."
            };
            frame.render_widget(Line::styled(msg, app.theme.dim), reader_text);
        }
    }

    if let Some(r) = facts {
        let block = pane_block(app, " Facts ".to_string(), Focus::Facts);
        let inner = block.inner(r);
        frame.render_widget(block, r);
        if let Some(status) = app.facts.get(app.selected) {
            let height = inner.height as usize;
            if app.fact_selected < app.fact_offset {
                app.fact_offset = app.fact_selected;
            } else if height > 0 && app.fact_selected >= app.fact_offset + height {
                app.fact_offset = app.fact_selected + 1 - height;
            }
            frame.render_widget(
                FactsPanel {
                    status,
                    selected: app.fact_selected,
                    offset: app.fact_offset,
                    focused: app.focus == Focus::Facts,
                    order: app.order,
                    theme: &app.theme,
                },
                inner,
            );
        }
    }

    if let Some(p) = &app.prompt {
        // the prompt takes the status line: the query shaped, right-to-left
        let label = match p.kind {
            PromptKind::Article => "/",
            PromptKind::Corpus => "search all: ",
        };
        let room = (status.width as usize).saturating_sub(label.len() + 2);
        let typed = fit_line(&p.text, room, app.order);
        let line = Line::from(vec![
            Span::styled(label, app.theme.status),
            Span::styled(typed.text, app.theme.status),
            Span::styled("▏", app.theme.status),
            Span::styled(
                format!("   {}", app.message.as_deref().unwrap_or("")),
                app.theme.status,
            ),
        ]);
        frame.render_widget(
            ratatui::widgets::Paragraph::new(line).style(app.theme.status),
            status,
        );
    } else {
        frame.render_widget(
            StatusBar {
                position: {
                    let visible = app.visible();
                    (
                        visible
                            .iter()
                            .position(|&i| i == app.selected)
                            .map_or(0, |p| p + 1),
                        visible.len(),
                    )
                },
                facts: app.facts_progress,
                focus: app.focus.label(),
                percent,
                loading: app.loading,
                refreshing: app.refreshing,
                unread: app.unread_count(),
                message: app.message.as_deref(),
                keys: &app.keys,
                theme: &app.theme,
            },
            status,
        );
    }

    if app.help {
        frame.render_widget(
            Help {
                keys: &app.keys,
                scroll: app.help_scroll,
                theme: &app.theme,
            },
            area,
        );
    }
}
