//! Why the classifier decided what it did, as data: each [`Reason`] carries its evidence (the
//! quoted words, addresses, numbers) in typed fields, and [`Evidence`] ties it to the role of the
//! clause it triggered. `report::reasons` renders them in the reader's language; nothing parses
//! them back.

use super::rights::Right;
use super::rules::Role;
use crate::diff::LinkChange;

/// What kind of contact channel a link is (§VIII 8.5: the contact details or the complaint
/// channels).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Channel {
    /// A `mailto:` address.
    Email,
    /// A `tel:` or `sms:` number.
    Phone,
    /// A complaint form or page.
    Complaint,
    /// A form or page for users' requests (a data-subject or privacy request).
    Request,
    /// A contact form or page.
    Contact,
}

/// What happened to a passage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    /// A new passage.
    Added,
    /// A passage taken out.
    Removed,
    /// Words changed inside a passage.
    Changed,
}

/// A name that changed, appeared or went away.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NameChange {
    /// `old` replaced by `new`.
    Changed {
        /// Before.
        old: String,
        /// After.
        new: String,
    },
    /// Only in the new text.
    Added(String),
    /// Only in the old text.
    Removed(String),
}

impl NameChange {
    /// From the first name of each side; `None` when both are absent.
    pub fn of(old: Option<&String>, new: Option<&String>) -> Option<Self> {
        match (old, new) {
            (Some(a), Some(b)) => Some(NameChange::Changed {
                old: a.clone(),
                new: b.clone(),
            }),
            (None, Some(b)) => Some(NameChange::Added(b.clone())),
            (Some(a), None) => Some(NameChange::Removed(a.clone())),
            (None, None) => None,
        }
    }
}

/// The part an organisation plays in the passage where its name changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntityRole {
    /// The entity responsible for the processing (the controller, its owner).
    Responsible,
    /// The entity a complaint or contact route leads to.
    ContactRoute,
    /// A recipient: processor, partner, service provider.
    Recipient,
}

/// A list of typed facts whose items are added or removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FactList {
    /// `sdks`.
    Sdk,
    /// `permissions`.
    Permission,
    /// `data`.
    DataCategory,
    /// `rights`.
    Right,
}

/// Why a change narrows users' rights (§VIII: it needs their express consent).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Consent {
    /// A new ground for refusing requests (quoted).
    RefusalGround(String),
    /// Text about rights taken out, with the rights no longer stated anywhere.
    TextRemoved {
        /// The rights the new version no longer states.
        rights: Vec<Right>,
        /// The text taken out (quoted).
        excerpt: String,
    },
    /// A fee for exercising rights added (quoted).
    FeeAdded(String),
    /// A right restricted by new negation (quoted).
    RightRestricted(String),
    /// A statement that requests are free of charge taken out, and stated nowhere else (quoted).
    NoLongerFree(String),
    /// A right's statement made conditional (the sentence, quoted).
    RightQualified(String),
    /// Words naming rights taken out of a passage, with the rights no longer stated anywhere.
    RightWordsRemoved {
        /// The rights the new version no longer states.
        rights: Vec<Right>,
        /// The words taken out (quoted).
        excerpt: String,
    },
    /// A right removed from the typed facts (its name).
    RightRemoved(String),
    /// How to exercise a right is no longer stated (the fact path).
    HowRemoved(String),
    /// The response time grew.
    ResponseLengthened {
        /// Days before.
        old: u32,
        /// Days after.
        new: u32,
    },
    /// A request fee in the typed facts (quoted).
    RequestFee(String),
    /// An appeal or complaint route removed from the typed facts (the fact path).
    RouteRemoved(String),
    /// A supervisory authority the user could complain to taken out of the complaint route, and
    /// none put in (its name; GDPR Art. 77, PIPL Art. 65).
    AuthorityRemoved(String),
}

