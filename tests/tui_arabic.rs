//! The browser's own words in Arabic (`lang = "ar"` or an `ar_*` locale):
//! every title, heading, hint, message and help line is Arabic, shaped,
//! laid out from the right; English otherwise. A TestBackend screen for
//! what each pane says, and the real binary in tmux under `LANG=ar_EG`
//! against fribidi.

mod common;

use khabar::config::Config;
use khabar::corpus::seeds::seed_articles;
use khabar::text::{Direction, Order, fit_line_as};
use khabar::tui::actions::Action;
use khabar::tui::app::{App, UNDATED, store_of};
use khabar::tui::dates::Clock;
use khabar::tui::i18n::{self, Lang, t};
use khabar::tui::keymap::KeyMap;
use khabar::tui::library::Library;
use khabar::tui::msg::Msg;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent};

use common::tmux::{Tmux, khabar_cmd};

fn app() -> App {
    let library = Library::new(store_of(seed_articles()), false);
    App::new(library, &Config::default(), KeyMap::default())
        .with_clock(Clock::fixed_utc(UNDATED + 3600))
}

fn draw(a: &mut App, w: u16, h: u16) -> Vec<String> {
    a.update(Msg::Resize(w, h));
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| a.draw(f)).unwrap();
    let buf = terminal.backend().buffer().clone();
    (0..h)
        .map(|y| (0..w).map(|x| buf[(x, y)].symbol()).collect())
        .collect()
}

fn key(a: &mut App, code: KeyCode) {
    a.update(Msg::Key(KeyEvent::from(code)));
}

/// A message as the screen shows it: shaped, right to left.
fn shown(text: &str) -> String {
    fit_line_as(text, 200, Order::Visual, Direction::Rtl).text
}

#[test]
fn every_word_of_the_browser_is_arabic_and_laid_out_from_the_right() {
    i18n::set(Lang::Ar);
    let mut a = app();
    let screen = draw(&mut a, 130, 40);
    let all = screen.join("\n");
    // the panes' titles, at the right end of their top border
    for id in ["pane-reader", "pane-facts"] {
        let title = shown(&t(id));
        let line = &screen[0];
        let at = line.find(&title).unwrap_or_else(|| panic!("{id}: {line}"));
        let after: String = line[at + title.len()..].chars().take(3).collect();
        assert!(after.starts_with(" ┐"), "{id} at the right: {line}");
    }
    // the facts panel's headings, the status line's hints at its left
    let people = khabar::facts::extract(&seed_articles()[0].text)
        .actors
        .iter()
        .filter(|x| x.kind == khabar::facts::actors::ActorKind::Person)
        .count() as u64;
    let heading = shown(&i18n::tr("facts-person", &[("n", people.into())]));
    assert!(all.contains(&heading), "{heading}: {all}");
    let status = screen.last().unwrap();
    let hint = shown(&format!("? {}", t("hint-help")));
    let (at_hint, at_parts) = (status.find(&hint), status.find('│'));
    assert!(
        at_hint.is_some() && at_hint < at_parts,
        "the hints at the left: {status}"
    );
    // no English word of the browser's own is left
    for english in [
        "Reader", "Facts", "Articles", "People", "help", "quit", "unread",
    ] {
        assert!(!all.contains(english), "{english} on the screen: {all}");
    }
    // the help: every key with what it does, in Arabic
    key(&mut a, KeyCode::Char('?'));
    let help = draw(&mut a, 130, 60).join("\n");
    for action in Action::ALL {
        assert_ne!(
            action.label(),
            action.description(),
            "{action:?} has its Arabic"
        );
        assert!(help.contains(&shown(&action.label())), "{action:?}: {help}");
    }
    assert!(help.contains(&shown(&t("help-title"))), "{help}");
    // a message: said in Arabic
    key(&mut a, KeyCode::Esc);
    key(&mut a, KeyCode::Char('u'));
    let status = draw(&mut a, 130, 40).pop().unwrap();
    assert!(status.contains(&shown(&t("marked-read"))), "{status}");
}

#[test]
fn english_is_the_default_and_every_action_has_its_words_in_both() {
    i18n::set(Lang::En);
    for action in Action::ALL {
        assert_eq!(action.label(), action.description(), "{action:?}");
    }
    let mut a = app();
    let all = draw(&mut a, 130, 40).join("\n");
    for english in ["Reader", "Facts", "Articles (2)", "People (", "? help"] {
        assert!(all.contains(english), "{english}: {all}");
    }
}

#[test]
fn an_arabic_locale_gives_the_arabic_interface_in_a_real_terminal() {
    let env = "LANG=ar_EG.UTF-8 LC_ALL= LC_MESSAGES=";
    let t = Tmux::start("arabic-ui", &khabar_cmd(env, ""), 130, 40);
    let reader = common::fribidi_lines_as(&["القارئ".to_string()], &["--rtl"]).remove(0);
    let hint = common::fribidi_lines_as(&["خروج".to_string()], &["--rtl"]).remove(0);
    let screen = t.wait_for("the Arabic interface", |s| s.contains(&reader));
    let status = screen.lines().rfind(|l| !l.trim().is_empty()).unwrap_or("");
    assert!(status.contains(&hint), "{status}");
    assert!(
        !screen.contains("Reader") && !screen.contains("help"),
        "{screen}"
    );
    // and lang = "en" in the config wins over the locale
    drop(t);
    let dir = std::env::temp_dir().join(format!("khabar-arabic-ui-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("config.toml"), "lang = \"en\"\n").unwrap();
    let env = format!("{env} KHABAR_CONFIG={}", dir.join("config.toml").display());
    let t = Tmux::start("english-ui", &khabar_cmd(&env, ""), 130, 40);
    t.wait_for("the English interface", |s| {
        s.contains("Reader") && s.contains("? help")
    });
}
