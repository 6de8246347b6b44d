import Foundation

/// A linear identity over labelled amounts: "三公经费 = 公务用车购置和维护经费 + 出国经费 + 公务接待".
///
/// Terms are joined by "+" (or "＋") and " - " (a minus between spaces, since
/// labels may contain hyphens); "a|b" accepts either label for one term. The
/// relation is "=", "<=" / "≤" or ">=" / "≥".
public struct SumIdentity: Sendable, Hashable, CustomStringConvertible {
    public enum Relation: String, Sendable, Hashable {
        case equal = "="
        case atMost = "<="
        case atLeast = ">="
    }

    /// One signed term; `labels` are alternatives naming the same row.
    public struct Term: Sendable, Hashable {
        public var negative: Bool
        public var labels: [String]
    }

    public var left: [Term]
    public var relation: Relation
    public var right: [Term]
    public var source: String

    public var description: String { source }

    /// Why an expression cannot be used, for the config's key-path error.
    public struct ParseError: Error, Sendable { public var reason: String }

    public static func parse(_ text: String) throws -> SumIdentity {
        let t = text.trimmingCharacters(in: .whitespaces)
        let ops: [(String, Relation)] = [("<=", .atMost), (">=", .atLeast), ("≤", .atMost), ("≥", .atLeast), ("=", .equal)]
        for bad in ["==", "!=", "=>", "=<", "≠"] where t.contains(bad) {
            throw ParseError(reason: L10n.text("未知运算符 \"\(bad)\"（unknown operator）；请用 \"=\"、\"<=\" 或 \">=\"", "unknown operator \"\(bad)\"; use \"=\", \"<=\" or \">=\""))
        }
        var found: [(Range<String.Index>, Relation)] = []
        var rest = t[...]
        while !rest.isEmpty {
            guard let hit = ops.compactMap({ op, rel in rest.range(of: op).map { ($0, rel) } }).min(by: { $0.0.lowerBound < $1.0.lowerBound }) else { break }
            found.append(hit)
            rest = rest[hit.0.upperBound...]
        }
        if found.isEmpty {
            if t.contains("<") || t.contains(">") { throw ParseError(reason: L10n.text("未知运算符（unknown operator）；请用 \"=\"、\"<=\" 或 \">=\"（不支持严格的 < 和 >）", "unknown operator; use \"=\", \"<=\" or \">=\" (strict < and > are not supported)")) }
            throw ParseError(reason: L10n.text("没有关系符（no relation）；请写 \"合计 = a + b\"、\"合计 <= a + b\" 或 \"合计 >= a + b\"", "no relation; write \"total = a + b\", \"total <= a + b\" or \"total >= a + b\""))
        }
        guard found.count == 1 else { throw ParseError(reason: L10n.text("关系符多于一个；只能写 =、<=、>= 中的一个", "more than one relation; write exactly one of =, <=, >=")) }
        let (range, rel) = found[0]
        let lhs = String(t[..<range.lowerBound]), rhs = String(t[range.upperBound...])
        if lhs.contains("<") || lhs.contains(">") || rhs.contains("<") || rhs.contains(">") {
            throw ParseError(reason: L10n.text("未知运算符（unknown operator）；请用 \"=\"、\"<=\" 或 \">=\"", "unknown operator; use \"=\", \"<=\" or \">=\""))
        }
        return SumIdentity(left: try terms(lhs, side: "left"), relation: rel, right: try terms(rhs, side: "right"), source: t)
    }

    private static func terms(_ side: String, side name: String) throws -> [Term] {
        var out: [Term] = []
        var negative = false
        var current = ""
        func flush() throws {
            let labels = current.split(separator: "|").map { TextNormalizer.label(String($0)) }
            guard !labels.isEmpty, labels.allSatisfy({ !$0.isEmpty }) else {
                throw ParseError(reason: L10n.text("\"\(side.trimmingCharacters(in: .whitespaces))\" 的\(name)一侧有空项（empty term）", "empty term on the \(name) side of \"\(side.trimmingCharacters(in: .whitespaces))\""))
            }
            out.append(Term(negative: negative, labels: labels))
            current = ""
        }
        let chars = Array(side)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            let spacedMinus = c == "-" && i > 0 && chars[i - 1] == " " && i + 1 < chars.count && chars[i + 1] == " "
            if c == "+" || c == "＋" || spacedMinus {
                try flush()
                negative = spacedMinus
            } else {
                current.append(c)
            }
            i += 1
        }
        try flush()
        return out
    }

    /// Every label the identity names, for messages.
    public var allTerms: [Term] { left + right }
}
