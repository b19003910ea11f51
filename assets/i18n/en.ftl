# khabar's own words, English. Every message here is in ar.ftl too (a test
# checks). The help's line for each key is its action's declaration, in
# src/tui/actions.rs (ar.ftl translates it as action-NAME).

## Dates in the list and the reader
date-yesterday = yesterday
date-day-month = { $day } { $month }
date-day-month-year = { $day } { $month } { $year }
date-full = { $day } { $month } { $year }, { $time }
month-1 = Jan
month-2 = Feb
month-3 = Mar
month-4 = Apr
month-5 = May
month-6 = Jun
month-7 = Jul
month-8 = Aug
month-9 = Sep
month-10 = Oct
month-11 = Nov
month-12 = Dec

## The reader's meta line
words = { $n ->
    [one] one word
   *[other] { $n } words
}

## The list's order (S)
ordering = ordering…
order-date = newest first
order-source = by source, newest first
order-unread = unread first, newest first

## Links (o, y)
no-link = this article has no link or file
opened = opened { $link }
copied = copied { $link } (OSC 52: over SSH too, if the terminal allows it)

## Moving
mention = mention { $k } of { $n } (Enter: the next)
last-article = the last article: nothing after it
first-article = the first article: nothing before it

## Searching every article (s)
searching = searching…
found = { $articles ->
    [one] 1 article
   *[other] { $articles } articles
} · { $matches ->
    [one] 1 match
   *[other] { $matches } matches
}
no-article-contains = no article contains «{ $query }»
titles-only = {" "}in titles (3 letters or more search the text)

## The feeds (F)
feeds = Feeds
no-feeds = no feeds: khabar add URL subscribes to one
never-fetched = never fetched
fetched = fetched { $when }
unread-of = { $unread } unread of { $total }

## Marking everything read (A)
mark-all-read-ask = mark the { $n } articles listed read? { $key } or y: yes, any other key: no
marked-all-read = { $n } articles marked read
not-done = nothing done
to-subscribe = read, not followed: khabar add { $url } subscribes to it

## The actors of the corpus (P)
actors = Actors
actors-most = Actors named in most stories ({ $shown } of { $all })
no-actors = no actors: the stories stored name none
kind-person = person
kind-country = country
kind-organization = organization
kind-group = group
kind-place = place
stories = { $n ->
    [one] 1 story
   *[other] { $n } stories
}
mentions = { $n ->
    [one] 1 mention
   *[other] { $n } mentions
}
statements-of = { $actor }: statements, newest first
no-statements = no statements: it agrees, affirms or rejects nothing in the stories stored
statement-agreement = agreement
statement-support = support
statement-affirmation = affirmation
statement-rejection = rejection
statement-announcement = announcement
statement-discussion = discussion
statement-disagreement = disagreement
with = with { $who }

## The panes' titles
pane-articles = Articles ({ $n })
pane-articles-filtered = Articles ({ $shown }{ $more }/{ $n }) · { $name }
pane-reader = Reader
pane-facts = Facts
focus-articles = articles
focus-reader = reader
focus-facts = facts

## The status line
status-loading = loading { $done }/{ $total }
status-unread = { $n } unread
status-refreshing = refreshing { $done }/{ $total }
status-facts = facts { $done }/{ $total }
hint-help = help
hint-facts = facts
hint-quit = quit

## The help overlay (?)
help-title = Keys (Esc closes)
help-prompt = In the search prompt (/ and s):
help-mouse = Mouse: the wheel scrolls the pane under the pointer, a click selects.
help-more = lines { $first }–{ $last } of { $n } · { $down } { $up } { $page } scroll

## The facts panel
facts-person = People ({ $n })
facts-country = Countries ({ $n })
facts-organization = Organizations ({ $n })
facts-group = Groups ({ $n })
facts-place = Places ({ $n })
facts-agreements = Agreements ({ $n })
facts-extracting = Extracting facts…
facts-none = No actors or agreements found in this story.
filter-actor-first = select an actor in the facts panel to filter by it
stories-mention = { $n ->
    [one] 1 story mentions { $name } (Esc clears)
   *[other] { $n } stories mention { $name } (Esc clears)
}

## The reader
reader-loading = Loading…
reader-empty = No articles.
no-match = no match
no-search = no search: / searches the article, s all of them

## The search prompt
prompt-corpus = search all:{" "}

## Reading and refreshing
unread-left = { $n } unread left
next-unread = next unread
wrapped = {" "}(wrapped to the top)
no-unread = no unread articles
marked-read = marked read
marked-unread = marked unread
already-refreshing = already refreshing
no-feeds-to-refresh = no feeds to refresh: add feeds = [...] to the config, or khabar import-opml FILE
refreshed = refreshed { $ok }/{ $total } feeds: { $fresh } new
refresh-failed-one = ; failed: { $error }
refresh-failed = ; { $n } failed, first: { $error }
read-only-store = the store { $path } is read-only: what it holds is shown, nothing will be saved
tidied = after the refresh: { $removed } articles the config no longer keeps removed, { $freed } MB given back

## A daily reader's keys: w, |, m, n/N, r, query feeds
order-oldest = oldest first
saved = saved to { $path }
nothing-to-save = no article shown
prompt-pipe = pipe to:{" "}
pipe-return = [khabar: press Enter to return]
piped = the article went through { $command }
messages-title = Messages ({ $n }, newest first; Esc closes)
messages-none = nothing said yet
counting = counting…
query-rule = query: { $rule }
next-feed = next unread, in { $feed }
no-unread-after = no unread article after this one
no-unread-before = no unread article before this one
no-feed-of-article = this article comes from no feed: r refreshes the article's feed (in F, the row's)

# issue 29: which link o and y take
which-link-open = open which link? Enter: the article's own; or a number from 1 to { $count }, then Enter: { $typed }
which-link-copy = copy which link? Enter: the article's own; or a number from 1 to { $count }, then Enter: { $typed }
no-such-link = there is no link [{ $n }]: the article has { $count }
full-text-of = { $n } of { $total } whole
status-pages = whole texts { $done }/{ $total }
refreshed-pages = ; { $n } whole texts, { $failed } pages failed
page-failed = : { $error } (its summary is kept)

## What the terminal's user must change (said once)
advice-kitty = kitty: add `force_ltr yes` to kitty.conf for Arabic
