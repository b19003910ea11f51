//! A daily reader's week in the browser, without a terminal: messages
//! drive an `App` through `App::update` and the frames on ratatui's
//! TestBackend are what the tests know (tests/common/ui.rs). Three feeds
//! are in a store in memory, as a refresh leaves them.

mod common;

use std::path::Path;

use khabar::config::Config;
use khabar::corpus::Article;
use khabar::corpus::store::write::prepare_batch;
use khabar::corpus::store::{Handle, Store};
use khabar::tui::app::{App, UNDATED};
use khabar::tui::dates::Clock;
use khabar::tui::keymap::KeyMap;
use khabar::tui::library::Library;
use khabar::tui::msg::{Effect, Msg};
use ratatui::crossterm::event::KeyCode;

use common::ui::{Ui, shaped};

const ECONOMY: &str = "http://a.example/rss";
const TECH: &str = "http://b.example/rss";
const ADS: &str = "http://c.example/ads";

/// An item of a feed: its title, a paragraph, and its date (none: the
/// feed said none).
fn item(feed: &str, n: usize, title: &str, body: &str, date: Option<i64>) -> Article {
    let mut a = Article::from_plain_text(format!("{feed}#{n}"), &format!("{title}\n{body}"));
    a.url = Some(format!("{feed}/item/{n}"));
    a.published = date;
    a.date = date.map(|_| "2022-01-14".to_string());
    a
}

/// The three feeds' articles, each feed's in its order.
fn feeds() -> Vec<(&'static str, &'static str, Vec<Article>)> {
    let h = 3600;
    vec![
        (
            ECONOMY,
            "أخبار الاقتصاد",
            vec![
                item(
                    ECONOMY,
                    1,
                    "البنك المركزي يبقي أسعار الفائدة",
                    "قال البنك إن التضخم للأمن الاقتصادي خطر.",
                    Some(UNDATED - h),
                ),
                item(ECONOMY, 2, "خبر بلا تاريخ عن الأسواق", "تراجعت الأسواق.", None),
                item(
                    ECONOMY,
                    3,
                    "ارتفاع أسعار النفط",
                    "ارتفعت الأسعار.",
                    Some(UNDATED - 5 * h),
                ),
            ],
        ),
        (
            TECH,
            "تقنية",
            vec![
                item(
                    TECH,
                    1,
                    "إطلاق أول قمر صناعي عربي",
                    "أطلقت الدولة قمرا.",
                    Some(UNDATED - 2 * h),
                ),
                item(
                    TECH,
                    2,
                    "شركة ناشئة تجمع تمويلا",
                    "جمعت الشركة 20 مليونا.",
                    Some(UNDATED - 3 * h),
                ),
            ],
        ),
        (
            ADS,
            "إعلانات",
            vec![item(
                ADS,
                1,
                "عرض خاص على الهواتف",
                "اشتر الآن.",
                Some(UNDATED - 4 * h),
            )],
        ),
    ]
}

/// A browser over the three feeds, with `config`.
fn ui_with(config: &str) -> Ui {
    ui_and_store(config).0
}

/// [`ui_with`], and the store's handle.
fn ui_and_store(config: &str) -> (Ui, Handle) {
    let config = Config::parse(Path::new("config.toml"), config).unwrap();
    let mut store = Store::in_memory();
    let mut all = Vec::new();
    for (url, title, mut items) in feeds() {
        for a in &mut items {
            a.source = Some(title.to_string());
        }
        all.extend(items.clone());
        store
            .save_fetch(url, prepare_batch(items, UNDATED))
            .unwrap();
        store.feed_fetched(url, Some(title.to_string())).unwrap();
        store.subscribe(url).unwrap();
    }
    let handle = store.handle();
    let mut app = App::new(
        Library::new(store, false),
        &config,
        KeyMap::from_config(&config).unwrap(),
    )
    .with_clock(Clock::fixed_utc(UNDATED + 3600));
    app.set_feed_count(3);
    (Ui::new(app, all), handle)
}

/// The position of the article titled `title` among those given.
fn titled(u: &Ui, title: &str) -> usize {
    u.articles.iter().position(|a| a.title == title).unwrap()
}

