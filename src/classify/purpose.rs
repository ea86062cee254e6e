//! Purposes of processing named in prose, each as one [`Purpose`] (GDPR Art. 13(1)(c), PIPL
//! Art. 17(1)(2), GB/T 35273-2020 §5.5: the purposes a policy must state). A term counts only where
//! the sentence states it as a purpose: after a cue (`to`, `for`, `in order to`, `purposes`, 用于,
//! 以便, 为了, 目的 …) in the same clause, or followed by `purposes`.

use super::spans::{Lexicon, Span, lower, occurrences, spans};

/// A purpose of processing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Purpose {
    /// Providing, operating and delivering the service asked for (GDPR Art. 6(1)(b); CCPA
    /// §1798.140(e)(5): performing services, fulfilling orders; GB/T 35273-2020 §5.3 基本业务功能).
    ProvideService,
    /// Advertising, targeted or not, and its measurement (CCPA §1798.140(e)(6) and (k)
    /// cross-context behavioural advertising; GB/T 35273-2020 §7.5 定向推送).
    Advertising,
    /// Marketing and promotion, direct marketing (GDPR Art. 21(2)–(3); PIPL Art. 24).
    Marketing,
    /// Analytics and statistics on how the service is used (CCPA §1798.140(e)(1) auditing;
    /// GB/T 35273-2020 §5.3 扩展业务功能: 统计分析).
    Analytics,
    /// Improving and developing products, research (CCPA §1798.140(e)(7)–(8)).
    Improvement,
    /// Security, fraud and abuse prevention (CCPA §1798.140(e)(2); GB/T 35273-2020 §5.6 安全保障).
    Security,
    /// Complying with the law (GDPR Art. 6(1)(c); PIPL Art. 13(3)).
    LegalCompliance,
    /// Verifying identity, signing in (CCPA §1798.140(e)(5) verifying customer information;
    /// 网络安全法 Art. 24 真实身份信息).
    Verification,
    /// Customer support and answering requests (CCPA §1798.140(e)(5) providing customer service).
    CustomerSupport,
    /// Personalised content and recommendations (GB/T 35273-2020 §7.5 个性化展示).
    Personalisation,
    /// Profiling (GDPR Art. 4(4) and Art. 22; GB/T 35273-2020 §7.4 用户画像).
    Profiling,
    /// Training models and algorithms (CPRA regulations on automated decision-making technology;
    /// 生成式人工智能服务管理暂行办法 Art. 7 训练数据).
    ModelTraining,
    /// Processing payments (CCPA §1798.140(e)(5) processing payments).
    Payment,
    /// Sending notices and messages about the service (CCPA §1798.140(e)(5) maintaining accounts).
    Communication,
    /// Sharing content to other apps and social networks (GB/T 35273-2020 Annex C 分享功能).
    SocialSharing,
}

impl Purpose {
    /// The purpose's name in English, or in Chinese when `zh`.
    pub fn name(self, zh: bool) -> &'static str {
        let (en, cn) = match self {
            Purpose::ProvideService => ("providing the service", "提供服务"),
            Purpose::Advertising => ("advertising", "广告"),
            Purpose::Marketing => ("marketing", "营销"),
            Purpose::Analytics => ("analytics", "统计分析"),
            Purpose::Improvement => ("improving and developing products", "产品改进与研发"),
            Purpose::Security => ("security", "安全保障"),
            Purpose::LegalCompliance => ("legal compliance", "遵守法律"),
            Purpose::Verification => ("verifying identity", "身份验证"),
            Purpose::CustomerSupport => ("customer support", "客户服务"),
            Purpose::Personalisation => ("personalisation", "个性化推荐"),
            Purpose::Profiling => ("profiling", "用户画像"),
            Purpose::ModelTraining => ("training models", "模型训练"),
            Purpose::Payment => ("payment", "支付"),
            Purpose::Communication => ("sending notices", "消息通知"),
            Purpose::SocialSharing => ("social sharing", "分享"),
        };
        if zh { cn } else { en }
    }
}

