//! Kinds of personal information named in prose, each as one [`Category`] (GDPR Art. 13–14: the
//! categories of personal data; PIPL Art. 17; GB/T 35273-2020 Annex A, the examples of personal
//! information, and Annex B, sensitive personal information; CCPA/CPRA Cal. Civ. Code
//! §1798.140(v) and (ae)). A bare `address`/地址 counts only beside another category (a list of
//! fields), as it also names where to write to.

use super::spans::{Lexicon, Span, lower, occurrences, spans};

/// A kind of personal information.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Category {
    /// Name, sex, age, birth date, nationality, signature, identity documents (GB/T 35273-2020
    /// A.1 个人基本资料 and A.2 个人身份信息; CCPA §1798.140(v)(1)(A)–(C)).
    Identity,
    /// Phone number, e-mail address, postal address (GB/T 35273-2020 A.1: 个人电话号码, 电子邮件
    /// 地址, 住址; CCPA §1798.140(v)(1)(A)).
    Contact,
    /// Account names, passwords, IP addresses (GB/T 35273-2020 A.4 网络身份标识信息; CCPA
    /// §1798.140(v)(1)(A) online identifiers).
    Account,
    /// Device information and identifiers, installed apps, sensors, network (GB/T 35273-2020 A.11
    /// 个人常用设备信息).
    Device,
    /// Location (GB/T 35273-2020 A.12 个人位置信息; CPRA §1798.140(ae)(1)(C) precise geolocation).
    Location,
    /// Bank accounts, payment, transactions, invoices, tax (GB/T 35273-2020 A.7 个人财产信息;
    /// CCPA §1798.140(v)(1)(D) commercial information).
    Financial,
    /// Health and medical information (GB/T 35273-2020 A.5 个人健康生理信息; GDPR Art. 9(1)).
    Health,
    /// Face, fingerprint, voiceprint (GB/T 35273-2020 A.3 个人生物识别信息; GDPR Art. 9(1);
    /// CCPA §1798.140(v)(1)(E)).
    Biometric,
    /// Job, employer, industry, education (GB/T 35273-2020 A.6 个人教育工作信息; CCPA
    /// §1798.140(v)(1)(I)–(J)).
    EducationWork,
    /// Contents of messages, call and SMS logs (GB/T 35273-2020 A.8 个人通信信息).
    Communications,
    /// The address book (GB/T 35273-2020 A.9 联系人信息).
    ContactList,
    /// Browsing, search and usage records, logs (GB/T 35273-2020 A.10 个人上网记录; CCPA
    /// §1798.140(v)(1)(F) internet activity).
    Activity,
    /// Photos, videos, audio (CCPA §1798.140(v)(1)(H) audio, electronic, visual information;
    /// GB/T 35273-2020 Annex C 相册).
    Media,
    /// Preferences, interests and inferences (CCPA §1798.140(v)(1)(K)).
    Inferences,
    /// Special categories: racial or ethnic origin, opinions, beliefs, sex life (GDPR Art. 9(1);
    /// PIPL Art. 28; GB/T 35273-2020 Annex B).
    Special,
}

impl Category {
    /// The kind's name in English or Chinese (`zh`).
    pub fn name(self, zh: bool) -> &'static str {
        let (en, cn) = match self {
            Category::Identity => ("identity", "个人基本资料与身份信息"),
            Category::Contact => ("contact details", "联系方式"),
            Category::Account => ("account and online identifiers", "账号与网络身份标识"),
            Category::Device => ("device information", "设备信息"),
            Category::Location => ("location", "位置信息"),
            Category::Financial => ("financial and transaction information", "财产与交易信息"),
            Category::Health => ("health", "健康生理信息"),
            Category::Biometric => ("biometrics", "生物识别信息"),
            Category::EducationWork => ("education and work", "教育工作信息"),
            Category::Communications => ("communications", "通信信息"),
            Category::ContactList => ("contacts", "联系人信息"),
            Category::Activity => ("browsing, search and usage records", "上网与使用记录"),
            Category::Media => ("photos, videos and audio", "照片、视频与音频"),
            Category::Inferences => ("preferences and inferences", "偏好与推断"),
            Category::Special => ("special categories", "敏感个人信息"),
        };
        if zh { cn } else { en }
    }
}