/// Open `F`, move to the row whose title is `name`, and Enter.
fn enter_feed(u: &mut Ui, name: &str) {
    u.press('F');
    let want = shaped(name, 60);
    for _ in 0..10 {
        let screen = u.redraw();
        let selected = selected_row(u);
        if selected.trim() == want.trim() {
            u.key(KeyCode::Enter);
            return;
        }
        let _ = screen;
        u.press('j');
    }
    panic!("no feed named {name}");
}

/// The row of `F` under the cursor (the selection's colour), trimmed.
fn selected_row(u: &mut Ui) -> String {
    let bg = common::ui::theme().selected.bg.unwrap();
    u.redraw();
    let area = u.cells().area;
    (1..area.height)
        .find(|&y| u.cells()[(1, y)].bg == bg)
        .map(|y| u.row(y, 1, area.width - 1).trim().to_string())
        .unwrap_or_default()
}

#[test]
fn an_item_without_a_date_follows_its_feeds_dated_items_and_shows_no_date() {
    let mut u = ui_with("");
    let screen = u.draw(140, 40);
    let undated = titled(&u, "خبر بلا تاريخ عن الأسواق");
    let oldest = titled(&u, "ارتفاع أسعار النفط");
    let listed = u.listed();
    let pos = |i: usize| listed.iter().position(|&x| x == i).unwrap();
    assert!(
        pos(undated) > pos(oldest),
        "after its feed's dated items, never the newest: {listed:?}\n{screen}"
    );
    // its row says its source, no date; the reader's meta line no date
    while u.selected() != undated {
        u.press('j');
    }
    let screen = u.redraw();
    let list = u.pane("Articles").unwrap();
    let title = shaped("خبر بلا تاريخ عن الأسواق", list.width as usize);
    let y = (list.y..list.bottom())
        .find(|&y| u.row(y, list.x, list.right()).trim() == title.trim())
        .unwrap_or_else(|| panic!("{screen}"));
    let meta = u.row(y + 1, list.x, list.right());
    let source = shaped("أخبار الاقتصاد", 40);
    assert_eq!(
        meta.trim(),
        source.trim(),
        "the source alone, no date: {screen}"
    );
    let reader = u.reader().join("\n");
    assert!(
        !reader.contains("2022") && !reader.contains("Jan"),
        "{reader}"
    );
    // a dated item of the same feed shows its date
    let dated = titled(&u, "البنك المركزي يبقي أسعار الفائدة");
    while u.selected() != dated {
        u.press('k');
    }
    let reader = u.reader().join("\n");
    assert!(reader.contains("Jan 2022"), "{reader}");
}

#[test]
fn the_meta_line_never_breaks_a_link_it_cuts_it_with_an_ellipsis() {
    let link = "https://www.example.com/news/politics/2022/01/14/a-very-long-slug-about-the-talks-between-the-two-countries?utm_source=rss&utm_medium=feed";
    let mut a = item(
        ECONOMY,
        7,
        "محادثات بين البلدين",
        "قال الوزير إن المحادثات مستمرة.",
        Some(UNDATED),
    );
    a.url = Some(link.to_string());
    a.source = Some("وكالة الأنباء".into());
    let store = khabar::tui::app::store_of(vec![a.clone()]);
    let app = App::new(
        Library::new(store, false),
        &Config::default(),
        KeyMap::default(),
    )
    .with_clock(Clock::fixed_utc(UNDATED + 3600));
    let mut u = Ui::new(app, vec![a]);
    for width in [70, 100, 130, 200, 300] {
        u.draw(width, 30);
        let rows = u.reader();
        let with_link: Vec<&String> = rows.iter().filter(|r| r.contains("https://")).collect();
        assert_eq!(with_link.len(), 1, "{width}: {rows:#?}");
        let line = with_link[0].trim();
        // whole, or cut with an ellipsis at its end
        assert!(
            line.ends_with(link) || line.ends_with('…'),
            "{width}: {line:?}"
        );
        // no piece of it on another line
        for piece in ["politics", "slug", "countries", "utm_", "example.com/"] {
            let n = rows.iter().filter(|r| r.contains(piece)).count();
            assert!(n <= 1, "{width}: {piece} on {n} lines: {rows:#?}");
            if n == 1 {
                assert!(with_link[0].contains(piece), "{width}: {rows:#?}");
            }
        }
    }
    // y copies it whole
    let effects = u.press('y');
    assert_eq!(effects, [Effect::Copy(link.to_string())]);
}

