//! Postal addresses read from prose (GDPR Art. 13(1)(a), PIPL Art. 17: the handler's contact
//! details). An English address is a house number next to a street word (`42 Charlemont Street`,
//! `Av. Leandro N. Alem 1050`, `Zeughausgasse 7A`); a Chinese one a place (省, 市, 区, 县) followed by
//! a street or building (路, 街, 道, 号, 大厦, 楼, 室). Each is kept as the words around it, so two
//! versions can be compared.

use crate::diff::text::is_cjk;

/// Words that name a street, a building part or a floor.
fn street_word(w: &str) -> bool {
    let w = w.trim_end_matches('.').to_lowercase();
    matches!(
        w.as_str(),
        "street"
            | "st"
            | "road"
            | "rd"
            | "avenue"
            | "ave"
            | "av"
            | "avenida"
            | "drive"
            | "dr"
            | "boulevard"
            | "blvd"
            | "lane"
            | "ln"
            | "way"
            | "place"
            | "pl"
            | "square"
            | "sq"
            | "court"
            | "ct"
            | "parkway"
            | "pkwy"
            | "highway"
            | "hwy"
            | "terrace"
            | "row"
            | "strasse"
            | "straße"
            | "str"
            | "rue"
            | "via"
            | "calle"
            | "piso"
            | "floor"
            | "suite"
            | "ste"
            | "plaza"
            | "quay"
            | "wharf"
            | "gasse"
            | "weg"
            | "platz"
            | "laan"
            | "vej"
            | "gade"
            | "allee"
            | "straat"
            | "carrer"
            | "rua"
            | "viale"
            | "corso"
            | "piazza"
            // Estonian, Latvian, Lithuanian and Polish street words (Raekoja plats 1, Tartu)
            | "plats"
            | "tänav"
            | "maantee"
            | "mnt"
            | "puiestee"
            | "iela"
            | "gatvė"
            | "aleja"
    ) || w.ends_with("strasse")
        || w.ends_with("straße")
        || w.ends_with("gasse")
        || w.ends_with("straat")
        || w.ends_with("vej")
        || w.ends_with("gatan")
        // Dutch, German, Nordic and Finnish streets are written as one word with the name
        // (`Taurusavenue 111`, `Hauptweg 4`, `Storgata 1`, `Kaarlenkatu 11`, `Mannerheimintie 2`)
        || [
            "laan", "plein", "gracht", "kade", "singel", "avenue", "weg", "dreef", "platz", "allee",
            "gata", "veien", "vägen", "katu", "tie", "kuja", "polku",
        ]
        .iter()
            .any(|e| w.ends_with(e) && w.len() > e.len() + 2)
}

/// Words that name a building or an estate (`Centre`, `House`, `Tower`, `Business Park`).
fn building_word(w: &str) -> bool {
    matches!(
        w,
        "Centre"
            | "Center"
            | "Building"
            | "House"
            | "Tower"
            | "Park"
            | "Campus"
            | "Estate"
            | "Hall"
            | "Chambers"
    )
}

/// Does a postcode start at word `k`: a US ZIP or other five- or six-digit code (`98121`,
/// `038987`), an Irish Eircode (`D15 YT2H`) or a UK postcode (`EC1A 1BB`, `SW1A 2AA`)?
fn postcode_at(words: &[&str], k: usize) -> bool {
    let bare = |w: &str| w.trim_matches(|c: char| !c.is_alphanumeric()).to_string();
    let w = bare(words[k]);
    if (5..=6).contains(&w.len()) && w.bytes().all(|b| b.is_ascii_digit()) {
        return true;
    }
    let Some(next) = words.get(k + 1).map(|n| bare(n)) else {
        return false;
    };
    let upper_alnum = |s: &str| s.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
    let b = w.as_bytes();
    // Eircode: a routing key (a letter, two digits, or `D6W`) and four letters or digits
    let eircode = b.len() == 3
        && b[0].is_ascii_uppercase()
        && b[1].is_ascii_digit()
        && (b[2].is_ascii_digit() || b[2] == b'W')
        && next.len() == 4
        && upper_alnum(&next)
        && next.bytes().any(|c| c.is_ascii_uppercase());
    // UK: an outward code (one or two letters, a digit, maybe a letter or digit) and an inward one
    // (a digit and two letters)
    let n = next.as_bytes();
    let uk = (2..=4).contains(&b.len())
        && upper_alnum(&w)
        && b[0].is_ascii_uppercase()
        && b.iter().any(u8::is_ascii_digit)
        && n.len() == 3
        && n[0].is_ascii_digit()
        && n[1].is_ascii_uppercase()
        && n[2].is_ascii_uppercase();
    eircode || uk
}

