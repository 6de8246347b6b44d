import Foundation

/// Compares a printed total with printed items within the precision printed,
/// as intervals (XBRL Calculations 1.1 style), never with one fixed tolerance.
public struct SumComparison: Sendable {
    /// `=` (a complete breakdown) or `≤` (a "其中" list that may be partial).
    public enum Relation: Sendable { case equal, atMost }

    /// The exact sum of the printed items.
    public var computed: Decimal
    /// The decimals the sum is printed with: the finest of the total and the items.
    public var places: Int
    /// The computed sum printed at the total's precision, for messages. Formatted on demand:
    /// most comparisons agree and never print it.
    public var computedText: String {
        let plain = computed.formatted(places: places)
        return grouped ? Self.grouped(plain) : plain
    }
    /// The total was printed with thousands separators, so the sum is printed with them too.
    public var grouped: Bool
    /// True when the total and the sum agree within the printed precision.
    public var agrees: Bool

    /// - Parameters:
    ///   - itemsExact: items are exact entries (scores, weights); only the total may be rounded.
    ///   - totalExact: the total is an exact entry too (a heading weight "（50分）").
    public init(total: PrintedNumber, items: [PrintedNumber], relation: Relation = .equal, settings: LintSettings,
                itemsExact: Bool = false, totalExact: Bool = false) {
        // A whole number among decimals ("20" beside "8.97") is a display that dropped
        // its zeros, so it is taken at the precision of the others: "0" is exactly 0.
        // One printed with thousands separators ("22,118,861") was formatted as a whole
        // number on purpose ("#,##0") and stands for what rounds to it.
        let finest = ([total] + items).map(\.magnitudeDecimals).max() ?? 0
        func interval(_ n: PrintedNumber, exact: Bool) -> Interval {
            if exact { return n.interval(.exact) }
            let droppedZeros = n.decimals == 0 && !n.text.contains(",") && !n.text.contains("，")
            return n.interval(settings.rounding, decimals: droppedZeros ? finest : nil)
        }
        let sum = items.reduce(Interval.zero) { $0 + interval($1, exact: itemsExact) }
        let t = interval(total, exact: totalExact).widened(by: settings.absoluteTolerance)
        computed = items.reduce(Decimal(0)) { $0 + $1.magnitude }
        places = max(total.magnitudeDecimals, items.map(\.magnitudeDecimals).max() ?? 0)
        grouped = total.text.contains(",")
        switch relation {
        case .equal: agrees = sum.overlaps(t)
        case .atMost: agrees = sum.lo <= t.hi
        }
    }

    /// "14168400.00" → "14,168,400.00" (a sign kept in front).
    static func grouped(_ plain: String) -> String {
        let negative = plain.hasPrefix("-")
        let body = negative ? plain.dropFirst() : Substring(plain)
        let parts = body.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        var digits = Array(parts[0])
        var out: [Character] = []
        while digits.count > 3 {
            out.insert(contentsOf: [","] + digits.suffix(3), at: 0)
            digits.removeLast(3)
        }
        out.insert(contentsOf: digits, at: 0)
        let integer = String(out)
        return (negative ? "-" : "") + (parts.count > 1 ? integer + "." + parts[1] : integer)
    }
}
