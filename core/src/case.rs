//! Lower-casing for comparisons (duplicate emails in a batch, country names), without the
//! standard library's Unicode case tables, which are about 2.7 KB of the gzipped WebAssembly
//! validator: a third of its headroom under the 100 KB budget for a browser form.
//!
//! [`lower`] agrees with `char::to_lowercase` wherever that gives one character, for every
//! character below U+0530: Latin (ASCII, Latin-1, Latin Extended-A and B, IPA), Greek and
//! Cyrillic, which is what names and internationalized email addresses use in practice (a test
//! checks the whole range against the standard library). Other scripts with case (Armenian,
//! Georgian, Cherokee, full-width Latin...) are compared as written.

/// The lower-case form of `c` (see the module docs for its reach).
pub(crate) fn lower(c: char) -> char {
    let u = c as u32;
    let l = match u {
        0x41..=0x5A | 0xC0..=0xD6 | 0xD8..=0xDE | 0x391..=0x3A1 | 0x3A3..=0x3AB | 0x410..=0x42F => {
            u + 0x20
        }
        0x80..=0x52F => return extended(c),
        _ => u,
    };
    char::from_u32(l).unwrap_or(c)
}

/// [`lower`] from U+0080 to U+052F, outside the ranges that simply add 0x20.
fn extended(c: char) -> char {
    let u = c as u32;
    let l = match u {
        // İ lower-cases to `i` and a combining dot: its first character, as `to_lowercase`
        // callers that keep one character see it.
        0x130 => 0x69,
        0x178 => 0xFF,
        // Pairs where the upper-case letter is even (or odd) and the lower-case one follows.
        0x100..=0x137
        | 0x14A..=0x177
        | 0x1DE..=0x1EF
        | 0x1F8..=0x21F
        | 0x222..=0x233
        | 0x246..=0x24F
        | 0x370..=0x373
        | 0x3D8..=0x3EF
        | 0x460..=0x481
        | 0x48A..=0x4BF
        | 0x4D0..=0x52F
            if u % 2 == 0 =>
        {
            u + 1
        }
        0x139..=0x148 | 0x179..=0x17E | 0x4C1..=0x4CE if u % 2 == 1 => u + 1,
        0x400..=0x40F => u + 0x50,
        0x386 => 0x3AC,
        0x388..=0x38A => u + 0x25,
        0x38C => 0x3CC,
        0x38E | 0x38F => u + 0x3F,
        0x376 => 0x377,
        0x37F => 0x3F3,
        0x3CF => 0x3D7,
        0x3F4 => 0x3B8,
        0x3F7 => 0x3F8,
        0x3F9 => 0x3F2,
        0x3FA => 0x3FB,
        0x3FD..=0x3FF => u - 0x82,
        0x4C0 => 0x4CF,
        _ => return latin_b(c),
    };
    char::from_u32(l).unwrap_or(c)
}

/// [`lower`] for Latin Extended-B's irregular letters (U+0180 to U+024F).
fn latin_b(c: char) -> char {
    let u = c as u32;
    let l = match u {
        0x181 => 0x253,
        0x182 | 0x184 | 0x187 | 0x18B | 0x191 | 0x198 | 0x1A0 | 0x1A2 | 0x1A4 | 0x1A7 | 0x1AC
        | 0x1AF | 0x1B3 | 0x1B5 | 0x1B8 | 0x1BC | 0x1CD | 0x1CF | 0x1D1 | 0x1D3 | 0x1D5 | 0x1D7
        | 0x1D9 | 0x1DB | 0x1F4 | 0x23B | 0x241 => u + 1,
        0x186 => 0x254,
        0x189 => 0x256,
        0x18A => 0x257,
        0x18E => 0x1DD,
        0x18F => 0x259,
        0x190 => 0x25B,
        0x193 => 0x260,
        0x194 => 0x263,
        0x196 => 0x269,
        0x197 => 0x268,
        0x19C => 0x26F,
        0x19D => 0x272,
        0x19F => 0x275,
        0x1A6 => 0x280,
        0x1A9 => 0x283,
        0x1AE => 0x288,
        0x1B1 => 0x28A,
        0x1B2 => 0x28B,
        0x1B7 => 0x292,
        0x1C4 | 0x1C7 | 0x1CA | 0x1F1 => u + 2,
        0x1C5 | 0x1C8 | 0x1CB | 0x1F2 => u + 1,
        0x1F6 => 0x195,
        0x1F7 => 0x1BF,
        0x220 => 0x19E,
        0x23A => 0x2C65,
        0x23D => 0x19A,
        0x23E => 0x2C66,
        0x243 => 0x180,
        0x244 => 0x289,
        0x245 => 0x28C,
        _ => u,
    };
    char::from_u32(l).unwrap_or(c)
}

/// Whether two strings are equal once lower-cased with [`lower`].
pub(crate) fn eq_lower(a: &str, b: &str) -> bool {
    a.chars().map(lower).eq(b.chars().map(lower))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agrees_with_the_standard_library_below_u0530() {
        for u in 0..0x530 {
            let Some(c) = char::from_u32(u) else { continue };
            let mut std = c.to_lowercase();
            let first = std.next().unwrap();
            assert_eq!(lower(c), first, "U+{u:04X}");
        }
    }

    #[test]
    fn other_scripts_are_kept() {
        for c in ['Ա', 'Ⴀ', 'Ａ', '李', '😀'] {
            assert_eq!(lower(c), c);
        }
    }

    #[test]
    fn compares_names_and_emails() {
        assert!(eq_lower("ZOË@EXÄMPLE.DE", "zoë@exämple.de"));
        assert!(eq_lower("ΑΘΗΝΑ", "αθηνα"));
        assert!(eq_lower("МОСКВА", "москва"));
        assert!(!eq_lower("a@b.co", "a@b.com"));
    }
}
