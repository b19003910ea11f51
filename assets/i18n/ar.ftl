# كلمات خبر، بالعربية. كل رسالة هنا موجودة في en.ftl أيضا.

## Dates in the list and the reader
date-yesterday = أمس
date-day-month = { $day } { $month }
date-day-month-year = { $day } { $month } { $year }
date-full = { $day } { $month } { $year }، { $time }
month-1 = يناير
month-2 = فبراير
month-3 = مارس
month-4 = أبريل
month-5 = مايو
month-6 = يونيو
month-7 = يوليو
month-8 = أغسطس
month-9 = سبتمبر
month-10 = أكتوبر
month-11 = نوفمبر
month-12 = ديسمبر

## The reader's meta line
words = { $n ->
    [zero] لا كلمات
    [one] كلمة واحدة
    [two] كلمتان
    [few] { $n } كلمات
   *[other] { $n } كلمة
}

## The list's order (S)
ordering = جارٍ الترتيب…
order-date = الأحدث أولا
order-source = حسب المصدر، الأحدث أولا
order-unread = غير المقروءة أولا، الأحدث أولا

## Links (o, y)
no-link = لا رابط ولا ملف لهذا المقال
opened = فُتح { $link }
copied = نُسخ { $link } (OSC 52: عبر SSH أيضا إن سمحت الطرفية)

## Moving
mention = الذكر { $k } من { $n } (Enter: التالي)
last-article = هذا آخر مقال: لا شيء بعده
first-article = هذا أول مقال: لا شيء قبله

## Searching every article (s)
searching = جارٍ البحث…
found = { $articles ->
    [zero] لا مقالات
    [one] مقال واحد
    [two] مقالان
    [few] { $articles } مقالات
    [many] { $articles } مقالا
   *[other] { $articles } مقال
} · { $matches ->
    [zero] لا تطابق
    [one] تطابق واحد
    [two] تطابقان
    [few] { $matches } تطابقات
    [many] { $matches } تطابقا
   *[other] { $matches } تطابق
}
no-article-contains = لا يحوي أي مقال «{ $query }»
titles-only = {" "}في العناوين (ثلاثة أحرف أو أكثر تبحث في النص)

## The feeds (F)
feeds = المصادر
no-feeds = لا مصادر: khabar add URL يشترك في مصدر
never-fetched = لم يُجلب بعد
fetched = جُلب { $when }
unread-of = { $unread } غير مقروء من { $total }

## Marking everything read (A)
mark-all-read-ask = وسم المقالات المعروضة ({ $n }) مقروءة؟ { $key } أو y: نعم، أي مفتاح آخر: لا
marked-all-read = وُسمت { $n } مقالات مقروءة
not-done = لم يُفعل شيء
to-subscribe = قُرئ دون اشتراك: khabar add { $url } يشترك فيه

## The actors of the corpus (P)
actors = الفاعلون
actors-most = الفاعلون الأكثر ذكرًا ({ $shown } من { $all })
no-actors = لا فاعلين: الأخبار المحفوظة لا تذكر أحدًا
kind-person = شخص
kind-country = دولة
kind-organization = منظمة
kind-group = جماعة
kind-place = مكان
stories = { $n ->
    [one] خبر واحد
    [two] خبران
    [few] { $n } أخبار
   *[other] { $n } خبرًا
}
mentions = { $n ->
    [one] ذكر واحد
    [two] ذكران
    [few] { $n } مرات
   *[other] { $n } مرة
}
statements-of = مواقف { $actor }، الأحدث أولًا
no-statements = لا مواقف: لا يتفق ولا يؤكد ولا يرفض شيئًا في الأخبار المحفوظة
statement-agreement = اتفاق
statement-support = تأييد
statement-affirmation = تأكيد
statement-rejection = رفض
statement-announcement = إعلان
statement-discussion = بحث
statement-disagreement = خلاف
with = مع { $who }

