//! ISO 3166-1 alpha-2 country codes and the English short names BigCommerce's V2 API uses.
//!
//! V2 addresses carry a full country name (`country`, writable) and, in responses, the alpha-2
//! code (`country_iso2`, read-only); V3 addresses carry the code (`country_code`, writable) and,
//! in responses, the name (`country`, read-only). See `shared/reference/bigcommerce/SUMMARY.md`
//! §8.2. Mapping between the two therefore needs both directions of this table.
//!
//! The table holds all 249 assigned alpha-2 codes. Names follow the ISO 3166-1 English short
//! names in title case as the V2 countries resource lists them (`United States`,
//! `Korea, Republic of`, `Viet Nam`); [`code_of`] also accepts the common everyday names
//! (`USA`, `UK`, `South Korea`, `Russia`, `Vietnam`, ...), ignoring case, accents, dots,
//! hyphens, `&` for `and`, a leading `The` and `St`/`St.` for `Saint`.
//!
//! Both tables are sorted static slices searched by bisection: no allocation at start-up and
//! little code in WebAssembly.

/// Looks up the English short name of an assigned alpha-2 code (exact, upper case).
///
/// ```
/// use bc_customers_core::country::name_of;
/// assert_eq!(name_of("US"), Some("United States"));
/// assert_eq!(name_of("GB"), Some("United Kingdom"));
/// assert_eq!(name_of("us"), None);
/// assert_eq!(name_of("XX"), None);
/// ```
pub fn name_of(code: &str) -> Option<&'static str> {
    let &[a, b] = code.as_bytes() else {
        return None;
    };
    if !a.is_ascii_uppercase() || !b.is_ascii_uppercase() {
        return None;
    }
    match CODE_INDEX[usize::from(a - b'A') * 26 + usize::from(b - b'A')] {
        0 => None,
        i => Some(COUNTRIES[usize::from(i) - 1].1),
    }
}

/// Position + 1 in [`COUNTRIES`] of every code `AA`..`ZZ` (0: not assigned), so that
/// [`name_of`], on the hot path of address validation, is one look-up.
static CODE_INDEX: [u8; 26 * 26] = {
    let mut index = [0u8; 26 * 26];
    let mut i = 0;
    while i < COUNTRIES.len() {
        let c = COUNTRIES[i].0.as_bytes();
        index[(c[0] - b'A') as usize * 26 + (c[1] - b'A') as usize] = (i + 1) as u8;
        i += 1;
    }
    index
};

/// A two-byte code as one number, so that lookups compare numbers rather than strings (a hot
/// path of address validation).
fn code_key(code: &str) -> Option<u16> {
    match *code.as_bytes() {
        [a, b] => Some(u16::from_be_bytes([a, b])),
        _ => None,
    }
}

/// Whether `code` is in `list`, a sorted list of alpha-2 codes.
pub(crate) fn in_code_list(list: &[&str], code: &str) -> bool {
    code_key(code).is_some_and(|key| {
        list.binary_search_by_key(&key, |c| code_key(c).unwrap_or(0))
            .is_ok()
    })
}

/// The table's copy of an assigned alpha-2 code, matched case-insensitively (surrounding
/// spaces ignored); `None` for anything else, including aliases such as `UK`.
///
/// ```
/// use bc_customers_core::country::assigned_code;
/// assert_eq!(assigned_code("gb"), Some("GB"));
/// assert_eq!(assigned_code("UK"), None);
/// ```
pub fn assigned_code(code: &str) -> Option<&'static str> {
    let code = code.trim();
    if code.len() != 2 || !code.is_ascii() {
        return None;
    }
    let upper = code.to_ascii_uppercase();
    COUNTRIES
        .binary_search_by(|(c, _)| (*c).cmp(upper.as_str()))
        .ok()
        .map(|i| COUNTRIES[i].0)
}

