//! The manual page (`khabar man`): the command line as clap describes it,
//! then every command with its options and an example, every key of the
//! browser (from its actions' declarations, so that none is left out),
//! every key of the config file (`config::KEYS`), the rule language of
//! query feeds and ignore rules, the environment, the files and the exit
//! status. roff, for `man -l -`.

use std::io::Write;

use crate::config;
use crate::tui::actions::{Action, Mode};
use crate::tui::keymap::KeyMap;

/// An example of each command: (command, what it shows, the command line).
pub const COMMAND_EXAMPLES: &[(&str, &str, &str)] = &[
    (
        "add",
        "store a directory of articles and subscribe to a feed",
        "khabar add ~/news https://example.com/rss.xml",
    ),
    (
        "search",
        "count the lines that hold a word, however it is spelled, in each file",
        "khabar search --count الامن ~/news",
    ),
    (
        "facts",
        "the actors and agreements of articles, as JSON",
        "khabar facts --json seeds/*.txt > facts.json",
    ),
    (
        "import-opml",
        "subscribe to the feeds another reader exported",
        "khabar import-opml subscriptions.opml",
    ),
    (
        "export-opml",
        "give your feeds to another reader",
        "khabar export-opml > feeds.opml",
    ),
    (
        "feeds",
        "the feeds with unread articles, for a script",
        "khabar feeds --json | jq -r '.[] | select(.unread > 0) | .url'",
    ),
    (
        "actors",
        "the actors whose name holds أوباما",
        "khabar actors أوباما",
    ),
    (
        "remove",
        "stop following a feed and remove its articles",
        "khabar remove --purge https://example.com/rss.xml",
    ),
    (
        "refresh",
        "refresh every half hour from cron, quiet unless a feed fails",
        "*/30 * * * * khabar refresh --quiet",
    ),
    (
        "completions",
        "install bash completions",
        "khabar completions bash > ~/.local/share/bash-completion/completions/khabar",
    ),
    (
        "extract",
        "a page's article as text, and its links, as JSON",
        "khabar extract --json https://example.com/news/1.html | jq -r '.[0].text'",
    ),
    (
        "stats",
        "the store's parts and their sizes, against the text it holds",
        "khabar stats",
    ),
    (
        "prune",
        "see what the config's keep and keep_per_feed would remove, then remove it",
        "khabar prune --dry-run",
    ),
    ("man", "read this page", "khabar man | man -l -"),
    (
        "doctor",
        "which terminal this is, and what khabar sends it so that Arabic shows right",
        "khabar doctor --bidi engine",
    ),
    (
        "render",
        "lay out Arabic text for a terminal that has no bidi",
        "echo \"نص عربي\" | khabar render -",
    ),
];

/// The environment khabar reads: (variable, what it does, an example).
pub const ENVIRONMENT: &[(&str, &str, &str)] = &[
    (
        "KHABAR_CONFIG",
        "the config file, when --config names none; it must exist",
        "KHABAR_CONFIG=~/khabar-work.toml khabar",
    ),
    (
        "KHABAR_DATA",
        "the data directory: the store (khabar.db, khabar.db.codes) and the search history",
        "KHABAR_DATA=/tmp/khabar-test khabar add ~/news",
    ),
    (
        "NO_COLOR",
        "set and not empty: no colour (https://no-color.org)",
        "NO_COLOR=1 khabar",
    ),
    (
        "BROWSER",
        "the command o opens links with, when the config's browser is not set",
        "BROWSER=w3m khabar",
    ),
    (
        "LC_ALL, LC_MESSAGES, LANG",
        "the interface's language when the config's lang is not set: Arabic for an ar_* locale",
        "LANG=ar_EG.UTF-8 khabar",
    ),
    (
        "COLUMNS",
        "the width of render, search, facts, feeds and actors when standard output is not a terminal",
        "COLUMNS=100 khabar render article.txt | less",
    ),
    (
        "MLTERM, KONSOLE_VERSION, VTE_VERSION, KITTY_WINDOW_ID, XTERM_VERSION, ALACRITTY_WINDOW_ID, TERM, TMUX, TMUX_PANE, STY",
        "set by terminals, tmux and GNU screen: with the terminal's answers to XTVERSION and DA2, which terminal khabar writes to and what it sends it (--bidi auto; khabar doctor says)",
        "khabar doctor",
    ),
    (
        "KHABAR_TRACE",
        "a file the browser appends its timings to (first frame, each key's frame), for measuring",
        "KHABAR_TRACE=/tmp/trace.txt khabar",
    ),
    (
        "HOME",
        "~ in the config's save_dir, and where the default directories are",
        "save_dir = \"~/Documents/news\"",
    ),
];

