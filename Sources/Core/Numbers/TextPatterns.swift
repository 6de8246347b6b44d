/// The few patterns the recognizer matches on every cell, written as scalar scans.
/// They replace NSRegularExpression patterns (named on each function) that Foundation
/// compiled again on every call: regex matching was over half the run time. Each
/// function gives the same answer as its pattern did through `range(of:options:
/// .regularExpression)`, including ICU's `$`, which also matches before one final
/// line terminator.
public enum TextPatterns {
    static func isASCIIDigit(_ u: Unicode.Scalar) -> Bool { u.value >= 0x30 && u.value <= 0x39 }
    static func isChineseNumeral(_ u: Unicode.Scalar) -> Bool { "一二三四五六七八九十".unicodeScalars.contains(u) }
    static func isColon(_ u: Unicode.Scalar) -> Bool { u == ":" || u == "：" }

    /// Where ICU's `$` matches last: the end, or before a final line terminator (CR LF as one).
    public static func dollarEnd(_ u: String.UnicodeScalarView) -> String.Index {
        var end = u.endIndex
        guard end > u.startIndex else { return end }
        let last = u.index(before: end)
        switch u[last].value {
        case 0x0A:
            end = last
            if end > u.startIndex, u[u.index(before: end)] == "\r" { end = u.index(before: end) }
        case 0x0B, 0x0C, 0x0D, 0x85, 0x2028, 0x2029:
            end = last
        default:
            break
        }
        return end
    }

    /// The text without its list prefixes, then without trailing colons: the patterns
    /// `^其中[:：]`, `^[0-9]+[、.．)）]`, `^[（(][一二三四五六七八九十0-9]+[)）]` and
    /// `^[一二三四五六七八九十]+[、.．]` removed until none matches (each begins with a
    /// different scalar, so at most one applies at a time, and the order never mattered).
    static func strippingListPrefixes(_ t: String) -> String {
        let u = Array(t.unicodeScalars)
        var start = 0
        while let n = listPrefixLength(u, at: start) { start += n }
        var end = u.count
        while end > start, isColon(u[end - 1]) { end -= 1 }
        if start == 0 && end == u.count { return t }
        return String(String.UnicodeScalarView(u[start..<end]))
    }

    static func listPrefixLength(_ u: [Unicode.Scalar], at i: Int) -> Int? {
        guard i < u.count else { return nil }
        func run(from j: Int, _ accept: (Unicode.Scalar) -> Bool) -> Int {
            var k = j
            while k < u.count, accept(u[k]) { k += 1 }
            return k
        }
        func ends(_ k: Int, in set: String) -> Int? {
            k < u.count && set.unicodeScalars.contains(u[k]) ? k + 1 - i : nil
        }
        let c = u[i]
        if c == "其" {
            return i + 2 < u.count && u[i + 1] == "中" && isColon(u[i + 2]) ? 3 : nil
        }
        if isASCIIDigit(c) { return ends(run(from: i, isASCIIDigit), in: "、.．)）") }
        if c == "（" || c == "(" {
            let k = run(from: i + 1) { isChineseNumeral($0) || isASCIIDigit($0) }
            return k > i + 1 ? ends(k, in: ")）") : nil
        }
        if isChineseNumeral(c) { return ends(run(from: i, isChineseNumeral), in: "、.．") }
        return nil
    }

    /// `^[0-9]+[、.．]`: "1、", "2." numbering.
    public static func hasNumberPrefix(_ t: String) -> Bool {
        var it = t.unicodeScalars.makeIterator()
        var digits = 0
        while let c = it.next() {
            if isASCIIDigit(c) { digits += 1; continue }
            return digits > 0 && (c == "、" || c == "." || c == "．")
        }
        return false
    }

    /// `[：:][0-9]`: a colon followed by a digit anywhere.
    static func hasColonDigit(_ t: String) -> Bool {
        var afterColon = false
        for c in t.unicodeScalars {
            if afterColon && isASCIIDigit(c) { return true }
            afterColon = isColon(c)
        }
        return false
    }

    /// `[：:][0-9.,]+%?$`: ends in "：7071.38" or "：95.91%".
    static func endsWithColonNumber(_ t: String) -> Bool {
        let u = t.unicodeScalars
        var i = dollarEnd(u)
        if i > u.startIndex, u[u.index(before: i)] == "%" { i = u.index(before: i) }
        let numberEnd = i
        while i > u.startIndex {
            let c = u[u.index(before: i)]
            guard isASCIIDigit(c) || c == "." || c == "," else { break }
            i = u.index(before: i)
        }
        guard i < numberEnd, i > u.startIndex else { return false }
        return isColon(u[u.index(before: i)])
    }

    /// The range of a trailing weight "（50分）": `[（(]([0-9]+(\.[0-9]+)?)分[)）]$`, or with
    /// `loose` the pattern `[（(][0-9.]+分[)）]$`.
    static func weightSuffix(_ t: String, loose: Bool) -> Range<String.Index>? {
        let u = t.unicodeScalars
        let end = dollarEnd(u)
        let start = u.startIndex
        guard end > start else { return nil }
        let close = u.index(before: end)
        guard u[close] == ")" || u[close] == "）", close > start else { return nil }
        let fen = u.index(before: close)
        guard u[fen] == "分" else { return nil }
        func runStart(before j: String.Index, _ accept: (Unicode.Scalar) -> Bool) -> String.Index {
            var k = j
            while k > start, accept(u[u.index(before: k)]) { k = u.index(before: k) }
            return k
        }
        var j: String.Index
        if loose {
            j = runStart(before: fen) { isASCIIDigit($0) || $0 == "." }
            guard j < fen else { return nil }
        } else {
            j = runStart(before: fen, isASCIIDigit)
            guard j < fen else { return nil }
            if j > start, u[u.index(before: j)] == "." {
                let dot = u.index(before: j)
                let k = runStart(before: dot, isASCIIDigit)
                guard k < dot else { return nil }
                j = k
            }
        }
        guard j > start else { return nil }
        let open = u.index(before: j)
        guard u[open] == "（" || u[open] == "(" else { return nil }
        return open..<end
    }
}
