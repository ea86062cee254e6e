//! The fact extractors that read prose (emails, phone numbers, postal addresses, durations,
//! organisations) against sentences of real policies labelled by a reader who never saw their
//! output (`tests/corpus/sentences/`). Precision and recall per fact type and language, with floors.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Deserialize;

use crate::harness::repo;

#[derive(Deserialize)]
struct Sentence {
    lang: String,
    source: String,
    text: String,
    facts: BTreeMap<String, serde_json::Value>,
}

/// The two halves of the set, by the company whose policy a sentence comes from: tuning (its misses
/// may be read and the extractors tuned on them) and test (scored only; its misses are never shown).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Part {
    Tune,
    Test,
}

impl Part {
    fn as_str(self) -> &'static str {
        match self {
            Part::Tune => "tune",
            Part::Test => "test",
        }
    }
}

/// The company of a source path: `tune/036-coinbase/new.md` → `coinbase`, `zh-policies/xiaomi.md`
/// → `xiaomi`; a path of any other shape is its own company.
fn company(source: &str) -> &str {
    let parts: Vec<&str> = source.split('/').collect();
    match parts.as_slice() {
        [_, folder, _] => folder
            .split_once('-')
            .filter(|(n, _)| n.bytes().all(|b| b.is_ascii_digit()))
            .map_or(folder, |(_, slug)| slug),
        ["zh-policies", file] => file.strip_suffix(".md").unwrap_or(file),
        _ => source,
    }
}

/// The part of a sentence: the parity of the 64-bit FNV-1a hash of its company (README of the set).
fn part(source: &str) -> Part {
    let h = company(source).bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    if h % 2 == 0 { Part::Tune } else { Part::Test }
}

#[derive(Default, Clone, Copy)]
struct Counts {
    tp: usize,
    fp: usize,
    fn_: usize,
}

impl Counts {
    fn precision(self) -> f64 {
        if self.tp + self.fp == 0 {
            1.0
        } else {
            self.tp as f64 / (self.tp + self.fp) as f64
        }
    }
    fn recall(self) -> f64 {
        if self.tp + self.fn_ == 0 {
            1.0
        } else {
            self.tp as f64 / (self.tp + self.fn_) as f64
        }
    }
}

