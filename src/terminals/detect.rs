//! Which terminal this is, from what it answers (XTVERSION, then DA2) and
//! from the variables it sets (which a program started from it inherits,
//! so they come after the answers); inside tmux, its client terminal (the
//! terminal tmux draws on: `client_termtype`, its XTVERSION, and
//! `client_termname`); inside GNU screen, the variables.

use super::query::Replies;

/// A terminal khabar knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    Xterm,
    Alacritty,
    St,
    Urxvt,
    Foot,
    WezTerm,
    /// GNOME Terminal, sakura, lxterminal, tilix, xfce4-terminal,
    /// terminator: the VTE widget.
    Vte,
    Konsole,
    Mlterm,
    /// qterminal, cool-retro-term: the qtermwidget widget.
    Qterminal,
    Kitty,
    Unknown,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::Xterm => "xterm",
            Kind::Alacritty => "alacritty",
            Kind::St => "st",
            Kind::Urxvt => "rxvt-unicode",
            Kind::Foot => "foot",
            Kind::WezTerm => "WezTerm",
            Kind::Vte => "VTE (GNOME Terminal, sakura, tilix, ...)",
            Kind::Konsole => "Konsole",
            Kind::Mlterm => "mlterm",
            Kind::Qterminal => "qterminal (qtermwidget)",
            Kind::Kitty => "kitty",
            Kind::Unknown => "unknown",
        }
    }

    /// From an XTVERSION answer.
    fn from_xtversion(v: &str) -> Option<Kind> {
        let l = v.to_ascii_lowercase();
        Some(if l.starts_with("xterm") {
            Kind::Xterm
        } else if l.starts_with("kitty") {
            Kind::Kitty
        } else if l.starts_with("konsole") {
            Kind::Konsole
        } else if l.starts_with("mlterm") {
            Kind::Mlterm
        } else if l.starts_with("foot") {
            Kind::Foot
        } else if l.starts_with("wezterm") {
            Kind::WezTerm
        } else if l.starts_with("alacritty") {
            Kind::Alacritty
        } else if l.starts_with("vte") {
            Kind::Vte
        } else if l.starts_with("urxvt") || l.starts_with("rxvt") {
            Kind::Urxvt
        } else {
            return None;
        })
    }

    /// From the DA2 numbers (kind; version; ...).
    fn from_da2(n: &[u32]) -> Option<Kind> {
        Some(match n {
            [65, ..] => Kind::Vte,
            [24, ..] => Kind::Mlterm,
            [85, ..] => Kind::Urxvt,
            [41, ..] => Kind::Xterm,
            [0, 115, ..] => Kind::Qterminal,
            [1, 115, ..] => Kind::Konsole,
            [1, 4000, ..] => Kind::Kitty,
            _ => return None,
        })
    }

    /// From a `TERM` value (or tmux's `client_termname`).
    fn from_term(t: &str) -> Option<Kind> {
        Some(if t == "xterm-kitty" {
            Kind::Kitty
        } else if t.starts_with("alacritty") {
            Kind::Alacritty
        } else if t.starts_with("st-") || t == "st" {
            Kind::St
        } else if t.starts_with("rxvt-unicode") {
            Kind::Urxvt
        } else if t.starts_with("foot") {
            Kind::Foot
        } else if t.starts_with("mlterm") {
            Kind::Mlterm
        } else if t == "wezterm" {
            Kind::WezTerm
        } else {
            return None;
        })
    }

    /// From the variables a terminal sets.
    fn from_env(var: &dyn Fn(&str) -> Option<String>) -> Option<(Kind, String)> {
        let set = |k: &str| var(k).filter(|v| !v.is_empty());
        for (name, kind) in [
            ("KITTY_WINDOW_ID", Kind::Kitty),
            ("KONSOLE_VERSION", Kind::Konsole),
            ("VTE_VERSION", Kind::Vte),
            ("MLTERM", Kind::Mlterm),
            ("ALACRITTY_WINDOW_ID", Kind::Alacritty),
            ("ALACRITTY_SOCKET", Kind::Alacritty),
            ("WEZTERM_EXECUTABLE", Kind::WezTerm),
            ("XTERM_VERSION", Kind::Xterm),
        ] {
            if let Some(v) = set(name) {
                return Some((kind, format!("{name}={v}")));
            }
        }
        let term = set("TERM")?;
        Kind::from_term(&term).map(|k| (k, format!("TERM={term}")))
    }
}

/// A terminal multiplexer between khabar and the terminal.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Mux {
    /// tmux; the pane khabar is in (`TMUX_PANE`).
    Tmux { pane: Option<String> },
    /// GNU screen.
    Screen,
}