/// A house number: digits, possibly with a letter or an ordinal (`7A`, `124th`, `4º`), or `One`.
fn house_number(w: &str) -> bool {
    let w = w.trim_end_matches([',', '.', ';']);
    if w == "One" {
        return true;
    }
    w.chars().next().is_some_and(|c| c.is_ascii_digit())
        && w.chars().filter(char::is_ascii_digit).count() <= 5
        && w.chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '/' | 'º' | '°'))
}

/// The postal addresses of `s`, each as its normalised words.
pub fn addresses(s: &str) -> Vec<String> {
    let mut out = english(s);
    if s.chars().any(is_cjk) {
        out.extend(chinese(s));
    }
    out.sort();
    out.dedup();
    out
}

/// The units (suite, floor, room) given with an English postal address of `s`, each with the
/// address's key as [`addresses`] reads it: `5800 Bristol Parkway, Suite 300` → (`5800 bristol
/// parkway`, `suite 300`). Two versions that both give a unit at one address can be compared by it;
/// a unit written in one and left out of the other is the same place.
pub(super) fn units(s: &str) -> Vec<(String, String)> {
    // most passages name no unit: no need to split them into words
    if !["Suite", "Ste", "Unit", "Floor", "Room"]
        .iter()
        .any(|u| s.contains(u))
    {
        return Vec::new();
    }
    let words: Vec<&str> = s.split_whitespace().collect();
    let mut out = Vec::new();
    for (k, w) in words.iter().enumerate() {
        let kind = match w.trim_matches(|c: char| !c.is_alphanumeric()) {
            "Suite" | "Ste" => "suite",
            "Unit" => "unit",
            "Floor" => "floor",
            "Room" => "room",
            _ => continue,
        };
        let Some(n) = words
            .get(k + 1)
            .map(|n| n.trim_start_matches('#').trim_end_matches([',', '.', ';']))
            .filter(|n| n.starts_with(|c: char| c.is_ascii_digit()) && n.len() <= 6)
        else {
            continue;
        };
        // the address it belongs to: the street read within a few words before it, or after it
        let before = words[k.saturating_sub(8)..k].join(" ");
        let after = words[(k + 2).min(words.len())..(k + 10).min(words.len())].join(" ");
        let place = english(&before)
            .pop()
            .or_else(|| english(&after).into_iter().next());
        if let Some(place) = place {
            out.push((place, format!("{kind} {}", n.to_lowercase())));
        }
    }
    out.sort();
    out.dedup();
    out
}