/// The terms of each category, lowercase (see [`super::spans`]); longer terms win.
const TERMS: &[(Category, &[&str])] = &[
    // GB/T 35273-2020 A.1, A.2; CCPA §1798.140(v)(1)(A)–(C)
    (
        Category::Identity,
        &[
            "real name",
            "alias",
            "date and place of birth",
            "marital status",
            "family relationship*",
            "government id*",
            "government identification",
            "id number*",
            "passport number*",
            "driver's license number*",
            "national id*",
            "tax identification number*",
            "真实姓名",
            "家庭关系",
            "婚姻状况",
            "军官证",
            "驾驶证",
            "工作证",
            "社保卡",
            "居住证",
            "身份证号",
            "身份证号码",
            "身份证件号码",
            "个人身份信息",
            "your name",
            "full name",
            "first name",
            "last name",
            "gender",
            "sex",
            "age group",
            "date of birth",
            "birth date",
            "birthday",
            "nationality",
            "signature",
            "passport*",
            "identity card*",
            "id card*",
            "driver's licen*",
            "social security number*",
            "government-issued id*",
            "姓名",
            "性别",
            "年龄",
            "生日",
            "出生日期",
            "国籍",
            "民族",
            "签名",
            "护照",
            "身份证",
            "身份证件",
            "身份信息",
            "证件号码",
        ],
    ),
    // GB/T 35273-2020 A.1; CCPA §1798.140(v)(1)(A)
    (
        Category::Contact,
        &[
            "billing address*",
            "shipping address*",
            "delivery address*",
            "email addresses",
            "phone numbers",
            "住址",
            "联系电话",
            "通信地址",
            "邮寄地址",
            "联系地址",
            "email address*",
            "e-mail address*",
            "phone number*",
            "telephone number*",
            "mobile number*",
            "mobile phone number*",
            "postal address*",
            "mailing address*",
            "home address*",
            "zip code*",
            "postal code*",
            "postcode*",
            "contact details",
            "contact information",
            "电话号码",
            "手机号",
            "手机号码",
            "电子邮件地址",
            "电子邮箱",
            "邮箱地址",
            "邮政编码",
            "收件人信息",
            "收货地址",
            "联系方式",
        ],
    ),
    // GB/T 35273-2020 A.4
    (
        Category::Account,
        &[
            "account name*",
            "online identifier*",
            "unique personal identifier*",
            "login information",
            "login details",
            "security question*",
            "credentials",
            "profile information",
            "account credentials",
            "用户账号",
            "个人数字证书",
            "账号密码",
            "登录信息",
            "用户id",
            "头像",
            "ip address*",
            "anonymized ip address*",
            "anonymised ip address*",
            "username*",
            "user name*",
            "user id*",
            "password*",
            "account information",
            "account details",
            "login credentials",
            "nickname*",
            "ip地址",
            "账号信息",
            "帐号信息",
            "账户信息",
            "用户名",
            "密码",
            "昵称",
        ],
    ),
    // GB/T 35273-2020 A.11
    (
        Category::Device,
        &[
            "device type*",
            "device model*",
            "device identifier",
            "unique device identifier*",
            "advertising identifier*",
            "advertising id*",
            "hardware serial number*",
            "serial number*",
            "software list",
            "browser information",
            "browser version",
            "language settings",
            "time zone",
            "network information",
            "wi-fi information",
            "crash data",
            "crash report*",
            "diagnostic data",
            "硬件序列号",
            "设备序列号",
            "软件列表",
            "唯一设备标识符",
            "网络信息",
            "浏览器类型",
            "浏览器信息",
            "设备标识符",
            "设备参数",
            "系统版本",
            "网络类型",
            "运营商信息",
            "基站信息",
            "wlan",
            "wi-fi",
            "wifi信息",
            "device information",
            "device identifier*",
            "device id*",
            "hardware model*",
            "operating system*",
            "operating system and version",
            "screen resolution",
            "browser type*",
            "mobile network information",
            "imei",
            "imsi",
            "idfa",
            "oaid",
            "gaid",
            "android id",
            "androidid",
            "openudid",
            "guid",
            "mac address*",
            "technical data",
            "设备信息",
            "设备标识信息",
            "设备标识",
            "设备识别码",
            "手机识别码",
            "唯一设备识别码",
            "设备mac地址",
            "mac地址",
            "蓝牙地址",
            "wifissid",
            "sim 卡",
            "sim卡",
            "应用列表",
            "应用安装列表",
            "应用程序列表",
            "传感器信息",
            "设备型号",
            "操作系统",
        ],
    ),
    // GB/T 35273-2020 A.12; CPRA §1798.140(ae)(1)(C)
    (
        Category::Location,
        &[
            "approximate location",
            "precise geolocation",
            "geolocation data",
            "gps location",
            "latitude and longitude",
            "精准定位信息",
            "精确位置",
            "大致位置",
            "经纬度",
            "住宿信息",
            "位置数据",
            "location",
            "location data",
            "location information",
            "precise location",
            "geolocation",
            "geographical position",
            "geographic location",
            "gps",
            "位置信息",
            "地理位置",
            "地理位置信息",
            "位置",
            "定位信息",
            "行踪轨迹",
        ],
    ),
    // GB/T 35273-2020 A.7; CCPA §1798.140(v)(1)(D)
    (
        Category::Financial,
        &[
            "bank account details",
            "bank details",
            "card number*",
            "credit card number*",
            "payment details",
            "payment data",
            "billing information",
            "transaction data",
            "transaction information",
            "transaction record*",
            "purchase record*",
            "order history",
            "records of personal property",
            "products or services purchased",
            "credit history",
            "income",
            "wallet address*",
            "financial data",
            "银行卡号",
            "存款信息",
            "支付收款记录",
            "房产信息",
            "信贷记录",
            "征信信息",
            "交易和消费记录",
            "购买记录",
            "订单记录",
            "消费记录",
            "流水记录",
            "虚拟货币",
            "订单信息",
            "收入",
            "bank account*",
            "payment information",
            "payment card*",
            "credit card*",
            "payment method*",
            "transaction history",
            "purchase history",
            "financial information",
            "tax information",
            "付款方式",
            "付款方式信息",
            "支付信息",
            "银行账户",
            "银行账户信息",
            "银行卡",
            "交易记录",
            "发票信息",
            "税务信息",
            "财产信息",
        ],
    ),
    // GB/T 35273-2020 A.5; GDPR Art. 9(1)
    (
        Category::Health,
        &[
            "medical information",
            "medical records",
            "medical history",
            "fitness",
            "height",
            "weight",
            "病症",
            "住院志",
            "医嘱单",
            "检验报告",
            "用药记录",
            "过敏信息",
            "生育信息",
            "病史",
            "身高",
            "体重",
            "健康信息",
            "健康状况",
            "health data",
            "health information",
            "medical",
            "健康",
            "医疗",
            "病历",
            "生理信息",
        ],
    ),
    // GB/T 35273-2020 A.3; GDPR Art. 9(1)
    (
        Category::Biometric,
        &[
            "biometric data",
            "biometric information",
            "face scan*",
            "facial recognition",
            "facial geometry",
            "iris",
            "retina",
            "palm print*",
            "掌纹",
            "耳廓",
            "面部识别特征",
            "面部特征",
            "人脸信息",
            "生物识别信息",
            "基因",
            "biometric*",
            "facial",
            "face data",
            "fingerprint*",
            "voiceprint*",
            "生物识别",
            "人脸",
            "面部",
            "指纹",
            "声纹",
            "虹膜",
        ],
    ),
    // GB/T 35273-2020 A.6; CCPA §1798.140(v)(1)(I)–(J)
    (
        Category::EducationWork,
        &[
            "employment history",
            "employment information",
            "employment-related information",
            "work history",
            "professional or employment-related information",
            "education information",
            "educational background",
            "degree",
            "学位",
            "教育经历",
            "工作经历",
            "培训记录",
            "成绩单",
            "工作信息",
            "job title*",
            "employer",
            "occupation",
            "education",
            "work details",
            "professional information",
            "company name",
            "职位",
            "职业",
            "公司名称",
            "工作单位",
            "学历",
            "教育",
        ],
    ),
    // GB/T 35273-2020 A.8
    (
        Category::Communications,
        &[
            "content of communications",
            "contents of your communications",
            "chat messages",
            "text messages",
            "email content*",
            "communication records",
            "彩信",
            "通信内容",
            "通话内容",
            "聊天内容",
            "邮件内容",
            "通话信息",
            "call log*",
            "sms",
            "chat history",
            "communications",
            "短信",
            "通话记录",
            "通信记录",
            "聊天记录",
        ],
    ),
    // GB/T 35273-2020 A.9
    (
        Category::ContactList,
        &[
            "contacts",
            "your contacts",
            "phone book",
            "friend list*",
            "friends list*",
            "好友列表",
            "群列表",
            "电子邮件地址列表",
            "通讯录信息",
            "address book",
            "contact list*",
            "通讯录",
            "联系人信息",
        ],
    ),
    // GB/T 35273-2020 A.10; CCPA §1798.140(v)(1)(F)
    (
        Category::Activity,
        &[
            "internet activity",
            "network activity",
            "browsing data",
            "browsing information",
            "pages visited",
            "pages you visit*",
            "clickstream",
            "click data",
            "referring url*",
            "referral url*",
            "cookie data",
            "cookie information",
            "cookie identifier*",
            "usage details",
            "usage history",
            "viewing history",
            "watch history",
            "access logs",
            "access times",
            "网站浏览记录",
            "软件使用记录",
            "点击记录",
            "收藏列表",
            "访问记录",
            "浏览信息",
            "搜索信息",
            "观看记录",
            "播放记录",
            "网络日志",
            "访问日志",
            "使用情况",
            "browsing history",
            "search history",
            "log data",
            "log files",
            "log information",
            "usage data",
            "usage information",
            "日志信息",
            "日志",
            "浏览记录",
            "搜索记录",
            "使用记录",
            "操作记录",
        ],
    ),
    // CCPA §1798.140(v)(1)(H)
    (
        Category::Media,
        &[
            "photographs",
            "profile photo*",
            "profile picture*",
            "audio recordings",
            "recordings",
            "voice recording",
            "voice data",
            "visual information",
            "audio information",
            "images of you",
            "照片信息",
            "头像照片",
            "语音",
            "语音信息",
            "视频信息",
            "影像",
            "photos",
            "photo",
            "videos",
            "images",
            "audio",
            "voice recording*",
            "照片",
            "相册",
            "相机",
            "相机相册信息",
            "录音",
            "音频",
            "图片",
        ],
    ),
    // CCPA §1798.140(v)(1)(K)
    (
        Category::Inferences,
        &[
            "inferences drawn",
            "兴趣爱好",
            "个人偏好",
            "喜好",
            "inferences",
            "偏好",
            "兴趣",
        ],
    ),
    // GDPR Art. 9(1); PIPL Art. 28; GB/T 35273-2020 Annex B
    (
        Category::Special,
        &[
            "race",
            "ethnicity",
            "religion",
            "religious or philosophical beliefs",
            "philosophical beliefs",
            "trade union membership",
            "sexual life",
            "genetic data",
            "criminal record*",
            "criminal convictions",
            "婚史",
            "性取向",
            "违法犯罪记录",
            "犯罪记录",
            "种族",
            "政治观点",
            "敏感个人信息",
            "racial",
            "ethnic origin",
            "political opinion*",
            "religious",
            "trade union",
            "sexual orientation",
            "sex life",
            "genetic",
            "宗教信仰",
            "特定身份",
        ],
    ),
];

