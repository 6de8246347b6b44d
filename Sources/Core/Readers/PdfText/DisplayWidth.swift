/// How many columns `pdftotext -layout` gives a character: CJK ideographs, kana, Hangul and
/// full-width forms take two, everything else one (the East Asian Width classes W and F;
/// ambiguous marks such as “ ” count one, as pdftotext pads them).
enum DisplayWidth {
    static func of(_ u: Unicode.Scalar) -> Int {
        let v = u.value
        if v < 0x1100 { return 1 }
        switch v {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
             0xFFE0...0xFFE6, 0x20000...0x3FFFD:
            return 2
        default:
            return 1
        }
    }

    /// The columns `text` takes.
    static func of<S: StringProtocol>(_ text: S) -> Int {
        var w = 0
        for u in text.unicodeScalars { w += of(u) }
        return w
    }

    /// A CJK ideograph or full-width letter (a word character of Chinese text, not a digit or Latin letter).
    static func isCJK(_ u: Unicode.Scalar) -> Bool { of(u) == 2 }
}