/// `s` as roff text: backslashes escaped, a line that would start with a
/// control character made text, hyphens kept as hyphens.
fn text(s: &str) -> String {
    let escaped = s.replace('\\', "\\e").replace('-', "\\-");
    escaped
        .lines()
        .map(|l| {
            if l.starts_with('.') || l.starts_with('\'') {
                format!("\\&{l}")
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A tagged paragraph: `tag` in bold, then `body`.
fn item(out: &mut String, tag: &str, body: &str) {
    out.push_str(&format!(".TP\n\\fB{}\\fR\n{}\n", text(tag), text(body)));
}

/// An example line, indented and kept as it is.
fn example(out: &mut String, line: &str) {
    out.push_str(&format!(".RS\n.nf\n{}\n.fi\n.RE\n", text(line)));
}

/// The usage of subcommand `sub`: its name, options, arguments.
fn usage(sub: &clap::Command) -> String {
    let mut parts = vec![format!("khabar {}", sub.get_name())];
    for a in sub.get_arguments().filter(|a| !a.is_hide_set()) {
        let id = a.get_id().as_str();
        if id == "help" || id == "version" || id == "config" {
            continue;
        }
        let value = a
            .get_value_names()
            .and_then(|v| v.first().map(|n| n.to_string()))
            .unwrap_or_else(|| id.to_uppercase());
        let many = matches!(a.get_num_args(), Some(r) if r.max_values() > 1);
        let shown = match (a.get_long(), a.is_positional()) {
            (Some(l), _) if !a.get_action().takes_values() => format!("[--{l}]"),
            (Some(l), _) => format!("[--{l} {value}]"),
            (None, _) if a.is_required_set() => {
                format!("{value}{}", if many { "..." } else { "" })
            }
            (None, _) => format!("[{value}{}]", if many { "..." } else { "" }),
        };
        parts.push(shown);
    }
    parts.join(" ")
}

/// Write the manual page of `cmd` (the whole command line) to `out`.
pub fn render(cmd: clap::Command, out: &mut dyn Write) -> std::io::Result<()> {
    let man = clap_mangen::Man::new(cmd.clone());
    man.render_title(out)?;
    man.render_name_section(out)?;
    man.render_synopsis_section(out)?;
    man.render_description_section(out)?;
    man.render_options_section(out)?;
    let mut page = String::new();

    page.push_str(".SH COMMANDS\n");
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        let name = sub.get_name();
        let about = sub
            .get_long_about()
            .or(sub.get_about())
            .map(ToString::to_string)
            .unwrap_or_default();
        item(&mut page, &usage(sub), &about);
        page.push_str(".RS\n");
        for a in sub.get_arguments().filter(|a| !a.is_hide_set()) {
            let id = a.get_id().as_str();
            if id == "help" || id == "version" || id == "config" {
                continue;
            }
            let Some(help) = a.get_long_help().or(a.get_help()) else {
                continue;
            };
            let tag = match (a.get_long(), a.get_short()) {
                (Some(l), Some(s)) => format!("-{s}, --{l}"),
                (Some(l), None) => format!("--{l}"),
                _ => a
                    .get_value_names()
                    .and_then(|v| v.first().map(|n| n.to_string()))
                    .unwrap_or_else(|| id.to_uppercase()),
            };
            item(&mut page, &tag, &help.to_string());
        }
        page.push_str(".RE\n");
        for (_, what, line) in COMMAND_EXAMPLES.iter().filter(|(c, ..)| *c == name) {
            page.push_str(&format!(".IP\nExample: {}:\n", text(what)));
            example(&mut page, line);
        }
    }

    page.push_str(".SH KEYS\n");
    page.push_str(&text(
        "In the browser. Every key can be given to another action in the config's [keys] table, by the action's name (in brackets here).",
    ));
    page.push('\n');
    let keys = KeyMap::default();
    for mode in [Mode::Normal, Mode::Prompt] {
        if mode == Mode::Prompt {
            page.push_str(".PP\nIn a prompt (the searches / and s, and | ):\n");
        }
        for a in Action::ALL.iter().filter(|a| a.mode() == mode) {
            item(
                &mut page,
                &format!("{}  [{}]", keys.keys_label(*a), a.name()),
                a.description(),
            );
        }
    }
    page.push_str(&format!(
        ".PP\n{}\n",
        text("The mouse: the wheel scrolls the pane under the pointer, a click selects. n and N: while a search of the article is shown (/, Enter), its next and previous match; Esc clears it, and n and N then go to the next and previous unread article, from a feed's list (F, Enter) on to the next feed with unread articles.")
    ));
    page.push_str(".PP\nExample: keys of your own, in the config:\n");
    example(
        &mut page,
        "[keys]\nnext_article = [\"ctrl-n\", \"]\"]\nquit = \"x\"",
    );

    page.push_str(".SH CONFIGURATION\n");
    page.push_str(&text(
        "The config file is --config FILE, else $KHABAR_CONFIG, else ~/.config/khabar/config.toml (TOML; missing there: the defaults). A broken file stops khabar with its file:line:column and the problem.",
    ));
    page.push('\n');
    for (key, what, ex) in config::KEYS {
        item(&mut page, key, what);
        page.push_str(".IP\nExample:\n");
        example(&mut page, ex);
    }

    page.push_str(".SH RULES\n");
    page.push_str(&text(RULES));
    page.push('\n');
    for (field, what) in RULE_FIELDS {
        item(&mut page, field, what);
    }
    page.push_str(".PP\nExamples:\n");
    example(
        &mut page,
        "text ~ \"الأمن\" and not read\n(source = \"الجزيرة\" or feed ~ \"aljazeera.net\") and date > 2d\ncategory ~ \"رياضة\" or title ~ \"كرة القدم\"\nactor ~ \"أوباما\" and date >= 2026-01-01",
    );

    page.push_str(".SH ENVIRONMENT\n");
    for (var, what, ex) in ENVIRONMENT {
        item(&mut page, var, what);
        page.push_str(".IP\nExample:\n");
        example(&mut page, ex);
    }

    page.push_str(".SH FILES\n");
    for (file, what) in FILES {
        item(&mut page, file, what);
    }

    page.push_str(".SH \"EXIT STATUS\"\n");
    page.push_str(&text(EXIT_STATUS));
    page.push('\n');

    page.push_str(".SH EXAMPLES\n");
    for (what, line) in EXAMPLES {
        page.push_str(&format!(".PP\n{}:\n", text(what)));
        example(&mut page, line);
    }
    out.write_all(page.as_bytes())?;
    man.render_version_section(out)
}

const RULES: &str = "Query feeds ([[query]]) and ignore rules ([[ignore]]) are rules over an article's fields, joined by and, or, not and parentheses (and binds before or). A text field is compared with ~ (holds), = (is), !~ and != (does not), against a quoted value (\"...\" or '...'; \\\" and \\\\ inside \"...\"), with the search's folding: hamza forms, ta marbuta, harakat, tatweel, digits and case do not matter, and a word with ال is found with the proclitic ل (للأمن holds الامن). An error in a rule stops khabar at its file:line:column.";

const RULE_FIELDS: &[(&str, &str)] = &[
    ("title", "the article's title"),
    (
        "source",
        "the name of its source: the feed's title, or the page's",
    ),
    ("feed", "the feed it came from: its URL, or its title"),
    ("author", "its author, when its feed names one"),
    ("category", "any of the categories its feed gives it"),
    (
        "actor",
        "any actor its facts name, by any of the actor's names",
    ),
    ("text", "its title and paragraphs"),
    (
        "date",
        "with <, <=, >, >= or =: a day (2026-12-01), a time (2026-12-01T14:30), local time, or an age: 7d is seven days ago (m minutes, h hours, d days, w weeks), so date > 2d is the last two days",
    ),
    ("read, unread", "its read state"),
];

const FILES: &[(&str, &str)] = &[
    (
        "~/.config/khabar/config.toml",
        "the config file (see CONFIGURATION)",
    ),
    (
        "~/.local/share/khabar/khabar.db",
        "the store: every article, its facts and read state, the feeds (SQLite); $KHABAR_DATA/khabar.db when set",
    ),
    (
        "~/.local/share/khabar/khabar.db.codes",
        "the search text beside it, written again from the articles when it is lost",
    ),
    (
        "~/.local/share/khabar/history",
        "the search prompt's history, a query per line",
    ),
    (
        "~/Documents/khabar/",
        "where w saves articles, unless save_dir says where",
    ),
];

const EXIT_STATUS: &str = "0: done (search: something matched). 1: search, actors QUERY: nothing matched. 2: an error (a config, a store, a command line), or some inputs failed (add, refresh, facts: the others are done). The browser: 0, or 128 + the signal that ended it.";

const EXAMPLES: &[(&str, &str)] = &[
    ("Read your feeds", "khabar"),
    (
        "Read some files or a feed without storing the feed's subscription",
        "khabar ~/news/today https://example.com/rss.xml",
    ),
    (
        "Another config, before or after the command",
        "khabar --config ~/work.toml refresh\nkhabar refresh --config ~/work.toml",
    ),
    (
        "The list on the left, for a left-to-right reader",
        "khabar --layout ltr",
    ),
    (
        "A terminal that does its own bidi and shaping (Konsole, mlterm)",
        "khabar --bidi terminal",
    ),
    (
        "A config with feeds, a reload, a query feed and an ignore rule",
        "feeds = [\"https://example.com/rss.xml\"]\nreload = \"30m\"\n[[query]]\nname = \"الأمن\"\nrule = 'text ~ \"الأمن\" and unread'\n[[ignore]]\nrule = 'source = \"إعلانات\"'",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_for_roff() {
        assert_eq!(text(".start\nplain - \\x"), "\\&.start\nplain \\- \\ex");
    }
}