/// The terms of each purpose, lowercase (see [`super::spans`]). Longer terms win over the shorter
/// ones inside them.
const TERMS: &[(Purpose, &[&str])] = &[
    // CCPA §1798.140(e)(5); GB/T 35273-2020 §5.3
    (
        Purpose::ProvideService,
        &[
            "provide and maintain",
            "provide, maintain*",
            "maintain the service*",
            "maintain our service*",
            "perform our contract",
            "perform the contract",
            "performance of a contract",
            "performance of our contract",
            "fulfil* our contract*",
            "process transactions",
            "process your transaction*",
            "deliver products",
            "ship*",
            "提供基本业务功能",
            "实现基本业务功能",
            "履行合同",
            "订单配送",
            "完成交易",
            "provide the service*",
            "provide our service*",
            "provide you with the service*",
            "provide you with our service*",
            "provide our product*",
            "provide the product*",
            "operate the service*",
            "operate our service*",
            "deliver the service*",
            "deliver our service*",
            "fulfil* your order*",
            "process your order*",
            "deliver your order*",
            "create your account",
            "register",
            "提供服务",
            "提供产品",
            "提供产品或服务",
            "提供产品和/或服务",
            "注册",
            "送货",
            "配送",
            "完成下单",
        ],
    ),
    // CCPA §1798.140(e)(6), (k); GB/T 35273-2020 §7.5
    (
        Purpose::Advertising,
        &[
            "ad measurement",
            "advertising measurement",
            "show you ads",
            "serve ads",
            "serve you ads",
            "deliver ads",
            "cross-context behavioral advertising",
            "interest-based ads",
            "targeted ads",
            "personalized ads",
            "personalised ads",
            "广告监测",
            "广告效果",
            "精准投放",
            "程序化广告",
            "advertising",
            "advertisement*",
            "ads",
            "targeted advertising",
            "personalised advertising",
            "personalized advertising",
            "interest-based advertising",
            "behavioral advertising",
            "behavioural advertising",
            "广告",
            "个性化广告",
            "广告投放",
            "广告展示",
            "广告归因",
            "广告推送",
        ],
    ),
    // GDPR Art. 21(2)
    (
        Purpose::Marketing,
        &[
            "marketing communications",
            "promotional communications",
            "send you offers",
            "营销推广",
            "精准营销",
            "促销",
            "营销活动",
            "marketing",
            "direct marketing",
            "prospecting",
            "promotional",
            "promotion*",
            "营销",
            "推广",
            "直接营销",
        ],
    ),
    // CCPA §1798.140(e)(1); GB/T 35273-2020 统计分析
    (
        Purpose::Analytics,
        &[
            "audience measurement",
            "measure the effectiveness",
            "usage statistics",
            "understand how you use",
            "understand how our services",
            "understand usage",
            "数据统计",
            "统计数据",
            "运营分析",
            "用户分析",
            "流量统计",
            "analytics",
            "analyse how",
            "analyze how",
            "analyse the use",
            "analyze the use",
            "analysis",
            "statistic*",
            "us understand",
            "us to understand",
            "us better understand",
            "understand how our",
            "understand how users",
            "understand how people",
            "understand how visitors",
            "measure*",
            "统计",
            "统计分析",
            "数据分析",
        ],
    ),
    // CCPA §1798.140(e)(7)–(8)
    (
        Purpose::Improvement,
        &[
            "research",
            "develop our",
            "develop and improve",
            "debug*",
            "troubleshoot*",
            "fix bugs",
            "产品改进",
            "改善用户体验",
            "提升用户体验",
            "研发",
            "开发新",
            "性能监控",
            "崩溃分析",
            "故障排查",
            "improve*",
            "improving",
            "optimise*",
            "optimize*",
            "develop new",
            "research and development",
            // (planning products and researching the market they are for: product research)
            "plan new",
            "product planning",
            "market research",
            "规划新",
            "产品规划",
            "市场调研",
            "市场研究",
            "改进",
            "优化",
            "提升",
            "改善",
        ],
    ),
    // CCPA §1798.140(e)(2); GB/T 35273-2020 §5.6
    (
        Purpose::Security,
        &[
            "detect fraud",
            "protect against",
            "security incidents",
            "integrity",
            "保障账号安全",
            "账号安全",
            "安全保障",
            "安全风险",
            "风险识别",
            "防范风险",
            "反欺诈",
            "反洗钱",
            "anti-money laundering",
            "anti-fraud",
            "security",
            "safety",
            "fraud",
            "prevent fraud*",
            "prevent misuse",
            "prevent abuse",
            "prevent unauthori*",
            "prevent spam",
            "prevent illegal",
            "prevent harm*",
            "misuse",
            "abuse",
            "安全",
            "反作弊",
            "防作弊",
            "欺诈",
            "防欺诈",
            "风控",
            "风险控制",
        ],
    ),
    // GDPR Art. 6(1)(c); PIPL Art. 13(3)
    (
        Purpose::LegalCompliance,
        &[
            "遵守法律法规",
            "遵守相关法律法规",
            "履行法律义务",
            "法律义务",
            "满足法律法规",
            "满足监管",
            "legal claims",
            "defend legal claims",
            "law enforcement",
            "legal process",
            "regulatory requirement*",
            "履行法定义务",
            "法定职责",
            "遵守法律",
            "comply with",
            "compliance with",
            "legal obligation*",
            "legal requirement*",
            "法定义务",
            "监管要求",
            "备案",
        ],
    ),
    // CCPA §1798.140(e)(5); 网络安全法 Art. 24
    (
        Purpose::Verification,
        &[
            "verify your account",
            "identity verification",
            "身份核验",
            "实名制",
            "核验身份",
            "身份认证",
            "verify your identity",
            "verify the identity",
            "authenticate",
            "authentication",
            "log in",
            "login",
            "sign in",
            "身份验证",
            "验证身份",
            "实名认证",
            "认证",
            "登录",
        ],
    ),
    // CCPA §1798.140(e)(5)
    (
        Purpose::CustomerSupport,
        &[
            "respond to your inquir*",
            "respond to your request*",
            "answer your question*",
            "handle your request*",
            "技术支持",
            "售后服务",
            "处理您的投诉",
            "响应您的请求",
            "customer support",
            "user support",
            "customer service",
            "respond to your",
            "客服",
            "客户服务",
        ],
    ),
    // GB/T 35273-2020 §7.5
    (
        Purpose::Personalisation,
        &[
            "tailor*",
            "customi*",
            "个性化内容",
            "个性化服务",
            "内容推荐",
            "推荐内容",
            "personalise*",
            "personalize*",
            "personalization",
            "personalisation",
            "recommendation*",
            "个性化推荐",
            "个性化展示",
            "推荐",
        ],
    ),
    // GDPR Art. 4(4); GB/T 35273-2020 §7.4
    (
        Purpose::Profiling,
        &[
            "build a profile",
            "create a profile",
            "画像",
            "profiling",
            "用户画像",
        ],
    ),
    // CPRA ADMT regulations; 生成式人工智能服务管理暂行办法 Art. 7
    (
        Purpose::ModelTraining,
        &[
            "train artificial intelligence",
            "train machine learning",
            "training of models",
            "model training",
            "模型训练",
            "算法训练",
            "训练模型",
            "train our model*",
            "train models",
            "training our model*",
            "train ai",
            "machine learning",
            "训练",
        ],
    ),
    // CCPA §1798.140(e)(5)
    (
        Purpose::Payment,
        &[
            "payment processing",
            "billing purposes",
            "收款",
            "结算",
            "process payment*",
            "process your payment*",
            "processing payment*",
            "billing",
            "支付",
            "付款",
        ],
    ),
    // CCPA §1798.140(e)(5)
    (
        Purpose::Communication,
        &[
            "contact you",
            "communicate with you",
            "service-related communications",
            "消息通知",
            "推送通知",
            "信息推送",
            "消息推送服务",
            "send you",
            "notify you",
            "newsletter*",
            "发送通知",
            "消息推送",
            "推送消息",
        ],
    ),
    // GB/T 35273-2020 Annex C
    (
        Purpose::SocialSharing,
        &[
            "share to social",
            "social sharing",
            "分享功能",
            "第三方分享",
            "share content",
            "分享",
            "分享内容",
        ],
    ),
];

