//! Colours and text styles.

use ratatui::style::{Color, Modifier, Style};

use crate::text::BlockKind;

/// The styles the panes draw with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Theme {
    pub text: Style,
    pub title: Style,
    pub heading: Style,
    pub meta: Style,
    pub caption: Style,
    pub highlight: Style,
    pub current: Style,
    pub selected: Style,
    pub border: Style,
    pub border_focused: Style,
    pub status: Style,
    pub dim: Style,
    /// The ● of an article a refresh just brought.
    pub fresh: Style,
    /// Something that went wrong (a feed's last error).
    pub alert: Style,
}

impl Theme {
    /// Light text on a dark terminal.
    pub fn dark() -> Self {
        Theme {
            text: Style::default(),
            title: Style::default()
                .add_modifier(Modifier::BOLD)
                .fg(Color::LightYellow),
            heading: Style::default().add_modifier(Modifier::BOLD),
            meta: Style::default().fg(Color::DarkGray),
            caption: Style::default().fg(Color::Gray).add_modifier(Modifier::DIM),
            highlight: Style::default().bg(Color::Yellow).fg(Color::Black),
            current: Style::default().bg(Color::LightRed).fg(Color::Black),
            selected: Style::default().bg(Color::Blue).fg(Color::White),
            border: Style::default().fg(Color::DarkGray),
            border_focused: Style::default().fg(Color::Cyan),
            status: Style::default().bg(Color::DarkGray).fg(Color::White),
            dim: Style::default().fg(Color::DarkGray),
            fresh: Style::default()
                .fg(Color::LightGreen)
                .add_modifier(Modifier::BOLD),
            alert: Style::default().fg(Color::LightRed),
        }
    }

    /// Dark text on a light terminal.
    pub fn light() -> Self {
        Theme {
            title: Style::default()
                .add_modifier(Modifier::BOLD)
                .fg(Color::Blue),
            caption: Style::default().fg(Color::DarkGray),
            meta: Style::default().fg(Color::DarkGray),
            selected: Style::default().bg(Color::LightBlue).fg(Color::Black),
            border_focused: Style::default().fg(Color::Blue),
            status: Style::default().bg(Color::Gray).fg(Color::Black),
            fresh: Style::default()
                .fg(Color::Green)
                .add_modifier(Modifier::BOLD),
            alert: Style::default().fg(Color::Red),
            ..Theme::dark()
        }
    }

    /// No colour at all (`NO_COLOR`): only bold, dim and reverse video.
    pub fn mono() -> Self {
        let plain = Style::default();
        Theme {
            text: plain,
            title: plain.add_modifier(Modifier::BOLD),
            heading: plain.add_modifier(Modifier::BOLD),
            meta: plain.add_modifier(Modifier::DIM),
            caption: plain.add_modifier(Modifier::DIM),
            highlight: plain.add_modifier(Modifier::REVERSED),
            current: plain.add_modifier(Modifier::REVERSED | Modifier::BOLD),
            selected: plain.add_modifier(Modifier::REVERSED),
            border: plain,
            border_focused: plain.add_modifier(Modifier::BOLD),
            status: plain.add_modifier(Modifier::REVERSED),
            dim: plain.add_modifier(Modifier::DIM),
            fresh: plain.add_modifier(Modifier::BOLD),
            alert: plain.add_modifier(Modifier::BOLD),
        }
    }

    /// The style of a block of an article.
    pub fn block(&self, kind: BlockKind) -> Style {
        match kind {
            BlockKind::Title => self.title,
            BlockKind::Heading => self.heading,
            BlockKind::Meta => self.meta,
            BlockKind::Caption | BlockKind::Image | BlockKind::LinkRef => self.caption,
            BlockKind::Lead => self.text.add_modifier(ratatui::style::Modifier::ITALIC),
            BlockKind::Paragraph
            | BlockKind::ListItem
            | BlockKind::Quote
            | BlockKind::Pre
            | BlockKind::TableRow => self.text,
        }
    }
}