## Keys, in ? help: one per action (action-NAME), translating the line of its declaration in src/tui/actions.rs
action-down = نزولًا / تمرير إلى أسفل
action-up = صعودًا / تمرير إلى أعلى
action-page_down = صفحة إلى أسفل
action-page_up = صفحة إلى أعلى
action-half_page_down = نصف صفحة إلى أسفل
action-half_page_up = نصف صفحة إلى أعلى
action-top = إلى البداية
action-bottom = إلى النهاية
action-open = افتح الخبر، أو أظهر جملة المعلومة
action-next_article = الخبر التالي (من أي لوحة)
action-prev_article = الخبر السابق (من أي لوحة)
action-next_unread = افتح الخبر غير المقروء التالي
action-toggle_read = علّم الخبر مقروءًا / غير مقروء (غير المقروء بخط عريض)
action-refresh = حدّث الخلاصات (الأخبار الجديدة معلّمة ●)
action-refresh_feed = حدّث خلاصة واحدة: خلاصة السطر في F، وإلا خلاصة الخبر
action-focus_next = انتقل إلى اللوحة التالية
action-focus_prev = انتقل إلى اللوحة السابقة
action-toggle_facts = أظهر لوحة المعلومات أو أخفها
action-flip_layout = اقلب التخطيط (من اليمين / من اليسار)
action-open_link = افتح رابط الخبر في متصفح الإعدادات
action-copy_link = انسخ رابط الخبر (OSC 52، عبر SSH أيضًا)
action-save = احفظ الخبر نصًا في save_dir، باسم من عنوانه
action-pipe = مرّر نص الخبر إلى أمر في الصدفة (يُسأل عنه)
action-mark_all_read = علّم كل أخبار القائمة مقروءة (يسأل أولًا)
action-feeds = الخلاصات وخلاصات الاستعلام (Enter: أخبارها؛ r/R: تحديث)
action-actors = كل فاعلي المدوّنة (Enter: مواقفه)
action-sort = الترتيب: الأحدث، الأقدم، بالمصدر، غير المقروء (لكل خلاصة)
action-filter_actor = الأخبار التي تذكر الفاعل المحدد فقط
action-search = ابحث في هذا الخبر (↑/↓: عمليات البحث السابقة)
action-search_all = ابحث في كل الأخبار
action-next_match = التطابق التالي مع بحث ظاهر، وإلا غير المقروء التالي
action-prev_match = التطابق السابق مع بحث ظاهر، وإلا غير المقروء السابق
action-messages = آخر الرسائل كاملة (Esc يغلق)
action-help = هذه المساعدة
action-close = أغلق، أزل تمييزًا أو تصفية (أخبار خلاصة: رجوع إلى F)
action-suspend = علّق khabar (يعيده fg في الصدفة)
action-quit = اخرج
action-prompt_accept = أبقِ البحث واترك سطر الإدخال
action-prompt_cancel = ألغِ البحث وعد إلى حيث كنت
action-prompt_erase = امسح الحرف الأخير
action-prompt_erase_word = امسح الكلمة الأخيرة
action-prompt_clear = امسح الاستعلام كله
action-prompt_history_prev = الاستعلام السابق
action-prompt_history_next = الاستعلام التالي

## The panes' titles
pane-articles = الأخبار ({ $n })
pane-articles-filtered = الأخبار ({ $shown }{ $more }/{ $n }) · { $name }
pane-reader = القارئ
pane-facts = المعلومات
focus-articles = الأخبار
focus-reader = القارئ
focus-facts = المعلومات

## The status line
status-loading = تحميل { $done }/{ $total }
status-unread = { $n } غير مقروء
status-refreshing = تحديث { $done }/{ $total }
status-facts = المعلومات { $done }/{ $total }
hint-help = مساعدة
hint-facts = معلومات
hint-quit = خروج