#[test]
fn the_status_bar_counts_the_unread_of_the_list_shown() {
    let mut u = ui_with("");
    u.draw(140, 40);
    assert!(u.status().contains("6 unread"), "{}", u.status());
    enter_feed(&mut u, "تقنية");
    assert!(
        u.status().contains(" 2/2 ") || u.status().contains("1/2"),
        "{}",
        u.status()
    );
    assert!(u.status().contains("2 unread"), "{}", u.status());
    u.press('u');
    assert!(u.status().contains("1 unread"), "{}", u.status());
    // an actor's stories, a search's results: theirs too
    u.key(KeyCode::Esc);
    u.key(KeyCode::Esc);
    assert!(u.status().contains("5 unread"), "{}", u.status());
    u.press('s');
    u.type_text("اسعار");
    u.key(KeyCode::Enter);
    let status = u.status();
    assert!(status.contains("2 unread"), "{status}");
}

#[test]
fn esc_from_a_feeds_articles_goes_back_to_the_feeds_on_that_feed() {
    let mut u = ui_with("");
    u.draw(140, 40);
    enter_feed(&mut u, "تقنية");
    let screen = u.redraw();
    assert!(screen.contains("Articles (2/6)"), "{screen}");
    u.key(KeyCode::Esc);
    let screen = u.redraw();
    assert!(screen.contains("Feeds (3)"), "back to F: {screen}");
    assert_eq!(
        selected_row(&mut u),
        shaped("تقنية", 60).trim(),
        "on that feed"
    );
    u.key(KeyCode::Esc);
    assert!(u.redraw().contains("Articles (6)"));
}

#[test]
fn r_and_shift_r_refresh_from_the_feeds_with_progress() {
    let (mut u, store) = ui_and_store("");
    u.draw(140, 40);
    u.press('F');
    // r on a row: that feed
    let want = shaped("تقنية", 60);
    while selected_row(&mut u) != want.trim() {
        u.press('j');
    }
    let effects = u.press('r');
    assert_eq!(effects, [Effect::RefreshFeeds(vec![TECH.to_string()])]);
    let status = u.status();
    assert!(status.contains("refreshing 0/1"), "{status}");
    assert!(u.redraw().contains("Feeds (3)"), "F stays");
    // its new article comes: F counts it
    let fresh = store
        .open()
        .unwrap()
        .save_fetch(
            TECH,
            prepare_batch(
                vec![item(TECH, 3, "هاتف جديد", "أعلنت الشركة.", Some(UNDATED))],
                UNDATED,
            ),
        )
        .unwrap();
    u.send(Msg::FeedDone {
        fresh: fresh.iter().map(|(id, _)| *id).collect(),
        error: None,
        pages_failed: Vec::new(),
        pages_fetched: 0,
    });
    u.send(Msg::RefreshDone);
    let screen = u.redraw();
    assert!(screen.contains("3 unread of 3"), "{screen}");
    assert!(
        u.status().contains("refreshed 1/1 feeds: 1 new"),
        "{}",
        u.status()
    );
    assert_eq!(selected_row(&mut u), want.trim(), "the row stays selected");
    // R: every feed
    let effects = u.press('R');
    assert_eq!(effects, [Effect::Refresh]);
    assert!(u.status().contains("refreshing 0/3"), "{}", u.status());
    // outside F, r: the shown article's feed
    u.send(Msg::RefreshDone);
    u.key(KeyCode::Esc);
    let effects = u.press('r');
    assert!(
        matches!(&effects[..], [Effect::RefreshFeeds(urls)] if urls.len() == 1),
        "{effects:?}"
    );
}

#[test]
fn the_feeds_list_what_is_followed_or_read_and_no_url_that_failed_once() {
    let (mut u, store) = ui_and_store("");
    let s = store.open().unwrap();
    // a URL given once that failed, and a feed removed: not listed
    s.record_error("http://gone.example/rss", "HTTP 404 Not Found")
        .unwrap();
    s.remove_feed(ADS).unwrap();
    u.draw(140, 40);
    u.press('F');
    let screen = u.redraw();
    assert!(screen.contains("Feeds (2)"), "{screen}");
    assert!(!screen.contains("gone.example"), "{screen}");
    assert!(
        !screen.contains(&shaped("إعلانات", 40).trim().to_string()),
        "{screen}"
    );
}

