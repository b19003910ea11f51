use std::path::PathBuf;

/// mimalloc: the text engine and the extractor allocate many small strings,
/// on several threads at once.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand, ValueEnum};
use khabar::commands::{self, CommandError, Outcome};
use khabar::config::{BidiMode, LayoutDir};
use khabar::tui::terminal::{Options, TuiError};

/// A terminal browser for Arabic news, with right-to-left text shown correctly.
///
/// With no PATH, shows every stored article, newest first (the two seed
/// stories when the store is empty); with PATHs or URLs, stores them and
/// shows just those.
#[derive(Parser)]
#[command(
    name = "khabar",
    version,
    after_help = "The whole manual, every command, key, config key and environment variable with an example: khabar man | man -l -"
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// Article files or directories (walked recursively for .txt and .md).
    paths: Vec<PathBuf>,
    /// Which side the article list is on: rtl (right, the default) or ltr.
    #[arg(long, value_enum)]
    layout: Option<LayoutArg>,
    /// Who does the bidi: what suits the terminal detected (auto, the
    /// default), khabar's engine, or the terminal's own (see `khabar doctor`);
    /// also after a command (`khabar render --bidi engine`).
    #[arg(long, value_enum, global = true)]
    bidi: Option<BidiArg>,
    /// Config file, before or after any subcommand (default:
    /// $KHABAR_CONFIG, else ~/.config/khabar/config.toml). A file named
    /// here or by KHABAR_CONFIG must exist.
    #[arg(long, global = true, value_name = "FILE")]
    config: Option<PathBuf>,
}

#[derive(Clone, Copy, ValueEnum)]
enum LayoutArg {
    Rtl,
    Ltr,
}

#[derive(Clone, Copy, ValueEnum)]
enum BidiArg {
    Auto,
    Engine,
    Terminal,
}

