import Foundation

/// How a target compares: "≥1000家", "不超过100%", "6000条以上".
public enum Comparator: String, Codable, Sendable {
    case atLeast = "≥", atMost = "≤", equal = "=", greater = ">", less = "<"
}

/// A number with an optional comparator and unit, as targets and actuals print
/// them: "≥1000家", "≤100%", "6000条以上", "=100%", "1.3万户", "43.41万元".
public struct Quantity: Hashable, Sendable {
    public var comparator: Comparator?
    public var number: PrintedNumber
    /// The unit as printed after the number ("家", "万户", "%", "万元"); empty if none.
    public var unit: String

    /// Parses the whole text as one quantity. Returns nil when the text holds
    /// words around the number ("新增1个国家先进制造业集群"), since then the
    /// number is not the value of the cell.
    public static func parse(_ raw: String) -> Quantity? {
        guard raw.utf8.count <= 96 else { return nil }
        return parse(compacted: TextNormalizer.compact(raw))
    }

    /// The comparator a cell of its own prints ("≥", ">=", "大于等于", "＝"), as a 指标性质 column does;
    /// nil for anything else (定性, 定量, 正向 say no comparison).
    public static func comparator(cell raw: String) -> Comparator? {
        let t = TextNormalizer.compact(raw)
        return prefixes.first { $0.0 == t }?.1
    }

    private static let prefixes: [(String, Comparator)] = [
        ("≥", .atLeast), (">=", .atLeast), ("不低于", .atLeast), ("不少于", .atLeast), ("大于等于", .atLeast), ("达到", .atLeast),
        ("≤", .atMost), ("<=", .atMost), ("不超过", .atMost), ("不高于", .atMost), ("小于等于", .atMost), ("控制在", .atMost),
        ("≧", .atLeast), ("＞＝", .atLeast), ("≦", .atMost), ("＜＝", .atMost),
        ("＝", .equal), ("﹦", .equal), ("=", .equal), ("＞", .greater), (">", .greater), ("大于", .greater), ("＜", .less), ("<", .less), ("小于", .less),
    ]
    /// Longest first, so "及以上" is removed whole rather than leaving "及".
    private static let suffixes: [(String, Comparator)] = [("及以上", .atLeast), ("及以下", .atMost), ("以上", .atLeast), ("以下", .atMost), ("以内", .atMost)]

    /// `parse` of a text already compacted whose raw form passed the length guard.
    static func parse(compacted: String) -> Quantity? {
        var t = compacted
        guard !t.isEmpty else { return nil }
        var comparator: Comparator?
        for (p, c) in Self.prefixes where t.hasTextPrefix(p) {
            comparator = c; t.removeFirst(p.count); break
        }
        for (s, c) in Self.suffixes where t.hasTextSuffix(s) {
            if comparator == nil { comparator = c }
            t.removeLast(s.count); break
        }
        // Split the leading number from the unit.
        var numberEnd = t.startIndex
        var sawDigit = false
        for i in t.indices {
            let ch = t[i]
            if ch.isASCII && (ch.isNumber || ch == "." || ch == "," || ((ch == "-" || ch == "+") && i == t.startIndex)) {
                if ch.isNumber { sawDigit = true }
                numberEnd = t.index(after: i)
            } else { break }
        }
        guard sawDigit else { return nil }
        var unit = String(t[numberEnd...])
        var numberText = String(t[..<numberEnd])
        var percent = false
        if unit.hasPrefix("%") { percent = true; unit.removeFirst(); numberText += "%" }
        // Character.isNumber is true for 万 and 亿, so only ASCII digits count as digits here.
        guard unit.count <= 4, !unit.contains(where: { $0.isASCII && $0.isNumber }) else { return nil }
        let body = percent ? Substring(numberText.dropLast()) : Substring(numberText)
        guard let n = PrintedNumber.parseBody(body, percent: percent, text: numberText) else { return nil }
        return Quantity(comparator: comparator, number: n, unit: percent ? "%" : unit)
    }

    /// True when the text carries a comparator at the front or a 以上/以下 suffix.
    public var isTarget: Bool { comparator != nil }
}