/// One reason, with its evidence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    /// Formatting, case, quotes, punctuation or whitespace only.
    FormattingOnly,
    /// A fact's text changed in formatting only.
    FactFormattingOnly,
    /// Punctuation or whitespace only.
    PunctuationOnly,
    /// The text differs only by characters a wrong text encoding garbled (`’` read as `â€™`).
    EncodingOnly,
    /// Only the policy's own date changed.
    PolicyDateOnly,
    /// `can` ↔ `may`.
    ModalSwap,
    /// An isolated spelling fix.
    TypoFix,
    /// A whole section moved.
    SectionMoved,
    /// A heading added or removed on its own.
    HeadingOnly,
    /// A passage moved unchanged.
    PassageMoved,
    /// Menus, link bars or a footer of a captured web page, not the policy's text.
    PageChrome,
    /// A real change that touches no clause.
    NoClause,
    /// A fact changed without touching a clause.
    FactChanged,
    /// An email address changed, appeared or went away.
    Email(NameChange),
    /// A postal address changed, appeared or went away (its words, as found).
    Address(NameChange),
    /// Countries or regions where data is stored or sent, added or dropped.
    Places {
        /// Named now.
        added: Vec<String>,
        /// No longer named.
        removed: Vec<String>,
    },
    /// The phone numbers of a passage changed.
    Phones {
        /// Before (digits).
        old: Vec<String>,
        /// After (digits).
        new: Vec<String>,
    },
    /// An organisation's name changed in a passage where it plays `role`.
    Entity {
        /// Its part in the passage.
        role: EntityRole,
        /// The names.
        change: NameChange,
    },
    /// A retention period is stated where none was.
    RetentionStated {
        /// Days.
        days: u32,
    },
    /// A retention period changed.
    Retention {
        /// Days before.
        old: u32,
        /// Days after.
        new: u32,
    },
    /// The time to answer a request changed.
    ResponseTime {
        /// Days before.
        old: u32,
        /// Days after.
        new: u32,
    },
    /// Lexicon terms of a clause in the changed words.
    Terms {
        /// What happened to the passage.
        edit: Edit,
        /// The terms (normal form, `*` for a word beginning).
        terms: Vec<String>,
        /// A short excerpt of the passage.
        excerpt: String,
    },
    /// Words naming where data comes from (`we obtain from our partners`, `从合作伙伴处获取`):
    /// a source of the data, put in or taken out.
    Source {
        /// The terms naming the source.
        terms: Vec<String>,
        /// A short excerpt of the passage.
        excerpt: String,
    },
    /// A passage added or removed in a section about a clause's topic.
    TopicPassage {
        /// What happened to the passage.
        edit: Edit,
        /// The topic.
        topic: Role,
        /// A short excerpt of the passage.
        excerpt: String,
        /// The terms that pointed at the topic, if any.
        terms: Vec<String>,
    },
    /// Entries put into (or taken out of) a list written in a sentence, every other entry
    /// staying: a list of what its section is about, or else of what its own sentence is about.
    ListEntries {
        /// What the list is of: the section's one topic, or one its sentence names.
        topic: Role,
        /// The entries put in (normal form).
        added: Vec<String>,
        /// The entries taken out (normal form).
        removed: Vec<String>,
    },
    /// SDKs named in the changed sentences that the other side does not name.
    Sdks {
        /// Named only now.
        added: Vec<String>,
        /// Named only before.
        removed: Vec<String>,
    },
    /// Users' rights stated in the changed sentences of one side only, and nowhere in the other
    /// document: a right granted or taken away.
    Rights {
        /// Stated only now.
        added: Vec<Right>,
        /// Stated only before.
        removed: Vec<Right>,
    },
    /// A material change inside the section about a topic changes that topic too.
    InSectionAbout(Role),
    /// The passage only shows a fact change, which is counted where it is.
    ShowsFact {
        /// The fact's path.
        path: String,
    },
    /// An item of a fact list added, with its description.
    FactItemAdded {
        /// The list.
        list: FactList,
        /// Name, id and what it is for.
        description: String,
    },
    /// An item of a fact list removed, with its description.
    FactItemRemoved {
        /// The list.
        list: FactList,
        /// Name, id and what it is for.
        description: String,
    },
    /// A fact's value changed.
    FactValue {
        /// The fact's path.
        path: String,
        /// Before (`None`: not stated).
        old: Option<String>,
        /// After (`None`: not stated).
        new: Option<String>,
    },
    /// A new SDK processes categories of personal information (the terms).
    SdkProcesses(Vec<String>),
    /// A sentence now says the opposite (`we never sell` → `we may sell`): what it is about is the
    /// change.
    PolarityFlip {
        /// The old sentence, in short.
        old: String,
        /// The new sentence, in short.
        new: String,
    },
    /// A step users may have to take to exercise a right (a written request, a proof of
    /// identity) is one they must take now.
    StepRequired {
        /// The old sentence, in short.
        old: String,
        /// The new sentence, in short.
        new: String,
    },
    /// A sentence states purposes of processing the old passage stated nowhere.
    PurposesAdded {
        /// The purposes, in the order of [`super::Purpose`].
        purposes: Vec<super::Purpose>,
        /// The new sentence, in short.
        sentence: String,
    },
    /// A sentence says we process kinds of personal information the old passage named nowhere.
    CategoriesAdded {
        /// The kinds, in the order of [`super::Category`].
        categories: Vec<super::Category>,
        /// The new sentence, in short.
        sentence: String,
    },
    /// A sentence stating a right now makes it hold only on a condition users must meet first
    /// (`you may apply for cancellation only after every device is unbound`).
    ConditionAdded {
        /// The old sentence, in short.
        old: String,
        /// The new sentence, in short.
        new: String,
    },
    /// What we promised about a right (`we will provide a means of appeal`) is now only what we
    /// may do.
    PromiseWeakened {
        /// The old sentence, in short.
        old: String,
        /// The new sentence, in short.
        new: String,
    },
    /// A sentence that denied doing something (`we do not share your data with advertisers`) was
    /// taken out, and the new document denies it nowhere: what it ruled out is no longer ruled out.
    DenialRemoved {
        /// The sentence taken out, in short.
        sentence: String,
    },
    /// Entries were taken out of what a sentence denies (`to any company, organization or
    /// individual` → `to any individual`): what it no longer names is no longer ruled out.
    DenialNarrowed {
        /// The old sentence, in short.
        sentence: String,
        /// The words taken out of it.
        dropped: String,
    },
    /// The change limits users' rights.
    LimitsRights(Consent),
    /// A link's target (an image's source) changed, appeared or went away under the same text.
    Link {
        /// The link and its two targets.
        change: LinkChange,
        /// The contact channel it is, when it is one (on either side).
        channel: Option<Channel>,
    },
    /// A link by which users exercise a right taken to another site, put in or taken out.
    RightsRoute(LinkChange),
    /// Only one locale's text makes the change: the report's own locale does not carry it.
    OnlyInLocale {
        /// The locale whose text makes the change.
        locale: String,
        /// The report's locale, whose text lacks it.
        missing: String,
    },
}