/// Finds the alpha-2 code for a country name: the table name, a common alias, or an assigned
/// alpha-2 code itself, all case-insensitive.
///
/// ```
/// use bc_customers_core::country::code_of;
/// assert_eq!(code_of("United States"), Some("US"));
/// assert_eq!(code_of("united states of america"), Some("US"));
/// assert_eq!(code_of("USA"), Some("US"));
/// assert_eq!(code_of("Great Britain"), Some("GB"));
/// assert_eq!(code_of("South Korea"), Some("KR"));
/// assert_eq!(code_of("Côte d’Ivoire"), Some("CI"));
/// assert_eq!(code_of("St. Lucia"), Some("LC"));
/// assert_eq!(code_of("gb"), Some("GB"));
/// assert_eq!(code_of("Atlantis"), None);
/// ```
pub fn code_of(name: &str) -> Option<&'static str> {
    let trimmed = name.trim();
    if let Some(code) = assigned_code(trimmed) {
        return Some(code);
    }
    // Names are short; anything long is not a country and is not worth normalising.
    if trimmed.len() > 128 {
        return None;
    }
    let key = normalize(trimmed);
    NAMES
        .binary_search_by(|(k, _)| (*k).cmp(key.as_str()))
        .ok()
        .map(|i| NAMES[i].1)
}

/// All assigned codes with their names, sorted by code.
pub fn all() -> &'static [(&'static str, &'static str)] {
    COUNTRIES
}

/// The lookup key of a name: lower case, accents folded, `’` as `'`, `&` as `and`, dots
/// dropped, hyphens as spaces, runs of spaces collapsed, a leading `the ` dropped and a
/// leading `st ` read as `saint `.
fn normalize(name: &str) -> String {
    let mut flat = String::with_capacity(name.len() + 8);
    for ch in name.chars() {
        match fold(ch) {
            Fold::One(c) => flat.push(c),
            Fold::Two(a, b) => {
                flat.push(a);
                flat.push(b);
            }
            Fold::Str(s) => flat.push_str(s),
            Fold::Drop => {}
        }
    }
    let mut out = String::with_capacity(flat.len());
    for word in flat.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    if let Some(rest) = out.strip_prefix("the ") {
        out = rest.to_string();
    }
    if let Some(rest) = out.strip_prefix("st ") {
        out = format!("saint {rest}");
    }
    out
}