/// Words that name a category only as an item of a list of fields (`name, address and email`):
/// elsewhere they name where to write (`the address below`), a name of anything, or an industry.
const LIST_ONLY: &[(Category, &[&str])] = &[
    (Category::Identity, &["name", "names", "age"]),
    (Category::Communications, &["messages"]),
    (Category::Contact, &["address", "地址"]),
    (Category::EducationWork, &["行业"]),
    (Category::Inferences, &["interests", "preferences"]),
];

/// A contact detail given as a value (`电子邮箱：a@b.cn`, `邮政编码 100085`, `our postal address:`)
/// is a channel, not a category of the user's information.
fn given_as_value(low: &str, s: &Span<Category>) -> bool {
    let after = low[s.end..].trim_start();
    let before = low[..s.start].trim_end();
    s.kind == Category::Contact
        && (after.starts_with([':', '：'])
            || after.starts_with(|c: char| c.is_ascii_digit())
            || after.starts_with("below")
            || after.starts_with("above")
            || {
                ["following", "our", "this", "我们的", "以下"].iter().any(|w| {
                    before.ends_with(w)
                        && before[..before.len() - w.len()]
                            .chars()
                            .next_back()
                            .is_none_or(|c| !c.is_ascii_alphanumeric())
                })
            })
}

