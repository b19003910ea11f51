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