/// The cues that say a purpose and nothing else.
const CUES_PURPOSE: &[&str] = &[
    "in order to",
    "purpose",
    "purposes",
    "so that",
    "used to",
    "use it to",
    "use it for",
    "used for",
    "用于",
    "以便",
    "为了",
    "目的",
    "用途",
];

/// The words that state a purpose before its term (in the same clause), besides [`CUES_PURPOSE`].
const CUES_EN: &[&str] = &["to", "for"];
/// The Chinese words that state a purpose before its term, besides [`CUES_PURPOSE`].
const CUES_ZH: &[&str] = &[
    "为您",
    "为你",
    "以提供",
    "以实现",
    "以保障",
    "帮助",
    "出于",
    "提供",
];
/// Cues that state a purpose only right before its term (`为直接营销`, `进行个性化广告推送`): they
/// have other senses elsewhere (作为, 进行处理).
const CUES_ZH_NEXT: &[&str] = &["为", "进行", "以"];

/// How far back (bytes) a cue may stand from a term in English and in Chinese.
const WINDOW_EN: usize = 90;
const WINDOW_ZH: usize = 90;

/// The purposes `text` states, each once, in the order of [`Purpose`].
pub fn purposes(text: &str) -> Vec<Purpose> {
    stated(text, true)
}