impl Reason {
    /// A stable machine-readable name of the reason's kind (the JSON `kind`).
    pub fn kind(&self) -> &'static str {
        match self {
            Reason::FormattingOnly => "formatting-only",
            Reason::FactFormattingOnly => "fact-formatting-only",
            Reason::PunctuationOnly => "punctuation-only",
            Reason::EncodingOnly => "encoding-only",
            Reason::PolicyDateOnly => "policy-date-only",
            Reason::ModalSwap => "modal-swap",
            Reason::TypoFix => "typo-fix",
            Reason::SectionMoved => "section-moved",
            Reason::HeadingOnly => "heading-only",
            Reason::PassageMoved => "passage-moved",
            Reason::PageChrome => "page-chrome",
            Reason::NoClause => "no-clause",
            Reason::FactChanged => "fact-changed",
            Reason::Email(NameChange::Changed { .. }) => "email-changed",
            Reason::Email(NameChange::Added(_)) => "email-added",
            Reason::Email(NameChange::Removed(_)) => "email-removed",
            Reason::Address(NameChange::Changed { .. }) => "address-changed",
            Reason::Address(NameChange::Added(_)) => "address-added",
            Reason::Address(NameChange::Removed(_)) => "address-removed",
            Reason::Places { .. } => "places-changed",
            Reason::Phones { .. } => "phone-changed",
            Reason::Entity {
                role: EntityRole::Responsible,
                ..
            } => "responsible-entity-changed",
            Reason::Entity {
                role: EntityRole::ContactRoute,
                ..
            } => "contact-entity-changed",
            Reason::Entity {
                role: EntityRole::Recipient,
                ..
            } => "recipient-changed",
            Reason::RetentionStated { .. } => "retention-stated",
            Reason::Retention { .. } => "retention-changed",
            Reason::ResponseTime { .. } => "response-time-changed",
            Reason::Terms { .. } => "lexicon-terms",
            Reason::Source { .. } => "source-changed",
            Reason::TopicPassage { .. } => "topic-passage",
            Reason::ListEntries { removed, .. } if removed.is_empty() => "list-entries-added",
            Reason::ListEntries { .. } => "list-entries-removed",
            Reason::Sdks { .. } => "sdks-changed",
            Reason::Rights { removed, .. } if removed.is_empty() => "rights-stated",
            Reason::Rights { .. } => "rights-no-longer-stated",
            Reason::InSectionAbout(_) => "in-section-about",
            Reason::ShowsFact { .. } => "shows-fact-change",
            Reason::FactItemAdded { .. } => "fact-item-added",
            Reason::FactItemRemoved { .. } => "fact-item-removed",
            Reason::FactValue { .. } => "fact-value-changed",
            Reason::SdkProcesses(_) => "sdk-processes",
            Reason::PolarityFlip { .. } => "polarity-flipped",
            Reason::DenialRemoved { .. } => "denial-removed",
            Reason::StepRequired { .. } => "step-required",
            Reason::ConditionAdded { .. } => "condition-added",
            Reason::PurposesAdded { .. } => "purposes-added",
            Reason::CategoriesAdded { .. } => "categories-added",
            Reason::PromiseWeakened { .. } => "promise-weakened",
            Reason::DenialNarrowed { .. } => "denial-narrowed",
            Reason::OnlyInLocale { .. } => "only-in-locale",
            Reason::RightsRoute(l) => match (&l.old, &l.new) {
                (Some(_), Some(_)) => "rights-route-changed",
                (None, _) => "rights-route-added",
                (Some(_), None) => "rights-route-removed",
            },
            Reason::Link { change, .. } if change.equivalent => "link-target-equivalent",
            Reason::Link { change, channel } => match (channel.is_some(), &change.old, &change.new) {
                (true, Some(_), Some(_)) => "contact-link-changed",
                (true, None, _) => "contact-link-added",
                (true, Some(_), None) => "contact-link-removed",
                (false, Some(_), Some(_)) => "link-target-changed",
                (false, None, _) => "link-added",
                (false, Some(_), None) => "link-removed",
            },
            Reason::LimitsRights(c) => match c {
                Consent::RefusalGround(_) => "limits-rights-refusal-ground",
                Consent::TextRemoved { .. } => "limits-rights-text-removed",
                Consent::FeeAdded(_) => "limits-rights-fee-added",
                Consent::RightQualified(_) => "limits-rights-qualified",
                Consent::NoLongerFree(_) => "limits-rights-no-longer-free",
                Consent::RightRestricted(_) => "limits-rights-restricted",
                Consent::RightWordsRemoved { .. } => "limits-rights-words-removed",
                Consent::RightRemoved(_) => "limits-rights-right-removed",
                Consent::HowRemoved(_) => "limits-rights-how-removed",
                Consent::ResponseLengthened { .. } => "limits-rights-response-lengthened",
                Consent::RequestFee(_) => "limits-rights-request-fee",
                Consent::RouteRemoved(_) => "limits-rights-route-removed",
                Consent::AuthorityRemoved(_) => "limits-rights-authority-removed",
            },
        }
    }
}

/// A reason and the role of the clause it triggered (`None`: it triggered none, as an editorial
/// or substantive change's reason, or it explains the verdict as a whole).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evidence {
    /// The clause's role.
    pub clause: Option<Role>,
    /// Why.
    pub reason: Reason,
}