/// What was found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Detected {
    pub kind: Kind,
    /// Its version, when it said.
    pub version: Option<String>,
    /// How it was told, each clue as `what: value`.
    pub clues: Vec<String>,
    pub mux: Option<Mux>,
}

/// What tmux says of its client terminal: `client_termname` and
/// `client_termtype` (the client's XTVERSION).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TmuxClient {
    pub termname: String,
    pub termtype: String,
}

/// The terminal, from the environment (`var`), its replies and, inside
/// tmux, what tmux says of its client.
pub fn from_clues(
    var: &dyn Fn(&str) -> Option<String>,
    replies: Option<&Replies>,
    tmux_client: Option<&TmuxClient>,
) -> Detected {
    let mut clues = Vec::new();
    let xtversion = replies.and_then(|r| r.xtversion.clone());
    let da2 = replies.and_then(|r| r.da2.clone());
    if let Some(v) = &xtversion {
        clues.push(format!("XTVERSION: {v}"));
    }
    if let Some(n) = &da2 {
        clues.push(format!(
            "DA2: >{}",
            n.iter().map(u32::to_string).collect::<Vec<_>>().join(";")
        ));
    }
    if replies.is_some_and(|r| r.xtversion.is_none() && r.da2.is_none()) {
        clues.push("no XTVERSION or DA2 answer".into());
    }
    let tmux = var("TMUX").is_some_and(|v| !v.is_empty())
        || xtversion.as_deref().is_some_and(|v| v.starts_with("tmux"))
        || da2.as_deref().is_some_and(|n| n.first() == Some(&84));
    let screen = !tmux
        && (var("STY").is_some_and(|v| !v.is_empty())
            || da2.as_deref().is_some_and(|n| n.first() == Some(&83)));
    let mux = if tmux {
        if let Some(t) = var("TMUX") {
            clues.push(format!("TMUX={t}"));
        }
        Some(Mux::Tmux {
            pane: var("TMUX_PANE"),
        })
    } else if screen {
        clues.push("GNU screen (STY)".into());
        Some(Mux::Screen)
    } else {
        None
    };
    let from_env = || Kind::from_env(var);
    let (kind, version) = match mux {
        Some(Mux::Tmux { .. }) => {
            // the replies are tmux's own: its client tells, else the
            // variables tmux's server was started with
            let client = tmux_client.filter(|c| !c.termname.is_empty() || !c.termtype.is_empty());
            if let Some(c) = client {
                clues.push(format!("tmux client: {} ({})", c.termtype, c.termname));
            }
            let by_type = client.and_then(|c| Kind::from_xtversion(&c.termtype));
            let by_name = client.and_then(|c| Kind::from_term(&c.termname));
            match by_type.or(by_name) {
                Some(k) => (
                    k,
                    client.map(|c| c.termtype.clone()).filter(|t| !t.is_empty()),
                ),
                None => match from_env() {
                    Some((k, clue)) => {
                        clues.push(clue);
                        (k, None)
                    }
                    None => (Kind::Unknown, None),
                },
            }
        }
        _ => {
            let by_reply = xtversion
                .as_deref()
                .and_then(Kind::from_xtversion)
                .map(|k| (k, xtversion.clone()))
                .or_else(|| da2.as_deref().and_then(Kind::from_da2).map(|k| (k, None)));
            match by_reply {
                Some(found) => {
                    // the variables, when they agree, are a clue too
                    if let Some((k, clue)) = from_env()
                        && k == found.0
                    {
                        clues.push(clue);
                    }
                    found
                }
                None => match from_env() {
                    Some((k, clue)) => {
                        clues.push(clue);
                        (k, None)
                    }
                    None => (Kind::Unknown, None),
                },
            }
        }
    };
    let version = version.or_else(|| match kind {
        Kind::Vte => var("VTE_VERSION").or_else(|| {
            da2.as_deref()
                .filter(|n| n.first() == Some(&65))
                .and_then(|n| n.get(1))
                .map(u32::to_string)
        }),
        Kind::Konsole => var("KONSOLE_VERSION"),
        Kind::Mlterm => var("MLTERM"),
        _ => None,
    });
    Detected {
        kind,
        version,
        clues,
        mux,
    }
}