/// `the location of our servers`: a place, not the user's location.
fn place_of(low: &str, s: &Span<Category>) -> bool {
    &low[s.start..s.end] == "location" && low[s.end..].trim_start().starts_with("of ")
}

/// Words before a term that make it no category of the user's information.
const NOT_BEFORE: &[&str] = &[
    "regardless of",
    "regardless of the",
    "regardless of their",
    "regardless of your",
    "regardless of its",
];

/// Is the span an item of a list: a list mark or `and`/`or` right before or after it?
fn in_list(low: &str, s: &Span<Category>) -> bool {
    let after = low[s.end..].trim_start();
    let before = low[..s.start].trim_end();
    let marks = [',', '，', '、', ';', '；'];
    after.starts_with(marks)
        || before.ends_with(marks)
        || ["and ", "or ", "和", "及", "或"]
            .iter()
            .any(|w| after.starts_with(w))
        || [" and", " or", "和", "及", "或"]
            .iter()
            .any(|w| before.ends_with(w))
}

/// [`TERMS`] and [`LIST_ONLY`], each searched in one pass.
static TERMS_LEXICON: Lexicon<'static, Category> = Lexicon::new(TERMS);
static LIST_ONLY_LEXICON: Lexicon<'static, Category> = Lexicon::new(LIST_ONLY);

