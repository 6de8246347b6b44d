import Foundation

/// Normalises the text of cells as extractions print it: full-width digits and
/// punctuation, odd spaces, Word bookmarks.
public enum TextNormalizer {
    /// Whitespace that extractions leave in cells, including the form feed that
    /// pdftotext puts at each page break, the ideographic space U+3000 and no-break spaces that Word uses to pad empty cells.
    /// A switch, not a Set: hashing every scalar of every cell cost more than the
    /// rest of trimming and compaction together.
    @inline(__always)
    static func isSpace(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x3000, 0x00A0, 0x2002, 0x2003, 0x2009, 0x200B, 0xFEFF: return true
        default: return false
        }
    }

    /// Trims every kind of whitespace an extraction may leave around a cell.
    public static func trim(_ s: String) -> String {
        let view = s.unicodeScalars
        // Most cells have nothing to trim; returning the string itself saves a copy.
        guard let first = view.first, let last = view.last, isSpace(first) || isSpace(last) else { return s }
        // Index walks from both ends and one copy of the bytes between: rebuilding the string
        // scalar by scalar (UnicodeScalarView.append) was a third of reading a Word-text report.
        var start = view.startIndex, end = view.endIndex
        while start < end, isSpace(view[start]) { start = view.index(after: start) }
        while end > start {
            let before = view.index(before: end)
            guard isSpace(view[before]) else { break }
            end = before
        }
        return String(Substring(view[start..<end]))
    }

    /// True when the UTF-8 holds a full-width digit, letter or number sign (U+FF01…U+FF5E, as
    /// EF BC 81…EF BD 9E) that `normalize` maps to ASCII. Full-width punctuation (，：（）) is in
    /// almost every Chinese text and is kept, so testing for the block alone rebuilt nearly
    /// every string scalar by scalar for nothing.
    private static func hasFoldableFullWidth(_ s: String) -> Bool {
        var b0: UInt8 = 0, b1: UInt8 = 0
        for b in s.utf8 {
            if b0 == 0xEF && (b1 == 0xBC || b1 == 0xBD) && b >= 0x80 && b <= 0xBF {
                let v = (b1 == 0xBC ? 0xFF00 : 0xFF40) + UInt32(b - 0x80)
                if v >= 0xFF01 && v <= 0xFF5E, isFolded(UInt8(v - 0xFEE0)) { return true }
            }
            b0 = b1; b1 = b
        }
        return false
    }

    /// The ASCII characters whose full-width forms `normalize` folds.
    private static func isFolded(_ c: UInt8) -> Bool {
        switch c {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: return true
        case UInt8(ascii: "."), UInt8(ascii: "%"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "="),
             UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "/"), UInt8(ascii: "\\"): return true
        default: return false
        }
    }

    /// Maps full-width ASCII variants (０-９, ．, ％, ，) to ASCII and drops Word's
    /// "[bookmark: …]" artefacts, then trims.
    public static func normalize(_ s: String) -> String {
        var text = s
        if hasFoldableFullWidth(s) {
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
            text = String(out)
        }
        if text.utf8.contains(UInt8(ascii: "[")) { text = removingBookmarks(text) }
        return trim(text)
    }

    /// The text without Word's "[bookmark:…]" marks (each up to the first "]"), by a byte scan:
    /// the regular expression cost ICU's whole setup in the first report that had one.
    static func removingBookmarks(_ text: String) -> String {
        let marker = Array("[bookmark:".utf8)
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        var i = 0, copied = 0
        while i + marker.count <= bytes.count {
            guard bytes[i] == marker[0], bytes[i..<i + marker.count].elementsEqual(marker) else { i += 1; continue }
            guard let close = bytes[(i + marker.count)...].firstIndex(of: UInt8(ascii: "]")) else { break }
            out += bytes[copied..<i]
            i = close + 1
            copied = i
        }
        if copied == 0 { return text }
        out += bytes[copied...]
        return String(decoding: out, as: UTF8.self)
    }

    /// The text with every whitespace removed: header and label matching ignores
    /// the line breaks and padding of merged cells ("年初\n预算数").
    public static func compact(_ s: String) -> String {
        let n = normalize(s)
        guard n.unicodeScalars.contains(where: isSpace) else { return n }
        // The runs between spaces are appended as slices (copies of their bytes); filtering
        // scalar by scalar into a new view cost a tenth of reading a Word-text report.
        let view = n.unicodeScalars
        var out = ""
        out.reserveCapacity(n.utf8.count)
        var runStart = view.startIndex
        var i = view.startIndex
        while i < view.endIndex {
            let next = view.index(after: i)
            if isSpace(view[i]) {
                if runStart < i { out += Substring(view[runStart..<i]) }
                runStart = next
            }
            i = next
        }
        if runStart < view.endIndex { out += Substring(view[runStart..<view.endIndex]) }
        return out
    }

    /// A label without its list prefix ("1、", "(一)", "其中：") and trailing colon,
    /// so "   1、公务用车购置和维护经费" and "其中：公车购置" compare by name.
    public static func label(_ s: String) -> String { label(compacted: compact(s)) }

    /// `label` of a text already compacted (a cell's cached `compact`).
    static func label(compacted t: String) -> String { TextPatterns.strippingListPrefixes(t) }
}

