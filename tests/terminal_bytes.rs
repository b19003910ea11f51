//! What khabar sends each terminal of README's table, byte for byte: the
//! real binary on a pseudo-terminal that answers khabar's questions as
//! that terminal answered them under Xvfb ([`common::pty`]), for a known
//! article: `khabar render` (every byte) and the browser (the switches on
//! the way in and out, exactly, and the article's line as sent). xterm's
//! bytes are the reference: fribidi's visual order, right-aligned.

mod common;

use common::pty::{self, Persona, Pty};
use unicode_width::UnicodeWidthStr;

const QUESTIONS: &str = "\x1b[>q\x1b[>c\x1b[c";
const TITLE: &str = "اتفاق بين البلدين";
const BODY: &str = "وقع الرئيس الفرنسي الاتفاق، في 2015.";
const WIDTH: usize = 30;
const MOUSE_ON: &str = "\x1b[?1000h\x1b[?1002h\x1b[?1003h\x1b[?1015h\x1b[?1006h";
const MOUSE_OFF: &str = "\x1b[?1006l\x1b[?1015l\x1b[?1003l\x1b[?1002l\x1b[?1000l";
/// BDSM explicit, SCP left to right; and back.
const BIDI_OFF: &str = "\x1b[8l\x1b[1 k";
const BIDI_RESTORE: &str = "\x1b[0 k\x1b[8h";
const KONSOLE_OFF: &str = "\x1b]50;BidiRenderingEnabled=false\x07";
const KONSOLE_ON: &str = "\x1b]50;BidiRenderingEnabled=true\x07";
const MLTERM_CTL_OFF: &str = "\x1b]5379;use_ctl=false\x07";
const MLTERM_CTL_ON: &str = "\x1b]5379;use_ctl=true\x07";

fn env_for(dir: &std::path::Path) -> Vec<(String, String)> {
    let d = dir.display();
    vec![
        ("KHABAR_DATA".into(), format!("{d}/data")),
        ("KHABAR_CONFIG".into(), format!("{d}/config.toml")),
    ]
}

fn article(name: &str) -> (std::path::PathBuf, std::path::PathBuf) {
    let dir = common::scratch(&format!("bytes-{name}"));
    let file = dir.join("a.txt");
    std::fs::write(&file, format!("{TITLE}\n\n{BODY}\n")).unwrap();
    (dir, file)
}

/// `khabar render --width 30` of the article on `p`, without colours.
fn render(p: Persona, name: &str) -> String {
    render_with(p, name, &[])
}

/// `khabar render ARGS --width 30` of the article on `p`, without colours.
fn render_with(p: Persona, name: &str, args: &[&str]) -> String {
    let (dir, file) = article(name);
    let mut cmd = std::process::Command::new(common::khabar_bin());
    cmd.arg("render")
        .args(args)
        .args(["--width", &WIDTH.to_string()])
        .arg(&file);
    let mut env = env_for(&dir);
    env.push(("NO_COLOR".into(), "1".into()));
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let t = Pty::start(p, cmd, &env, 40, 10);
    let out = String::from_utf8(t.finish()).unwrap();
    let _ = std::fs::remove_dir_all(dir);
    out
}

/// The article's lines as `render` wraps them at 30 columns (title, its
/// word count, a blank line, the body in two lines), logical.
fn logical_lines() -> Vec<&'static str> {
    vec![
        TITLE,
        "9 كلمات",
        "",
        "وقع الرئيس الفرنسي الاتفاق، في",
        "2015.",
    ]
}

/// xterm's reference: each line in fribidi's visual order, right-aligned.
fn visual_lines() -> Vec<String> {
    let lines: Vec<String> = logical_lines().iter().map(|s| s.to_string()).collect();
    common::fribidi_lines_as(&lines, &["--rtl"])
        .into_iter()
        .map(|v| {
            if v.is_empty() {
                v
            } else {
                format!("{}{v}", " ".repeat(WIDTH - v.width()))
            }
        })
        .collect()
}

fn screen(lines: &[String]) -> String {
    lines.iter().map(|l| format!("{l}\r\n")).collect()
}

