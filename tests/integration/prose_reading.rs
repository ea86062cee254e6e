//! Prose read as a lawyer reads it (issue 18 items 1, 3 and 5): a passage moved and edited is judged
//! by its edit, an entry put into a list is judged by what the list's own sentence is about, and a
//! user's right granted or taken away is a fact, whatever words surround it.

use serde_json::Value;

use crate::harness::run_in;

/// `policyc diff old.md new.md --format json` on the two texts.
fn diff(old: &str, new: &str) -> Value {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("old.md"), old).unwrap();
    std::fs::write(dir.path().join("new.md"), new).unwrap();
    let run = run_in(dir.path(), &["diff", "old.md", "new.md", "--format", "json"], &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    serde_json::from_str(&run.stdout).unwrap()
}

fn clauses(doc: &Value) -> Vec<&str> {
    doc["clauses"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap())
        .collect()
}

fn kinds(doc: &Value) -> Vec<String> {
    doc["changes"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| c["evidence"].as_array().unwrap().iter())
        .map(|e| e["kind"].as_str().unwrap().to_string())
        .collect()
}

const NOTICE: &str = "The state law permits users who are residents to request from us, once a year and free of charge, a list of the third parties with which we shared personal information for their direct marketing.";

#[test]
fn a_passage_moved_and_edited_is_judged_by_its_edit() {
    let old = format!(
        "# Privacy policy\n\n## Data\n\nWe collect your name and email.\n\n## Devices\n\nWe read the model of your phone.\n\n{NOTICE} If you are a resident and would like such a list, write to help@old-name.example.\n"
    );
    let new = format!(
        "# Privacy policy\n\n## Data\n\nWe collect your name and email.\n\n## Devices\n\nWe read the model of your phone.\n\n## Notice to residents\n\n{} If you are a resident and would like such a list, write to help@new-name.example.\n",
        NOTICE.replace("users who", "our users who")
    );
    let doc = diff(&old, &new);
    // the address changed (8.5); the rest was there before, in another place
    assert_eq!(clauses(&doc), ["8.5"], "{doc:#}");
    assert!(kinds(&doc).iter().all(|k| k != "lexicon-terms"), "{doc:#}");
    // the edited sentence, where it went
    assert!(
        doc["changes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["kind"] == "modified"
                && c["moved_from"] == "Devices"
                && c["new"].as_str().unwrap().contains("help@new-name.example")),
        "{doc:#}"
    );
}

#[test]
fn an_entry_put_into_a_list_is_of_what_its_sentence_is_about() {
    let old = "# Privacy policy\n\n## Our services\n\nWe may disclose your information to service providers who help us run the service, such as payment processing, fraud investigations, site analytics and hosting.\n";
    let new = old.replace(
        "fraud investigations,",
        "fraud investigations, content moderation,",
    );
    let doc = diff(old, &new);
    assert!(clauses(&doc).contains(&"8.3"), "{doc:#}");
    assert!(kinds(&doc).contains(&"list-entries-added".to_string()), "{doc:#}");
    // the same list with its entries written otherwise names nothing new
    let reflowed = old.replace("site analytics and hosting", "site analytics, and hosting");
    assert_eq!(clauses(&diff(old, &reflowed)), Vec::<&str>::new());
}

#[test]
fn a_right_granted_or_taken_away_is_a_fact() {
    let base = "# Privacy policy\n\n## Data\n\nWe collect your name and email to run your account.\n\n## Your rights\n\nYou have the right to access your personal information.\n";
    // granted: the new text states a right the old one stated nowhere
    let granted = base.replace(
        "access your personal information.",
        "access your personal information. You also have the right to data portability: we send your data to you or to another service on request.",
    );
    let doc = diff(base, &granted);
    assert!(clauses(&doc).contains(&"8.4"), "{doc:#}");
    assert!(kinds(&doc).contains(&"rights-stated".to_string()), "{doc:#}");
    assert_eq!(doc["requires_consent"], false);
    // taken away: the only statement of a right is gone (express consent, §VIII)
    let doc = diff(&granted, base);
    assert!(clauses(&doc).contains(&"8.4"), "{doc:#}");
    assert!(
        kinds(&doc).contains(&"rights-no-longer-stated".to_string()),
        "{doc:#}"
    );
    assert_eq!(doc["requires_consent"], true, "{doc:#}");
    // the right to complain to an authority is a complaint channel
    let complaint = base.replace(
        "access your personal information.",
        "access your personal information. You may also lodge a complaint with your data protection authority.",
    );
    let doc = diff(base, &complaint);
    assert_eq!(clauses(&doc), ["8.5"], "{doc:#}");
}

#[test]
fn an_organisation_named_under_its_officer_lead_in_is_a_contact_route() {
    let old = "# Privacy policy\n\n## Data\n\nWe collect your name and email to run your account.\n\n## Contact\n\nWrite to us at privacy@example.com.\n";
    let new = old.replace(
        "Write to us at privacy@example.com.\n",
        "Write to us at privacy@example.com.\n\nIndividuals in the EU may contact our representative according to Article 27 GDPR:\n\n- Northgate Privacy GmbH, Hafenstrasse 1, 20095 Hamburg, Germany\n",
    );
    let doc = diff(old, &new);
    assert_eq!(clauses(&doc), ["8.5"], "{doc:#}");
}

const SHARING: &str = "# Privacy policy\n\n## Sharing\n\nWe share data with our hosting provider, which processes it on our behalf. We do not share your data with advertisers.\n\n## Contact\n\nWrite to privacy@example.com.\n";

#[test]
fn a_denial_taken_out_lifts_what_it_ruled_out() {
    // the sentence that ruled sharing with advertisers out is gone, and nothing says it still is
    let new = SHARING.replace(" We do not share your data with advertisers.", "");
    let doc = diff(SHARING, &new);
    assert_eq!(clauses(&doc), ["8.3"], "{doc:#}");
    assert!(kinds(&doc).iter().any(|k| k == "denial-removed"), "{doc:#}");
    // said again in other words elsewhere: nothing was lifted
    let moved = new.replace(
        "Write to privacy@example.com.",
        "Write to privacy@example.com. Your data is never shared with advertisers.",
    );
    let doc = diff(SHARING, &moved);
    assert!(kinds(&doc).iter().all(|k| k != "denial-removed"), "{doc:#}");
    // a denial put in rules more out; a condition denies what the reader does
    let doc = diff(&new, SHARING);
    assert!(kinds(&doc).iter().all(|k| k != "denial-removed"), "{doc:#}");
    let conditional = SHARING.replace(
        " We do not share your data with advertisers.",
        " If you do not want us to share your data with partners, write to us.",
    );
    let doc = diff(&conditional, &new);
    assert!(kinds(&doc).iter().all(|k| k != "denial-removed"), "{doc:#}");
}

#[test]
fn emphasis_added_to_a_denial_is_no_flip() {
    let old = "# Privacy policy\n\n## Sharing\n\nWe will not sell your personal information to anyone, and we share it only with our hosting provider.\n";
    let new = old.replace("will not sell", "will not, under any circumstances, sell");
    let doc = diff(old, &new);
    assert!(kinds(&doc).iter().all(|k| k != "polarity-flipped"), "{doc:#}");
}

const HOSTING: &str = "# Nimbus Notes privacy policy\n\n## Sharing\n\nWe share data with our hosting provider, Amazon Web Services, which processes it on our behalf.\n\n## Payments\n\nWe take payments in the app. Residents of California have rights under the CCPA.\n";

#[test]
fn a_recipient_named_by_its_brand_alone_is_a_recipient() {
    // a processor swapped for another, neither with a legal form
    let new = HOSTING.replace("Amazon Web Services", "Hetzner Online");
    let doc = diff(HOSTING, &new);
    assert_eq!(clauses(&doc), ["8.3"], "{doc:#}");
    assert!(kinds(&doc).iter().any(|k| k == "recipient-changed"), "{doc:#}");
    // a payment processor named where there was none
    let new = HOSTING.replace(
        "We take payments in the app.",
        "We take payments in the app. We use Stripe to process your payments.",
    );
    assert_eq!(clauses(&diff(HOSTING, &new)), ["8.3"]);
    // the policy's own product, a law, a state and a month are no recipients
    let new = HOSTING.replace(
        "We take payments in the app.",
        "We take payments in the app and share receipts with you through Nimbus Pay. Since March, residents of Virginia share rights under the VCDPA.",
    );
    let doc = diff(HOSTING, &new);
    assert!(kinds(&doc).iter().all(|k| k != "recipient-changed"), "{doc:#}");
}

#[test]
fn the_right_to_complain_taken_away_limits_rights() {
    let old = "# Privacy policy\n\n## Your rights\n\nYou can access and delete your data. You can lodge a complaint with the Data Protection Commission.\n\n## Contact\n\nWrite to privacy@example.com.\n";
    let new = old.replace(
        " You can lodge a complaint with the Data Protection Commission.",
        "",
    );
    let doc = diff(old, &new);
    assert!(clauses(&doc).contains(&"8.5"), "{doc:#}");
    assert_eq!(doc["requires_consent"], true, "{doc:#}");
    // granted, it limits nothing
    let doc = diff(&new, old);
    assert_eq!(doc["requires_consent"], false, "{doc:#}");
}

#[test]
fn where_a_processor_handles_the_data_is_a_destination() {
    let new = HOSTING.replace(
        "which processes it on our behalf.",
        "which processes it on our behalf in the United States.",
    );
    let doc = diff(HOSTING, &new);
    assert_eq!(clauses(&doc), ["8.3"], "{doc:#}");
    assert!(kinds(&doc).iter().any(|k| k == "places-changed"), "{doc:#}");
}

/// A policy of invented text, with a rights section: grounds for deletion and for refusing
/// requests, and a sentence denying transfers.
fn rights_policy(deletion_ground: &str, refusal: &str, transfer: &str) -> String {
    format!(
        "# Privacy policy\n\n## Sharing\n\n{transfer}\n\n## Your rights\n\nYou may ask us to delete your personal information in the following cases:\n\n1. {deletion_ground}\n2. If we process it without your consent.\n\n{refusal}\n\nWe answer every request within 15 days.\n"
    )
}