#[test]
fn m_shows_the_messages_whole_newest_first() {
    let mut u = ui_with("");
    u.draw(100, 30);
    let long = format!(
        "http://a.example/rss: {} the end of the message",
        "a long reason that the status line cuts ".repeat(4)
    );
    u.send(Msg::Problem(long.clone()));
    u.send(Msg::Note("a later note".into()));
    let status = u.status();
    assert!(!status.contains("the end of the message"), "{status}");
    u.press('m');
    let screen = u.redraw();
    assert!(screen.contains("Messages (2"), "{screen}");
    let text: String = screen
        .lines()
        .map(|l| l.trim_matches(|c: char| c == '│' || c.is_whitespace()))
        .collect::<Vec<_>>()
        .join(" ");
    let words = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(words(&text).contains(&words(&long)), "whole: {screen}");
    let later = screen.find("a later note").unwrap();
    let earlier = screen.find("http://a.example/rss").unwrap();
    assert!(later < earlier, "newest first: {screen}");
    // keys do not reach the panes under it; Esc closes it
    u.press('j');
    u.key(KeyCode::Esc);
    assert!(!u.redraw().contains("Messages ("));
}

#[test]
fn n_goes_to_the_next_unread_across_the_feeds_unless_a_search_is_shown() {
    let mut u = ui_with("");
    u.draw(140, 40);
    let in_feed = |name: &str| shaped(name, 40).trim().to_string();
    enter_feed(&mut u, "تقنية");
    // the first, unread and not opened, is the next unread; then the second
    u.press('n');
    assert_eq!(u.selected(), titled(&u, "إطلاق أول قمر صناعي عربي"));
    u.press('n');
    assert_eq!(u.selected(), titled(&u, "شركة ناشئة تجمع تمويلا"));
    let status = u.status();
    assert!(
        !status.contains("1 unread") && !status.contains("2 unread"),
        "{status}"
    );
    // the feed is read: on to the next feed with unread articles (F's
    // order, round to the first), its first unread
    u.press('n');
    let status = u.status();
    assert!(status.contains("next unread, in"), "{status}");
    assert!(status.contains(&in_feed("أخبار الاقتصاد")), "{status}");
    assert!(u.redraw().contains("Articles (3/6)"));
    assert_eq!(u.selected(), titled(&u, "البنك المركزي يبقي أسعار الفائدة"));
    // N: nothing unread before it in this feed: back to the previous feed
    // with unread articles (تقنية is read: إعلانات), its last unread
    u.press('N');
    let status = u.status();
    assert!(status.contains(&in_feed("إعلانات")), "{status}");
    assert_eq!(u.selected(), titled(&u, "عرض خاص على الهواتف"));
    // with a search shown, n and N go from match to match
    u.press('/');
    u.type_text("ال");
    u.key(KeyCode::Enter);
    u.press('n');
    assert!(u.status().contains("2/2"), "{}", u.status());
    assert_eq!(u.selected(), titled(&u, "عرض خاص على الهواتف"));
    u.press('N');
    assert!(u.status().contains("1/2"), "{}", u.status());
    // Esc clears the search: n is the next unread again (the feed is read)
    u.key(KeyCode::Esc);
    u.press('n');
    assert!(
        u.status().contains(&in_feed("أخبار الاقتصاد")),
        "{}",
        u.status()
    );
    assert_eq!(u.selected(), titled(&u, "ارتفاع أسعار النفط"));
}

