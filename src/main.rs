use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use khabar::commands::render::{RenderOptions, load_article, render};
use khabar::tui::config::{BidiMode, LayoutDir};
use khabar::tui::terminal::{Options, run};

/// khabar: a terminal browser for Arabic news, with right-to-left text shown correctly.
///
/// With no PATH, opens the two seed stories built into the binary.
#[derive(Parser)]
#[command(name = "khabar", version, args_conflicts_with_subcommands = true)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// Article files or directories (walked recursively for .txt and .md).
    paths: Vec<PathBuf>,
    /// Which side the article list is on: rtl (right, the default) or ltr.
    #[arg(long, value_enum)]
    layout: Option<LayoutArg>,
    /// Who does the bidi: khabar's engine (default), or a terminal with its own bidi.
    #[arg(long, value_enum)]
    bidi: Option<BidiArg>,
    /// Config file (default: ~/.config/khabar/config.toml).
    #[arg(long)]
    config: Option<PathBuf>,
}

#[derive(Clone, Copy, ValueEnum)]
enum LayoutArg {
    Rtl,
    Ltr,
}

#[derive(Clone, Copy, ValueEnum)]
enum BidiArg {
    Engine,
    Terminal,
}

#[derive(Subcommand)]
enum Command {
    /// Search articles like grep, reading Arabic the way people type it
    /// (no hamza, ه for ة, ي for ى, no harakat or tatweel, any digits).
    /// Prints PATH:LINE: paragraph; exit 0 if something matched, 1 if not, 2 on error.
    Search {
        /// Print PATH:N (N matching lines) for each file with matches.
        #[arg(long)]
        count: bool,
        /// Literal text (not a regular expression).
        query: String,
        /// Files or directories (default: the seeds).
        paths: Vec<PathBuf>,
    },
    /// The actors and agreements of each article (no PATH: the seeds).
    Facts {
        /// One JSON array, one object per article.
        #[arg(long)]
        json: bool,
        /// Tag a CoNLL file (one token per line) with PERS/LOC/ORG instead.
        #[arg(long, value_name = "FILE")]
        conll: Option<PathBuf>,
        /// Article files or directories.
        paths: Vec<PathBuf>,
    },
    /// Subscribe to the feeds of an OPML file (exported by another reader).
    #[command(name = "import-opml")]
    ImportOpml {
        /// The OPML file.
        file: PathBuf,
    },
    /// Fetch the feeds (the URLs given, the config's, the subscribed ones)
    /// into the local store; one line per feed. Exit 2 if one failed.
    Refresh {
        /// Feed URLs to fetch besides the configured ones.
        urls: Vec<String>,
    },
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
    let columns = || std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok());
    if !std::io::stdout().is_terminal() {
        return columns();
    }
    ratatui::crossterm::terminal::size()
        .ok()
        .map(|(w, _)| w)
        .filter(|&w| w > 0)
        .or_else(columns)
}

fn render_command(width: Option<u16>, plain: bool, path: Option<String>) -> ExitCode {
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

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Render { width, plain, path }) => render_command(width, plain, path),
        Some(Command::Search {
            count,
            query,
            paths,
        }) => ExitCode::from(khabar::commands::search::run(count, &query, &paths) as u8),
        Some(Command::Facts { json, conll, paths }) => {
            ExitCode::from(khabar::commands::facts::run(json, conll.as_deref(), &paths) as u8)
        }
        Some(Command::ImportOpml { file }) => {
            ExitCode::from(khabar::commands::feeds::import_opml(&file) as u8)
        }
        Some(Command::Refresh { urls }) => {
            ExitCode::from(khabar::commands::feeds::refresh_command(&urls) as u8)
        }
        None => {
            let opts = Options {
                paths: cli.paths,
                layout: cli.layout.map(|l| match l {
                    LayoutArg::Rtl => LayoutDir::Rtl,
                    LayoutArg::Ltr => LayoutDir::Ltr,
                }),
                bidi: cli.bidi.map(|b| match b {
                    BidiArg::Engine => BidiMode::Engine,
                    BidiArg::Terminal => BidiMode::Terminal,
                }),
                config: cli.config,
            };
            ExitCode::from(run(opts) as u8)
        }
    }
}