fn english(s: &str) -> Vec<String> {
    let words: Vec<&str> = s.split_whitespace().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let bare = words[i].trim_matches(|c: char| !c.is_alphanumeric());
        // a post office box (`P.O. Box 1234`, `PO Box 1234`)
        if matches!(words[i], "P.O." | "PO" | "P.O" | "Post")
            && words
                .get(i + 1)
                .is_some_and(|w| w.trim_end_matches(',') == "Box" || w == &"Office")
        {
            let at = if words.get(i + 1) == Some(&"Office") {
                i + 2
            } else {
                i + 1
            };
            if words.get(at).is_some_and(|w| w.trim_end_matches(',') == "Box")
                && let Some(n) = words
                    .get(at + 1)
                    .filter(|w| w.starts_with(|c: char| c.is_ascii_digit()))
            {
                let n = n.trim_matches(|c: char| !c.is_alphanumeric());
                out.push(format!("po box {n}"));
                i = at + 2;
                continue;
            }
        }
        // a street word starting with a capital, with a house number within three words
        // a street word with a capital, or a lowercase street particle after a house number
        // (`8 rue du Sentier`)
        let particle = matches!(bare, "rue" | "via" | "calle" | "rua") && i > 0 && house_number(words[i - 1])
            // (the Baltic street word after its name, the number after it: `Raekoja plats 1`)
            || matches!(
                bare,
                "plats" | "tänav" | "maantee" | "mnt" | "puiestee" | "iela" | "gatvė" | "aleja"
            ) && i > 0
                && words[i - 1].chars().next().is_some_and(char::is_uppercase)
                && words.get(i + 1).is_some_and(|w| house_number(w));
        let capital =
            words[i].chars().next().is_some_and(char::is_uppercase) || bare.ends_with("strasse") || particle;
        // a named building with no street number, a postcode after it and no street near it
        // (`The Liberty Centre, Blanchardstown Retail Park, Dublin 15, D15 YT2H`): its name is
        // the place
        if capital
            && building_word(bare)
            && (i + 1..(i + 10).min(words.len())).any(|k| postcode_at(&words, k))
            && !words[i.saturating_sub(8)..(i + 10).min(words.len())]
                .iter()
                .any(|w| {
                    let w = w.trim_matches(|c: char| !c.is_alphanumeric());
                    w.chars().next().is_some_and(char::is_uppercase) && street_word(w)
                })
        {
            // the capitalised words that name it, back to a comma, a lowercase word or the start
            let mut start = i;
            while start > 0
                && i - start < 3
                && !words[start - 1].ends_with([',', ':', ';', '.'])
                && words[start - 1].chars().next().is_some_and(char::is_uppercase)
            {
                start -= 1;
            }
            let key: Vec<String> = words[start..=i]
                .iter()
                .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase())
                .filter(|w| !w.is_empty())
                .collect();
            out.push(key.join(" "));
            // past the postcode: the estate, town and code are the same address
            i = (i + 1..(i + 10).min(words.len()))
                .find(|&k| postcode_at(&words, k))
                .map_or(i + 1, |k| k + 1);
            continue;
        }
        if !(capital && street_word(bare)) {
            i += 1;
            continue;
        }
        let from = i.saturating_sub(3);
        let to = (i + 4).min(words.len());
        // no house number: a building before the street and a postcode after it (`Building
        // Orchid, Block E, …, Outer Ring Road, Bengaluru, Karnataka - 560103`)
        let building = (i.saturating_sub(10)..i).find(|&k| {
            matches!(
                words[k].trim_end_matches(','),
                "Building" | "Block" | "Tower" | "Floor" | "Level" | "Suite" | "Unit"
            )
        });
        let postcode = words[i + 1..(i + 9).min(words.len())].iter().any(|w| {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
            (5..=6).contains(&w.len()) && w.bytes().all(|b| b.is_ascii_digit())
        });
        let numbered = words[from..to].iter().any(|w| house_number(w));
        if !(numbered || building.is_some() && postcode) {
            i += 1;
            continue;
        }
        // the address: from the number (or street word, or building) to the end of the next two
        // comma parts
        let start = if numbered {
            (from..=i)
                .find(|&k| house_number(words[k]) || k == i)
                .unwrap_or(i)
        } else {
            building.unwrap_or(i)
        };
        let mut end = i + 1;
        let mut commas = 0;
        while end < words.len() && end < i + 10 {
            if words[end - 1].ends_with(',') {
                commas += 1;
                if commas > 2 {
                    break;
                }
            }
            if words[end - 1].ends_with(['.', ';', ':']) && !street_word(words[end - 1]) {
                break;
            }
            end += 1;
        }
        // the place itself (number and street, or street and number): what follows (floor, city,
        // postcode) is often written more or less fully from one version to the next
        let key: Vec<String> = words[start..end]
            .iter()
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase())
            .filter(|w| !w.is_empty())
            .take(3)
            .collect();
        out.push(key.join(" "));
        i = end.max(i + 1);
    }
    out
}