## The help overlay (?)
help-title = المفاتيح (Esc يغلق)
help-prompt = في سطر البحث (/ و s):
help-mouse = الفأرة: العجلة تمرر اللوحة تحت المؤشر، والنقر يحدد.
help-more = الأسطر { $first }–{ $last } من { $n } · { $down } { $up } { $page } للتمرير

## The facts panel
facts-person = أشخاص ({ $n })
facts-country = دول ({ $n })
facts-organization = منظمات ({ $n })
facts-group = جماعات ({ $n })
facts-place = أماكن ({ $n })
facts-agreements = اتفاقات ({ $n })
facts-extracting = استخراج المعلومات…
facts-none = لا فاعلين ولا اتفاقات في هذا الخبر.
filter-actor-first = حدد فاعلًا في لوحة المعلومات لتصفية الأخبار به
stories-mention = { $n ->
    [one] خبر واحد يذكر { $name } (Esc يزيل التصفية)
   *[other] { $n } من الأخبار تذكر { $name } (Esc يزيل التصفية)
}

## The reader
reader-loading = تحميل…
reader-empty = لا أخبار.
no-match = لا تطابق
no-search = لا بحث: / يبحث في الخبر، و s في كل الأخبار

## The search prompt
prompt-corpus = البحث في الكل:{" "}

## Reading and refreshing
unread-left = بقي { $n } غير مقروء
next-unread = غير المقروء التالي
wrapped = {" "}(عودة إلى البداية)
no-unread = لا أخبار غير مقروءة
marked-read = عُلّم مقروءًا
marked-unread = عُلّم غير مقروء
already-refreshing = التحديث جارٍ
no-feeds-to-refresh = لا خلاصات للتحديث: أضف feeds = [...] إلى الإعدادات، أو khabar import-opml FILE
refreshed = حُدّثت { $ok }/{ $total } خلاصة: { $fresh } جديد
refresh-failed-one = ؛ فشلت: { $error }
refresh-failed = ؛ فشلت { $n }، أولها: { $error }
read-only-store = المخزن { $path } للقراءة فقط: يُعرض ما فيه ولا يُحفظ شيء
tidied = بعد التحديث: أزيلت { $removed } مقالة لم تعد الإعدادات تبقيها، واستُعيد { $freed } ميغابايت

## A daily reader's keys: w, |, m, n/N, r, query feeds
order-oldest = الأقدم أولا
saved = حُفظ في { $path }
nothing-to-save = لا خبر معروض
prompt-pipe = مرّر إلى:{" "}
pipe-return = [khabar: اضغط Enter للعودة]
piped = مرّ الخبر عبر { $command }
messages-title = الرسائل ({ $n }، الأحدث أولا؛ Esc يغلق)
messages-none = لم يُقل شيء بعد
counting = جارٍ العد…
query-rule = استعلام: { $rule }
next-feed = غير المقروء التالي، في { $feed }
no-unread-after = لا خبر غير مقروء بعد هذا
no-unread-before = لا خبر غير مقروء قبل هذا
no-feed-of-article = هذا الخبر ليس من خلاصة: r يحدّث خلاصة الخبر (وفي F خلاصة السطر)

# issue 29: which link o and y take
which-link-open = أي رابط يُفتح؟ Enter: رابط المقال نفسه؛ أو رقم من 1 إلى { $count } ثم Enter: { $typed }
which-link-copy = أي رابط يُنسخ؟ Enter: رابط المقال نفسه؛ أو رقم من 1 إلى { $count } ثم Enter: { $typed }
no-such-link = لا رابط برقم [{ $n }]: في المقال { $count } روابط
full-text-of = { $n } من { $total } كاملة
status-pages = النصوص الكاملة { $done }/{ $total }
refreshed-pages = ؛ { $n } نصا كاملا، وتعذرت { $failed } صفحات
page-failed = : { $error } (بقي ملخصه)

## What the terminal's user must change (said once)
advice-kitty = kitty: أضف `force_ltr yes` إلى kitty.conf لتظهر العربية