#[test]
fn render_sends_xterm_and_kitty_visual_text_alone() {
    let text = screen(&visual_lines());
    assert_eq!(render(pty::XTERM, "xterm"), format!("{QUESTIONS}{text}"));
    // kitty: the same bytes (only its force_ltr can help, said in the
    // browser and by khabar doctor)
    assert_eq!(render(pty::KITTY, "kitty"), format!("{QUESTIONS}{text}"));
}

#[test]
fn render_sends_vte_bdsm_around_the_visual_text() {
    let text = screen(&visual_lines());
    assert_eq!(
        render(pty::VTE, "vte"),
        format!("{QUESTIONS}\x1b[8l{text}\x1b[8h")
    );
}

#[test]
fn render_sends_mlterm_use_ctl_off_and_on_once_it_has_read_the_text() {
    let text = screen(&visual_lines());
    // DA1 between: mlterm has read (and drawn) the text when it answers
    assert_eq!(
        render(pty::MLTERM, "mlterm"),
        format!("{QUESTIONS}{MLTERM_CTL_OFF}{text}\x1b[c{MLTERM_CTL_ON}")
    );
}

#[test]
fn render_sends_konsole_lines_for_its_own_bidi() {
    // each line: padding, RLE, the logical text with lam-alef as one
    // ligature (الاتفاق: alef, then lam-alef isolated); Konsole wraps a
    // column narrower (the padding is at least one space)
    let lines = [
        TITLE,
        "9 كلمات",
        "",
        "وقع الرئيس الفرنسي ا\u{FEFB}تفاق،",
        "في 2015.",
    ];
    let want: Vec<String> = lines
        .iter()
        .map(|l| {
            if l.is_empty() {
                String::new()
            } else {
                format!("{}\u{202B}{l}", " ".repeat(WIDTH - l.width()))
            }
        })
        .collect();
    assert_eq!(
        render(pty::KONSOLE, "konsole"),
        format!("{QUESTIONS}{}", screen(&want))
    );
    // --bidi engine: xterm's bytes
    assert_eq!(
        render_with(pty::KONSOLE, "konsole-engine", &["--bidi", "engine"]),
        format!("{QUESTIONS}{}", screen(&visual_lines()))
    );
}

#[test]
fn render_sends_qterminal_each_character_in_its_own_colour() {
    // the visual line, padding included, each character's foreground
    // alternating between qterminal's default (178,178,178) and one unit
    // of blue more, the colour reset at the end of the line
    let want: Vec<String> = visual_lines()
        .iter()
        .map(|l| {
            if l.is_empty() {
                return String::new();
            }
            let mut s = String::new();
            for (i, c) in l.chars().enumerate() {
                s.push_str(&format!("\x1b[38;2;178;178;{}m{c}", 178 + i % 2));
            }
            s + "\x1b[39m"
        })
        .collect();
    assert_eq!(
        render(pty::QTERMINAL, "qterminal"),
        format!("{QUESTIONS}{}", screen(&want))
    );
}

/// The browser on the article at 120x16 until it has drawn it, then `q`:
/// everything it sent.
fn browser(p: Persona, name: &str) -> String {
    let (dir, file) = article(&format!("browser-{name}"));
    let mut cmd = std::process::Command::new(common::khabar_bin());
    cmd.arg(&file);
    let env = env_for(&dir);
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let mut t = Pty::start(p, cmd, &env, 120, 16);
    t.wait_for("the article's last word", |b| {
        pty::find(b, "2015".as_bytes()).is_some() || pty::find(b, "5\x1b[".as_bytes()).is_some()
    });
    t.wait_quiet();
    t.send(b"q");
    let out = String::from_utf8(t.finish()).unwrap();
    let _ = std::fs::remove_dir_all(dir);
    out
}