#[test]
fn a_condition_joined_to_a_ground_or_a_refusal_ground_added_limits_rights() {
    let ground = "If you no longer use our services;";
    let refusal = "We may refuse requests that are repetitive, need new systems, or are impractical.";
    let transfer = "We do not transfer your personal information to any company, organization or individual.";
    let old = rights_policy(ground, refusal, transfer);
    // a condition joined to a ground for deletion: it holds in fewer cases
    let new = rights_policy(
        "If you no longer use our services and have closed your account;",
        refusal,
        transfer,
    );
    let doc = diff(&old, &new);
    assert_eq!(clauses(&doc), ["8.4"], "{doc:#}");
    assert_eq!(doc["requires_consent"], true, "{doc:#}");
    // another ground for refusing, however worded
    let new = rights_policy(
        ground,
        "We may refuse requests that are repetitive, need new systems, concern data older than a year, or are impractical.",
        transfer,
    );
    let doc = diff(&old, &new);
    assert_eq!(clauses(&doc), ["8.4"], "{doc:#}");
    assert_eq!(doc["requires_consent"], true, "{doc:#}");
    // a condition that widens the ground (`or`) limits nothing
    let new = rights_policy(
        "If you no longer use our services or have closed your account;",
        refusal,
        transfer,
    );
    assert_eq!(diff(&old, &new)["requires_consent"], false);
    // entries taken out of a denial: transfers to companies are no longer ruled out
    let new = rights_policy(
        ground,
        refusal,
        "We do not transfer your personal information to any individual.",
    );
    let doc = diff(&old, &new);
    assert_eq!(clauses(&doc), ["8.3"], "{doc:#}");
    assert!(kinds(&doc).iter().any(|k| k == "denial-narrowed"), "{doc:#}");
}

#[test]
fn chinese_entries_taken_out_of_a_denial_and_partners_without_the_right() {
    let old = "# 隐私政策\n\n## 转让\n\n我们不会将您的个人信息转让给任何公司、组织和个人，但以下情况除外：\n\n## 共享\n\n我们的合作伙伴无权将共享的个人信息用于与产品或服务无关的其他用途。\n";
    let doc = diff(old, &old.replace("任何公司、组织和个人", "任何个人"));
    assert_eq!(clauses(&doc), ["8.3"], "{doc:#}");
    // 无权 (has no right to) and 不得 (must not) deny alike: no flip
    let doc = diff(old, &old.replace("无权", "不得"));
    assert!(clauses(&doc).is_empty(), "{doc:#}");
}

#[test]
fn partners_data_comes_from_are_a_source_not_a_recipient() {
    let old = "# Privacy policy\n\n## Data we collect\n\nWe collect the pages you visit and link these records together.\n\n## Sharing\n\nWe do not sell your data.\n";
    let doc = diff(
        old,
        &old.replace(
            "link these records together",
            "link these records with information about you that we obtain from our partners",
        ),
    );
    assert_eq!(clauses(&doc), ["8.1"], "{doc:#}");
    assert!(kinds(&doc).iter().any(|k| k == "source-changed"), "{doc:#}");
    // sent to partners: recipients
    let doc = diff(
        old,
        &old.replace(
            "link these records together",
            "send these records to our partners",
        ),
    );
    assert!(clauses(&doc).contains(&"8.3"), "{doc:#}");
}

#[test]
fn a_heading_quoted_by_a_cross_reference_says_nothing_new() {
    let old = "# 隐私政策\n\n## 一、我们如何收集和使用您的个人信息\n\n我们收集您的邮箱。\n\n## 二、您的权利\n\n每项功能需要一些基本的个人信息（见本政策第一部分）。\n";
    let doc = diff(
        old,
        &old.replace(
            "（见本政策第一部分）",
            "（详见本政策“一、我们如何收集和使用您的个人信息”部分）",
        ),
    );
    assert!(clauses(&doc).is_empty(), "{doc:#}");
    // a quoted phrase that is no heading is read as any words are
    let doc = diff(
        old,
        &old.replace("（见本政策第一部分）", "（我们还会“收集和使用您的位置信息”）"),
    );
    assert!(!clauses(&doc).is_empty(), "{doc:#}");
    // the heading quoted without its number, in either language
    let doc = diff(
        old,
        &old.replace(
            "（见本政策第一部分）",
            "（详见本政策第一部分“我们如何收集和使用您的个人信息”）",
        ),
    );
    assert!(clauses(&doc).is_empty(), "{doc:#}");
    let old = "# Policy\n\n## I. How we collect and use your personal information\n\nWe collect your email.\n\n## II. Your rights\n\nEach function needs some basic personal information (see \"Article 1\" of this policy).\n";
    let doc = diff(
        old,
        &old.replace(
            "(see \"Article 1\" of this policy)",
            "(see Part I, \"How we collect and use your personal information\", of this policy)",
        ),
    );
    assert!(clauses(&doc).is_empty(), "{doc:#}");
}

/// How users exercise a right, given as a web address: a form taken to another site, or a portal's
/// address written into the sentence that grants the right, is a changed procedure (8.4); a link to
/// the policy's own site, a place in the page, or a complaint to an authority is not.
#[test]
fn a_route_for_exercising_rights_is_part_of_the_right() {
    let rights = |tail: &str| {
        format!(
            "# Privacy policy\n\nSee [our home page](https://www.example.com/).\n\n## Your rights\n\nYou may ask us to delete your personal data{tail} Write to privacy@example.com.\n"
        )
    };
    let old = rights(".");
    let doc = diff(
        &old,
        &rights(" through https://account-delete.examplecloud.net/."),
    );
    assert_eq!(clauses(&doc), ["8.4"], "{doc:#}");
    assert!(kinds(&doc).contains(&"rights-route-added".to_string()), "{doc:#}");
    // the policy's own site, already given: the same self-service route
    let doc = diff(&old, &rights(" through https://www.example.com/account."));
    assert!(clauses(&doc).is_empty(), "{doc:#}");
    // a request link taken from one provider's site to the company's own
    let form = |url: &str| {
        format!("# Privacy policy\n\n## Your rights\n\nTo exercise your rights, [click here]({url}).\n")
    };
    let doc = diff(
        &form("https://submit-irm.trustarc.com/services/validation/3b4a"),
        &form("https://www.example.com/consent/edit"),
    );
    assert_eq!(clauses(&doc), ["8.4"], "{doc:#}");
    assert!(
        kinds(&doc).contains(&"rights-route-changed".to_string()),
        "{doc:#}"
    );
    // the same site, another page: the same route
    let doc = diff(
        &form("https://www.example.com/consent/edit"),
        &form("https://privacy.example.com/consent"),
    );
    assert!(clauses(&doc).is_empty(), "{doc:#}");
}

/// A building named with a postcode and no street number is an address: the DPO's office moving
/// from one building to another changes the contact details (8.5).
#[test]
fn a_building_with_a_postcode_is_a_postal_address() {
    let office = |building: &str| {
        format!(
            "# Privacy policy\n\n## Contact us\n\nWrite to the Data Protection Officer, The {building}, Blanchardstown Retail Park, Dublin 15, D15 YT2H.\n"
        )
    };
    let doc = diff(&office("Liberty Centre"), &office("Generali Building"));
    assert_eq!(clauses(&doc), ["8.5"], "{doc:#}");
    assert!(kinds(&doc).iter().any(|k| k.starts_with("address")), "{doc:#}");
}

/// A new company that the new text calls "we", where the two texts name different controllers,
/// is a change of control (8.2), not a new recipient; another legal form of the same name is
/// another company, a spelling of the same form is not.
#[test]
fn the_company_called_we_is_the_controller() {
    let policy = |name: &str| {
        format!(
            "# Privacy policy\n\n{name} (\"TP-Link\", \"we\", \"us\" or \"our\") takes your privacy seriously.\n\n## Sharing\n\nWe share data with TP-Link Corporation Limited for support.\n\n## Contact\n\n{name}\n\nprivacy@tp-link.example\n"
        )
    };
    let doc = diff(
        &policy("TP-Link Corporation Limited"),
        &policy("TP-LINK CORPORATION PTE. LTD."),
    );
    assert!(clauses(&doc).contains(&"8.2"), "{doc:#}");
    assert!(!clauses(&doc).contains(&"8.3"), "{doc:#}");
}