enum Fold {
    One(char),
    Two(char, char),
    Str(&'static str),
    Drop,
}

fn fold(ch: char) -> Fold {
    let c = match ch {
        'A'..='Z' => ch.to_ascii_lowercase(),
        'a'..='z' | '0'..='9' | ' ' | ',' | '(' | ')' | '\'' => ch,
        '.' => return Fold::Drop,
        '-' | '\u{2010}' | '\u{2011}' | '\u{2013}' | '\u{2014}' | '\t' | '\n' | '\r' => ' ',
        '\u{2018}' | '\u{2019}' | '`' | '\u{b4}' => '\'',
        '&' => return Fold::Str(" and "),
        'À'..='Å' | 'à'..='å' | 'Ā' | 'ā' | 'Ă' | 'ă' | 'Ą' | 'ą' => 'a',
        'Æ' | 'æ' => return Fold::Two('a', 'e'),
        'Ç' | 'ç' | 'Ć' | 'ć' | 'Č' | 'č' => 'c',
        'È'..='Ë' | 'è'..='ë' | 'Ē' | 'ē' | 'Ė' | 'ė' | 'Ę' | 'ę' | 'Ě' | 'ě' => 'e',
        'Ì'..='Ï' | 'ì'..='ï' | 'Ī' | 'ī' | 'İ' | 'ı' => 'i',
        'Ñ' | 'ñ' | 'Ń' | 'ń' | 'Ň' | 'ň' => 'n',
        'Ò'..='Ö' | 'Ø' | 'ò'..='ö' | 'ø' | 'Ō' | 'ō' | 'Ő' | 'ő' => 'o',
        'Œ' | 'œ' => return Fold::Two('o', 'e'),
        'Ù'..='Ü' | 'ù'..='ü' | 'Ū' | 'ū' | 'Ů' | 'ů' | 'Ű' | 'ű' => 'u',
        'Ý' | 'ý' | 'ÿ' | 'Ÿ' => 'y',
        'Š' | 'š' | 'Ś' | 'ś' | 'Ş' | 'ş' => 's',
        'Ž' | 'ž' | 'Ź' | 'ź' | 'Ż' | 'ż' => 'z',
        'Ł' | 'ł' => 'l',
        'ß' => return Fold::Two('s', 's'),
        c if c.is_whitespace() => ' ',
        c => crate::case::lower(c),
    };
    Fold::One(c)
}

const COUNTRIES: &[(&str, &str)] = &[
    ("AD", "Andorra"),
    ("AE", "United Arab Emirates"),
    ("AF", "Afghanistan"),
    ("AG", "Antigua and Barbuda"),
    ("AI", "Anguilla"),
    ("AL", "Albania"),
    ("AM", "Armenia"),
    ("AO", "Angola"),
    ("AQ", "Antarctica"),
    ("AR", "Argentina"),
    ("AS", "American Samoa"),
    ("AT", "Austria"),
    ("AU", "Australia"),
    ("AW", "Aruba"),
    ("AX", "Aland Islands"),
    ("AZ", "Azerbaijan"),
    ("BA", "Bosnia and Herzegovina"),
    ("BB", "Barbados"),
    ("BD", "Bangladesh"),
    ("BE", "Belgium"),
    ("BF", "Burkina Faso"),
    ("BG", "Bulgaria"),
    ("BH", "Bahrain"),
    ("BI", "Burundi"),
    ("BJ", "Benin"),
    ("BL", "Saint Barthelemy"),
    ("BM", "Bermuda"),
    ("BN", "Brunei Darussalam"),
    ("BO", "Bolivia"),
    ("BQ", "Bonaire, Sint Eustatius and Saba"),
    ("BR", "Brazil"),
    ("BS", "Bahamas"),
    ("BT", "Bhutan"),
    ("BV", "Bouvet Island"),
    ("BW", "Botswana"),
    ("BY", "Belarus"),
    ("BZ", "Belize"),
    ("CA", "Canada"),
    ("CC", "Cocos (Keeling) Islands"),
    ("CD", "Congo, the Democratic Republic of the"),
    ("CF", "Central African Republic"),
    ("CG", "Congo"),
    ("CH", "Switzerland"),
    ("CI", "Cote d'Ivoire"),
    ("CK", "Cook Islands"),
    ("CL", "Chile"),
    ("CM", "Cameroon"),
    ("CN", "China"),
    ("CO", "Colombia"),
    ("CR", "Costa Rica"),
    ("CU", "Cuba"),
    ("CV", "Cape Verde"),
    ("CW", "Curacao"),
    ("CX", "Christmas Island"),
    ("CY", "Cyprus"),
    ("CZ", "Czech Republic"),
    ("DE", "Germany"),
    ("DJ", "Djibouti"),
    ("DK", "Denmark"),
    ("DM", "Dominica"),
    ("DO", "Dominican Republic"),
    ("DZ", "Algeria"),
    ("EC", "Ecuador"),
    ("EE", "Estonia"),
    ("EG", "Egypt"),
    ("EH", "Western Sahara"),
    ("ER", "Eritrea"),
    ("ES", "Spain"),
    ("ET", "Ethiopia"),
    ("FI", "Finland"),
    ("FJ", "Fiji"),
    ("FK", "Falkland Islands (Malvinas)"),
    ("FM", "Micronesia, Federated States of"),
    ("FO", "Faroe Islands"),
    ("FR", "France"),
    ("GA", "Gabon"),
    ("GB", "United Kingdom"),
    ("GD", "Grenada"),
    ("GE", "Georgia"),
    ("GF", "French Guiana"),
    ("GG", "Guernsey"),
    ("GH", "Ghana"),
    ("GI", "Gibraltar"),
    ("GL", "Greenland"),
    ("GM", "Gambia"),
    ("GN", "Guinea"),
    ("GP", "Guadeloupe"),
    ("GQ", "Equatorial Guinea"),
    ("GR", "Greece"),
    ("GS", "South Georgia and the South Sandwich Islands"),
    ("GT", "Guatemala"),
    ("GU", "Guam"),
    ("GW", "Guinea-Bissau"),
    ("GY", "Guyana"),
    ("HK", "Hong Kong"),
    ("HM", "Heard Island and McDonald Islands"),
    ("HN", "Honduras"),
    ("HR", "Croatia"),
    ("HT", "Haiti"),
    ("HU", "Hungary"),
    ("ID", "Indonesia"),
    ("IE", "Ireland"),
    ("IL", "Israel"),
    ("IM", "Isle of Man"),
    ("IN", "India"),
    ("IO", "British Indian Ocean Territory"),
    ("IQ", "Iraq"),
    ("IR", "Iran, Islamic Republic of"),
    ("IS", "Iceland"),
    ("IT", "Italy"),
    ("JE", "Jersey"),
    ("JM", "Jamaica"),
    ("JO", "Jordan"),
    ("JP", "Japan"),
    ("KE", "Kenya"),
    ("KG", "Kyrgyzstan"),
    ("KH", "Cambodia"),
    ("KI", "Kiribati"),
    ("KM", "Comoros"),
    ("KN", "Saint Kitts and Nevis"),
    ("KP", "Korea, Democratic People's Republic of"),
    ("KR", "Korea, Republic of"),
    ("KW", "Kuwait"),
    ("KY", "Cayman Islands"),
    ("KZ", "Kazakhstan"),
    ("LA", "Lao People's Democratic Republic"),
    ("LB", "Lebanon"),
    ("LC", "Saint Lucia"),
    ("LI", "Liechtenstein"),
    ("LK", "Sri Lanka"),
    ("LR", "Liberia"),
    ("LS", "Lesotho"),
    ("LT", "Lithuania"),
    ("LU", "Luxembourg"),
    ("LV", "Latvia"),
    ("LY", "Libyan Arab Jamahiriya"),
    ("MA", "Morocco"),
    ("MC", "Monaco"),
    ("MD", "Moldova, Republic of"),
    ("ME", "Montenegro"),
    ("MF", "Saint Martin (French part)"),
    ("MG", "Madagascar"),
    ("MH", "Marshall Islands"),
    ("MK", "Macedonia, the Former Yugoslav Republic of"),
    ("ML", "Mali"),
    ("MM", "Myanmar"),
    ("MN", "Mongolia"),
    ("MO", "Macao"),
    ("MP", "Northern Mariana Islands"),
    ("MQ", "Martinique"),
    ("MR", "Mauritania"),
    ("MS", "Montserrat"),
    ("MT", "Malta"),
    ("MU", "Mauritius"),
    ("MV", "Maldives"),
    ("MW", "Malawi"),
    ("MX", "Mexico"),
    ("MY", "Malaysia"),
    ("MZ", "Mozambique"),
    ("NA", "Namibia"),
    ("NC", "New Caledonia"),
    ("NE", "Niger"),
    ("NF", "Norfolk Island"),
    ("NG", "Nigeria"),
    ("NI", "Nicaragua"),
    ("NL", "Netherlands"),
    ("NO", "Norway"),
    ("NP", "Nepal"),
    ("NR", "Nauru"),
    ("NU", "Niue"),
    ("NZ", "New Zealand"),
    ("OM", "Oman"),
    ("PA", "Panama"),
    ("PE", "Peru"),
    ("PF", "French Polynesia"),
    ("PG", "Papua New Guinea"),
    ("PH", "Philippines"),
    ("PK", "Pakistan"),
    ("PL", "Poland"),
    ("PM", "Saint Pierre and Miquelon"),
    ("PN", "Pitcairn"),
    ("PR", "Puerto Rico"),
    ("PS", "Palestinian Territory, Occupied"),
    ("PT", "Portugal"),
    ("PW", "Palau"),
    ("PY", "Paraguay"),
    ("QA", "Qatar"),
    ("RE", "Reunion"),
    ("RO", "Romania"),
    ("RS", "Serbia"),
    ("RU", "Russian Federation"),
    ("RW", "Rwanda"),
    ("SA", "Saudi Arabia"),
    ("SB", "Solomon Islands"),
    ("SC", "Seychelles"),
    ("SD", "Sudan"),
    ("SE", "Sweden"),
    ("SG", "Singapore"),
    ("SH", "Saint Helena, Ascension and Tristan da Cunha"),
    ("SI", "Slovenia"),
    ("SJ", "Svalbard and Jan Mayen"),
    ("SK", "Slovakia"),
    ("SL", "Sierra Leone"),
    ("SM", "San Marino"),
    ("SN", "Senegal"),
    ("SO", "Somalia"),
    ("SR", "Suriname"),
    ("SS", "South Sudan"),
    ("ST", "Sao Tome and Principe"),
    ("SV", "El Salvador"),
    ("SX", "Sint Maarten (Dutch part)"),
    ("SY", "Syrian Arab Republic"),
    ("SZ", "Swaziland"),
    ("TC", "Turks and Caicos Islands"),
    ("TD", "Chad"),
    ("TF", "French Southern Territories"),
    ("TG", "Togo"),
    ("TH", "Thailand"),
    ("TJ", "Tajikistan"),
    ("TK", "Tokelau"),
    ("TL", "Timor-Leste"),
    ("TM", "Turkmenistan"),
    ("TN", "Tunisia"),
    ("TO", "Tonga"),
    ("TR", "Turkey"),
    ("TT", "Trinidad and Tobago"),
    ("TV", "Tuvalu"),
    ("TW", "Taiwan"),
    ("TZ", "Tanzania, United Republic of"),
    ("UA", "Ukraine"),
    ("UG", "Uganda"),
    ("UM", "United States Minor Outlying Islands"),
    ("US", "United States"),
    ("UY", "Uruguay"),
    ("UZ", "Uzbekistan"),
    ("VA", "Holy See (Vatican City State)"),
    ("VC", "Saint Vincent and the Grenadines"),
    ("VE", "Venezuela"),
    ("VG", "Virgin Islands, British"),
    ("VI", "Virgin Islands, U.S."),
    ("VN", "Viet Nam"),
    ("VU", "Vanuatu"),
    ("WF", "Wallis and Futuna"),
    ("WS", "Samoa"),
    ("YE", "Yemen"),
    ("YT", "Mayotte"),
    ("ZA", "South Africa"),
    ("ZM", "Zambia"),
    ("ZW", "Zimbabwe"),
];

static NAMES: &[(&str, &str)] = &[
    ("afghanistan", "AF"),
    ("aland islands", "AX"),
    ("albania", "AL"),
    ("algeria", "DZ"),
    ("america", "US"),
    ("american samoa", "AS"),
    ("andorra", "AD"),
    ("angola", "AO"),
    ("anguilla", "AI"),
    ("antarctica", "AQ"),
    ("antigua", "AG"),
    ("antigua and barbuda", "AG"),
    ("argentina", "AR"),
    ("armenia", "AM"),
    ("aruba", "AW"),
    ("australia", "AU"),
    ("austria", "AT"),
    ("azerbaijan", "AZ"),
    ("bahamas", "BS"),
    ("bahamas, the", "BS"),
    ("bahrain", "BH"),
    ("bangladesh", "BD"),
    ("barbados", "BB"),
    ("belarus", "BY"),
    ("belgium", "BE"),
    ("belize", "BZ"),
    ("benin", "BJ"),
    ("bermuda", "BM"),
    ("bhutan", "BT"),
    ("bolivia", "BO"),
    ("bolivia, plurinational state of", "BO"),
    ("bonaire", "BQ"),
    ("bonaire, sint eustatius and saba", "BQ"),
    ("bosnia", "BA"),
    ("bosnia and herzegovina", "BA"),
    ("botswana", "BW"),
    ("bouvet island", "BV"),
    ("brazil", "BR"),
    ("britain", "GB"),
    ("british indian ocean territory", "IO"),
    ("british virgin islands", "VG"),
    ("brunei", "BN"),
    ("brunei darussalam", "BN"),
    ("bulgaria", "BG"),
    ("burkina faso", "BF"),
    ("burma", "MM"),
    ("burundi", "BI"),
    ("cabo verde", "CV"),
    ("cambodia", "KH"),
    ("cameroon", "CM"),
    ("canada", "CA"),
    ("cape verde", "CV"),
    ("caribbean netherlands", "BQ"),
    ("cayman islands", "KY"),
    ("central african republic", "CF"),
    ("chad", "TD"),
    ("chile", "CL"),
    ("china", "CN"),
    ("christmas island", "CX"),
    ("cocos (keeling) islands", "CC"),
    ("cocos islands", "CC"),
    ("colombia", "CO"),
    ("comoros", "KM"),
    ("congo", "CG"),
    ("congo (brazzaville)", "CG"),
    ("congo (kinshasa)", "CD"),
    ("congo brazzaville", "CG"),
    ("congo kinshasa", "CD"),
    ("congo, democratic republic of the", "CD"),
    ("congo, republic of the", "CG"),
    ("congo, the democratic republic of the", "CD"),
    ("cook islands", "CK"),
    ("costa rica", "CR"),
    ("cote d'ivoire", "CI"),
    ("croatia", "HR"),
    ("cuba", "CU"),
    ("curacao", "CW"),
    ("cyprus", "CY"),
    ("czech republic", "CZ"),
    ("czechia", "CZ"),
    ("democratic people's republic of korea", "KP"),
    ("democratic republic of the congo", "CD"),
    ("denmark", "DK"),
    ("deutschland", "DE"),
    ("djibouti", "DJ"),
    ("dominica", "DM"),
    ("dominican republic", "DO"),
    ("dprk", "KP"),
    ("dr congo", "CD"),
    ("drc", "CD"),
    ("east timor", "TL"),
    ("ecuador", "EC"),
    ("egypt", "EG"),
    ("eire", "IE"),
    ("el salvador", "SV"),
    ("emirates", "AE"),
    ("england", "GB"),
    ("equatorial guinea", "GQ"),
    ("eritrea", "ER"),
    ("estonia", "EE"),
    ("eswatini", "SZ"),
    ("ethiopia", "ET"),
    ("falkland islands", "FK"),
    ("falkland islands (malvinas)", "FK"),
    ("faroe islands", "FO"),
    ("fiji", "FJ"),
    ("finland", "FI"),
    ("france", "FR"),
    ("french guiana", "GF"),
    ("french polynesia", "PF"),
    ("french southern and antarctic lands", "TF"),
    ("french southern territories", "TF"),
    ("gabon", "GA"),
    ("gambia", "GM"),
    ("gambia, the", "GM"),
    ("georgia", "GE"),
    ("germany", "DE"),
    ("ghana", "GH"),
    ("gibraltar", "GI"),
    ("great britain", "GB"),
    ("greece", "GR"),
    ("greenland", "GL"),
    ("grenada", "GD"),
    ("guadeloupe", "GP"),
    ("guam", "GU"),
    ("guatemala", "GT"),
    ("guernsey", "GG"),
    ("guinea", "GN"),
    ("guinea bissau", "GW"),
    ("guyana", "GY"),
    ("haiti", "HT"),
    ("heard and mcdonald islands", "HM"),
    ("heard island and mcdonald islands", "HM"),
    ("holland", "NL"),
    ("holy see", "VA"),
    ("holy see (vatican city state)", "VA"),
    ("honduras", "HN"),
    ("hong kong", "HK"),
    ("hong kong sar", "HK"),
    ("hungary", "HU"),
    ("iceland", "IS"),
    ("india", "IN"),
    ("indonesia", "ID"),
    ("iran", "IR"),
    ("iran, islamic republic of", "IR"),
    ("iraq", "IQ"),
    ("ireland", "IE"),
    ("islamic republic of iran", "IR"),
    ("isle of man", "IM"),
    ("israel", "IL"),
    ("italy", "IT"),
    ("ivory coast", "CI"),
    ("jamaica", "JM"),
    ("japan", "JP"),
    ("jersey", "JE"),
    ("jordan", "JO"),
    ("kazakhstan", "KZ"),
    ("keeling islands", "CC"),
    ("kenya", "KE"),
    ("kingdom of eswatini", "SZ"),
    ("kiribati", "KI"),
    ("korea", "KR"),
    ("korea (north)", "KP"),
    ("korea (south)", "KR"),
    ("korea, democratic people's republic of", "KP"),
    ("korea, republic of", "KR"),
    ("kuwait", "KW"),
    ("kyrgyz republic", "KG"),
    ("kyrgyzstan", "KG"),
    ("lao pdr", "LA"),
    ("lao people's democratic republic", "LA"),
    ("laos", "LA"),
    ("latvia", "LV"),
    ("lebanon", "LB"),
    ("lesotho", "LS"),
    ("liberia", "LR"),
    ("libya", "LY"),
    ("libyan arab jamahiriya", "LY"),
    ("liechtenstein", "LI"),
    ("lithuania", "LT"),
    ("luxembourg", "LU"),
    ("macao", "MO"),
    ("macau", "MO"),
    ("macedonia", "MK"),
    ("macedonia, the former yugoslav republic of", "MK"),
    ("madagascar", "MG"),
    ("malawi", "MW"),
    ("malaysia", "MY"),
    ("maldives", "MV"),
    ("mali", "ML"),
    ("malta", "MT"),
    ("marshall islands", "MH"),
    ("martinique", "MQ"),
    ("mauritania", "MR"),
    ("mauritius", "MU"),
    ("mayotte", "YT"),
    ("mexico", "MX"),
    ("micronesia", "FM"),
    ("micronesia, federated states of", "FM"),
    ("moldova", "MD"),
    ("moldova, republic of", "MD"),
    ("monaco", "MC"),
    ("mongolia", "MN"),
    ("montenegro", "ME"),
    ("montserrat", "MS"),
    ("morocco", "MA"),
    ("mozambique", "MZ"),
    ("myanmar", "MM"),
    ("namibia", "NA"),
    ("nauru", "NR"),
    ("nepal", "NP"),
    ("netherlands", "NL"),
    ("netherlands, the", "NL"),
    ("new caledonia", "NC"),
    ("new zealand", "NZ"),
    ("nicaragua", "NI"),
    ("niger", "NE"),
    ("nigeria", "NG"),
    ("niue", "NU"),
    ("norfolk island", "NF"),
    ("north korea", "KP"),
    ("north macedonia", "MK"),
    ("northern ireland", "GB"),
    ("northern mariana islands", "MP"),
    ("norway", "NO"),
    ("oman", "OM"),
    ("pakistan", "PK"),
    ("palau", "PW"),
    ("palestine", "PS"),
    ("palestine, state of", "PS"),
    ("palestinian territories", "PS"),
    ("palestinian territory, occupied", "PS"),
    ("panama", "PA"),
    ("papua new guinea", "PG"),
    ("paraguay", "PY"),
    ("people's republic of china", "CN"),
    ("peru", "PE"),
    ("philippines", "PH"),
    ("pitcairn", "PN"),
    ("pitcairn islands", "PN"),
    ("poland", "PL"),
    ("portugal", "PT"),
    ("prc", "CN"),
    ("puerto rico", "PR"),
    ("qatar", "QA"),
    ("republic of china", "TW"),
    ("republic of ireland", "IE"),
    ("republic of korea", "KR"),
    ("republic of north macedonia", "MK"),
    ("republic of the congo", "CG"),
    ("reunion", "RE"),
    ("romania", "RO"),
    ("russia", "RU"),
    ("russian federation", "RU"),
    ("rwanda", "RW"),
    ("saint barthelemy", "BL"),
    ("saint helena", "SH"),
    ("saint helena, ascension and tristan da cunha", "SH"),
    ("saint kitts", "KN"),
    ("saint kitts and nevis", "KN"),
    ("saint lucia", "LC"),
    ("saint martin", "MF"),
    ("saint martin (french part)", "MF"),
    ("saint pierre and miquelon", "PM"),
    ("saint vincent and the grenadines", "VC"),
    ("samoa", "WS"),
    ("san marino", "SM"),
    ("sao tome", "ST"),
    ("sao tome and principe", "ST"),
    ("saudi arabia", "SA"),
    ("scotland", "GB"),
    ("senegal", "SN"),
    ("serbia", "RS"),
    ("seychelles", "SC"),
    ("sierra leone", "SL"),
    ("singapore", "SG"),
    ("sint maarten", "SX"),
    ("sint maarten (dutch part)", "SX"),
    ("slovak republic", "SK"),
    ("slovakia", "SK"),
    ("slovenia", "SI"),
    ("solomon islands", "SB"),
    ("somalia", "SO"),
    ("south africa", "ZA"),
    ("south georgia", "GS"),
    ("south georgia and the south sandwich islands", "GS"),
    ("south korea", "KR"),
    ("south sudan", "SS"),
    ("spain", "ES"),
    ("sri lanka", "LK"),
    ("state of palestine", "PS"),
    ("sudan", "SD"),
    ("suriname", "SR"),
    ("svalbard", "SJ"),
    ("svalbard and jan mayen", "SJ"),
    ("swaziland", "SZ"),
    ("sweden", "SE"),
    ("swiss confederation", "CH"),
    ("switzerland", "CH"),
    ("syria", "SY"),
    ("syrian arab republic", "SY"),
    ("taiwan", "TW"),
    ("taiwan, province of china", "TW"),
    ("tajikistan", "TJ"),
    ("tanzania", "TZ"),
    ("tanzania, united republic of", "TZ"),
    ("thailand", "TH"),
    ("timor leste", "TL"),
    ("togo", "TG"),
    ("tokelau", "TK"),
    ("tonga", "TO"),
    ("trinidad", "TT"),
    ("trinidad and tobago", "TT"),
    ("tunisia", "TN"),
    ("turkey", "TR"),
    ("turkiye", "TR"),
    ("turkmenistan", "TM"),
    ("turks and caicos islands", "TC"),
    ("tuvalu", "TV"),
    ("uae", "AE"),
    ("uganda", "UG"),
    ("uk", "GB"),
    ("ukraine", "UA"),
    ("united arab emirates", "AE"),
    ("united kingdom", "GB"),
    ("united kingdom of great britain and northern ireland", "GB"),
    ("united states", "US"),
    ("united states minor outlying islands", "UM"),
    ("united states of america", "US"),
    ("united states virgin islands", "VI"),
    ("uruguay", "UY"),
    ("us minor outlying islands", "UM"),
    ("us of a", "US"),
    ("us virgin islands", "VI"),
    ("usa", "US"),
    ("uzbekistan", "UZ"),
    ("vanuatu", "VU"),
    ("vatican", "VA"),
    ("vatican city", "VA"),
    ("vatican city state", "VA"),
    ("venezuela", "VE"),
    ("venezuela, bolivarian republic of", "VE"),
    ("viet nam", "VN"),
    ("vietnam", "VN"),
    ("virgin islands, british", "VG"),
    ("virgin islands, us", "VI"),
    ("wales", "GB"),
    ("wallis and futuna", "WF"),
    ("wallis and futuna islands", "WF"),
    ("western sahara", "EH"),
    ("yemen", "YE"),
    ("zambia", "ZM"),
    ("zimbabwe", "ZW"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_has_all_249_assigned_codes_sorted_and_unique() {
        assert_eq!(COUNTRIES.len(), 249);
        assert!(COUNTRIES.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(COUNTRIES
            .iter()
            .all(|(c, _)| c.len() == 2 && c.bytes().all(|b| b.is_ascii_uppercase())));
    }

    #[test]
    fn name_keys_are_sorted_unique_and_normalised() {
        assert!(NAMES.windows(2).all(|w| w[0].0 < w[1].0));
        for (key, code) in NAMES {
            assert_eq!(normalize(key), *key);
            assert!(name_of(code).is_some(), "{code}");
        }
    }

    #[test]
    fn every_table_name_maps_back_to_its_code() {
        for (code, name) in COUNTRIES {
            assert_eq!(name_of(code), Some(*name));
            assert_eq!(code_of(name), Some(*code), "{name}");
            assert_eq!(code_of(&name.to_uppercase()), Some(*code), "{name}");
            assert_eq!(code_of(code), Some(*code));
        }
    }

    #[test]
    fn common_aliases_resolve() {
        for (alias, code) in [
            ("USA", "US"),
            ("U.S.A.", "US"),
            ("United States of America", "US"),
            ("  united   states ", "US"),
            ("UK", "GB"),
            ("Great Britain", "GB"),
            ("England", "GB"),
            ("South Korea", "KR"),
            ("North Korea", "KP"),
            ("Russia", "RU"),
            ("Vietnam", "VN"),
            ("Iran", "IR"),
            ("Syria", "SY"),
            ("Laos", "LA"),
            ("Ivory Coast", "CI"),
            ("Côte d'Ivoire", "CI"),
            ("Czechia", "CZ"),
            ("The Netherlands", "NL"),
            ("Holland", "NL"),
            ("The Bahamas", "BS"),
            ("DR Congo", "CD"),
            ("Republic of the Congo", "CG"),
            ("Macau", "MO"),
            ("Vatican City", "VA"),
            ("UAE", "AE"),
            ("Moldova", "MD"),
            ("Tanzania", "TZ"),
            ("Palestine", "PS"),
            ("North Macedonia", "MK"),
            ("Eswatini", "SZ"),
            ("Türkiye", "TR"),
            ("Libya", "LY"),
            ("Trinidad & Tobago", "TT"),
            ("St Kitts & Nevis", "KN"),
            ("Saint-Barthélemy", "BL"),
            ("Guinea Bissau", "GW"),
            ("Timor Leste", "TL"),
            ("Curaçao", "CW"),
            ("Åland Islands", "AX"),
            ("Réunion", "RE"),
            ("São Tomé and Príncipe", "ST"),
            ("U.S. Virgin Islands", "VI"),
            ("British Virgin Islands", "VG"),
            ("Burma", "MM"),
        ] {
            assert_eq!(code_of(alias), Some(code), "{alias}");
        }
    }

    #[test]
    fn unknown_names_and_unassigned_codes_are_none() {
        for name in [
            "",
            " ",
            "XX",
            "Atlantis",
            "United",
            "Korea, Republic",
            "USSR",
            "EU",
        ] {
            assert_eq!(code_of(name), None, "{name}");
        }
        assert_eq!(name_of("XK"), None);
        assert_eq!(name_of("uk"), None);
        assert_eq!(code_of(&"a".repeat(10_000)), None);
    }
}
