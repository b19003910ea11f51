//! The name finder's rules, on sentences written for each class.

use super::*;
use crate::facts::tokens::tokenize;

fn tag(text: &str) -> Vec<(String, String)> {
    let tokens = tokenize(text, 0);
    Tagger::new(&tokens)
        .mentions()
        .into_iter()
        .map(|m| {
            let kind = match &m.kind {
                MentionKind::Person => "person".to_string(),
                MentionKind::Title => "title".to_string(),
                MentionKind::Gazetteer(k) => format!("{k:?}"),
            };
            (
                text[tokens[m.tokens.start].span.start..tokens[m.tokens.end - 1].span.end]
                    .to_string(),
                kind,
            )
        })
        .collect()
}

fn people(text: &str) -> Vec<String> {
    tag(text)
        .into_iter()
        .filter(|(_, k)| k == "person" || k == "Mined(\"PERS\")")
        .map(|(t, _)| t)
        .collect()
}

#[test]
fn names_stop_before_words_no_list_knows() {
    assert_eq!(
        people("وقال وزير الداخلية نيكولا ساركوزي فصرح في واشنطن"),
        ["نيكولا ساركوزي"]
    );
    assert_eq!(people("وقال الرئيس شيراك شذ عن هذه القاعدة"), ["شيراك"]);
    // a first name and an unknown surname, and a nisba family name
    assert_eq!(
        people("وأعلن وزير الدفاع الفرنسي لوك مارتان أن باريس سترسل ذخائر"),
        ["لوك مارتان"]
    );
}

#[test]
fn a_first_name_alone_is_the_person_named_in_full() {
    let tokens = tokenize("قال الرئيس محمد مرسي إن البلاد بخير. واستقبل محمد الوفد", 0);
    let people: Vec<String> = Tagger::new(&tokens)
        .mentions()
        .into_iter()
        .filter(|m| m.kind == MentionKind::Person)
        .map(|m| m.key)
        .collect();
    assert_eq!(people.len(), 2, "{people:?}");
    assert_eq!(people[0], people[1], "the same person");
}

#[test]
fn lists_of_people_pronouns_and_indefinites() {
    eprintln!(
        "{:?}",
        tag("وشارك الفنان أحمد رزق ، وغادة عادل ، ومحمد منير في البرنامج")
    );
    assert_eq!(
        people("وشارك الفنان أحمد رزق ، وغادة عادل ، ومحمد منير في البرنامج"),
        ["أحمد رزق", "وغادة عادل", "ومحمد منير"]
    );
    assert!(people("منذ خمس سنوات ، فأنا احب مدينة الدوحة").is_empty());
    assert!(people("لصالح الوطن وخير المواطن تطويراً وتحديثاً").is_empty());
    assert!(people("وأفادت بيانات الوزارة بأن الشركات تعمل").is_empty());
}

#[test]
fn title_adjective_name() {
    let m = tag(
        "اتفق الرئيس الأميركي باراك أوباما ورئيس الوزراء البريطاني ديفد كاميرون الجمعة على ضرورة",
    );
    assert!(
        m.contains(&("باراك أوباما".into(), "person".into())),
        "{m:?}"
    );
    assert!(
        m.contains(&("ديفد كاميرون".into(), "person".into())),
        "{m:?}"
    );
    assert!(
        m.iter()
            .any(|(t, k)| t == "الأميركي" && k.starts_with("Adjective")),
        "{m:?}"
    );
}

#[test]
fn surnames_join_full_names_even_before_them() {
    let m = tag("أوباما وكاميرون يتفقان. اتفق الرئيس باراك أوباما ورئيس الوزراء ديفد كاميرون.");
    assert_eq!(m.iter().filter(|(_, k)| k == "person").count(), 4, "{m:?}");
}

