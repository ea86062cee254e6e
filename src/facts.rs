//! The typed facts of a version (`facts.toml`): what the §VIII rules hinge on, stored once.
//!
//! Identifiers (emails, phones, package names, numbers) are single values; human text is a
//! [`Text`], one string per locale. What the policy does not state is [`Stated::NotStated`].

use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Human text in every locale (`{ en = "…", zh-CN = "…" }`), keyed by locale tag.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(transparent)]
pub struct Text(pub BTreeMap<String, String>);

impl Text {
    /// The text in `locale`, if given.
    pub fn get(&self, locale: &str) -> Option<&str> {
        self.0.get(locale).map(String::as_str)
    }
}

/// A value the policy may leave unstated: written as the string `"not_stated"`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stated<T> {
    /// The policy says nothing about it.
    NotStated,
    /// The value.
    Value(T),
}

impl<T> Stated<T> {
    /// The value, if stated.
    pub fn value(&self) -> Option<&T> {
        match self {
            Stated::NotStated => None,
            Stated::Value(v) => Some(v),
        }
    }
}

/// The marker written for an unstated fact.
pub const NOT_STATED: &str = "not_stated";

/// A fact left out of `facts.toml` is not stated: `check` reports the ones every policy needs
/// (`required-facts`), all in one run, instead of the load stopping at the first.
impl<T> Default for Stated<T> {
    fn default() -> Self {
        Stated::NotStated
    }
}

impl<T: Serialize> Serialize for Stated<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Stated::NotStated => s.serialize_str(NOT_STATED),
            Stated::Value(v) => v.serialize(s),
        }
    }
}

impl<'de, T: serde::de::DeserializeOwned> Deserialize<'de> for Stated<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let raw = toml::Value::deserialize(d)?;
        if raw.as_str() == Some(NOT_STATED) {
            return Ok(Stated::NotStated);
        }
        T::deserialize(raw)
            .map(Stated::Value)
            .map_err(serde::de::Error::custom)
    }
}

/// `facts.toml`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Facts {
    /// Who is responsible for the personal information.
    pub controller: Controller,
    /// How to reach them.
    #[serde(default)]
    pub contact: Contact,
    /// Third-party SDKs.
    #[serde(default)]
    pub sdks: Vec<Sdk>,
    /// Device permissions.
    #[serde(default)]
    pub permissions: Vec<Permission>,
    /// Categories of personal information.
    #[serde(default)]
    pub data: Vec<DataCategory>,
    /// Where data is stored and when it leaves.
    #[serde(default)]
    pub storage: Storage,
    /// How long data is kept.
    #[serde(default)]
    pub retention: Retention,
    /// Users' rights and how each is exercised.
    #[serde(default)]
    pub rights: Vec<Right>,
    /// How requests are handled.
    #[serde(default)]
    pub requests: Requests,
}

/// The controller of the personal information.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Controller {
    /// Legal name.
    pub name: Text,
    /// Registered or office address.
    #[serde(default)]
    pub address: Stated<Text>,
    /// The department responsible for personal information security.
    #[serde(default)]
    pub department: Stated<Text>,
}

/// Contact channels.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Contact {
    /// Phone number.
    pub phone: Stated<String>,
    /// Email address.
    pub email: Stated<String>,
    /// The in-app route for questions.
    pub customer_service: Stated<Text>,
    /// Where complaints go.
    pub complaint: Stated<Text>,
    /// How a suspected leak is reported.
    pub breach_report: Stated<Text>,
}

/// A third-party SDK integrated in the app.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Sdk {
    /// Stable id.
    pub id: String,
    /// Display name.
    pub name: Text,
    /// Package name (`com.tencent.bugly`).
    pub package: Stated<String>,
    /// What it is used for.
    pub purpose: Stated<Text>,
    /// The data it collects and the permissions it uses.
    pub data: Stated<Text>,
}