/// The characters drawn, each with the foreground it was drawn in and
/// whether it followed the one before on the same row.
fn drawn(bytes: &str) -> Vec<(char, String, bool)> {
    let mut out = Vec::new();
    let mut fg = String::from("default");
    let mut adjacent = false;
    let mut chars = bytes.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            let mut seq = String::new();
            for d in chars.by_ref() {
                seq.push(d);
                if d.is_ascii_alphabetic() && seq.len() > 1 || d == '\x07' || d == '\\' {
                    break;
                }
            }
            if let Some(params) = seq.strip_prefix('[').and_then(|s| s.strip_suffix('m')) {
                let p: Vec<&str> = params.split(';').collect();
                match p.as_slice() {
                    ["0"] | ["39", ..] => fg = "default".into(),
                    ["38", "2", r, g, b, ..] => fg = format!("{r};{g};{b}"),
                    ["38", "5", n, ..] => fg = format!("palette {n}"),
                    _ => {}
                }
            } else if !seq.ends_with('m') {
                adjacent = false;
            }
            continue;
        }
        if c == '\r' || c == '\n' {
            adjacent = false;
            continue;
        }
        out.push((c, fg.clone(), adjacent));
        adjacent = true;
    }
    out
}

/// The text drawn, characters only.
fn text_of(d: &[(char, String, bool)]) -> String {
    d.iter().map(|(c, _, _)| *c).collect()
}

/// The browser's bytes: the questions, the alternate screen with the
/// mouse and `enter`, the frames, and on `q` `leave` before the main
/// screen comes back.
fn check_switches(out: &str, enter: &str, leave: &str) {
    let start = format!("{QUESTIONS}\x1b[?1049h{MOUSE_ON}{enter}\x1b[2J");
    assert!(out.starts_with(&start), "{:?}", &out[..out.len().min(300)]);
    let end = format!("{MOUSE_OFF}\x1b[?25h{leave}\x1b[?1049l\x1b[?25h");
    assert!(
        out.ends_with(&end),
        "{:?}",
        &out[out.len().saturating_sub(300)..]
    );
    assert_eq!(out.matches(enter).count(), 1);
}

fn body_visual() -> String {
    common::fribidi_lines_as(&[BODY.to_string()], &["--rtl"]).remove(0)
}

#[test]
fn the_browser_in_xterm_vte_konsole_mlterm_kitty_its_switches_and_visual_text() {
    let body = body_visual();
    for (p, name, enter, leave) in [
        (
            pty::XTERM,
            "xterm",
            BIDI_OFF.to_string(),
            BIDI_RESTORE.to_string(),
        ),
        (pty::VTE, "vte", BIDI_OFF.into(), BIDI_RESTORE.into()),
        (
            pty::KONSOLE,
            "konsole",
            format!("{BIDI_OFF}{KONSOLE_OFF}"),
            format!("{KONSOLE_ON}{BIDI_RESTORE}"),
        ),
        (
            pty::MLTERM,
            "mlterm",
            format!("{BIDI_OFF}{MLTERM_CTL_OFF}"),
            format!("{MLTERM_CTL_ON}{BIDI_RESTORE}"),
        ),
        (pty::KITTY, "kitty", BIDI_OFF.into(), BIDI_RESTORE.into()),
    ] {
        let out = browser(p, name);
        check_switches(&out, &enter, &leave);
        assert!(
            text_of(&drawn(&out)).contains(&body),
            "{name}: {body:?} not drawn in {out:?}"
        );
        // kitty's user is told, once, the setting that no byte can change
        // (its spaces, already on the status bar, are not sent again)
        let advice = "kitty:add`force_ltryes`tokitty.confforArabic";
        let status = text_of(&drawn(&out)).replace(' ', "");
        // (drawn again when the status bar changes around it)
        assert_eq!(status.contains(advice), name == "kitty", "{name}: {out:?}");
    }
}

#[test]
fn the_browser_in_qterminal_draws_no_two_touching_characters_in_one_colour() {
    let out = browser(pty::QTERMINAL, "qterminal");
    check_switches(&out, BIDI_OFF, BIDI_RESTORE);
    let d = drawn(&out);
    assert!(text_of(&d).contains(&body_visual()), "{out:?}");
    // every character in a colour of its own (never the terminal's
    // default or palette, which qterminal's scheme could make equal), and
    // each differing from the one drawn just before it on its row
    let mut touching = 0;
    for w in d.windows(2) {
        let ((a, fa, _), (b, fb, adjacent)) = (&w[0], &w[1]);
        assert!(fb.split(';').count() == 3, "{b:?} drawn in {fb}");
        if *adjacent {
            touching += 1;
            assert_ne!(fa, fb, "{a:?} and {b:?} touch in one colour");
        }
    }
    assert!(touching > 500, "{touching}");
    // the body's characters: the default foreground and its twin
    let body: Vec<char> = body_visual().chars().collect();
    let chars: Vec<char> = d.iter().map(|x| x.0).collect();
    let at = chars
        .windows(body.len())
        .position(|w| w == body.as_slice())
        .unwrap();
    for (_, fg, _) in &d[at..at + body.len()] {
        assert!(fg == "178;178;178" || fg == "178;178;179", "{fg}");
    }
}

