import Foundation

/// The numeric 年度指标值 and 实际完成值 of one indicator row, each with its unit.
/// Rows whose target or actual is not a single number (qualitative "合规", ranges
/// "90%-100%", sentences "新增1个国家先进制造业集群") have none.
public struct IndicatorQuantities: Sendable {
    public var target: Quantity
    public var actual: Quantity
    /// The target's unit, or the unit the 三级指标 declares ("验收合格率（%）") when the target prints none.
    public var targetUnit: MeasureUnit?
    /// The actual's unit, or the declared unit when the actual prints none.
    public var actualUnit: MeasureUnit?
    /// The unit the 三级指标 name declares in brackets at its end, if any.
    public var declaredUnit: MeasureUnit?

    public init?(_ row: IndicatorRow) {
        guard let t = row.target, let a = row.actual, let tq = t.quantity, let aq = a.quantity else { return nil }
        target = tq
        actual = aq
        declaredUnit = Self.declaredUnit(in: row.name.compact)
        targetUnit = MeasureUnit.parse(tq.unit) ?? declaredUnit
        actualUnit = MeasureUnit.parse(aq.unit) ?? declaredUnit
    }

    /// "验收合格率（%）" declares "%"; "资金（万元）" declares "万元".
    static func declaredUnit(in name: String) -> MeasureUnit? {
        guard let inner = bracketedSuffix(name), let u = MeasureUnit.parse(inner), u.kind != .other else { return nil }
        return u
    }

    /// The text inside a final "（…）" of 1 to 4 scalars: the pattern `[（(]([^（()）]{1,4})[)）]$`.
    /// Plain text is scanned by scalars (Foundation compiled the pattern again on every row);
    /// other text keeps the pattern, whose Character slicing a scan would not reproduce.
    static func bracketedSuffix(_ name: String) -> String? {
        guard TextNormalizer.isPlainText(name) else {
            guard let r = name.range(of: #"[（(]([^（()）]{1,4})[)）]$"#, options: .regularExpression) else { return nil }
            return String(name[r].dropFirst().dropLast())
        }
        let brackets: Set<Unicode.Scalar> = ["（", "(", ")", "）"]
        let view = name.unicodeScalars
        let u = Array(view[..<TextPatterns.dollarEnd(view)])
        let end = u.count
        guard end >= 3, u[end - 1] == ")" || u[end - 1] == "）" else { return nil }
        var open = end - 2
        while open >= 0 && !brackets.contains(u[open]) { open -= 1 }
        let length = end - 2 - open
        guard open >= 0, u[open] == "（" || u[open] == "(", (1...4).contains(length) else { return nil }
        return String(String.UnicodeScalarView(u[(open + 1)..<(end - 1)]))
    }

    /// The actual and the target as plain numbers in a common unit, when the two
    /// can be compared without guessing: both in comparable units (after 万/亿 scaling),
    /// both without a unit, or one a bare count beside an unscaled count unit
    /// ("≥4个" / "4", "150" / "123家").
    /// - Returns: the target threshold and the interval of the actual at its printed precision.
    public func comparable(_ rounding: Rounding) -> (target: Decimal, actual: Interval)? {
        var targetScale: Decimal = 1, actualScale: Decimal = 1
        switch (targetUnit, actualUnit) {
        case (nil, nil):
            break
        case let (t?, a?):
            guard t.isComparable(with: a) else { return nil }
            targetScale = t.scale; actualScale = a.scale
        case let (u?, nil), let (nil, u?):
            guard u.kind.isCount, !u.needsToBePrinted else { return nil }
        }
        // A percent on one side only was ruled out above, so magnitudes agree in kind.
        guard target.number.isPercent == actual.number.isPercent else { return nil }
        let threshold = target.number.magnitude * targetScale
        let a = actual.number.interval(rounding)
        return (threshold, Interval(lo: a.lo * actualScale, hi: a.hi * actualScale))
    }
}