#[test]
fn organizations_named_by_a_head_and_its_complements() {
    let m = tag(
        "وقال المدير العام للمكتب الوطني للكهرباء والماء الصالح للشرب إن الشركة العمانية لتطوير الموانئ وغرفة تجارة وصناعة عمان والاتحاد المصري لكرة القدم والجامعة الملكية المغربية اتفقت",
    );
    let names: Vec<&str> = m.iter().map(|(t, _)| t.as_str()).collect();
    for org in [
        "للمكتب الوطني للكهرباء والماء الصالح للشرب",
        "الشركة العمانية لتطوير الموانئ",
        "وغرفة تجارة وصناعة عمان",
        "والاتحاد المصري لكرة القدم",
        "والجامعة الملكية المغربية",
    ] {
        assert!(names.contains(&org), "{org}: {m:?}");
    }
    // nouns joined in a construct; a name with a hamza is no definite adjective
    let m = tag("وأعلنت وزارة الصحة والحماية الاجتماعية تسجيل إصابات");
    assert!(
        m.iter().any(|(t, _)| t == "وزارة الصحة والحماية الاجتماعية"),
        "{m:?}"
    );
    assert_eq!(
        people("وأكد مفوض الاتحاد للتنمية الاقتصادية ألبرت موشانغا أن القارة"),
        ["ألبرت موشانغا"]
    );
    // a head and a common noun is no name; nor an indefinite head and
    // its adjective
    let m = tag("اجتمع مجلس الوزراء وقوات الحلف ولجنة مشتركة في المدينة");
    assert!(
        m.iter().all(|(_, k)| k != "Organization" && k != "Group"),
        "{m:?}"
    );
}

#[test]
fn a_verb_or_an_adverb_after_a_title_is_no_name() {
    assert!(people("وقال الرئيس جزئيا إن الحكومة تعمل").is_empty());
    assert!(people("أكد أن الرئيس يزور فرنسا الأسبوع المقبل").is_empty());
    // a name's first word like a verb, with the rest of the name after it
    assert_eq!(people("وقالت الوزيرة يوكو ناكامورا إن"), ["يوكو ناكامورا"]);
}

#[test]
fn after_a_title_a_name_no_list_knows_is_taken_whole() {
    assert_eq!(
        people("وأكد رئيس المؤسسة كلاوس ديتريش فالنباخ أن الإعادة تمت"),
        ["كلاوس ديتريش فالنباخ"]
    );
    assert_eq!(
        people("وقال المندوب الروسي ليونيد سيرغييفيتش بارانوف إن النص"),
        ["ليونيد سيرغييفيتش بارانوف"]
    );
    // not the dual of a common word after the name
    assert_eq!(
        people("وسجل اللاعب المصري محمد صلاح هدفين في المباراة"),
        ["محمد صلاح"]
    );
    // up to a preposition on a definite word
    assert_eq!(people("وقال الرئيس كلاوس ديتريش بالقاهرة"), ["كلاوس ديتريش"]);
}

#[test]
fn countries_through_clitics_and_organizations() {
    let m = tag("أن الولايات المتحدة وبريطانيا وللحلف في مقر حلف شمال الاطلسي في بروكسل والقاعدة");
    let names: Vec<&str> = m.iter().map(|(t, _)| t.as_str()).collect();
    assert!(
        names.contains(&"الولايات المتحدة") && names.contains(&"وبريطانيا"),
        "{m:?}"
    );
    assert!(
        names.contains(&"حلف شمال الاطلسي") && names.contains(&"والقاعدة"),
        "{m:?}"
    );
}

#[test]
fn title_with_organization_and_place_before_the_name() {
    let m = tag("وقال مراسل الجزيرة في واشنطن ناصر الحسيني إن التنسيق");
    assert!(
        m.contains(&("ناصر الحسيني".into(), "person".into())),
        "{m:?}"
    );
    assert!(m.iter().any(|(t, _)| t == "الجزيرة"), "{m:?}");
}

#[test]
fn people_joined_by_wa_are_separate() {
    let m = tag("ووقع الاتفاقية محمد علي وخالد سعيد في الرياض");
    let p = people("ووقع الاتفاقية محمد علي وخالد سعيد في الرياض");
    assert_eq!(p, ["محمد علي", "وخالد سعيد"], "{m:?}");
}