fn alnum(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Scores found against labelled, `same` deciding whether a found item is a labelled one; returns
/// the misses (labelled, not found) and the false finds.
fn score(
    found: &[String],
    labelled: &[String],
    same: impl Fn(&str, &str) -> bool,
    c: &mut Counts,
) -> (Vec<String>, Vec<String>) {
    let missed: Vec<String> = labelled
        .iter()
        .filter(|l| !found.iter().any(|f| same(f, l)))
        .cloned()
        .collect();
    let wrong: Vec<String> = found
        .iter()
        .filter(|f| !labelled.iter().any(|l| same(f, l)))
        .cloned()
        .collect();
    c.tp += labelled.len() - missed.len();
    c.fn_ += missed.len();
    c.fp += wrong.len();
    (missed, wrong)
}

fn strings(v: Option<&serde_json::Value>) -> Vec<String> {
    v.and_then(|v| v.as_array())
        .map(|a| {
            a.iter()
                .filter_map(|x| match x {
                    serde_json::Value::String(s) => Some(s.clone()),
                    serde_json::Value::Number(n) => Some(n.to_string()),
                    serde_json::Value::Object(o) => {
                        o.get("name").and_then(|n| n.as_str()).map(str::to_string)
                    }
                    _ => None,
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Both sides of one fact type in one sentence: what the extractor found, what the labels say, and
/// when a found item is a labelled one.
struct Facts {
    kind: &'static str,
    found: Vec<String>,
    labelled: Vec<String>,
    same: fn(&str, &str) -> bool,
}

fn equal(f: &str, l: &str) -> bool {
    f == l
}

/// Every scored fact type of one sentence.
fn facts_of(s: &Sentence) -> Vec<Facts> {
    use policyc::classify as c;
    let get = |k: &str| strings(s.facts.get(k));
    vec![
        Facts {
            kind: "email",
            found: c::emails(&s.text),
            labelled: get("email").iter().map(|e| e.to_lowercase()).collect(),
            same: equal,
        },
        Facts {
            kind: "phone",
            found: c::phones(&s.text),
            labelled: get("phone"),
            same: |f, l| f.ends_with(l) || l.ends_with(f),
        },
        Facts {
            kind: "address",
            found: c::addresses(&s.text),
            labelled: get("address"),
            same: |f, l| alnum(l).contains(&alnum(f)),
        },
        Facts {
            kind: "duration",
            found: c::durations(&s.text).iter().map(u32::to_string).collect(),
            labelled: get("duration_days"),
            same: equal,
        },
        Facts {
            kind: "country",
            found: c::places(&s.text).iter().map(|p| p.to_string()).collect(),
            labelled: get("country"),
            same: |f, l| alnum(f) == alnum(l),
        },
        Facts {
            kind: "organisation",
            found: c::companies(&s.text),
            labelled: get("organisation"),
            same: |f, l| {
                let (f, l) = (alnum(f), alnum(l));
                !f.is_empty() && (f == l || l.contains(&f) || f.contains(&l))
            },
        },
        Facts {
            kind: "sdk",
            found: c::sdks(&s.text),
            labelled: get("sdk"),
            same: |f, l| {
                let bare = |x: &str| alnum(x).trim_end_matches("sdk").to_string();
                let (f, l) = (bare(f), bare(l));
                !f.is_empty() && !l.is_empty() && (f == l || l.contains(&f) || f.contains(&l))
            },
        },
        Facts {
            kind: "right",
            found: c::rights(&s.text)
                .into_iter()
                .filter_map(right_label)
                .map(str::to_string)
                .collect(),
            labelled: dedup(get("right")),
            same: equal,
        },
        Facts {
            kind: "fee",
            found: c::fees(&s.text).iter().map(fee_label).collect(),
            labelled: dedup(labelled_fees(s.facts.get("fee"))),
            same: equal,
        },
        Facts {
            kind: "purpose",
            found: c::purposes(&s.text).iter().map(|p| format!("{p:?}")).collect(),
            labelled: dedup(get("purpose").iter().map(|l| kind_of(l, PURPOSE_KINDS)).collect()),
            same: equal,
        },
        Facts {
            kind: "data_category",
            found: c::data_categories(&s.text)
                .iter()
                .map(|k| format!("{k:?}"))
                .collect(),
            labelled: dedup(
                get("data_category")
                    .iter()
                    .map(|l| kind_of(l, CATEGORY_KINDS))
                    .collect(),
            ),
            same: equal,
        },
    ]
}

fn dedup(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v.dedup();
    v
}

/// The label of a right (the set's README); appeals and non-discrimination are never labelled
/// there, so they are not scored.
fn right_label(r: policyc::classify::Right) -> Option<&'static str> {
    use policyc::classify::Right as R;
    Some(match r {
        R::Access => "access",
        R::Rectification => "rectification",
        R::Erasure => "erasure",
        R::Portability => "portability",
        R::Restriction => "restriction",
        // (unsubscribing is objecting to direct marketing, GDPR Art. 21(2)-(3))
        R::Objection | R::MarketingOptOut => "objection",
        R::WithdrawConsent => "withdraw_consent",
        R::OptOutOfSale => "opt_out_sale",
        R::AutomatedDecisions => "automated_decision",
        R::Complaint => "complaint",
        R::AccountDeletion => "account_deletion",
        R::Copy => "copy",
        R::Explanation => "explanation",
        R::Appeal | R::NonDiscrimination => return None,
    })
}

/// A fee as the labels write it: free is `0`, an amount its digits and currency.
fn fee_label(f: &policyc::classify::Fee) -> String {
    match f.currency {
        None => "0".to_string(),
        Some(c) if f.hundredths.is_multiple_of(100) => alnum(&format!("{} {c}", f.hundredths / 100)),
        Some(c) => alnum(&format!("{}.{:02} {c}", f.hundredths / 100, f.hundredths % 100)),
    }
}

fn labelled_fees(v: Option<&serde_json::Value>) -> Vec<String> {
    v.and_then(|v| v.as_array())
        .map(|a| {
            a.iter()
                .filter_map(|x| {
                    if x.get("free").and_then(serde_json::Value::as_bool) == Some(true) {
                        Some("0".to_string())
                    } else {
                        x.get("amount").and_then(|a| a.as_str()).map(alnum)
                    }
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The kind (the name of a `policyc::classify` enum variant) a labelled phrase names: the first
/// group with a word the phrase contains (lowercase). A phrase that names no kind stays itself,
/// so it counts as missed: the enum has no kind for it.
fn kind_of(phrase: &str, kinds: &[(&str, &[&str])]) -> String {
    let p = phrase.to_lowercase();
    kinds
        .iter()
        .find(|(_, words)| words.iter().any(|w| p.contains(w)))
        .map_or_else(|| format!("(no kind) {phrase}"), |(k, _)| k.to_string())
}

/// The label vocabulary of purposes mapped to `Purpose`, most specific first (the kinds' sources
/// are on the enum).
const PURPOSE_KINDS: &[(&str, &[&str])] = &[
    ("Advertising", &["advertis", " ads", "广告"]),
    (
        "Marketing",
        &["marketing", "prospecting", "promot", "营销", "推广"],
    ),
    ("Profiling", &["profiling", "画像"]),
    ("ModelTraining", &["train", "machine learning", "训练"]),
    (
        "Analytics",
        &[
            "analy",
            "statistic",
            "understand how",
            "understand the",
            "measur",
            "统计",
            "分析",
        ],
    ),
    (
        "Security",
        &[
            "secur", "safety", "fraud", "misuse", "abuse", "banned", "安全", "欺诈", "作弊", "风控",
        ],
    ),
    (
        "LegalCompliance",
        &[
            "comply",
            "compliance",
            "legal",
            " law",
            "法律",
            "法规",
            "监管",
            "备案",
        ],
    ),
    (
        "Verification",
        &[
            "verif",
            "authentic",
            "log in",
            "login",
            "sign in",
            "认证",
            "验证",
            "登录",
        ],
    ),
    ("SocialSharing", &["share", "分享"]),
    (
        "CustomerSupport",
        &["support", "customer service", "respond", "客服"],
    ),
    (
        "Personalisation",
        &["personali", "recommend", "tailor", "个性化", "推荐"],
    ),
    ("Payment", &["payment", "billing", "支付", "付款"]),
    (
        "Communication",
        &["notif", "newsletter", "send you", "通知", "消息"],
    ),
    (
        "Improvement",
        &[
            "improv", "optimi", "develop", "research", "改进", "优化", "提升", "改善",
        ],
    ),
    (
        "ProvideService",
        &[
            "provide", "deliver", "operat", "fulfil", "order", "register", "提供", "送货", "配送", "注册",
        ],
    ),
];

/// The label vocabulary of data categories mapped to `Category`, most specific first (GB/T
/// 35273-2020 Annex A's groups; the kinds' sources are on the enum).
const CATEGORY_KINDS: &[(&str, &[&str])] = &[
    (
        "Financial",
        &[
            "bank",
            "payment",
            "credit card",
            "transaction",
            "purchase",
            "financial",
            "tax",
            "invoice",
            "付款",
            "支付",
            "银行",
            "交易",
            "发票",
            "税务",
            "财产",
        ],
    ),
    (
        "Account",
        &[
            "ip address",
            "ip地址",
            "password",
            "username",
            "user name",
            "account",
            "账号",
            "帐号",
            "账户",
            "用户名",
            "密码",
            "昵称",
            "nickname",
        ],
    ),
    (
        "Device",
        &[
            "device",
            "hardware",
            "operating system",
            "screen",
            "browser",
            "mobile network",
            "imei",
            "imsi",
            "idfa",
            "oaid",
            "gaid",
            "android",
            "udid",
            "guid",
            "mac",
            "sim",
            "设备",
            "识别码",
            "蓝牙",
            "wifi",
            "应用",
            "传感器",
            "technical",
        ],
    ),
    (
        "Location",
        &["location", "geograph", "gps", "位置", "定位", "行踪"],
    ),
    (
        "Biometric",
        &[
            "biometric",
            "face",
            "facial",
            "fingerprint",
            "voiceprint",
            "人脸",
            "面部",
            "指纹",
            "声纹",
            "生物识别",
        ],
    ),
    ("Health", &["health", "medical", "健康", "医疗", "病历", "生理"]),
    (
        "ContactList",
        &["address book", "contact list", "通讯录", "联系人信息"],
    ),
    (
        "Contact",
        &[
            "email",
            "e-mail",
            "phone",
            "postal",
            "mail",
            "address",
            "zip",
            "postcode",
            "contact",
            "电话",
            "手机号",
            "邮箱",
            "电子邮件",
            "邮政编码",
            "地址",
            "收件人",
            "联系方式",
        ],
    ),
    (
        "EducationWork",
        &[
            "job",
            "employ",
            "occupation",
            "education",
            "work",
            "professional",
            "company name",
            "职位",
            "职业",
            "公司名称",
            "行业",
            "工作",
            "学历",
            "教育",
        ],
    ),
    (
        "Communications",
        &[
            "message",
            "call log",
            "sms",
            "chat",
            "communication",
            "短信",
            "通话",
            "通信",
            "聊天",
        ],
    ),
    (
        "Activity",
        &[
            "browsing",
            "search",
            "log",
            "usage",
            "records of",
            "cookie",
            "日志",
            "浏览",
            "搜索",
            "记录",
        ],
    ),
    (
        "Media",
        &[
            "photo", "video", "image", "audio", "voice", "picture", "照片", "视频", "相册", "相机", "录音",
            "音频", "图片",
        ],
    ),
    (
        "Inferences",
        &["preference", "interest", "inference", "偏好", "兴趣"],
    ),
    (
        "Special",
        &[
            "racial",
            "ethnic",
            "political",
            "religio",
            "trade union",
            "sexual",
            "genetic",
            "宗教",
            "特定身份",
        ],
    ),
    (
        "Identity",
        &[
            "name",
            "gender",
            "sex",
            "age",
            "birth",
            "nationality",
            "signature",
            "passport",
            "identity",
            "id card",
            "licen",
            "social security",
            "姓名",
            "性别",
            "年龄",
            "生日",
            "出生",
            "国籍",
            "民族",
            "签名",
            "护照",
            "身份",
        ],
    ),
];

#[test]
fn extractors_on_labelled_sentences() {
    let text = std::fs::read_to_string(repo().join("tests/corpus/sentences/labels.jsonl")).expect("labels");
    // the tuning part's misses on request; the test part's are never shown
    let show = std::env::var_os("EXTRACTORS_SHOW_MISSES").is_some();
    let mut counts: BTreeMap<(Part, &'static str, String), Counts> = BTreeMap::new();
    let mut sentences: BTreeMap<(Part, String), usize> = BTreeMap::new();
    let mut misses = String::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let s: Sentence = serde_json::from_str(line).expect("a labelled sentence");
        let part = part(&s.source);
        *sentences.entry((part, s.lang.clone())).or_default() += 1;
        for f in facts_of(&s) {
            let c = counts.entry((part, f.kind, s.lang.clone())).or_default();
            let (missed, wrong) = score(&f.found, &f.labelled, f.same, c);
            if show && part == Part::Tune && (!missed.is_empty() || !wrong.is_empty()) {
                let _ = writeln!(
                    misses,
                    "{} [{}] missed {missed:?} wrong {wrong:?}\n    {}",
                    f.kind, s.lang, s.text
                );
            }
        }
    }
    if show {
        eprintln!("tuning part, misses and false finds:\n{misses}");
    }
    let mut table = String::new();
    for p in [Part::Tune, Part::Test] {
        let n: Vec<String> = sentences
            .iter()
            .filter(|((q, _), _)| *q == p)
            .map(|((_, lang), n)| format!("{n} {lang}"))
            .collect();
        let _ = write!(
            table,
            "{} part: {} sentences\n| fact | lang | labelled | found right | precision | recall |\n|---|---|---|---|---|---|\n",
            p.as_str(),
            n.join(", ")
        );
        for ((_, kind, lang), k) in counts.iter().filter(|((q, _, _), _)| *q == p) {
            let _ = writeln!(
                table,
                "| {kind} | {lang} | {} | {} | {:.2} | {:.2} |",
                k.tp + k.fn_,
                k.tp,
                k.precision(),
                k.recall()
            );
        }
        table.push('\n');
    }
    eprintln!("{table}");
    assert!(sentences.values().sum::<usize>() >= 300, "{sentences:?}");
    for ((p, kind, lang), k) in &counts {
        let (fp, fr) = floor(*p, kind, lang);
        // the floors are the figures the table prints, to two decimals
        let two = |x: f64| (x * 100.0).round() / 100.0;
        assert!(
            two(k.precision()) >= fp && two(k.recall()) >= fr,
            "{kind} ({lang}, {} part): precision {:.2} (floor {fp}), recall {:.2} (floor {fr})\n{table}",
            p.as_str(),
            k.precision(),
            k.recall()
        );
    }
}

/// Floors at the figures measured (README "Measured quality"), per part; the target is precision
/// 0.95 and recall 0.90 for every type. Figures are precision/recall.
///
/// Before the split (all 473 sentences), first runs: address en 1.00/0.62, zh 0.73/0.57; duration
/// en 0.98/1.00, zh 0.92/1.00; email en 1.00/1.00, zh 0.67/0.67; organisation en 0.93/0.38, zh
/// 1.00/0.60; phone en 0.88/1.00, zh 0.75/0.75; country en 1.00/0.97, zh 0.80/0.93.
///
/// First run of the extractors written with the split (sdk, purpose, data_category, right, fee),
/// written on the tuning part, test part scored once (tune | test):
/// sdk en 1.00/1.00 | 1.00/0.90, zh 0.83/0.94 | 0.25/0.10;
/// purpose en 0.88/0.74 | 0.53/0.37, zh 0.94/0.65 | 0.33/0.14;
/// data_category en 0.80/0.86 | 0.63/0.39, zh 0.81/0.97 | 0.90/0.68;
/// right en 1.00/0.97 | 1.00/0.76, zh 0.97/0.97 | 0.95/0.83;
/// fee en 1.00/1.00 | 1.00/1.00, zh 1.00/1.00 | 1.00/1.00 (zh: 2 facts per part).
/// Now, after tuning on the tuning part only (tune | test); the lexicons were also widened from
/// their standards (GB/T 35273-2020 Annex A, CCPA §1798.140, the statutes' wording of each right),
/// and terms that only one labelled sentence used were taken out again:
/// sdk en 1.00/1.00 | 1.00/0.90, zh 1.00/1.00 | 0.25/0.10;
/// purpose en 1.00/0.68 | 0.65/0.41, zh 1.00/0.83 | 0.62/0.45;
/// data_category en 1.00/0.71 | 0.86/0.51, zh 0.97/1.00 | 0.83/0.68;
/// right en 1.00/1.00 | 1.00/0.76, zh 1.00/0.97 | 0.95/0.78;
/// fee en 1.00/1.00 | 1.00/1.00, zh 1.00/1.00 | 1.00/1.00;
/// address en 1.00/1.00 | 1.00/0.55, zh 1.00/1.00 | 0.57/0.57;
/// organisation en 1.00/0.43 | 0.92/0.52, zh 1.00/0.95 | 1.00/0.71.
/// Purposes and data categories are scored as kinds: each labelled phrase is mapped to its enum
/// variant by `PURPOSE_KINDS`/`CATEGORY_KINDS` (a phrase with no kind is a miss), a sentence's
/// kinds counted once.
fn floor(part: Part, kind: &str, lang: &str) -> (f64, f64) {
    use Part::{Test, Tune};
    match (part, kind, lang) {
        (Test, "address", "en") => (1.0, 0.55),
        (Tune, "address", "en") => (1.0, 1.0),
        (Test, "address", "zh") => (0.57, 0.57),
        (Tune, "address", "zh") => (1.0, 1.0),
        (Test, "country", "en") => (1.0, 0.97),
        (Tune, "country", "en") => (1.0, 0.97),
        (Test, "country", "zh") => (0.82, 1.0),
        (Tune, "country", "zh") => (0.79, 0.9),
        (Test, "data_category", "en") => (0.86, 0.51),
        (Tune, "data_category", "en") => (1.0, 0.71),
        (Test, "data_category", "zh") => (0.83, 0.68),
        (Tune, "data_category", "zh") => (0.97, 1.0),
        (Test, "duration", "en") => (0.96, 1.0),
        (Tune, "duration", "en") => (1.0, 1.0),
        (Test, "duration", "zh") => (0.94, 1.0),
        (Tune, "duration", "zh") => (0.89, 1.0),
        (Test, "email", "en") => (1.0, 1.0),
        (Tune, "email", "en") => (1.0, 1.0),
        (Test, "email", "zh") => (1.0, 1.0),
        (Tune, "email", "zh") => (1.0, 1.0),
        (Test, "fee", "en") => (1.0, 1.0),
        (Tune, "fee", "en") => (1.0, 1.0),
        (Test, "fee", "zh") => (1.0, 1.0),
        (Tune, "fee", "zh") => (1.0, 1.0),
        (Test, "organisation", "en") => (0.92, 0.52),
        (Tune, "organisation", "en") => (1.0, 0.43),
        (Test, "organisation", "zh") => (1.0, 0.71),
        (Tune, "organisation", "zh") => (1.0, 0.95),
        (Test, "phone", "en") => (1.0, 1.0),
        (Tune, "phone", "en") => (1.0, 1.0),
        (Test, "phone", "zh") => (1.0, 1.0),
        (Tune, "phone", "zh") => (1.0, 1.0),
        (Test, "purpose", "en") => (0.65, 0.41),
        (Tune, "purpose", "en") => (1.0, 0.68),
        (Test, "purpose", "zh") => (0.62, 0.45),
        (Tune, "purpose", "zh") => (1.0, 0.83),
        (Test, "right", "en") => (1.0, 0.76),
        (Tune, "right", "en") => (1.0, 1.0),
        (Test, "right", "zh") => (0.95, 0.78),
        (Tune, "right", "zh") => (1.0, 0.97),
        (Test, "sdk", "en") => (1.0, 0.9),
        (Tune, "sdk", "en") => (1.0, 1.0),
        (Test, "sdk", "zh") => (0.25, 0.1),
        (Tune, "sdk", "zh") => (1.0, 1.0),
        _ => panic!(
            "no floor for {kind} ({lang}, {} part): every measured type has one",
            part.as_str()
        ),
    }
}
