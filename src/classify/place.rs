//! Countries and regions read from prose, in English and Chinese, each named by one English key: where
//! personal information is stored or sent (GDPR Art. 13(1)(f) and Arts. 44–49; PIPL Arts. 38–39).

/// `(key, names)`: the key and the names a policy writes it with (lowercase English, or Chinese).
/// [`PLACES`], searched in one pass.
static PLACES_LEXICON: super::spans::Lexicon<'static, &'static str> = super::spans::Lexicon::new(PLACES);

const PLACES: &[(&str, &[&str])] = &[
    (
        "United States",
        &["united states", "u.s.", "usa", "the us", "美国"],
    ),
    ("European Union", &["european union", "the eu", "欧盟"]),
    (
        "European Economic Area",
        &["european economic area", "the eea", "欧洲经济区"],
    ),
    (
        "United Kingdom",
        &["united kingdom", "the uk", "great britain", "英国"],
    ),
    (
        "China",
        &[
            "china",
            "people's republic of china",
            "prc",
            "中国",
            "中华人民共和国",
        ],
    ),
    ("Hong Kong", &["hong kong", "香港"]),
    ("Macao", &["macao", "macau", "澳门"]),
    ("Taiwan", &["taiwan", "台湾"]),
    ("Singapore", &["singapore", "新加坡"]),
    ("Japan", &["japan", "日本"]),
    (
        "South Korea",
        &["south korea", "republic of korea", "korea", "韩国"],
    ),
    ("India", &["india", "印度"]),
    ("Australia", &["australia", "澳大利亚"]),
    ("Canada", &["canada", "加拿大"]),
    ("Brazil", &["brazil", "巴西"]),
    ("Mexico", &["mexico", "墨西哥"]),
    ("Ireland", &["ireland", "爱尔兰"]),
    ("Germany", &["germany", "德国"]),
    ("France", &["france", "法国"]),
    ("Netherlands", &["netherlands", "荷兰"]),
    ("Switzerland", &["switzerland", "瑞士"]),
    ("Sweden", &["sweden", "瑞典"]),
    ("Spain", &["spain", "西班牙"]),
    ("Italy", &["italy", "意大利"]),
    ("Poland", &["poland", "波兰"]),
    ("Israel", &["israel", "以色列"]),
    ("Russia", &["russia", "russian federation", "俄罗斯"]),
    ("Philippines", &["philippines", "菲律宾"]),
    ("Vietnam", &["vietnam", "越南"]),
    ("Indonesia", &["indonesia", "印度尼西亚"]),
    ("Malaysia", &["malaysia", "马来西亚"]),
    ("Thailand", &["thailand", "泰国"]),
    ("United Arab Emirates", &["united arab emirates", "uae", "阿联酋"]),
    ("South Africa", &["south africa", "南非"]),
    ("Nigeria", &["nigeria", "尼日利亚"]),
    ("Ukraine", &["ukraine", "乌克兰"]),
    ("Argentina", &["argentina", "阿根廷"]),
    ("Chile", &["chile", "智利"]),
    ("Colombia", &["colombia", "哥伦比亚"]),
    ("New Zealand", &["new zealand", "新西兰"]),
];

/// The places `s` names, by key, sorted.
pub fn places(s: &str) -> Vec<&'static str> {
    let lower = format!(" {} ", s.to_lowercase());
    let mut out: Vec<&'static str> = PLACES_LEXICON
        .hits(&lower)
        .into_iter()
        .filter(|h| {
            // a whole word or phrase: `usa`, not `usage` (a Chinese name anywhere)
            !h.ascii
                || lower[..h.start]
                    .chars()
                    .next_back()
                    .is_none_or(|c| !c.is_alphanumeric())
                    && lower[h.end..].chars().next().is_none_or(|c| !c.is_alphanumeric())
        })
        .map(|h| h.kind)
        .collect();
    out.sort_unstable();
    out.dedup();
    china_alone(&lower, &mut out);
    out
}

/// `中国香港`, `中国澳门`, `中国台湾` name the region: 中国 counts only where it stands alone.
fn china_alone(lower: &str, out: &mut Vec<&'static str>) {
    if out.contains(&"China") && !lower.contains("china") && !lower.contains("中华人民共和国") {
        let alone = lower.matches("中国").count()
            - ["中国香港", "中国澳门", "中国台湾"]
                .iter()
                .map(|r| lower.matches(r).count())
                .sum::<usize>();
        if alone == 0 {
            out.retain(|k| *k != "China");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`places`] as it was before the lexicon's index: every name searched for in turn.
    fn places_reference(s: &str) -> Vec<&'static str> {
        let lower = format!(" {} ", s.to_lowercase());
        let mut out: Vec<&'static str> = PLACES
            .iter()
            .filter(|(_, names)| {
                names.iter().any(|n| {
                    !n.is_ascii() && lower.contains(n)
                        || n.is_ascii()
                            && lower.match_indices(n).any(|(at, _)| {
                                lower[..at]
                                    .chars()
                                    .next_back()
                                    .is_none_or(|c| !c.is_alphanumeric())
                                    && lower[at + n.len()..]
                                        .chars()
                                        .next()
                                        .is_none_or(|c| !c.is_alphanumeric())
                            })
                })
            })
            .map(|(k, _)| *k)
            .collect();
        china_alone(&lower, &mut out);
        out.sort_unstable();
        out
    }

    proptest::proptest! {
        /// The index finds the places that searching for every name finds: names inside words,
        /// beside letters of other scripts, Chinese names inside longer ones.
        #[test]
        fn the_index_finds_what_each_search_finds(
            s in "(USA|usage|the US|U.S.|us|Ireland|irelands|é|中国|香港|中国香港|美国|欧盟|the EU| |,|-|x|数据){0,16}"
        ) {
            proptest::prop_assert_eq!(places(&s), places_reference(&s));
        }
    }

    #[test]
    fn places_in_both_languages() {
        assert_eq!(places("stored in Ireland"), ["Ireland"]);
        assert_eq!(
            places("stored in Ireland and the United States"),
            ["Ireland", "United States"]
        );
        assert_eq!(places("存储在中华人民共和国境内"), ["China"]);
        assert!(places("usage data").is_empty());
        assert_eq!(places("我们位于中国香港的服务器"), ["Hong Kong"]);
        assert_eq!(places("中国澳门和中国境内"), ["China", "Macao"]);
    }
}