/// Text laid out anew says nothing new: a paragraph with typed bullets that becomes a heading and
/// a list, with the same words in the same order, is editorial; a table of contents whose anchors
/// Markdown cannot read (`[4. Your rights](#4. Your rights)`) is navigation, not a right; typed
/// list markers that become bullets are layout.
#[test]
fn text_laid_out_anew_is_editorial() {
    let old = "# Privacy policy\n\n## What we collect\n\nWe run the site.\n\n• Creating a customer account The following mandatory information is required: - User name (e-mail address) and password - First name and surname\n\n## Contact\n\nWrite to privacy@example.com.\n";
    let new = "# Privacy policy\n\n## What we collect\n\nWe run the site.\n\n**Creating a customer account**\n\nThe following mandatory information is required:\n\n- User name (e-mail address) and password\n- First name and surname\n\n## Contact\n\nWrite to privacy@example.com.\n";
    let doc = diff(old, new);
    assert_eq!(doc["material"], false, "{doc:#}");
    // a word more is no longer a new layout of the same text
    let doc = diff(
        old,
        &new.replace("First name and surname", "First name, surname and date of birth"),
    );
    assert_eq!(clauses(&doc), ["8.1"], "{doc:#}");

    let contents = "* [1\\. Introduction](#1. Introduction)\n* [2\\. Your rights](#2. Your rights)\n* [3\\. For how long do we keep your personal data?](#3. For how long do we keep your personal data?)\n* [4\\. Contact information](#4. Contact information)\n\n";
    let policy = |toc: &str| {
        format!(
            "Privacy\n=======\n\n{toc}We value your trust, see [help](https://www.example.com/help).\n\n1\\. Introduction\n----\n\nWe run the site.\n\n2\\. Your rights\n----\n\nYou may ask for a copy.\n\n3\\. For how long do we keep your personal data?\n----\n\nA year.\n\n4\\. Contact information\n----\n\nprivacy@example.com\n"
        )
    };
    let doc = diff(&policy(""), &policy(contents));
    assert_eq!(doc["material"], false, "{doc:#}");

    // typed list markers (`(a)`, `（二）`) that become bullets, in Chinese and in English
    let zh = "# 隐私政策\n\n## 信息披露\n\n在如下情况下，我们会披露您的个人信息：\n(a) 经您事先同意，向第三方披露；\n(b) 根据法律的有关规定，向司法机构披露。\n";
    let zh_bullets = "# 隐私政策\n\n## 信息披露\n\n在如下情况下，我们会披露您的个人信息：\n\n-   经您事先同意，向第三方披露；\n-   根据法律的有关规定，向司法机构披露。\n";
    assert_eq!(diff(zh, zh_bullets)["material"], false);
    let en = "# Privacy policy\n\n## Sharing\n\nWe share your data: (i) with your consent; (ii) with our payment processor.\n";
    let en_bullets = "# Privacy policy\n\n## Sharing\n\nWe share your data:\n\n- with your consent;\n- with our payment processor.\n";
    assert_eq!(diff(en, en_bullets)["material"], false);
    // a recipient more is still a recipient more
    let doc = diff(
        en,
        &en_bullets.replace("payment processor", "payment processor and advertisers"),
    );
    assert!(clauses(&doc).contains(&"8.3"), "{doc:#}");
}

/// A duration is what its own sentence says it measures: queries stored for 30 days instead of
/// 34 to optimise "response recognition" is a retention period (8.1), not a response time to
/// users' requests (8.4); `stored in the chatbot` is no place abroad.
#[test]
fn a_duration_is_what_its_sentence_measures() {
    let policy = |days: &str| {
        format!(
            "# Privacy policy\n\n## Chatbot\n\nWe answer questions on the site. Your inquiries are stored in the chatbot for a maximum of {days} days in order to train the chatbot and optimise response recognition.\n"
        )
    };
    let doc = diff(&policy("34"), &policy("30"));
    assert_eq!(clauses(&doc), ["8.1"], "{doc:#}");
    assert!(kinds(&doc).iter().any(|k| k == "retention-changed"), "{doc:#}");
    // a retention table's row, in a section that also speaks of requests
    let table = |period: &str| {
        format!(
            "# Privacy policy\n\n## Processing\n\nYou may request a copy of your data.\n\n| Who | Purpose | Duration |\n|---|---|---|\n| User | Support | Duration of the Agreement + archiving: {period} |\n"
        )
    };
    let doc = diff(&table("5 years"), &table("1 year"));
    assert!(!clauses(&doc).contains(&"8.4"), "{doc:#}");
    assert!(kinds(&doc).iter().any(|k| k == "retention-changed"), "{doc:#}");
    let policy = |days: &str| {
        format!(
            "# Privacy policy\n\n## Your rights\n\nWe keep your request on file and respond to it within {days} days.\n"
        )
    };
    let doc = diff(&policy("30"), &policy("45"));
    assert_eq!(clauses(&doc), ["8.4"], "{doc:#}");
    assert_eq!(doc["requires_consent"], true, "{doc:#}");
}

/// A state put into the list of whose residents hold a right widens the right's reach (8.4); it
/// names no recipient, though the right is about sale and sharing.
#[test]
fn residents_listed_for_a_right_are_its_reach() {
    let policy = |states: &str| {
        format!(
            "# Privacy policy\n\n## Your choices\n\nResidents of certain jurisdictions (e.g., California, {states}Virginia) have the right to opt out of the sale or sharing of their personal data.\n"
        )
    };
    let doc = diff(&policy(""), &policy("Montana, "));
    assert_eq!(clauses(&doc), ["8.4"], "{doc:#}");
}

/// Binding arbitration, the recourse the Privacy Shield and Data Privacy Framework give a user
/// whose complaint stays unresolved, taken out is an appeal removed: users must consent.
#[test]
fn binding_arbitration_taken_out_is_an_appeal_removed() {
    let tail = "Under certain conditions, you may invoke binding arbitration when other dispute resolution procedures have been exhausted.";
    let policy = |t: &str| {
        format!(
            "# Privacy policy\n\n## Your rights\n\nYou may access or delete your data by writing to privacy@example.com. {t}\n\n## Sharing\n\nWe share data with Google's Limited Use partners only as described.\n"
        )
    };
    let doc = diff(&policy(tail), &policy(""));
    assert_eq!(doc["requires_consent"], true, "{doc:#}");
    // a possessive before `Limited` is no company
    let doc = diff(
        &policy(""),
        &policy("").replace(
            "Google's Limited Use partners",
            "Google's Limited Use partners, as Google requires,",
        ),
    );
    assert!(!clauses(&doc).contains(&"8.3"), "{doc:#}");
}

/// A passage that defines its "we" as another company changes who is responsible (8.2), though the
/// old page already named the new company for another of its policies; the same street with
/// another suite, both versions giving one, is another postal address (8.5).
#[test]
fn a_new_we_and_a_new_suite() {
    let page = |kids: &str, suite: &str| {
        format!(
            "# Privacy policy\n\nThe Services are operated by Acme Joint Venture LLC.\n\n## Children\n\n{kids} (\"Acme\", \"we\" or \"us\") is committed to protecting the privacy of children.\n\n## Contact\n\nMailing Address: 5800 Bristol Parkway, Suite {suite}, Culver City, CA 90230\n"
        )
    };
    let doc = diff(&page("Acme Inc.", "100"), &page("Acme Joint Venture LLC", "100"));
    assert_eq!(clauses(&doc), ["8.2"], "{doc:#}");
    let doc = diff(&page("Acme Inc.", "100"), &page("Acme Inc.", "300"));
    assert_eq!(clauses(&doc), ["8.5"], "{doc:#}");
    // the suite written in one version only is the same place
    let doc = diff(
        &page("Acme Inc.", "100"),
        &page("Acme Inc.", "100").replace(", Suite 100", ""),
    );
    assert_eq!(doc["material"], false, "{doc:#}");
}

/// Who a policy says "we" are, changed (`We are Mailgun Technologies, …` → `We are Sinch Email,
/// …`), is a change of control (8.2), also when the sentence moved into a paragraph of its own;
/// `We are committed …` names no one.
#[test]
fn who_we_are_changed_is_a_change_of_control() {
    let old = "# Privacy policy\n\n## About us\n\nWe are Mailgun Technologies, an email service provider. When you visit our website, we are the data controller.\n\n## Data\n\nWe collect your email.\n";
    let new = "# Privacy policy\n\n## About us\n\nWe are Sinch Email, the email business unit of Sinch.\n\nWhen you visit our website, we are the data controller.\n\n## Data\n\nWe collect your email.\n";
    let doc = diff(old, new);
    assert!(clauses(&doc).contains(&"8.2"), "{doc:#}");
    let doc = diff(
        &old.replace(
            "We are Mailgun Technologies, an email service provider.",
            "We are committed to privacy.",
        ),
        &new.replace(
            "We are Sinch Email, the email business unit of Sinch.",
            "We are committed to your privacy.",
        ),
    );
    assert!(!clauses(&doc).contains(&"8.2"), "{doc:#}");
    // nor does a word that describes us
    let doc = diff(
        old,
        &old.replace(
            "We collect your email.",
            "We collect your email.\n\nWe are GDPR compliant.",
        ),
    );
    assert!(!clauses(&doc).contains(&"8.2"), "{doc:#}");
}

/// A third party named in Latin letters in a Chinese sentence about third-party components, taken
/// out (`Google Analytics 以及 Ko-fi 等第三方组件` → `Google Analytics 以及类似的第三方组件`), is a
/// recipient removed (8.3); a street written as one word with its name (`Taurusavenue 111` →
/// `Taurusavenue 125`) is an address that changed (8.5).
#[test]
fn named_components_in_chinese_and_one_word_streets() {
    let zh = |list: &str| {
        format!(
            "# 隐私政策\n\n## 网站\n\n网站可能使用 Cookie、本地存储和类似技术。这可能包括 Google Analytics 以及{list}第三方组件。\n"
        )
    };
    let doc = diff(&zh(" Ko-fi 等"), &zh("类似的"));
    assert_eq!(clauses(&doc), ["8.3"], "{doc:#}");
    let en = |n: &str| {
        format!(
            "# Privacy policy\n\n## Contact\n\nWrite to FedEx Express International B.V., Taurusavenue {n}, 2132 LS Hoofddorp, the Netherlands.\n"
        )
    };
    let doc = diff(&en("111"), &en("125"));
    assert_eq!(clauses(&doc), ["8.5"], "{doc:#}");
}

/// A passage under a heading about keeping data safe is about security, whatever the section
/// around it: `secure collection, transfer, processing and storage` names what is protected, not
/// a new use or a new recipient; a company named there is still a recipient.
#[test]
fn a_security_subsection_is_read_as_security() {
    let old = "# Privacy policy\n\n## 4. How we share your information\n\nWe share data with processors.\n\n### How we protect your information\n\nWe use encryption.\n\n## 5. Contact\n\nWrite to privacy@example.com.\n";
    let with = |text: &str| old.replace("We use encryption.", &format!("We use encryption.\n\n{text}"));
    let doc = diff(
        old,
        &with("We ensure secure collection, transfer, processing and storage of all collected data."),
    );
    assert_eq!(doc["material"], false, "{doc:#}");
    let doc = diff(
        old,
        &with("We use Cloudflare, Inc. as a caching proxy in front of our servers, which logs IP addresses."),
    );
    assert_eq!(clauses(&doc), ["8.3"], "{doc:#}");
}