/// Words that state improvement in general: said of anything (`to improve access speed`, `提升
/// 访问速度`), they name no use of personal information by themselves.
const GENERAL: &[&str] = &[
    "improve",
    "improves",
    "improved",
    "improving",
    "improvement",
    "improvements",
    "optimise",
    "optimize",
    "optimising",
    "optimizing",
    "改进",
    "优化",
    "提升",
    "改善",
];

/// The purposes `text` states in words particular to them (not [`GENERAL`] ones) after a cue that
/// says nothing else ([`CUES_PURPOSE`]; `to` and `for` also begin what one is unable to do or
/// asked for), each once.
pub fn particular_purposes(text: &str) -> Vec<Purpose> {
    stated(text, false)
}

/// [`TERMS`], searched in one pass.
static TERMS_LEXICON: Lexicon<'static, Purpose> = Lexicon::new(TERMS);

/// `general_too`: false for [`particular_purposes`].
fn stated(text: &str, general_too: bool) -> Vec<Purpose> {
    let low = lower(text);
    // a purpose word inside a product's name (`Foo Analytics`) names no purpose
    let names: Vec<(usize, usize)> = super::sdk::sdks(text)
        .iter()
        .flat_map(|n| occurrences(&low, &lower(n)))
        .collect();
    let mut out: Vec<Purpose> = spans(&low, &TERMS_LEXICON)
        .into_iter()
        .filter(|s| names.iter().all(|&(a, b)| s.end <= a || b <= s.start))
        .filter(|s| !modifier(&low, s))
        .filter(|s| stated_as_purpose(&low, s, if general_too { None } else { Some(CUES_PURPOSE) }))
        .filter(|s| general_too || !GENERAL.contains(&low[s.start..s.end].trim()))
        .map(|s| s.kind)
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// The purposes whose terms `text` holds at all, stated as purposes or not, in the order of
/// [`Purpose`]: what a passage already speaks of.
pub fn mentioned(text: &str) -> Vec<Purpose> {
    let mut out: Vec<Purpose> = spans(&lower(text), &TERMS_LEXICON)
        .into_iter()
        .map(|s| s.kind)
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// 安全 before another noun (安全措施, 安全防护, 网络安全法) describes that noun and names no purpose;
/// before a conjunction, a mark or 目的 it is the purpose security.
fn modifier(low: &str, s: &Span<Purpose>) -> bool {
    &low[s.start..s.end] == "安全"
        && low[s.end..]
            .trim_start_matches([' ', '*'])
            .chars()
            .next()
            .is_some_and(|c| crate::diff::text::is_cjk(c) && !"和及与或的目".contains(c))
}

/// Is the term at `s` stated as a purpose: a cue before it in its clause (one of `only_cues` where
/// given), or `purposes` after it?
fn stated_as_purpose(low: &str, s: &Span<Purpose>, only_cues: Option<&[&str]>) -> bool {
    let after = low[s.end..].trim_start();
    let chinese = !low[s.start..s.end].is_ascii();
    // `marketing purposes`, `安全和防欺诈的目的`
    if after.starts_with("purpose") || chinese && after.chars().take(8).collect::<String>().contains("目的")
    {
        return true;
    }
    if chinese && only_cues.is_none() && CUES_ZH_NEXT.iter().any(|c| low[..s.start].ends_with(c)) {
        return true;
    }
    let window = if chinese { WINDOW_ZH } else { WINDOW_EN };
    let mut from = s.start.saturating_sub(window);
    while !low.is_char_boundary(from) {
        from += 1;
    }
    // the clause: back to the last full stop, semicolon or line break
    let before = &low[from..s.start];
    let clause = before
        .char_indices()
        .rev()
        .find(|(_, c)| ['.', ';', '!', '?', '。', '；', '！', '？', '\n'].contains(c))
        .map_or(before, |(at, c)| &before[at + c.len_utf8()..]);
    // a purpose denied (`we do not use it for advertising`, 不会用于营销) is none
    let denied = if chinese { &NOT_ZH[..] } else { &NOT_EN[..] };
    if denied.iter().any(|n| !occurrences(clause, n).is_empty()) {
        return false;
    }
    let cues: &[&[&str]] = match only_cues {
        Some(cues) => &[cues],
        None if chinese => &[CUES_ZH, CUES_PURPOSE],
        None => &[CUES_EN, CUES_PURPOSE],
    };
    cues.iter()
        .flat_map(|c| c.iter())
        .any(|c| !occurrences(clause, c).is_empty())
}

/// Words that deny what follows them in a clause.
const NOT_EN: [&str; 6] = ["not", "don't", "doesn't", "never", "won't", "neither"];
const NOT_ZH: [&str; 5] = ["不会", "不得", "不用于", "不将", "禁止"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_clause_after_a_chinese_full_stop_is_read_whole() {
        // the clause starts after a three-byte mark: no cut inside it
        assert_eq!(purposes("我们不会出售。用于广告"), [Purpose::Advertising]);
        assert_eq!(purposes("我们不会出售；用于广告"), [Purpose::Advertising]);
    }

    #[test]
    fn purposes_after_a_cue_in_both_languages() {
        assert_eq!(
            purposes("We use cookies for personalized advertising and analytics."),
            [Purpose::Advertising, Purpose::Analytics]
        );
        assert_eq!(purposes("retained for Marketing purposes"), [Purpose::Marketing]);
        assert_eq!(purposes("出于安全的目的"), [Purpose::Security]);
        assert!(purposes("For more about Foo Analytics, see its site.").is_empty());
        assert!(purposes("为了保护您的信息，我们使用安全防护措施。").is_empty());
        assert!(purposes("We don't use your data to show you ads.").is_empty());
        assert_eq!(
            purposes("使用目的：广告投放、反作弊"),
            [Purpose::Advertising, Purpose::Security]
        );
        // named, but not as a purpose
        assert!(purposes("Our advertising partners are listed below.").is_empty());
    }
}
