//! Where a line may break inside a "word": Chinese and Japanese are written
//! without spaces, so a comment or a rubric text in them is one long word
//! that would run off the page. A line may break between two characters
//! when one of them is a Han ideograph, kana or a full-width form, except
//! before closing punctuation and small kana, and after opening brackets
//! (the simplest form of the Japanese kinsoku rules). Korean separates
//! words with spaces and breaks there, like Latin text.

/// Characters of scripts written without spaces.
fn wide(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x2FDF     // CJK radicals
        | 0x3000..=0x303F   // CJK symbols and punctuation
        | 0x3040..=0x30FF   // Hiragana, Katakana
        | 0x3100..=0x312F   // Bopomofo
        | 0x31F0..=0x31FF   // Katakana extensions
        | 0x3400..=0x4DBF   // CJK extension A
        | 0x4E00..=0x9FFF   // CJK unified ideographs
        | 0xF900..=0xFAFF   // CJK compatibility ideographs
        | 0xFF00..=0xFFEF   // full-width forms
        | 0x20000..=0x3FFFF // CJK extensions B and later
    )
}

/// No line starts with these.
const NO_START: &str = "、。，．・：；？！）」』】〕〉》〙〗｝］ーゝゞ々ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ,.:;?!)]}%";
/// No line ends with these.
const NO_END: &str = "（「『【〔〈《〘〖｛［([{";

/// `word` (no spaces in it) cut where a line may break; one piece for a
/// word in a script written with spaces.
pub fn pieces(word: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut prev: Option<char> = None;
    for (i, c) in word.char_indices() {
        if let Some(p) = prev {
            if (wide(p) || wide(c)) && !NO_START.contains(c) && !NO_END.contains(p) {
                out.push(&word[start..i]);
                start = i;
            }
        }
        prev = Some(c);
    }
    if start < word.len() {
        out.push(&word[start..]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::pieces;

    #[test]
    fn latin_and_korean_words_stay_whole() {
        assert_eq!(pieces("Produktentwicklung"), vec!["Produktentwicklung"]);
        assert_eq!(pieces("영업팀"), vec!["영업팀"]);
        assert_eq!(pieces(""), Vec::<&str>::new());
    }

    #[test]
    fn chinese_and_japanese_break_between_characters() {
        assert_eq!(pieces("工程部"), vec!["工", "程", "部"]);
        assert_eq!(pieces("AI活用"), vec!["AI", "活", "用"]);
    }

    #[test]
    fn punctuation_stays_with_its_neighbour() {
        // Not before 。 or 」, not after 「.
        assert_eq!(pieces("「営業」です。"), vec!["「営", "業」", "で", "す。"]);
        assert_eq!(pieces("ちょっと"), vec!["ちょっ", "と"]);
    }
}