/// What tmux says of the client terminal of `pane` (`None` outside tmux,
/// or when it cannot be asked).
pub fn tmux_client(pane: Option<&str>) -> Option<TmuxClient> {
    let mut cmd = std::process::Command::new("tmux");
    cmd.args(["display-message", "-p"]);
    if let Some(p) = pane {
        cmd.args(["-t", p]);
    }
    let out = cmd
        .arg("#{client_termname}\t#{client_termtype}")
        .stdin(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .output()
        .ok()?;
    let text = String::from_utf8_lossy(&out.stdout);
    let (name, kind) = text.trim_end_matches('\n').split_once('\t')?;
    Some(TmuxClient {
        termname: name.to_string(),
        termtype: kind.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |k| {
            pairs
                .iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| v.to_string())
        }
    }

    /// Each terminal of the table, as it answered and set its variables
    /// under Xvfb (Debian 12).
    #[test]
    fn every_terminal_of_the_table_by_its_answers_and_variables() {
        // what it answered, the variables it set, what it is
        type Case<'a> = (&'a [u8], &'a [(&'a str, &'a str)], Kind);
        let cases: &[Case] = &[
            (
                b"\x1bP>|XTerm(379)\x1b\\\x1b[>41;379;0c\x1b[?64;1c",
                &[("XTERM_VERSION", "XTerm(379)"), ("TERM", "xterm")],
                Kind::Xterm,
            ),
            (
                b"\x1b[>85;95;0c\x1b[?1;2c",
                &[("TERM", "rxvt-unicode-256color")],
                Kind::Urxvt,
            ),
            (b"\x1b[?6c", &[("TERM", "st-256color")], Kind::St),
            (
                b"\x1b[>0;1700;1c\x1b[?6c",
                &[("ALACRITTY_WINDOW_ID", "4194311"), ("TERM", "alacritty")],
                Kind::Alacritty,
            ),
            (
                b"\x1bP>|kitty(0.26.5)\x1b\\\x1b[>1;4000;26c\x1b[?62;c",
                &[("KITTY_WINDOW_ID", "1"), ("TERM", "xterm-kitty")],
                Kind::Kitty,
            ),
            (
                b"\x1bP>|Konsole 22.12.3\x1b\\\x1b[>1;115;0c\x1b[?62;1;4c",
                &[("KONSOLE_VERSION", "221203"), ("TERM", "xterm-256color")],
                Kind::Konsole,
            ),
            (
                b"\x1b[>0;115;0c\x1b[?1;2c",
                &[("TERM", "xterm-256color")],
                Kind::Qterminal,
            ),
            (
                b"\x1b[>24;279;0c\x1b[?63;1c",
                &[("MLTERM", "3.9.0"), ("TERM", "mlterm")],
                Kind::Mlterm,
            ),
            (
                b"\x1b[>65;7006;1c\x1b[?65;1;9c",
                &[("VTE_VERSION", "7006"), ("TERM", "xterm-256color")],
                Kind::Vte,
            ),
        ];
        for (bytes, vars, kind) in cases {
            let r = Replies::parse(bytes);
            let d = from_clues(&env(vars), Some(&r), None);
            assert_eq!(d.kind, *kind, "{bytes:?}: {d:?}");
            assert_eq!(d.mux, None);
            // the variables alone tell too (qterminal sets none of its own)
            let alone = from_clues(&env(vars), None, None).kind;
            let expected = if *kind == Kind::Qterminal {
                Kind::Unknown
            } else {
                *kind
            };
            assert_eq!(alone, expected, "{vars:?}");
        }
    }

    #[test]
    fn the_answers_win_over_variables_a_program_inherited() {
        // xterm started from GNOME Terminal: VTE_VERSION is still set
        let r = Replies::parse(b"\x1bP>|XTerm(379)\x1b\\\x1b[>41;379;0c\x1b[?64c");
        let d = from_clues(&env(&[("VTE_VERSION", "7006")]), Some(&r), None);
        assert_eq!(d.kind, Kind::Xterm);
    }

    #[test]
    fn inside_tmux_its_client_terminal() {
        let r = Replies::parse(b"\x1bP>|tmux 3.3a\x1b\\\x1b[>84;0;0c\x1b[?1;2c");
        let vars = [
            ("TMUX", "/tmp/tmux-0/default,1,0"),
            ("TMUX_PANE", "%3"),
            ("TERM", "tmux-256color"),
            ("KONSOLE_VERSION", "221203"),
        ];
        let client = TmuxClient {
            termname: "xterm".into(),
            termtype: "XTerm(379)".into(),
        };
        let d = from_clues(&env(&vars), Some(&r), Some(&client));
        assert_eq!(d.kind, Kind::Xterm, "the client, not the variables");
        assert_eq!(
            d.mux,
            Some(Mux::Tmux {
                pane: Some("%3".into())
            })
        );
        // a client that does not say who it is: tmux's variables
        let client = TmuxClient {
            termname: "xterm-256color".into(),
            termtype: String::new(),
        };
        let d = from_clues(&env(&vars), Some(&r), Some(&client));
        assert_eq!(d.kind, Kind::Konsole);
        // no client at all (a detached session)
        let d = from_clues(&env(&vars[..3]), Some(&r), None);
        assert_eq!(d.kind, Kind::Unknown);
    }
}