/// A high risk named under a condition is the test a law sets (GDPR Arts. 33–35: a breach, or
/// processing, "likely to result in a high risk"), not an assessment that found one (8.6).
#[test]
fn a_high_risk_under_a_condition_is_no_finding() {
    let old = "# Privacy policy\n\n## Security\n\nWe use encryption.\n\n## Contact\n\nWrite to privacy@example.com.\n";
    let with = |text: &str| old.replace("We use encryption.", &format!("We use encryption. {text}"));
    let doc = diff(
        old,
        &with(
            "In the event of a personal data breach that is likely to result in a high risk to you, we will notify you without undue delay.",
        ),
    );
    assert!(!clauses(&doc).contains(&"8.6"), "{doc:#}");
    let doc = diff(
        old,
        &with("Our impact assessment of the new face matching feature found a high risk to your rights."),
    );
    assert!(clauses(&doc).contains(&"8.6"), "{doc:#}");
}

/// Grounds for refusing requests that grew in a reworded sentence limit the right (consent); a
/// promise not to share, put into a passage about choices, restricts nothing.
#[test]
fn refusal_grounds_that_grew_limit_rights_and_a_promise_does_not() {
    let rights =
        |sentence: &str| format!("# P\n\n## Your rights\n\nYou may access your data.\n\n{sentence}\n");
    let doc = diff(
        &rights(
            "Keep in mind, we may reject requests for certain reasons, including if the request is unlawful or if it may infringe on the privacy of another user.",
        ),
        &rights(
            "Keep in mind, we may reject requests, including if we are unable to authenticate you, if the request is unlawful or invalid, or if it may infringe on the privacy or other rights of someone else.",
        ),
    );
    assert_eq!(clauses(&doc), ["8.4"], "{doc:#}");
    assert_eq!(doc["requires_consent"], true, "{doc:#}");
    let choices =
        "# P\n\n## Your choices\n\nYou may unsubscribe from our texts at any time by replying STOP.\n";
    let doc = diff(
        choices,
        &choices.replace(
            "STOP.",
            "STOP. Text message opt-in data and consent will not be shared with any third parties.",
        ),
    );
    assert_eq!(doc["requires_consent"], false, "{doc:#}");
}

/// An entry coordinated into a phrase of a section about recipients is one more of them or of what
/// they receive (`Cloud Infrastructure for the US version of our APIs` → `… for our chat app and
/// the US version …`); a quoted title joined in is a cross-reference.
#[test]
fn an_entry_coordinated_into_a_phrase_counts() {
    let policy = |purpose: &str| {
        format!(
            "# Privacy policy\n\n## 6. Who do we share your personal data with\n\n* **Acme Cloud Platform:**\n    * **Purpose:** {purpose}\n    * **Data location:** United States\n\n## 7. Contact\n\nWrite to privacy@example.com.\n"
        )
    };
    let doc = diff(
        &policy("Cloud infrastructure for the US version of our APIs"),
        &policy("Cloud infrastructure for Talkie and the US version of our APIs"),
    );
    assert_eq!(clauses(&doc), ["8.3"], "{doc:#}");
    let doc = diff(
        &policy("Cloud infrastructure as described in the “hosting” section"),
        &policy("Cloud infrastructure as described in the “hosting” and the “backups” sections"),
    );
    assert_eq!(doc["material"], false, "{doc:#}");
}

/// The states whose residents a section's rights reach, changed, change the rights' reach (8.4):
/// `Information for Virginia and Colorado Residents` → `… for Non-California Residents in US States
/// with Privacy Laws`; residents called consumers is a rewording.
#[test]
fn the_reach_of_state_rights_changed_is_a_rights_change() {
    let policy = |heading: &str, text: &str| {
        format!(
            "# Privacy policy\n\n## 1. Data\n\nWe collect your email.\n\n## 2. {heading}\n\n{text} may ask us for a copy of their data by writing to privacy@example.com.\n\n## 3. Contact\n\nWrite to us.\n"
        )
    };
    let doc = diff(
        &policy("Information for Virginia and Colorado Residents", "Residents"),
        &policy(
            "Information for Non-California Residents in US States with Privacy Laws",
            "Residents",
        ),
    );
    assert_eq!(clauses(&doc), ["8.4"], "{doc:#}");
    let doc = diff(
        &policy("Information for California Residents", "California residents"),
        &policy("Information for California Residents", "California consumers"),
    );
    assert_eq!(doc["material"], false, "{doc:#}");
}

/// A supervisory authority taken out of where a complaint may be lodged, none named in its place,
/// is one route fewer: 8.5, and it limits rights.
#[test]
fn an_authority_taken_out_of_the_complaint_route_limits_rights() {
    let policy = |to: &str| {
        format!(
            "# Privacy policy\n\n## Your rights\n\nYou may access your data. If you have unresolved concerns, you also have the right to complain to {to} the data protection authority in the place where you live.\n\n## Contact\n\nWrite to privacy@example.com.\n"
        )
    };
    let doc = diff(&policy("the Irish Data Protection Commission or"), &policy(""));
    assert!(clauses(&doc).contains(&"8.5"), "{doc:#}");
    assert_eq!(doc["requires_consent"], true, "{doc:#}");
    assert!(
        kinds(&doc).iter().any(|k| k == "limits-rights-authority-removed"),
        "{doc:#}"
    );
    // one named in its place is another route, not one fewer
    let doc = diff(
        &policy("the Irish Data Protection Commission or"),
        &policy("the Hellenic Data Protection Authority or"),
    );
    assert_eq!(doc["requires_consent"], false, "{doc:#}");
}

/// A row put into a table of recipients names a recipient by its first cell; a row of a table of
/// kinds of data under a heading about disclosure names none.
#[test]
fn a_row_of_a_table_of_recipients_names_a_recipient() {
    let table = |rows: &str| {
        format!(
            "# Privacy policy\n\n## Data\n\nWe collect your name and email.\n\n## Sub-processors we use\n\n\
             | Provider | Service | Location |\n| --- | --- | --- |\n| Hetzner Online | Hosting | Germany |\n{rows}"
        )
    };
    let doc = diff(&table(""), &table("| Mistral AI | Translation | France |\n"));
    assert_eq!(clauses(&doc), ["8.3"], "{doc:#}");
    assert!(doc.to_string().contains("Mistral AI added"), "{doc:#}");
    // taken out: a recipient gone
    let doc = diff(&table("| Mistral AI | Translation | France |\n"), &table(""));
    assert_eq!(clauses(&doc), ["8.3"], "{doc:#}");
    // a kind of data in a disclosure table is no organisation
    let kinds_table = |rows: &str| {
        format!(
            "# Privacy policy\n\n## Data\n\nWe collect your name and email.\n\n## Disclosure to third parties\n\n\
             | Category | Disclosed to |\n| --- | --- |\n| Identifiers | Hosting providers |\n{rows}"
        )
    };
    let doc = diff(
        &kinds_table(""),
        &kinds_table("| Geolocation data | Hosting providers |\n"),
    );
    assert!(!doc.to_string().contains("Geolocation data added"), "{doc:#}");
    // a Chinese list of third parties' SDKs
    let sdk_table = |rows: &str| {
        format!(
            "# 隐私政策\n\n## 我们收集的信息\n\n我们收集您的手机号码。\n\n## 第三方共享清单\n\n\
             | 第三方名称 | 使用目的 | 收集的信息 |\n| --- | --- | --- |\n| 微信开放平台 | 微信登录 | 设备标识符 |\n{rows}"
        )
    };
    let doc = diff(
        &sdk_table(""),
        &sdk_table("| 极光推送 | 消息推送 | 设备标识符 |\n"),
    );
    assert!(clauses(&doc).contains(&"8.3"), "{doc:#}");
    assert!(doc.to_string().contains("极光推送"), "{doc:#}");
}

/// An arbitration commission or a court named where disputes go is where a dispute is settled, no
/// recipient.
#[test]
fn an_arbitration_commission_is_no_recipient() {
    let old = "# 隐私政策\n\n## 联系我们\n\n如您对本政策有任何疑问，请联系我们。\n";
    let new = format!(
        "{old}\n## 争议解决\n\n因本政策引起的争议，任一方均可将争议提交深圳国际仲裁院或杭州仲裁委员会仲裁解决。\n"
    );
    let doc = diff(old, &new);
    assert!(!clauses(&doc).contains(&"8.3"), "{doc:#}");
}

/// A denial in one sentence and a term in another, unrelated one: no flip of what either says.
#[test]
fn a_denial_in_an_unrelated_sentence_is_no_flip() {
    let old = "# Policy\n\n## Files\n\nThe app reads your calendar only after you allow it. All parsing is done on your device.\n";
    let new = "# Policy\n\n## Files\n\nAll parsing is done on your device. A folder left unselected does not stop the app from reading the others.\n";
    let doc = diff(old, new);
    assert!(kinds(&doc).iter().all(|k| k != "polarity-flipped"), "{doc:#}");
}

/// A whole passage saying where data is kept, put in or taken out, is a place of storage gained or
/// lost (8.3); one saying where an office is names no place data goes to.
#[test]
fn a_passage_on_where_data_is_kept_names_its_place() {
    let base = "# Policy\n\n## Data\n\nWe collect your name and email.\n";
    let doc = diff(
        &format!("{base}\n## Hosting\n\nOur servers are located in Germany.\n"),
        base,
    );
    assert!(clauses(&doc).contains(&"8.3"), "{doc:#}");
    assert!(kinds(&doc).iter().any(|k| k == "places-changed"), "{doc:#}");
    let zh = "# 隐私政策\n\n## 信息收集\n\n我们收集您的手机号码。\n";
    let doc = diff(
        zh,
        &format!("{zh}\n## 信息存储\n\n我们将您的个人信息存储于新加坡的服务器。\n"),
    );
    assert!(kinds(&doc).iter().any(|k| k == "places-changed"), "{doc:#}");
    let doc = diff(
        base,
        &format!("{base}\n## About us\n\nOur head office is in Germany.\n"),
    );
    assert!(kinds(&doc).iter().all(|k| k != "places-changed"), "{doc:#}");
}