fn chinese(s: &str) -> Vec<String> {
    let chars: Vec<char> = s.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        // a place (省, 市, 区, 县), or a street with its number (`克罗士街 20 号`)
        let numbered_street = matches!(chars[i], '路' | '街') && {
            let rest: String = chars[i + 1..chars.len().min(i + 12)]
                .iter()
                .filter(|c| **c != ' ')
                .collect();
            let digits = rest.chars().take_while(char::is_ascii_digit).count();
            digits > 0 && rest.chars().nth(digits) == Some('号')
        };
        if !matches!(chars[i], '省' | '市' | '区' | '县') && !numbered_street {
            i += 1;
            continue;
        }
        // back to the start of the run of CJK characters and digits
        let mut start = i;
        while start > 0 && i - start < 12 && (is_cjk(chars[start - 1]) || chars[start - 1].is_ascii_digit()) {
            start -= 1;
        }
        // forward to the last street or building character of the run
        let mut end = None;
        let mut k = i + 1;
        while k < chars.len() && k - i < 30 {
            let c = chars[k];
            // a space inside a street number (`街 20 号`)
            let spaced = c == ' '
                && numbered_street
                && chars.get(k + 1).is_some_and(|n| n.is_ascii_digit() || *n == '号');
            if !(is_cjk(c) || c.is_ascii_alphanumeric() || matches!(c, '-' | '－') || spaced) {
                break;
            }
            if matches!(
                c,
                '路' | '街' | '道' | '号' | '楼' | '室' | '层' | '座' | '弄' | '巷'
            ) || (c == '厦' && k > 0 && chars[k - 1] == '大')
                || (c == '场' && k > 0 && chars[k - 1] == '广')
            {
                end = Some(k);
            }
            k += 1;
        }
        match end {
            Some(e) => {
                out.push(chars[start..=e].iter().collect());
                i = e + 1;
            }
            None => i += 1,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_named_building_with_a_postcode_is_an_address() {
        let a = |s: &str| addresses(s);
        assert_eq!(
            a(
                "Data Protection Officer, The Liberty Centre, Blanchardstown Retail Park, Dublin 15, D15 YT2H."
            ),
            ["the liberty centre"]
        );
        assert_ne!(
            a("registered office at The Liberty Centre, Blanchardstown Retail Park, Dublin 15, D15 YT2H"),
            a("registered office at The Generali Building, Blanchardstown Retail Park, Dublin 15, D15 YT2H")
        );
        assert_eq!(a("Acme House, London EC1A 1BB"), ["acme house"]);
        // no postcode: a building named in prose is no address
        assert!(a("Our Data Centre in Frankfurt hosts the service.").is_empty());
        // a street near it: the street is the address
        let street = a("Suntec Tower One, 7 Temasek Boulevard, Singapore 038987");
        assert!(street.iter().all(|k| k.contains("temasek")), "{street:?}");
    }

    #[test]
    fn a_street_written_as_one_word_with_its_name() {
        assert_eq!(
            addresses("FedEx Express International B.V., Taurusavenue 111, 2132 LS Hoofddorp"),
            ["taurusavenue 111 2132"]
        );
    }

    #[test]
    fn the_unit_of_an_address_is_read_with_it() {
        assert_eq!(
            units("Mailing Address: TikTok Inc., 5800 Bristol Parkway, Suite 300, Culver City, CA 90230"),
            [("5800 bristol parkway".to_string(), "suite 300".to_string())]
        );
        assert_eq!(
            units("Write to Suite #12, 1 Main Street, Springfield."),
            [("1 main street".to_string(), "suite 12".to_string())]
        );
        assert!(units("Our support suite of 12 tools").is_empty());
    }

    #[test]
    fn addresses_in_english_prose() {
        let a = addresses("Contact: Acme Ltd, 42 Charlemont Street, Dublin 2, D02 R593, Ireland.");
        assert_eq!(a.len(), 1, "{a:?}");
        assert_eq!(a[0], "42 charlemont street", "{a:?}");
        // the same place written more fully is the same address
        assert_eq!(
            addresses("29 Earlsfort Terrace"),
            addresses("29 Earlsfort Terrace, Dublin 2, D02 AY28")
        );
        assert_ne!(
            addresses("255 Executive Drive, Plainview, NY"),
            addresses("4052 S 124th Street, Greenfield, WI 53228")
        );
        assert!(!addresses("Av. Leandro N. Alem 1050, Piso 13").is_empty());
        assert!(!addresses("Ethereum Foundation Zeughausgasse 7A, 6302 Zug").is_empty());
        assert!(
            !addresses("Sulake Corporation Oy, Legal, Kaarlenkatu 11, 00530 Helsinki, Finland.").is_empty()
        );
        assert!(
            !addresses("Edicy OÜ, registry code 12176224, address Raekoja plats 1, Tartu 51003, Estonia")
                .is_empty()
        );
        assert!(!addresses("Mannerheimintie 2, 00100 Helsinki").is_empty());
        // a street word without a number, or a lowercase word, is no address
        assert!(addresses("we may share it on the way to the street").is_empty());
        assert!(addresses("visit our Place of business").is_empty());
        assert_eq!(addresses("write to P.O. Box 1234, Springfield"), ["po box 1234"]);
        assert_eq!(addresses("PO Box 77"), ["po box 77"]);
    }

    #[test]
    fn addresses_in_chinese_prose() {
        let a = addresses("注册地址：深圳市南山区科技园科苑路15号科兴科学园A栋");
        assert_eq!(a.len(), 1, "{a:?}");
        assert!(a[0].contains("科苑路15号"), "{a:?}");
        assert!(addresses("我们在中国境内收集的信息").is_empty());
        assert_eq!(addresses("某某街 20 号某某广场 #02-12"), ["某某街 20 号某某广场"]);
        assert!(!addresses("Prinses Beatrixlaan 582, The Hague 2595BM").is_empty());
        assert!(!addresses("Building Orchid, Block E, Outer Ring Road, Bengaluru - 560103").is_empty());
    }
}