#[test]
fn w_saves_the_article_as_text_named_by_its_title_and_a_pipe_is_asked_for() {
    let dir = common::scratch("tui-save");
    let saved = dir.join("saved");
    let mut u = ui_with(&format!("save_dir = \"{}\"\n", saved.display()));
    u.draw(140, 40);
    let title = "البنك المركزي يبقي أسعار الفائدة";
    while u.selected() != titled(&u, title) {
        u.press('j');
    }
    u.press('w');
    let file = saved.join("البنك-المركزي-يبقي-أسعار-الفائدة.txt");
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        format!("{title}\n\nقال البنك إن التضخم للأمن الاقتصادي خطر.\n\n{ECONOMY}/item/1\n")
    );
    assert!(u.status().contains("saved to"), "{}", u.status());
    // again: another name, the first kept
    u.press('w');
    assert!(
        saved
            .join("البنك-المركزي-يبقي-أسعار-الفائدة (2).txt")
            .exists()
    );
    u.press('m');
    let log = u.redraw();
    assert_eq!(log.matches("saved to").count(), 2, "{log}");
    u.key(KeyCode::Esc);
    // |: a command asked for, then the text piped to it
    u.press('|');
    assert!(u.status().contains("pipe to:"), "{}", u.status());
    u.type_text("wc -w");
    let effects = u.key(KeyCode::Enter);
    assert_eq!(
        effects,
        [Effect::Pipe {
            command: "wc -w".into(),
            text: std::fs::read_to_string(&file).unwrap(),
        }]
    );
    // what the loop answers once it ran
    u.send(Msg::Piped("wc -w".into()));
    assert!(
        u.status().contains("the article went through wc -w"),
        "{}",
        u.status()
    );
    // Esc at the prompt: nothing run
    u.press('|');
    u.type_text("cat");
    assert!(u.key(KeyCode::Esc).is_empty());
}

#[test]
fn query_feeds_are_listed_in_f_with_their_counts_and_ignore_rules_hide_everywhere() {
    let config = r#"
[[query]]
name = "الأمن"
rule = 'text ~ "الامن"'

[[query]]
name = "الاقتصاد غير المقروء"
rule = 'feed = "أخبار الاقتصاد" and unread and not title ~ "نفط"'

[[ignore]]
rule = 'source = "إعلانات" or title ~ "هواتف"'
"#;
    let mut u = ui_with(config);
    u.draw(140, 40);
    let ad = titled(&u, "عرض خاص على الهواتف");
    // hidden from the list and its count
    assert!(!u.listed().contains(&ad), "{:?}", u.listed());
    let screen = u.redraw();
    assert!(
        screen.contains("Articles (5)") || screen.contains("/5"),
        "{screen}"
    );
    assert!(u.status().contains("5 unread"), "{}", u.status());
    // F: the query feeds first, with their counts
    u.press('F');
    let screen = u.redraw();
    assert!(screen.contains("Feeds (5)"), "{screen}");
    let rows: Vec<&str> = screen.lines().collect();
    assert!(
        rows[1].contains(&shaped("الأمن", 20).trim().to_string()),
        "{screen}"
    );
    assert!(
        rows[2].contains("1 unread of 1 · query: text ~"),
        "{screen}"
    );
    assert!(
        rows[4].contains("2 unread of 2 · query: feed ="),
        "{screen}"
    );
    // the ads feed: nothing shown of it
    assert!(screen.contains("0 unread of 0"), "{screen}");
    // Enter on the first: its articles (للأمن holds الامن)
    u.key(KeyCode::Enter);
    assert_eq!(u.listed(), [titled(&u, "البنك المركزي يبقي أسعار الفائدة")]);
    u.key(KeyCode::Esc);
    u.key(KeyCode::Esc);
    // the search finds no hidden article
    u.press('s');
    u.type_text("الان");
    u.key(KeyCode::Enter);
    assert!(u.status().contains("no article contains"), "{}", u.status());
}

#[test]
fn query_rules_read_the_author_and_categories_a_feed_gave() {
    let config = r#"
[[query]]
name = "بقلم سارة"
rule = 'author ~ "ساره" and category = "اقتصاد"'
"#;
    let (mut u, store) = ui_and_store(config);
    u.draw(140, 40);
    let h = 3600;
    let mut a = item(
        TECH,
        9,
        "مقال رأي في التقنية",
        "كتبت سارة.",
        Some(UNDATED - 6 * h),
    );
    a.extra.author = Some("سارة أحمد".into());
    a.extra.categories = vec!["رأي".into(), "اقتصاد".into()];
    let mut b = item(TECH, 10, "مقال آخر", "كتب غيرها.", Some(UNDATED - 7 * h));
    b.extra.author = Some("سارة أحمد".into());
    b.extra.categories = vec!["رأي".into()];
    store
        .open()
        .unwrap()
        .save_fetch(TECH, prepare_batch(vec![a, b], UNDATED))
        .unwrap();
    // F decides the rules again: the one article by her in that category
    u.press('F');
    let screen = u.redraw();
    let rows: Vec<&str> = screen.lines().collect();
    assert!(
        rows[2].contains("1 unread of 1 · query: author ~"),
        "{screen}"
    );
}