/// A template policy of one company replaced by another's: the old controller's name taken out in
/// one passage and another controller's put in elsewhere is a change of control (8.2).
#[test]
fn the_old_controller_taken_out_is_a_change_of_control() {
    let old = "# Privacy Policy\n\nAcme Widgets Limited built the Widget app as a free app. This service is provided by Acme Widgets Limited at no cost.\n\n## Information we collect\n\nWe collect your email address.\n";
    let new = "# Privacy Policy\n\n## Information we collect\n\nWe collect your email address.\n\n## Who we are\n\nThis Privacy Policy describes how Zeta Games Co., Ltd. (\"Zeta\", \"we\", \"us\") processes your personal information.\n";
    let doc = diff(old, new);
    assert!(clauses(&doc).contains(&"8.2"), "{doc:#}");
}

/// A line put above a paragraph that was there before, short and with no closing mark, is a title
/// a capture wrote without heading markup; a short line among other short lines is an entry of a
/// list without markers, and is judged.
#[test]
fn a_title_put_above_kept_text_is_a_heading() {
    let para = "When you submit a request, you provide us with your name and contact details, which we use to respond to your request and to verify your identity.";
    let old = format!("# Policy\n\n## Your rights\n\n- request to delete your data\n\n{para}\n");
    let new = format!(
        "# Policy\n\n## Your rights\n\n- request to delete your data\n\nRequests to third parties explained\n\n{para}\n"
    );
    let doc = diff(&old, &new);
    assert_eq!(clauses(&doc), Vec::<&str>::new(), "{doc:#}");
    assert!(kinds(&doc).iter().any(|k| k == "heading-only"), "{doc:#}");
    // among short lines: an entry
    let more = "## Sharing\n\nWe share nothing.\n\n## Contact\n\nWrite to us.\n";
    let old = format!("# Policy\n\n## Data we collect\n\nName\n\nEmail address\n\n{para}\n\n{more}");
    let new = format!(
        "# Policy\n\n## Data we collect\n\nName\n\nEmail address\n\nPrecise geolocation\n\n{para}\n\n{more}"
    );
    let doc = diff(&old, &new);
    assert!(clauses(&doc).contains(&"8.1"), "{doc:#}");
}

/// A kind of data put on a line of its own among others in a short policy is an entry put into a
/// list, not a new section that takes the text after it (which then looked moved).
#[test]
fn a_short_line_put_among_others_is_an_entry() {
    let para = "When you submit a request, you provide us with your name and contact details, which we use to respond to your request and to verify your identity.";
    let old = format!("# Policy\n\n## Data we collect\n\nName\n\nEmail address\n\n{para}\n");
    let new =
        format!("# Policy\n\n## Data we collect\n\nName\n\nEmail address\n\nPrecise geolocation\n\n{para}\n");
    let doc = diff(&old, &new);
    assert!(clauses(&doc).contains(&"8.1"), "{doc:#}");
}

/// A web address a capture left unparsed is where a link goes: the words of its path name nothing.
#[test]
fn words_inside_a_web_address_name_nothing() {
    let base = "# Policy\n\n## Data\n\nWe collect your name and email.\n\n## Sharing\n\nWe share nothing.\n\n## Contact\n\nWrite to us.\n";
    let old = format!(
        "{base}\n[Super Fast External Storage Learn more](https://www.shop.example/memory-storage/portable-ssd/ Close Menu\n"
    );
    let doc = diff(&old, base);
    assert!(!clauses(&doc).contains(&"8.4"), "{doc:#}");
    assert_eq!(doc["requires_consent"], false, "{doc:#}");
}

/// A statement put in without its full stop above kept text is judged, not taken for a title.
#[test]
fn a_statement_without_its_full_stop_is_no_title() {
    let para = "When you submit a request, you provide us with your name and contact details, which we use to respond to your request and to verify your identity.";
    let old = format!(
        "# Policy\n\n## Sharing\n\n- with our hosting provider\n\n{para}\n\n## Data\n\nWe collect your name.\n\n## Contact\n\nWrite to us.\n"
    );
    let new = format!(
        "# Policy\n\n## Sharing\n\n- with our hosting provider\n\nWe may sell your personal information to advertisers\n\n{para}\n\n## Data\n\nWe collect your name.\n\n## Contact\n\nWrite to us.\n"
    );
    let doc = diff(&old, &new);
    assert!(clauses(&doc).contains(&"8.3"), "{doc:#}");
}

/// Capture artefacts: links the Wayback Machine rewrote to its archive are the same links; an
/// address Cloudflare hid from the first capture (`[email protected]`), written out in the next, may
/// be a new one and is a contact detail (8.5), but its link was never a route taken away (8.4).
#[test]
fn addresses_a_capture_hid_or_rewrote_are_read_as_addresses() {
    let head = "# Policy\n\n## Data\n\nWe collect your name.\n\n## Contact\n\n";
    let old = format!("{head}Opt out at [our page](https://example.com/opt-out).\n");
    let new = format!(
        "{head}Opt out at [our page](https://web.archive.org/web/20230306004036/https://example.com/opt-out/).\n"
    );
    let doc = diff(&old, &new);
    assert_eq!(doc["material"], false, "{doc:#}");
    let old = format!(
        "{head}Write to [\\[email protected\\]](https://example.com/cdn-cgi/l/email-protection) to use your rights.\n"
    );
    let new = format!("{head}Write to hello@example.com to use your rights.\n");
    let doc = diff(&old, &new);
    assert_eq!(clauses(&doc), ["8.5"], "{doc:#}");
}

/// Deletion at the end of a stated retention period is how long data is kept (8.1), not a right.
#[test]
fn deletion_at_the_end_of_a_retention_period_is_no_right() {
    let old = "# Policy\n\n## Cookies\n\nWe use cookies to keep you signed in.\n\n## Rights\n\nYou can ask us to delete your data.\n";
    let new = "# Policy\n\n## Cookies\n\nWe use cookies to keep you signed in. Cookies will remain active for 30 days before deletion.\n\n## Rights\n\nYou can ask us to delete your data.\n";
    let doc = diff(old, new);
    assert_eq!(clauses(&doc), ["8.1"], "{doc:#}");
}

/// A connection the app now makes by itself (an update check) sends the device's address and
/// versions to a server: what is collected changed (8.1), in either language.
#[test]
fn an_automatic_update_check_is_collection() {
    let old = "# Policy\n\n## Network\n\nThe app works offline. It connects only when you download a file.\n\n## Contact\n\nWrite to us.\n";
    let new = "# Policy\n\n## Network\n\nThe app works offline. It connects only when you download a file. Automatic checks for new versions run at start.\n\n## Contact\n\nWrite to us.\n";
    assert_eq!(clauses(&diff(old, new)), ["8.1"]);
    let old = "# 隐私政策\n\n## 网络\n\n本应用仅在您下载文件时联网。\n\n## 联系我们\n\n请发邮件。\n";
    let new = "# 隐私政策\n\n## 网络\n\n本应用仅在您下载文件时联网。启动后会静默检查一次新版本，发现后自动下载。\n\n## 联系我们\n\n请发邮件。\n";
    assert_eq!(clauses(&diff(old, new)), ["8.1"]);
}

/// One postal address put in the place of another in the same passage is a new route, even when
/// both are written elsewhere in the policy (a head office named at the top).
#[test]
fn an_address_swapped_in_its_passage_is_a_new_route() {
    let head = "# Policy\n\nACME Oy, Kaarlenkatu 11, 00530 Helsinki, Finland.\n\n## Data\n\nWe collect your name.\n\n## Contact\n\nPostal Mail: ACME Oy, Porkkalankatu 1, 00180 Helsinki, Finland\n\n";
    let old =
        format!("{head}Questions should be mailed to: ACME Oy, Porkkalankatu 1, 00180 Helsinki, Finland.\n");
    let new = format!(
        "{head}Questions should be mailed to: ACME Oy, Legal, Kaarlenkatu 11, 00530 Helsinki, Finland.\n"
    );
    assert_eq!(clauses(&diff(&old, &new)), ["8.5"]);
}

/// Online behavioural advertising by third parties, newly described, is a purpose (8.1); the
/// same words in a pointer to how to turn it off are none.
#[test]
fn behavioural_advertising_described_is_a_purpose() {
    let old =
        "# Policy\n\n## Cookies\n\nWe use cookies to keep you signed in.\n\n## Contact\n\nWrite to us.\n";
    let new = "# Policy\n\n## Cookies\n\nWe use cookies to keep you signed in.\n\nThird-party companies collect information about your visits in order to provide advertisements of interest to you. To learn more about this behavioral advertising practice, visit their sites.\n\n## Contact\n\nWrite to us.\n";
    assert!(clauses(&diff(old, new)).contains(&"8.1"), "{:#}", diff(old, new));
}

/// A server named with no place and no recipient is no transfer (8.3), in Chinese as in English,
/// which has no `server` term: the two languages read the same edit alike.
#[test]
fn a_server_alone_is_no_transfer_in_either_language() {
    let old = "# Policy\n\n## Storage\n\nYour notes stay on your device.\n\n## Contact\n\nWrite to us.\n";
    let new = "# Policy\n\n## Storage\n\nYour notes stay on your device. Backups are kept on our server.\n\n## Contact\n\nWrite to us.\n";
    let en = diff(old, new);
    let old = "# 隐私政策\n\n## 存储\n\n您的笔记保存在您的设备上。\n\n## 联系我们\n\n请发邮件。\n";
    let new = "# 隐私政策\n\n## 存储\n\n您的笔记保存在您的设备上。备份保存于我们的服务器。\n\n## 联系我们\n\n请发邮件。\n";
    let zh = diff(old, new);
    assert!(!clauses(&en).contains(&"8.3"), "{en:#}");
    assert!(!clauses(&zh).contains(&"8.3"), "{zh:#}");
}