/// The categories `text` names, each once, in the order of [`Category`].
pub fn data_categories(text: &str) -> Vec<Category> {
    let low = lower(text);
    let strong: Vec<Span<Category>> = spans(&low, &TERMS_LEXICON)
        .into_iter()
        .filter(|s| !given_as_value(&low, s) && !place_of(&low, s))
        .filter(|s| {
            let before = low[..s.start].trim_end();
            !NOT_BEFORE.iter().any(|w| before.ends_with(w))
        })
        .collect();
    let mut out: Vec<Category> = strong.iter().map(|s| s.kind).collect();
    if !out.is_empty() {
        // only the list words no longer term covers (`ip address`, `MAC地址`)
        let all = spans(&low, &TERMS_LEXICON);
        out.extend(
            spans(&low, &LIST_ONLY_LEXICON)
                .into_iter()
                .filter(|w| all.iter().all(|s| w.end <= s.start || s.end <= w.start))
                .filter(|w| in_list(&low, w) && !given_as_value(&low, w))
                .map(|w| w.kind),
        );
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// The categories whose terms `text` holds at all, in the order of [`Category`]: what a passage
/// already speaks of.
pub fn mentioned(text: &str) -> Vec<Category> {
    let mut out: Vec<Category> = spans(&lower(text), &TERMS_LEXICON)
        .into_iter()
        .map(|s| s.kind)
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Verbs that say we process what follows them in a clause (GDPR Art. 4(2) and PIPL Art. 4: the
/// operations that make up processing).
const PROCESSING_EN: &[&str] = &[
    "collect*",
    "obtain*",
    "gather*",
    "read*",
    "record*",
    "receive*",
    "store*",
    "associate*",
    "link*",
    "combine*",
    "process*",
    "use",
    "uses",
    "using",
];
const PROCESSING_ZH: &[&str] = &[
    "收集", "获取", "读取", "记录", "接收", "存储", "保存", "关联", "结合", "使用", "处理", "调用",
];
/// Who processes: only what we do is a use of the data (`you can view your orders` is not).
const WE_EN: &[&str] = &["we", "us", "our"];
const WE_ZH: &[&str] = &["我们"];
/// Words that deny what follows them in a clause.
const DENIED_EN: &[&str] = &["not", "don't", "never", "won't", "neither", "nor"];
const DENIED_ZH: &[&str] = &[
    "不会",
    "不得",
    "不将",
    "不收集",
    "不获取",
    "不读取",
    "禁止",
    "无需",
];

/// The categories a sentence says we process: a term in a clause with a verb of processing and
/// no denial, in a sentence where we act; each once, in the order of [`Category`].
pub fn processed(sentence: &str) -> Vec<Category> {
    let low = lower(sentence);
    let chinese = low.chars().any(crate::diff::text::is_cjk);
    let has = |text: &str, words: &[&str]| words.iter().any(|w| !occurrences(text, w).is_empty());
    let (we, verbs, denied) = if chinese {
        (WE_ZH, PROCESSING_ZH, DENIED_ZH)
    } else {
        (WE_EN, PROCESSING_EN, DENIED_EN)
    };
    if !has(&low, we) {
        return vec![];
    }
    let mut out: Vec<Category> = spans(&low, &TERMS_LEXICON)
        .into_iter()
        .filter(|s| !given_as_value(&low, s) && !place_of(&low, s))
        .filter(|s| {
            // the clause: from the last full stop, semicolon or line break before the term to the
            // next one after it (a Chinese verb often follows its object: 将…与购买记录进行关联)
            let stops = ['.', ';', '!', '?', '。', '；', '！', '？', '\n'];
            let start = low[..s.start]
                .char_indices()
                .rev()
                .find(|(_, c)| stops.contains(c))
                .map_or(0, |(at, c)| at + c.len_utf8());
            let end = low[s.end..].find(stops).map_or(low.len(), |at| s.end + at);
            let clause = &low[start..end];
            has(clause, verbs) && !has(clause, denied)
        })
        .map(|s| s.kind)
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn categories_in_both_languages() {
        assert_eq!(
            data_categories("your name, address and IP address"),
            [Category::Identity, Category::Contact, Category::Account]
        );
        assert_eq!(
            data_categories("数据类型：设备信息（如OAID、MAC地址）、位置信息"),
            [Category::Device, Category::Location]
        );
        assert!(data_categories("Please write to the address below.").is_empty());
        assert!(data_categories("电子邮箱：someone@example.com").is_empty());
        assert!(data_categories("wherever you are, regardless of your location").is_empty());
        assert!(data_categories("Location of Data: our servers are in Ireland.").is_empty());
        assert!(data_categories("Write to the postal address below.").is_empty());
        assert!(data_categories("minors under 16 years of age").is_empty());
    }

    #[test]
    fn what_we_say_we_process() {
        assert_eq!(
            processed("When you post a photo, we read the GPS location stored in it."),
            [Category::Location, Category::Media]
        );
        assert_eq!(
            processed("我们会将这些信息与您的购买记录进行关联。"),
            [Category::Financial]
        );
        // a user's own action, a denial, a category before the verb's clause
        assert!(processed("You can view your purchase history in the app.").is_empty());
        assert!(processed("We do not collect your precise location.").is_empty());
        assert!(processed("我们不会收集您的位置信息。").is_empty());
        assert!(processed("Location data stays on your device. We use it locally.").is_empty());
    }
}