#[derive(Subcommand)]
enum Command {
    /// Store articles once, with their facts and search index: files,
    /// directories (walked for article files), feeds and pages by URL
    /// (feeds are subscribed). Unchanged files are not read again.
    /// Prints `added N, unchanged M, failed K` on stderr; exit 2 if a
    /// source failed (the others are kept).
    Add {
        /// Files, directories or http(s) URLs.
        #[arg(required = true)]
        sources: Vec<String>,
    },
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
    /// List the feeds: URL, title, unread, total, last fetch, last error
    /// (tab-separated), subscribed ones first.
    Feeds {
        /// A JSON array instead.
        #[arg(long)]
        json: bool,
    },
    /// List the actors of the store (name, kind, stories, mentions;
    /// tab-separated), most stories first.
    Actors {
        /// Only actors whose name holds this (Arabic spelling folded).
        query: Option<String>,
        /// A JSON array instead.
        #[arg(long)]
        json: bool,
    },
    /// Unsubscribe from a feed and take it off the feeds; its articles
    /// stay readable.
    Remove {
        /// The feed's URL.
        url: String,
        /// Remove its articles too.
        #[arg(long)]
        purge: bool,
    },
    /// The store's parts and their sizes on disk, against the text it holds.
    Stats,
    /// Remove the feeds' articles the config no longer keeps (`keep`,
    /// `keep_per_feed`), saying what goes, then give the space back.
    Prune {
        /// Only say what would go.
        #[arg(long)]
        dry_run: bool,
        /// Remove unread articles too (they are kept otherwise).
        #[arg(long)]
        unread: bool,
    },
    /// Fetch the feeds (the URLs given, the config's, the subscribed ones)
    /// into the local store; one line per feed. Exit 2 if one failed.
    /// For cron: `*/30 * * * * khabar refresh --quiet`.
    Refresh {
        /// Feed URLs to fetch besides the configured ones.
        urls: Vec<String>,
        /// Print nothing but errors (on stderr); the exit status says how it went.
        #[arg(long, short)]
        quiet: bool,
        /// Keep what the feeds give: fetch no item's page for its whole
        /// text (whatever `full_text` says).
        #[arg(long)]
        no_full_text: bool,
    },
    /// Print the feeds followed as an OPML list (for another reader), with
    /// their titles, nested by folder: `khabar export-opml > feeds.opml`.
    #[command(name = "export-opml")]
    ExportOpml,
    /// Print a shell completion script: `khabar completions bash >
    /// ~/.local/share/bash-completion/completions/khabar`.
    Completions {
        /// bash, zsh, fish, elvish or powershell.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff): `khabar man | man -l -`.
    Man,
    /// Which terminal this is, how khabar found out, and what it sends it
    /// so that Arabic shows right (and why).
    Doctor,
    /// A page's article as khabar reads it: the title, a blank line, the
    /// paragraphs (headings, lists, quotes, tables kept; links numbered,
    /// listed last). Exit 2 if a page failed (the others are printed).
    Extract {
        /// One JSON array, an object per page: title, byline, date, site,
        /// lang, dir, link, text (the body), links, images.
        #[arg(long)]
        json: bool,
        /// HTML files or http(s) URLs.
        #[arg(required = true)]
        sources: Vec<String>,
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

fn bidi_mode(b: BidiArg) -> BidiMode {
    match b {
        BidiArg::Auto => BidiMode::Auto,
        BidiArg::Engine => BidiMode::Engine,
        BidiArg::Terminal => BidiMode::Terminal,
    }
}

/// Say why khabar stopped, on stderr.
fn report(e: &dyn std::fmt::Display) {
    khabar::report::say(&e.to_string());
}

/// A command's result as the exit status; why it failed on stderr.
fn exit(result: Result<Outcome, CommandError>) -> ExitCode {
    match result {
        Ok(outcome) => ExitCode::from(outcome.code()),
        Err(e) => {
            report(&e);
            ExitCode::from(2)
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Some(b) = cli.bidi {
        // the commands that print shaped text follow --bidi too
        commands::shaped::choose_bidi(bidi_mode(b));
    }
    if let Some(c) = &cli.config {
        khabar::config::use_config(c.clone());
    }
    // a config named but missing, or broken, stops every command that
    // reads it before it starts (the browser checks its own)
    if cli
        .command
        .as_ref()
        .is_some_and(|c| !matches!(c, Command::Completions { .. } | Command::Man))
        && let Err(e) = khabar::config::Config::load_or_default(None)
    {
        return exit(Err(e.into()));
    }
    match cli.command {
        Some(Command::Render { width, plain, path }) => {
            exit(commands::render::run(width, plain, path.as_deref()))
        }
        Some(Command::Search {
            count,
            query,
            paths,
        }) => exit(commands::search::run(count, &query, &paths)),
        Some(Command::Facts { json, conll, paths }) => {
            exit(commands::facts::run(json, conll.as_deref(), &paths))
        }
        Some(Command::Completions { shell }) => {
            // made whole, then written: a closed pipe ends it quietly
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "khabar", &mut script);
            exit(commands::write_all(&script))
        }
        Some(Command::Man) => {
            let mut page = Vec::new();
            match khabar::manual::render(Cli::command(), &mut page)
                .and_then(|()| std::io::Write::write_all(&mut std::io::stdout(), &page))
            {
                Ok(()) => ExitCode::SUCCESS,
                // `khabar man | head`: the reader stopped reading
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
                Err(e) => {
                    report(&e);
                    ExitCode::from(1)
                }
            }
        }
        Some(Command::Doctor) => exit(commands::doctor::run(cli.bidi.map(bidi_mode))),
        Some(Command::Add { sources }) => exit(commands::add::run(&sources)),
        Some(Command::Extract { json, sources }) => exit(commands::extract::run(json, &sources)),
        Some(Command::ImportOpml { file }) => exit(commands::feeds::import_opml(&file)),
        Some(Command::Feeds { json }) => exit(commands::feeds::list(json)),
        Some(Command::Actors { query, json }) => {
            exit(commands::actors::run(query.as_deref(), json))
        }
        Some(Command::Remove { url, purge }) => exit(commands::feeds::remove(&url, purge)),
        Some(Command::Stats) => exit(commands::store::stats()),
        Some(Command::Prune { dry_run, unread }) => exit(commands::store::prune(dry_run, unread)),
        Some(Command::Refresh {
            urls,
            quiet,
            no_full_text,
        }) => exit(commands::feeds::refresh_command(
            &urls,
            quiet,
            !no_full_text,
        )),
        Some(Command::ExportOpml) => exit(commands::feeds::export_opml()),
        None => {
            let opts = Options {
                paths: cli.paths,
                layout: cli.layout.map(|l| match l {
                    LayoutArg::Rtl => LayoutDir::Rtl,
                    LayoutArg::Ltr => LayoutDir::Ltr,
                }),
                bidi: cli.bidi.map(bidi_mode),
                config: cli.config,
            };
            match khabar::tui::terminal::run(opts) {
                Ok(None) => ExitCode::SUCCESS,
                // ended by a signal: the shell's convention
                Ok(Some(sig)) => ExitCode::from((128 + sig).clamp(0, 255) as u8),
                Err(e @ (TuiError::Config(_) | TuiError::NotATerminal)) => {
                    report(&e);
                    ExitCode::from(2)
                }
                Err(e) => {
                    report(&e);
                    ExitCode::from(1)
                }
            }
        }
    }
}