/// A heading's `access` makes a section about rights only as the reader's right: `Network access`
/// is about connections.
#[test]
fn network_access_is_no_section_about_rights() {
    let body = "The app connects only to download maps.";
    let added = "\n\nAutomatic map downloads can be turned off in the settings.";
    for (heading, rights) in [("Network access", false), ("Access to your information", true)] {
        let old = format!("# Policy\n\n## {heading}\n\n{body}\n\n## Contact\n\nWrite to us.\n");
        let new = format!("# Policy\n\n## {heading}\n\n{body}{added}\n\n## Contact\n\nWrite to us.\n");
        let doc = diff(&old, &new);
        assert_eq!(clauses(&doc).contains(&"8.4"), rights, "{heading}: {doc:#}");
    }
}

/// The way to unsubscribe from marketing taken out while the marketing stays takes a right away
/// (GDPR Art. 21(2)-(3)), even where the policy still lets users opt out of cookies; in Chinese
/// as in English.
#[test]
fn the_unsubscribe_route_taken_out_limits_rights() {
    let cases = [
        (
            "# Policy\n\n## Use\n\nWe send you news of our promotions. If you do not want these messages, you can unsubscribe via this address: https://example.com/unsubscribe.html.\n\n## Cookies\n\nYou can opt out of cookies in your browser.\n",
            "# Policy\n\n## Use\n\nWe send you news of our promotions.\n\n## Cookies\n\nYou can opt out of cookies in your browser.\n",
        ),
        (
            "# 隐私政策\n\n## 使用\n\n我们会向您发送促销信息。如不愿接收，您可以回复短信退订。\n\n## Cookie\n\n您可以在浏览器中拒绝 Cookie。\n",
            "# 隐私政策\n\n## 使用\n\n我们会向您发送促销信息。\n\n## Cookie\n\n您可以在浏览器中拒绝 Cookie。\n",
        ),
    ];
    for (old, new) in cases {
        let doc = diff(old, new);
        assert!(clauses(&doc).contains(&"8.4"), "{doc:#}");
        assert_eq!(doc["requires_consent"], true, "{doc:#}");
    }
}

/// A heading reworded, and its entry in the table of contents, name what a section is about: the
/// section's text says what it does. A heading that names whom the section's rights reach is read.
#[test]
fn a_heading_reworded_alone_changes_nothing() {
    let doc = |title: &str| {
        format!(
            "# Policy\n\n- I. What we collect;\n- II. {title};\n\n## I. What we collect\n\nWe collect your name.\n\n## II. {title}\n\nYou can ask us to delete your data.\n"
        )
    };
    let d = diff(
        &doc("How you manage your information"),
        &doc("Your rights over your information"),
    );
    assert_eq!(d["material"], false, "{d:#}");
    let d = diff(
        &doc("Information for Virginia Residents Only"),
        &doc("Information for Residents of US States with Privacy Laws"),
    );
    assert_eq!(d["material"], true, "{d:#}");
}

/// A new way of exercising a right, named in the sentence that grants it, is a changed procedure
/// (8.4), in both languages.
#[test]
fn a_new_way_to_exercise_a_right_is_a_changed_procedure() {
    let en = diff(
        "# Policy\n\n## Your rights\n\nYou may contact customer service to withdraw your consent.\n",
        "# Policy\n\n## Your rights\n\nYou may contact customer service, or turn off the permission in your device's settings, to withdraw your consent.\n",
    );
    let zh = diff(
        "# 隐私政策\n\n## 您的权利\n\n您可以联系客服撤回您的同意。\n",
        "# 隐私政策\n\n## 您的权利\n\n您可以联系客服或在系统设置中关闭相应权限，撤回您的同意。\n",
    );
    assert_eq!(clauses(&en), ["8.4"], "{en:#}");
    assert_eq!(clauses(&zh), ["8.4"], "{zh:#}");
}

/// A phone number glued to its label (`Contact0755-…`, as a layout that lost a space writes it)
/// is still a contact number; training algorithms on recordings is model training (8.1).
#[test]
fn a_glued_phone_and_trained_algorithms_are_read() {
    let d = diff(
        "# Policy\n\n## Contact\n\nContact0755-28283350\n",
        "# Policy\n\n## Contact\n\nContact0755-86713520\n",
    );
    assert_eq!(clauses(&d), ["8.5"], "{d:#}");
    let d = diff(
        "# Policy\n\n## Microphone\n\nWe use the microphone to collect audio stream information.\n",
        "# Policy\n\n## Microphone\n\nWe use the microphone to collect audio stream information, which we also use to train our sound-recognition algorithms.\n",
    );
    assert_eq!(clauses(&d), ["8.1"], "{d:#}");
}

/// Read from fresh10's failures, each in a policy of its own: a Baltic street address added is a
/// contact route (8.5); a recipient taken out of the list a sentence shares with is a recipient
/// change (8.3); the list of installed apps is personal information (8.1); a limit on keeping data
/// given another ground is retention (8.1); text a wrong encoding garbled says nothing new.
#[test]
fn fresh_kinds_of_prose_change_are_read() {
    let contact = "# Policy\n\n## Who we are\n\nThe service is run by Edicy OÜ, registry code 12176224";
    let d = diff(
        &format!("{contact}.\n"),
        &format!("{contact}, address Raekoja plats 1, Tartu 51003, Estonia.\n"),
    );
    assert_eq!(clauses(&d), ["8.5"], "{d:#}");
    let share = "# Policy\n\n## Sharing\n\nAffiliates and advisors: We may share your data with ";
    let rest = "our auditors and advisors for planning, financial reporting and legal compliance.\n";
    let d = diff(
        &format!("{share}our parent company, IAC/InterActiveCorp, and {rest}"),
        &format!("{share}{rest}"),
    );
    assert_eq!(clauses(&d), ["8.3"], "{d:#}");
    let d = diff(
        "# Policy\n\n## SDKs\n\nData type: user identification information (IMEI, MAC address)\n",
        "# Policy\n\n## SDKs\n\nData type: user identification information (IMEI, MAC address, APP installation list)\n",
    );
    assert_eq!(clauses(&d), ["8.1"], "{d:#}");
    let keep = "# Policy\n\n## Retention\n\nWe delete your data after the period, unless an extension of the retention period is required by law";
    let d = diff(
        &format!("{keep}.\n"),
        &format!("{keep} or is needed for our internal analysis of product use.\n"),
    );
    assert_eq!(clauses(&d), ["8.1"], "{d:#}");
    let d = diff(
        "# Policy\n\n## Sharing\n\nExcept for “Business Transfers” and “Service Providers”, we do not share your information.\n",
        "# Policy\n\n## Sharing\n\nExcept for â€œBusiness Transfersâ€\u{FFFD} and â€œService Providersâ€\u{FFFD}, we do not share your information.\n",
    );
    assert_eq!(d["material"], false, "{d:#}");
}

/// The promise that requests are free turned into a fee in the same sentence limits rights, in
/// Chinese (where the fee word stays and only the promise goes) as in English.
#[test]
fn free_requests_turned_into_a_fee_limit_rights() {
    let zh = diff(
        "# 隐私政策\n\n## 您的权利\n\n对于您合理的请求，我们原则上不收取费用，但对多次重复的请求，我们将收取一定成本费用。\n",
        "# 隐私政策\n\n## 您的权利\n\n对于您合理的请求，我们可能酌情收取费用，对多次重复的请求，我们将收取一定成本费用。\n",
    );
    let en = diff(
        "# Policy\n\n## Your rights\n\nWe do not charge you in principle for your reasonable request, but we will charge a cost for repeated requests.\n",
        "# Policy\n\n## Your rights\n\nWe may charge you a fee for your reasonable request, and we will charge a cost for repeated requests.\n",
    );
    for d in [zh, en] {
        assert!(clauses(&d).contains(&"8.4"), "{d:#}");
        assert_eq!(d["requires_consent"], true, "{d:#}");
    }
}

/// A telephone number written in another format is the same number; a way of reaching the company
/// taken out of the list of them is a changed contact detail.
#[test]
fn contact_lines_are_read_as_channels() {
    let contact = "# Policy\n\n## How to contact us\n\nOffice address: 1 Harbour Street, Shenzhen\n\n";
    let d = diff(
        &format!("{contact}Contact0755-28283350\n"),
        &format!("{contact}Contact+86 755 2828 3350\n"),
    );
    assert_eq!(d["material"], false, "{d:#}");
    // another number is another contact detail
    let d = diff(
        &format!("{contact}Contact0755-28283350\n"),
        &format!("{contact}Contact+86 755 2828 3351\n"),
    );
    assert_eq!(clauses(&d), ["8.5"], "{d:#}");
    let ask = "# Policy\n\n## How to contact us\n\nIf you have questions, you may contact us through \"Contact Customer Service\" in the ";
    let d = diff(
        &format!("{ask}mini program customer service and the app.\n"),
        &format!("{ask}the app.\n"),
    );
    assert_eq!(clauses(&d), ["8.5"], "{d:#}");
    let d = diff(
        "# 隐私政策\n\n## 如何联系我们\n\n如您有任何疑问，您可以通过小程序客服及APP内“我的”-“联系客服”与我们联系。\n",
        "# 隐私政策\n\n## 如何联系我们\n\n如您有任何疑问，您可以通过APP内“我的”-“联系客服”与我们联系。\n",
    );
    assert_eq!(clauses(&d), ["8.5"], "{d:#}");
    // a kind of data a list names is no channel
    let d = diff(
        "# Policy\n\nExamples of information we may collect from other sources:\n\n- Name, postal address, and telephone number;\n",
        "# Policy\n\nExamples of information we may collect from other sources:\n\n- Name, email address, postal address, and telephone number;\n",
    );
    assert!(!clauses(&d).contains(&"8.5"), "{d:#}");
}