#[test]
fn s_orders_oldest_first_and_a_feeds_order_is_kept() {
    let (mut u, store) = ui_and_store("");
    u.draw(140, 40);
    let newest = u.listed();
    u.press('S');
    let mut oldest = newest.clone();
    oldest.reverse();
    assert_eq!(u.listed(), oldest);
    assert!(u.status().contains("oldest first"), "{}", u.status());
    u.press('S');
    u.press('S');
    u.press('S');
    assert_eq!(u.listed(), newest, "round to newest first");
    // a feed's list: oldest first, kept for the feed
    enter_feed(&mut u, "تقنية");
    let feed_newest = u.listed();
    u.press('S');
    let mut feed_oldest = feed_newest.clone();
    feed_oldest.reverse();
    assert_eq!(u.listed(), feed_oldest);
    u.key(KeyCode::Esc);
    u.key(KeyCode::Esc);
    assert_eq!(u.listed(), newest, "the whole list keeps its own order");
    enter_feed(&mut u, "تقنية");
    assert_eq!(u.listed(), feed_oldest, "kept");
    assert_eq!(
        store.open().unwrap().feed_order(TECH).as_deref(),
        Some("oldest"),
        "in the store: the next session too"
    );
}

#[test]
fn help_lists_the_new_keys_in_english_and_in_arabic() {
    use khabar::tui::i18n::{self, Lang};
    for lang in [Lang::En, Lang::Ar] {
        i18n::set(lang);
        let mut u = ui_with("");
        u.press('?');
        let screen = u.draw(120, 70);
        for (key, en, ar) in [
            ("w", "save the article as text", "احفظ الخبر نصًا"),
            ("|", "pipe the article's text", "مرّر نص الخبر"),
            ("m", "the last messages, whole", "آخر الرسائل كاملة"),
            ("r", "refresh one feed", "حدّث خلاصة واحدة"),
            ("n", "else the next unread", "وإلا غير المقروء التالي"),
            ("S", "oldest", "الأقدم"),
            ("N", "else the previous unread", "وإلا غير المقروء السابق"),
            ("F", "r/R: refresh", "وخلاصات الاستعلام"),
            ("Esc", "back to F", "رجوع إلى"),
        ] {
            let want = match lang {
                Lang::En => en.to_string(),
                Lang::Ar => shaped(ar, 200).trim().to_string(),
            };
            let line = screen
                .lines()
                .find(|l| l.contains(&want))
                .unwrap_or_else(|| panic!("{lang:?} {key}: {want}\n{screen}"));
            assert!(line.contains(&format!(" {key} ")), "{line}");
        }
    }
    i18n::set(Lang::En);
}

#[test]
fn the_browsers_searches_find_a_word_behind_its_clitics() {
    let mut u = ui_with("");
    u.draw(140, 40);
    let bank = titled(&u, "البنك المركزي يبقي أسعار الفائدة");
    // s: every article (through the store's index); للأمن holds الامن
    u.press('s');
    u.type_text("الامن");
    u.key(KeyCode::Enter);
    assert_eq!(u.listed(), [bank]);
    assert!(u.status().contains("1 article · 1 match"), "{}", u.status());
    u.key(KeyCode::Esc);
    // /: the article shown, its match highlighted on the exact cells
    while u.selected() != bank {
        u.press('j');
    }
    u.press('/');
    u.type_text("الامن");
    let status = u.status();
    assert!(status.contains("1/1"), "{status}");
    let bg = common::ui::theme().current.bg;
    let lit = u.cells_with_bg(bg);
    assert_eq!(lit, shaped("للأمن", 10).trim(), "the word with its clitic");
}