extension String {
    /// `replacingOccurrences(of: needle, with: "")`, without Foundation's search when the
    /// needle's first byte does not occur at all (most texts have no "**" to strip).
    public func removingAll(_ needle: String) -> String {
        guard let first = needle.utf8.first, utf8.contains(first) else { return self }
        return replacingOccurrences(of: needle, with: "")
    }
}

extension String {
    /// The standard library's `hasPrefix` (which compares Characters, canonically), scalar by
    /// scalar while every scalar involved is plain (no canonical decomposition, never combining,
    /// see `TextNormalizer.isPlain`); there the two agree, and the stdlib walk was a tenth of
    /// the recognizer's time. Anything else goes to `hasPrefix`.
    public func hasTextPrefix(_ prefix: String) -> Bool {
        var it = unicodeScalars.makeIterator()
        for p in prefix.unicodeScalars {
            guard TextNormalizer.isPlain(p) else { return hasPrefix(prefix) }
            guard let s = it.next() else { return false }
            guard TextNormalizer.isPlain(s) else { return hasPrefix(prefix) }
            if s != p { return false }
        }
        // The prefix ends on a Character boundary unless a combining scalar follows;
        // CR LF is one Character, so a prefix ending in CR is left to the stdlib too.
        guard let next = it.next() else { return true }
        if TextNormalizer.isPlain(next) && prefix.unicodeScalars.last != "\r" { return true }
        return hasPrefix(prefix)
    }
}

extension String {
    /// The standard library's `hasSuffix`, compared scalar by scalar while every scalar involved
    /// (the suffix, the text's last scalars and the one before them) is plain; otherwise `hasSuffix`.
    public func hasTextSuffix(_ suffix: String) -> Bool {
        var it = unicodeScalars.reversed().makeIterator()
        for p in suffix.unicodeScalars.reversed() {
            guard TextNormalizer.isPlain(p) else { return hasSuffix(suffix) }
            guard let s = it.next() else { return false }
            guard TextNormalizer.isPlain(s) else { return hasSuffix(suffix) }
            if s != p { return false }
        }
        // A Character boundary before the suffix: nothing non-plain before it, and no CR LF split.
        guard let before = it.next() else { return true }
        if TextNormalizer.isPlain(before) && !(before == "\r" && suffix.unicodeScalars.first == "\n") { return true }
        return hasSuffix(suffix)
    }
}

/// A text searched for many words: whether byte search may stand in for Foundation's
/// canonical-equivalence search (see `containsText`) is established once, not per word.
public struct SearchableText {
    public let text: String
    private let plain: Bool

