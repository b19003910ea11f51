use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use khabar::commands::render::{RenderOptions, load_article, render};

/// khabar: a terminal browser for Arabic news, with right-to-left text shown correctly.
#[derive(Parser)]
#[command(name = "khabar", version, args_conflicts_with_subcommands = true)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Print an article as the reading pane lays it out (shaped, in visual order).
    Render {
        /// Width in columns (default: the terminal's, or 80).
        #[arg(long)]
        width: Option<u16>,
        /// The text alone: no meta line, no colour or styling.
        #[arg(long)]
        plain: bool,
        /// The article file, or `-` for standard input (default: the first seed).
        path: Option<String>,
    },
}

fn terminal_width() -> Option<u16> {
    if !std::io::stdout().is_terminal() {
        return std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok());
    }
    terminal_size().or_else(|| std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok()))
}

fn terminal_size() -> Option<u16> {
    ratatui::crossterm::terminal::size()
        .ok()
        .map(|(w, _)| w)
        .filter(|&w| w > 0)
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Render { width, plain, path }) => {
            let article = match load_article(path.as_deref()) {
                Ok(a) => a,
                Err(e) => {
                    eprintln!("khabar: {e}");
                    return ExitCode::from(2);
                }
            };
            let stdout = std::io::stdout();
            let styled = stdout.is_terminal() && std::env::var_os("NO_COLOR").is_none();
            let opts = RenderOptions {
                width: width.or_else(terminal_width).unwrap_or(80).max(1),
                plain,
                styled,
            };
            let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
            match render(&article, &opts, &mut out).and_then(|_| out.flush()) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("khabar: {e}");
                    ExitCode::from(2)
                }
            }
        }
        None => {
            eprintln!("khabar: the browser is not built yet; use `khabar render [PATH]`");
            ExitCode::from(2)
        }
    }
}