/// A step users may have to take to exercise a right, made one they must take, limits rights.
#[test]
fn a_step_made_mandatory_limits_rights() {
    let en = diff(
        "# Policy\n\n## Your rights\n\nTo be safe, you may need to make a written request or otherwise prove your identity.\n",
        "# Policy\n\n## Your rights\n\nTo be safe, you must make a written request and prove your identity.\n",
    );
    let zh = diff(
        "# 隐私政策\n\n## 您的权利\n\n为保障安全，您可能需要提供书面请求，或以其他方式证明您的身份。\n",
        "# 隐私政策\n\n## 您的权利\n\n为保障安全，您须提供书面请求，并证明您的身份。\n",
    );
    for d in [en, zh] {
        assert_eq!(clauses(&d), ["8.4"], "{d:#}");
        assert_eq!(d["requires_consent"], true, "{d:#}");
        assert!(kinds(&d).iter().any(|k| k == "step-required"), "{d:#}");
    }
    // the other way round widens the right
    let d = diff(
        "# Policy\n\n## Your rights\n\nTo be safe, you must make a written request and prove your identity.\n",
        "# Policy\n\n## Your rights\n\nTo be safe, you may need to make a written request or otherwise prove your identity.\n",
    );
    assert_eq!(d["requires_consent"], false, "{d:#}");
}

/// Who "we" are: the company a generator's definition says "we" refers to, and a joint controller
/// put into "we", are changes of control; a technical standard and a recipient's name written
/// another way are no recipients.
#[test]
fn who_we_are_and_who_is_no_recipient() {
    let def = |name: &str| {
        format!(
            "# 隐私政策\n\n## 定义\n\n- 公司：（在本协议中称为 \"本公司\"、\"我们\"）是指{name}，地址为南宁市良庆区1号楼。\n"
        )
    };
    let d = diff(
        &def("广西海通盛世信息技术有限公司"),
        &def("广西海豚有海信息科技公司"),
    );
    assert_eq!(clauses(&d), ["8.2"], "{d:#}");
    let d = diff(
        "# Policy\n\nShenzhen Leqi Network Technology Co., LTD. (\"we\") understand the importance of personal information.\n",
        "# Policy\n\nShenzhen Leqi Network Technology Co., LTD. and SmallRig Technology (Shenzhen) Co., Ltd., as joint controllers of your personal information (together, \"we\") understand the importance of personal information.\n",
    );
    assert_eq!(clauses(&d), ["8.2"], "{d:#}");
    let d = diff(
        "# Policy\n\n## Security\n\nWhen you transfer data, we are protected by the Secure Socket Layer protocol encryption (or HTTPS protocol).\n",
        "# Policy\n\n## Security\n\nWhen you transfer data, we are protected by Transport Layer Security (TLS) encryption (i.e. HTTPS).\n",
    );
    assert_eq!(d["material"], false, "{d:#}");
    let table = |name: &str| {
        format!(
            "# Policy\n\n## Third-party SDK list\n\n| SDK | Purpose | Data |\n|---|---|---|\n| {name} | Open web pages | Device model |\n"
        )
    };
    let d = diff(
        &table("TBS Tencent browsing service"),
        &table("Tencent Browsing Service (TBS)"),
    );
    assert_eq!(d["material"], false, "{d:#}");
    let d = diff(&table("TBS Tencent browsing service"), &table("Umeng Push SDK"));
    assert_eq!(clauses(&d), ["8.3"], "{d:#}");
}

/// Text a capture indented four spaces is read as the text it is, and a new source of data in a
/// list of sources is a source (8.1), not a recipient.
#[test]
fn indented_prose_and_sources_are_read() {
    let page = |extra: &str| {
        format!(
            "# Privacy Policy\n\nWelcome to our network of services.\n\nBack To Top 2. Information Collected\n\n    **Information we obtain from other sources**. We may collect information about you from other sources, including from co-branded partners and websites, {extra}and from commercially available sources (e.g., data aggregators).\n    \n    *   Name and telephone number;\n"
        )
    };
    let d = diff(&page(""), &page("from our advertisers, "));
    assert_eq!(clauses(&d), ["8.1"], "{d:#}");
    // code stays code
    let code = |v: &str| format!("# Policy\n\nOur config:\n\n    {{ \"retention\": {v} }}\n");
    let d = diff(&code("30"), &code("60"));
    assert!(!clauses(&d).contains(&"8.1"), "{d:#}");
}

/// A new passage bringing in a processor keeps its opt-out words as its description; updating
/// one's data is rectification, read in a section about rights.
#[test]
fn opt_outs_of_new_processing_and_rectification_are_read() {
    let base = "# Policy\n\n## Anti-cheat\n\nWe keep your games fair.\n";
    let d = diff(
        base,
        &format!(
            "{base}\nThe ANYBRAIN SDK by ANYBRAIN, S.A. collects your device ID and IP address to detect cheating. An opt-out is only possible if you waive your rights to play in the league.\n"
        ),
    );
    assert!(clauses(&d).contains(&"8.3"), "{d:#}");
    assert!(!clauses(&d).contains(&"8.4"), "{d:#}");
    let rights = "# Policy\n\n## How can you control what information is shared\n\nRemember you can ";
    let d = diff(
        &format!(
            "{rights}revoke consent at any time through your account page or delete your account entirely on the same page.\n"
        ),
        &format!(
            "{rights}update your personal information, revoke consent, or delete your account entirely at any time through your account page.\n"
        ),
    );
    assert_eq!(clauses(&d), ["8.4"], "{d:#}");
}

/// In a Chinese text, a term written in English on one side (an API's name) and in Chinese on the
/// other says the same thing again.
#[test]
fn a_term_named_in_english_then_in_chinese_is_said_again() {
    let d = diff(
        "# 隐私政策\n\n## 权限用途\n\nclipboardWrite：用于用户主动点击后复制诊断报告、CSS 修改记录或元素信息。\n",
        "# 隐私政策\n\n## 权限用途\n\n复制诊断报告、CSS 修改记录或元素信息时，仅在用户主动点击后调用浏览器剪贴板能力。\n",
    );
    assert_eq!(d["material"], false, "{d:#}");
    // a new permission is still one
    let d = diff(
        "# 隐私政策\n\n## 权限用途\n\n存储：用于保存设置。\n",
        "# 隐私政策\n\n## 权限用途\n\n存储：用于保存设置。我们会读取您的剪贴板内容以识别口令。\n",
    );
    assert!(clauses(&d).contains(&"8.1"), "{d:#}");
}

/// What we promised about a right turned into what we may do, and one more exception put into
/// a right's sentence, limit rights; `stop processing` denies as `no longer process` does.
#[test]
fn promises_weakened_and_exceptions_widened_limit_rights() {
    let appeal = |modal: &str| {
        format!(
            "# Policy\n\n## Automated decisions\n\nIf these decisions affect you, you have the right to ask us for an explanation, and we {modal} provide a means of appeal.\n"
        )
    };
    let d = diff(&appeal("will"), &appeal("may"));
    assert_eq!(clauses(&d), ["8.4"], "{d:#}");
    assert_eq!(d["requires_consent"], true, "{d:#}");
    assert!(kinds(&d).iter().any(|k| k == "promise-weakened"), "{d:#}");
    let d = diff(
        "# 隐私政策\n\n## 自动化决策\n\n您有权要求我们作出解释，我们也将在不侵害商业秘密的前提下，提供申诉方法。\n",
        "# 隐私政策\n\n## 自动化决策\n\n您有权要求我们作出解释，我们也可能在不侵害商业秘密的前提下，提供申诉方法。\n",
    );
    assert_eq!(d["requires_consent"], true, "{d:#}");
    let access = "# Policy\n\n## Access\n\nYou have access to your personal information, except in exceptional circumstances set forth in laws and regulations";
    let d = diff(
        &format!("{access}.\n"),
        &format!("{access} or in our User Agreement.\n"),
    );
    assert_eq!(clauses(&d), ["8.4"], "{d:#}");
    assert_eq!(d["requires_consent"], true, "{d:#}");
    let d = diff(
        "# 隐私政策\n\n## 访问\n\n除法律法规规定的例外情况外，您有权访问您的个人信息。\n",
        "# 隐私政策\n\n## 访问\n\n除法律法规或本应用《用户协议》规定的例外情况外，您有权访问您的个人信息。\n",
    );
    assert_eq!(d["requires_consent"], true, "{d:#}");
    // a recipient joined before a sharing denial's exceptions is no exception to a right
    let d = diff(
        "# Policy\n\n## Sharing\n\nWe will not share your personal information with any company other than this App Service Provider, except in the following cases:\n",
        "# Policy\n\n## Sharing\n\nWe will not share your personal information with any company other than this App Service Provider and its affiliates, except in the following cases:\n",
    );
    assert_eq!(d["requires_consent"], false, "{d:#}");
    let d = diff(
        "# Policy\n\n## Consent\n\nWhen you withdraw your consent, we will no longer process the personal information.\n",
        "# Policy\n\n## Consent\n\nOnce you have withdrawn your consent, we will stop processing the personal information concerned.\n",
    );
    assert_eq!(d["material"], false, "{d:#}");
}

/// A heading naming third parties that "we use" is about recipients: a service put into its list
/// is a recipient, not a use of data.
#[test]
fn a_list_of_third_party_services_we_use_names_recipients() {
    let list = "# 隐私政策\n\n## 我们使用的第三方服务\n\n- **Sentry**：我们使用了 Sentry 的错误报告服务；\n";
    let d = diff(
        list,
        &format!("{list}- **Algolia**：我们使用了 Algolia 的文档搜索服务（DocSearch）；\n"),
    );
    assert_eq!(clauses(&d), ["8.3"], "{d:#}");
    let list = "# Policy\n\n## Third-party services we use\n\n- Sentry, for error reports;\n";
    let d = diff(
        list,
        &format!("{list}- Algolia, for searching the documentation;\n"),
    );
    assert_eq!(clauses(&d), ["8.3"], "{d:#}");
}