/// A device permission the app asks for.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Permission {
    /// Stable id.
    pub id: String,
    /// Display name.
    pub name: Text,
    /// What the permission does, if described.
    #[serde(default)]
    pub description: Option<Text>,
    /// Why it is asked for.
    pub purpose: Stated<Text>,
    /// When it is asked for.
    pub scenario: Stated<Text>,
    /// What happens if the user refuses.
    pub refusal: Stated<Text>,
    /// Further sentences shown with the entry.
    #[serde(default)]
    pub notes: Vec<Text>,
}

/// A category of personal information.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct DataCategory {
    /// Stable id.
    pub id: String,
    /// Display name.
    pub name: Text,
    /// The items in the category.
    pub items: Stated<Text>,
    /// Why it is processed.
    pub purpose: Stated<Text>,
    /// Whether it is sensitive personal information.
    pub sensitive: Stated<bool>,
}

/// Storage location and cross-border transfer.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Storage {
    /// Where personal information is stored.
    pub location: Stated<Text>,
    /// When it may be transferred abroad.
    #[serde(default)]
    pub cross_border_exceptions: Vec<Text>,
}

/// Retention.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Retention {
    /// A period or a criterion.
    pub period: Stated<Text>,
}

/// A user right.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Right {
    /// Stable id.
    pub id: String,
    /// Display name.
    pub name: Text,
    /// How it is exercised.
    pub how: Stated<Text>,
}

/// Handling of users' requests.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Requests {
    /// Days within which a request is answered.
    pub response_days: Stated<u32>,
    /// Fees for requests.
    pub fee: Stated<Text>,
    /// Complaint route when unsatisfied.
    pub complaint: Stated<Text>,
    /// Appeal route.
    pub appeal: Stated<Text>,
}

impl Facts {
    /// The facts as a JSON tree (texts as `{locale: text}` objects, unstated as `"not_stated"`),
    /// the form that paths, views and `output/data/<version>.json` use.
    pub fn to_tree(&self) -> serde_json::Value {
        serde_json::to_value(self).expect("facts serialise to JSON")
    }
}

/// The value at a dotted `path` of a facts tree: tables by key, lists of tables by their `id`
/// (or by index).
pub fn lookup<'a>(tree: &'a serde_json::Value, path: &str) -> Option<&'a serde_json::Value> {
    if path.is_empty() || path == "." {
        return Some(tree);
    }
    path.split('.').try_fold(tree, |v, key| match v {
        serde_json::Value::Object(m) => m.get(key),
        serde_json::Value::Array(items) => items
            .iter()
            .find(|item| item.get("id").and_then(|id| id.as_str()) == Some(key))
            .or_else(|| key.parse::<usize>().ok().and_then(|i| items.get(i))),
        _ => None,
    })
}

/// `true` when `v` is a [`Text`]: an object whose keys are all locales of the policy.
pub fn is_text(v: &serde_json::Value, locales: &[String]) -> bool {
    match v {
        serde_json::Value::Object(m) => {
            !m.is_empty()
                && m.iter()
                    .all(|(k, t)| t.is_string() && locales.iter().any(|l| l == k))
        }
        _ => false,
    }
}

/// A text missing in a locale, found while localizing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissingText {
    /// Dotted path of the text.
    pub path: String,
}

/// The tree with every [`Text`] replaced by its string in `locale` and every unstated value by
/// `null`: what templates see.
pub fn localize(
    v: &serde_json::Value,
    locale: &str,
    locales: &[String],
) -> Result<serde_json::Value, MissingText> {
    localize_at(v, locale, locales, String::new())
}

fn localize_at(
    v: &serde_json::Value,
    locale: &str,
    locales: &[String],
    path: String,
) -> Result<serde_json::Value, MissingText> {
    use serde_json::Value;
    Ok(match v {
        _ if is_text(v, locales) => match v.get(locale) {
            Some(s) => s.clone(),
            None => return Err(MissingText { path }),
        },
        Value::String(s) if s == NOT_STATED => Value::Null,
        Value::Object(m) => Value::Object(
            m.iter()
                .map(|(k, c)| Ok((k.clone(), localize_at(c, locale, locales, join(&path, k))?)))
                .collect::<Result<_, _>>()?,
        ),
        Value::Array(items) => Value::Array(
            items
                .iter()
                .enumerate()
                .map(|(i, c)| localize_at(c, locale, locales, join(&path, &item_key(c, i))))
                .collect::<Result<_, _>>()?,
        ),
        other => other.clone(),
    })
}