/// `khabar doctor ARGS` on `p`: what it printed.
fn doctor(p: Persona, args: &[&str]) -> String {
    let args: Vec<&str> = ["doctor"].into_iter().chain(args.iter().copied()).collect();
    let dir = common::scratch(&format!("doctor-{}", p.name.replace(' ', "_")));
    let mut cmd = std::process::Command::new(common::khabar_bin());
    cmd.args(args);
    let env = env_for(&dir);
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let out = String::from_utf8(Pty::start(p, cmd, &env, 200, 30).finish()).unwrap();
    let _ = std::fs::remove_dir_all(dir);
    out.strip_prefix(QUESTIONS)
        .unwrap_or(&out)
        .replace("\r\n", "\n")
}

#[test]
fn doctor_names_each_terminal_its_clues_and_strategy() {
    for (p, terminal, clues, strategy) in [
        (
            pty::XTERM,
            "xterm (XTerm(379))",
            "XTVERSION: XTerm(379); DA2: >41;379;0; XTERM_VERSION=XTerm(379)",
            "Visual",
        ),
        (
            pty::VTE,
            "VTE (GNOME Terminal, sakura, tilix, ...) (7006)",
            "DA2: >65;7006;1; VTE_VERSION=7006",
            "Bdsm",
        ),
        (
            pty::KONSOLE,
            "Konsole 22.12.3",
            "XTVERSION: Konsole 22.12.3; DA2: >1;115;0; KONSOLE_VERSION=221203",
            "Konsole",
        ),
        (
            pty::MLTERM,
            "mlterm (3.9.0)",
            "DA2: >24;279;0; MLTERM=3.9.0",
            "MltermCtl",
        ),
        (
            pty::QTERMINAL,
            "qterminal (qtermwidget)",
            "DA2: >0;115;0",
            "BreakRuns",
        ),
        (
            pty::KITTY,
            "kitty(0.26.5)",
            "XTVERSION: kitty(0.26.5); DA2: >1;4000;26; KITTY_WINDOW_ID=1",
            "Kitty",
        ),
    ] {
        let out = doctor(p, &[]);
        assert!(out.starts_with(&format!("terminal: {terminal}\nfound by: {clues}\nbidi: auto (the default)\nstrategy: {strategy}: ")), "{out}");
    }
    // the user's choice wins, and is said
    let out = doctor(pty::KONSOLE, &["--bidi", "engine"]);
    assert!(
        out.contains("bidi: engine (--bidi)\nstrategy: Visual: "),
        "{out}"
    );
}

#[test]
fn inside_tmux_the_client_switches_pass_through_before_the_alternate_screen() {
    // tmux drops what passes through while a pane's redraw is pending, as
    // it is right after the pane enters the alternate screen
    let wrap = |seq: &str| format!("\x1bPtmux;{}\x1b\\", seq.replace('\x1b', "\x1b\x1b"));
    let out = browser(pty::TMUX_KONSOLE, "tmux-konsole");
    let start = format!(
        "{QUESTIONS}{BIDI_OFF}{}\x1b[?1049h{MOUSE_ON}\x1b[2J",
        wrap(KONSOLE_OFF)
    );
    assert!(out.starts_with(&start), "{:?}", &out[..out.len().min(300)]);
    let end = format!(
        "{MOUSE_OFF}\x1b[?25h{}{BIDI_RESTORE}\x1b[?1049l\x1b[?25h",
        wrap(KONSOLE_ON)
    );
    assert!(
        out.ends_with(&end),
        "{:?}",
        &out[out.len().saturating_sub(300)..]
    );
    assert!(text_of(&drawn(&out)).contains(&body_visual()));
    // render: Konsole's lines, no switch
    assert!(render(pty::TMUX_KONSOLE, "tmux-konsole").contains("\u{202B}في 2015.\r\n"));
}