/// A right reached through a portal now at another site, a right that now holds only once users
/// meet a precondition, and access coordinated with another right.
#[test]
fn a_rights_portal_moved_and_a_precondition_added_change_how_rights_are_exercised() {
    let portal = |host: &str| {
        format!(
            "# Policy\n\n## Your choices\n\nIf you wish to access or update certain personal information in your profile, you may do so by visiting https://{host}/profile.\n"
        )
    };
    let d = diff(&portal("members.example.org"), &portal("example.memberhub.io"));
    assert_eq!(clauses(&d), ["8.4"], "{d:#}");
    let erase = |cond: &str| {
        format!(
            "# Policy\n\n## Your rights\n\nYou may ask us to delete your personal data{cond} by writing to our privacy team.\n"
        )
    };
    let d = diff(&erase(""), &erase(" only after every open invoice has been paid"));
    assert_eq!(clauses(&d), ["8.4"], "{d:#}");
    assert_eq!(d["requires_consent"], true, "{d:#}");
    assert!(kinds(&d).iter().any(|k| k == "condition-added"), "{d:#}");
    let d = diff(
        "# 隐私政策\n\n## 您的权利\n\n您可以在“设置”中申请注销账号。\n",
        "# 隐私政策\n\n## 您的权利\n\n您可以在“设置”中申请注销账号，在会员有效期结束后方可申请。\n",
    );
    assert_eq!(d["requires_consent"], true, "{d:#}");
    // a condition that was there already is no new one
    let d = diff(
        &erase(" only after every open invoice has been paid"),
        &erase(", but only after every open invoice has been paid,"),
    );
    assert_eq!(d["requires_consent"], false, "{d:#}");
}

/// A purpose of processing put into a sentence about collection is a new use of the data; an
/// improvement said of something else (speed) is none.
#[test]
fn a_new_purpose_in_a_sentence_is_a_new_use() {
    let collect = |why: &str| {
        format!(
            "# Policy\n\n## Information we collect\n\nWe collect your delivery address{why} when you place an order.\n"
        )
    };
    let d = diff(&collect(""), &collect(" and use it for market research"));
    assert_eq!(clauses(&d), ["8.1"], "{d:#}");
    assert!(kinds(&d).iter().any(|k| k == "purposes-added"), "{d:#}");
    let d = diff(&collect(""), &collect(", to improve delivery times,"));
    assert!(!kinds(&d).iter().any(|k| k == "purposes-added"), "{d:#}");
}

/// A company under insolvency proceedings, whose business a court's officer now runs, has
/// changed hands (PIPL Art. 22); a way of reaching the company with its quoted name, glued to the
/// word before it, is a new contact channel; a high risk a report rated is a high-risk finding.
#[test]
fn insolvency_a_quoted_channel_and_a_risk_rated_high_are_read() {
    let d = diff(
        "# Policy\n\n## Who we are\n\nThis policy is issued by Example Ltd.\n",
        "# Policy\n\n## Who we are\n\nThis policy is issued by Example Ltd.\n\nExample Ltd. entered administration on 3 March 2025; its business is now run by the appointed administrators, Smith & Jones LLP.\n",
    );
    assert!(clauses(&d).contains(&"8.2"), "{d:#}");
    let d = diff(
        "# 隐私政策\n\n## 关于我们\n\n本应用由示例科技有限公司运营。\n",
        "# 隐私政策\n\n## 关于我们\n\n本应用由示例科技有限公司运营。法院已裁定受理示例科技有限公司的破产申请，并指定了管理人。\n",
    );
    assert!(clauses(&d).contains(&"8.2"), "{d:#}");
    let d = diff(
        "# Policy\n\n## Contact us\n\nYou can reach us through the help centre in the app;\n",
        "# Policy\n\n## Contact us\n\nYou can reach us through the help centre in the app, or by writing to our official account \"Example Help\";\n",
    );
    assert_eq!(clauses(&d), ["8.5"], "{d:#}");
    // a cross-reference with its quoted title joined in is no channel
    let d = diff(
        "# Policy\n\n## Contact us\n\nSee the section on cookies;\n",
        "# Policy\n\n## Contact us\n\nSee the section on cookies, and the \"Children\" section;\n",
    );
    assert_eq!(d["material"], false, "{d:#}");
    let d = diff(
        "# Policy\n\n## Security\n\nWe protect your data.\n",
        "# Policy\n\n## Security\n\nWe protect your data.\n\nOur latest impact assessment rated as high the risk that payment details could leak through a partner's logs.\n",
    );
    assert!(clauses(&d).contains(&"8.6"), "{d:#}");
}

/// A company that runs the infrastructure a processing goes through and processes users' data for
/// it is a processor (a recipient), though the sentence says what it operates; the company that
/// operates the service is the controller.
#[test]
fn an_operator_of_infrastructure_that_processes_data_is_a_recipient() {
    let sign_in = "# Policy\n\n## Signing in\n\nWe send a one-time code to your phone";
    let d = diff(
        &format!("{sign_in}.\n"),
        &format!(
            "{sign_in}; the text message goes through a messaging gateway operated by Example Telecom Co., Ltd., which processes your phone number.\n"
        ),
    );
    assert_eq!(clauses(&d), ["8.3"], "{d:#}");
    let d = diff(
        "# Policy\n\n## Who we are\n\nThis app is operated by Example Telecom Co., Ltd.\n",
        "# Policy\n\n## Who we are\n\nThis app is operated by Sample Networks Co., Ltd.\n",
    );
    assert!(clauses(&d).contains(&"8.2"), "{d:#}");
}

/// In Chinese, an organisation named in Latin letters against Chinese characters (`由Stripe处理`)
/// is a name of its own; a term in capitals (`DDoS`) is none.
#[test]
fn a_latin_name_against_chinese_characters_is_a_recipient() {
    let base = "# 隐私政策\n\n## 支付\n\n我们不存储您的银行卡信息。";
    let d = diff(&format!("{base}\n"), &format!("{base}支付信息由Stripe处理。\n"));
    assert!(clauses(&d).contains(&"8.3"), "{d:#}");
    let d = diff(
        &format!("{base}\n"),
        &format!("{base}我们部署了DDoS防护以处理攻击流量。\n"),
    );
    assert!(!clauses(&d).contains(&"8.3"), "{d:#}");
}

/// A kind of personal information a changed sentence says we process, which the old passage named
/// nowhere, is more data used (8.1); the same kind in a sentence about a user's right, or denied,
/// is none.
#[test]
fn a_new_kind_of_information_we_process_is_more_data_used() {
    let comments = |what: &str| {
        format!("# Policy\n\n## Comments\n\nWhen you post a comment, we ask for camera permission{what}.\n")
    };
    let d = diff(
        &comments(""),
        &comments(", and we read the GPS location stored in an attached picture"),
    );
    assert_eq!(clauses(&d), ["8.1"], "{d:#}");
    assert!(kinds(&d).iter().any(|k| k == "categories-added"), "{d:#}");
    let d = diff(
        &comments(""),
        &comments("; we never read the GPS location stored in an attached picture"),
    );
    assert!(!kinds(&d).iter().any(|k| k == "categories-added"), "{d:#}");
    let d = diff(
        "# 隐私政策\n\n## 使用信息\n\n我们会收集您使用服务的方式，并将这些信息进行关联。\n",
        "# 隐私政策\n\n## 使用信息\n\n我们会收集您使用服务的方式，并将这些信息与您的订单及购买记录进行关联。\n",
    );
    assert_eq!(clauses(&d), ["8.1"], "{d:#}");
    let d = diff(
        "# Policy\n\n## Your rights\n\nYou may ask us to correct your name.\n",
        "# Policy\n\n## Your rights\n\nYou may ask us to correct your name and your purchase records.\n",
    );
    assert!(!kinds(&d).iter().any(|k| k == "categories-added"), "{d:#}");
}

/// A right that may now be exercised only so often, or only with proof, is a right made
/// conditional: 8.4, and users must consent.
#[test]
fn a_right_limited_in_frequency_or_to_proof_needs_consent() {
    let right = |how: &str| {
        format!("# Policy\n\n## Your rights\n\nYou have the right to ask us for a copy of your data{how}.\n")
    };
    for how in [
        " once in any 12-month period",
        " if you can provide documents proving your identity as the account holder",
    ] {
        let d = diff(&right(""), &right(how));
        assert_eq!(clauses(&d), ["8.4"], "{how}: {d:#}");
        assert_eq!(d["requires_consent"], true, "{how}: {d:#}");
    }
    let d = diff(
        "# 隐私政策\n\n## 您的权利\n\n您有权要求我们提供您的个人信息副本。\n",
        "# 隐私政策\n\n## 您的权利\n\n您有权每12个月要求我们提供一次您的个人信息副本。\n",
    );
    assert_eq!(d["requires_consent"], true, "{d:#}");
    // a frequency that was there already is no new limit
    let d = diff(
        &right(" once in any 12-month period"),
        &right(", once in any 12-month period,"),
    );
    assert_eq!(d["requires_consent"], false, "{d:#}");
}

/// 元 prices something only after a number: a new passage about metadata (元数据) adds no fee.
#[test]
fn metadata_is_no_price_in_yuan() {
    let rights = |more: &str| format!("# 隐私政策\n\n## 您的权利\n\n您可以查询您的个人信息{more}。\n");
    let d = diff(
        &rights(""),
        &format!("{}\n您有权拒绝或撤销该权限，我们会删除仓库元数据。\n", rights("")),
    );
    assert_eq!(d["requires_consent"], false, "{d:#}");
    let d = diff(&rights(""), &rights("，每次查询收取20元"));
    assert_eq!(d["requires_consent"], true, "{d:#}");
}