    public init(_ text: String) {
        self.text = text
        plain = TextNormalizer.isPlainText(text)
    }

    /// Foundation's `contains(_:)`.
    public func contains(_ needle: String) -> Bool {
        if plain, let found = TextNormalizer.plainBytes(of: text, contain: needle) { return found }
        return text.contains(needle)
    }

    /// The UTF-8 offset where `needle` last begins, for plain text; nil when it does not occur.
    /// For text that is not plain, the Foundation search's position, as a UTF-8 offset.
    public func lastOffset(of needle: String) -> Int? {
        if plain, TextNormalizer.isPlainText(needle), !needle.isEmpty {
            let hay = Array(text.utf8), n = Array(needle.utf8)
            guard hay.count >= n.count else { return nil }
            var i = hay.count - n.count
            while i >= 0 {
                if hay[i] == n[0] {
                    var k = 1
                    while k < n.count && hay[i + k] == n[k] { k += 1 }
                    if k == n.count { return i }
                }
                i -= 1
            }
            return nil
        }
        guard let r = text.range(of: needle, options: .backwards) else { return nil }
        return text.utf8.distance(from: text.startIndex, to: r.lowerBound)
    }
}

extension StringProtocol {
    /// Foundation's `contains(_:)` (which finds canonically equivalent text too), as a
    /// UTF-8 byte search whenever both sides hold only scalars that have no canonical
    /// decomposition, never combine and are each their own grapheme cluster, so that
    /// bytes and canonical equivalence agree. Foundation's search through NSString
    /// was a quarter of the time of reading a report; other text still goes there.
    public func containsText(_ needle: String) -> Bool {
        if unicodeScalars.allSatisfy(TextNormalizer.isPlain), let found = TextNormalizer.plainBytes(of: self, contain: needle) {
            return found
        }
        return contains(needle)
    }
}

extension TextNormalizer {
    /// The byte search of `containsText` for a haystack already known to be plain: nil when the
    /// needle is not plain, holds a line break, or either side has no contiguous UTF-8.
    static func plainBytes<S: StringProtocol>(of hay: S, contain needle: String) -> Bool? {
        guard needle.unicodeScalars.allSatisfy(isPlain), !needle.utf8.contains(0x0A), !needle.utf8.contains(0x0D),
              let found = hay.utf8.withContiguousStorageIfAvailable({ h in
                  needle.utf8.withContiguousStorageIfAvailable { bytes(h, contain: $0) }
              }) else { return nil }
        return found
    }
}

extension TextNormalizer {
    /// True when every scalar of `s` is `isPlain`: text where a search by code units finds
    /// exactly what Foundation's canonical-equivalence search finds.
    public static func isPlainText(_ s: String) -> Bool { s.unicodeScalars.allSatisfy(isPlain) }

    /// ASCII, CJK ideographs and punctuation, full-width forms, general punctuation,
    /// enclosed numbers: no canonical decompositions, no combining marks.
    static func isPlain(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0x00...0x7F, 0x2010...0x2027, 0x2030...0x205E, 0x2264, 0x2265, 0x2460...0x24FF, 0x3000...0x3029, 0x3030...0x303F,
             0x3200...0x32FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xFF01...0xFF9D, 0xFFA0...0xFFEF:
            return true
        default:
            return false
        }
    }

    static func bytes(_ hay: UnsafeBufferPointer<UInt8>, contain needle: UnsafeBufferPointer<UInt8>) -> Bool {
        let m = needle.count
        guard m > 0 else { return true }
        guard hay.count >= m else { return false }
        let first = needle[0]
        var i = 0
        while i <= hay.count - m {
            if hay[i] == first {
                var k = 1
                while k < m && hay[i + k] == needle[k] { k += 1 }
                if k == m { return true }
            }
            i += 1
        }
        return false
    }
}