/// Every text of the tree with its path, in tree order.
pub fn texts<'a>(
    v: &'a serde_json::Value,
    locales: &[String],
) -> Vec<(String, &'a serde_json::Map<String, serde_json::Value>)> {
    let mut out = Vec::new();
    collect_texts(v, locales, String::new(), &mut out);
    out
}

fn collect_texts<'a>(
    v: &'a serde_json::Value,
    locales: &[String],
    path: String,
    out: &mut Vec<(String, &'a serde_json::Map<String, serde_json::Value>)>,
) {
    match v {
        serde_json::Value::Object(m) if is_text(v, locales) => out.push((path, m)),
        serde_json::Value::Object(m) => {
            for (k, c) in m {
                collect_texts(c, locales, join(&path, k), out);
            }
        }
        serde_json::Value::Array(items) => {
            for (i, c) in items.iter().enumerate() {
                collect_texts(c, locales, join(&path, &item_key(c, i)), out);
            }
        }
        _ => {}
    }
}

fn item_key(item: &serde_json::Value, index: usize) -> String {
    item.get("id")
        .and_then(|id| id.as_str())
        .map_or_else(|| index.to_string(), str::to_string)
}

fn join(a: &str, b: &str) -> String {
    if a.is_empty() {
        b.to_string()
    } else {
        format!("{a}.{b}")
    }
}

/// The names of fact lists and fields in Chinese, for reports read in Chinese (item ids such as
/// `location` or `glide` are not names and keep their form).
pub const FIELD_LABELS_ZH: &[(&str, &str)] = &[
    ("controller", "个人信息处理者"),
    ("contact", "联系方式"),
    ("sdks", "SDK"),
    ("permissions", "权限"),
    ("data", "个人信息"),
    ("rights", "权利"),
    ("requests", "请求"),
    ("storage", "存储"),
    ("name", "名称"),
    ("address", "地址"),
    ("department", "部门"),
    ("email", "邮箱"),
    ("phone", "电话"),
    ("purpose", "目的"),
    ("scenario", "场景"),
    ("refusal", "拒绝的后果"),
    ("notes", "说明"),
    ("how", "行使方式"),
    ("fee", "收费"),
    ("package", "包名"),
    ("items", "内容"),
    ("response_days", "答复期限（天）"),
    ("customer_service", "客服"),
    ("complaint", "投诉渠道"),
    ("breach_report", "安全事件报告渠道"),
    ("location", "位置"),
    ("retention", "保存期限"),
];

/// A fact field or list name as shown to a reader of `locale`.
pub fn field_label<'a>(key: &'a str, locale: &str) -> &'a str {
    if locale.starts_with("zh")
        && let Some((_, zh)) = FIELD_LABELS_ZH.iter().find(|(k, _)| *k == key)
    {
        return zh;
    }
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookup_and_localize() {
        let tree = serde_json::json!({
            "sdks": [{"id": "glide", "name": {"en": "Glide", "zh-CN": "Glide 图片库"}, "data": "not_stated"}],
            "requests": {"response_days": 30}
        });
        let locales = vec!["en".to_string(), "zh-CN".to_string()];
        assert_eq!(lookup(&tree, "sdks.glide.name").unwrap()["en"], "Glide");
        assert_eq!(lookup(&tree, "sdks.0.name").unwrap()["en"], "Glide");
        assert!(lookup(&tree, "sdks.nope").is_none());
        let zh = localize(&tree, "zh-CN", &locales).unwrap();
        assert_eq!(zh["sdks"][0]["name"], "Glide 图片库");
        assert!(zh["sdks"][0]["data"].is_null());
        assert_eq!(zh["requests"]["response_days"], 30);
        let only_en = serde_json::json!({"a": {"en": "x"}});
        assert_eq!(localize(&only_en, "zh-CN", &locales).unwrap_err().path, "a");
        assert_eq!(texts(&tree, &locales).len(), 1);
    }
}
