import Foundation

/// Normalises the text of cells as extractions print it: full-width digits and
/// punctuation, odd spaces, Word bookmarks.
public enum TextNormalizer {
    /// Whitespace that extractions leave in cells, including the ideographic
    /// space U+3000 and no-break spaces that Word uses to pad empty cells.
    static let spaceScalars: Set<Unicode.Scalar> = [" ", "\t", "\n", "\r", "\u{3000}", "\u{00A0}", "\u{2002}", "\u{2003}", "\u{2009}", "\u{200B}", "\u{FEFF}"]

    /// Trims every kind of whitespace an extraction may leave around a cell.
    public static func trim(_ s: String) -> String {
        var scalars = Substring(s).unicodeScalars[...]
        while let f = scalars.first, spaceScalars.contains(f) { scalars = scalars.dropFirst() }
        while let l = scalars.last, spaceScalars.contains(l) { scalars = scalars.dropLast() }
        return String(String.UnicodeScalarView(scalars))
    }

    /// Maps full-width ASCII variants (０-９, ．, ％, ，) to ASCII and drops Word's
    /// "[bookmark: …]" artefacts, then trims.
    public static func normalize(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars {
            let v = u.value
            if v >= 0xFF01 && v <= 0xFF5E, let mapped = Unicode.Scalar(v - 0xFEE0) {
                // Only digits, letters and number signs are folded; full-width
                // punctuation (：，（）) is how Chinese labels and sentences are written.
                if mapped.properties.isAlphabetic || ("0"..."9").contains(mapped) || ".%+-=<>/\\".unicodeScalars.contains(mapped) {
                    out.append(mapped)
                } else {
                    out.append(u)
                }
            } else {
                out.append(u)
            }
        }
        var text = String(out)
        if text.contains("[bookmark:") {
            text = text.replacingOccurrences(of: #"\[bookmark:[^\]]*\]"#, with: "", options: .regularExpression)
        }
        return trim(text)
    }

    /// The text with every whitespace removed: header and label matching ignores
    /// the line breaks and padding of merged cells ("年初\n预算数").
    public static func compact(_ s: String) -> String {
        String(String.UnicodeScalarView(normalize(s).unicodeScalars.filter { !spaceScalars.contains($0) }))
    }

    /// A label without its list prefix ("1、", "(一)", "其中：") and trailing colon,
    /// so "   1、公务用车购置和维护经费" and "其中：公车购置" compare by name.
    public static func label(_ s: String) -> String {
        var t = compact(s)
        let prefixes = [#"^其中[:：]"#, #"^[0-9]+[、.．)）]"#, #"^[（(][一二三四五六七八九十0-9]+[)）]"#, #"^[一二三四五六七八九十]+[、.．]"#]
        var changed = true
        while changed {
            changed = false
            for p in prefixes {
                if let r = t.range(of: p, options: .regularExpression) { t.removeSubrange(r); changed = true }
            }
        }
        while let last = t.last, last == ":" || last == "：" { t.removeLast() }
        return t
    }
}
