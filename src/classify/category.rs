//! Kinds of personal information named in prose, each as one [`Category`] (GDPR Art. 13–14: the
//! categories of personal data; PIPL Art. 17; GB/T 35273-2020 Annex A, the examples of personal
//! information, and Annex B, sensitive personal information; CCPA/CPRA Cal. Civ. Code
//! §1798.140(v) and (ae)). A bare `address`/地址 counts only beside another category (a list of
//! fields), as it also names where to write to.

use super::spans::{Span, lower, spans};

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

/// The terms of each category, lowercase (see [`super::spans`]); longer terms win.
const TERMS: &[(Category, &[&str])] = &[
    // GB/T 35273-2020 A.1, A.2; CCPA §1798.140(v)(1)(A)–(C)
    (
        Category::Identity,
        &[
            "your name",
            "full name",
            "first name",
            "last name",
            "gender",
            "sex",
            "age",
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
            "email address*",
            "e-mail address*",
            "phone number*",
            "telephone number*",
            "mobile number*",
            "mobile phone number*",
            "postal address*",
            "mailing address*",
            "postal mail information",
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
            "messages",
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
        &["address book", "contact list*", "通讯录", "联系人信息"],
    ),
    // GB/T 35273-2020 A.10; CCPA §1798.140(v)(1)(F)
    (
        Category::Activity,
        &[
            "browsing history",
            "search history",
            "log data",
            "log files",
            "log information",
            "usage data",
            "usage information",
            "records of consent*",
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
        &["preferences", "interests", "inferences", "偏好", "兴趣"],
    ),
    // GDPR Art. 9(1); PIPL Art. 28; GB/T 35273-2020 Annex B
    (
        Category::Special,
        &[
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
    (Category::Identity, &["name", "names"]),
    (Category::Contact, &["address", "地址"]),
    (Category::EducationWork, &["行业"]),
];

/// A contact detail given as a value (`电子邮箱：a@b.cn`, `邮政编码 100085`, `our postal address:`)
/// is a channel, not a category of the user's information.
fn given_as_value(low: &str, s: &Span<Category>) -> bool {
    let after = low[s.end..].trim_start();
    let before = low[..s.start].trim_end();
    s.kind == Category::Contact
        && (after.starts_with([':', '：']) || after.starts_with(|c: char| c.is_ascii_digit()) || {
            ["following", "our", "this", "我们的", "以下"].iter().any(|w| {
                before.ends_with(w)
                    && before[..before.len() - w.len()]
                        .chars()
                        .next_back()
                        .is_none_or(|c| !c.is_ascii_alphanumeric())
            })
        })
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

/// The categories `text` names, each once, in the order of [`Category`].
pub fn data_categories(text: &str) -> Vec<Category> {
    let low = lower(text);
    let strong: Vec<Span<Category>> = spans(&low, TERMS)
        .into_iter()
        .filter(|s| !given_as_value(&low, s))
        .filter(|s| {
            let before = low[..s.start].trim_end();
            !NOT_BEFORE.iter().any(|w| before.ends_with(w))
        })
        .collect();
    let mut out: Vec<Category> = strong.iter().map(|s| s.kind).collect();
    if !out.is_empty() {
        // only the list words no longer term covers (`ip address`, `MAC地址`)
        let all = spans(&low, TERMS);
        out.extend(
            spans(&low, LIST_ONLY)
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
    }
}
