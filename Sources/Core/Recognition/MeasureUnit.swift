import Foundation

/// What the unit of a printed quantity measures, so that targets and actuals can
/// be compared across spellings ("场" and "场次", "月" and "个月", "万元" and "亿元")
/// while "家" against "人" or "%" against a bare number is recognised as a change.
public struct MeasureUnit: Hashable, Sendable {
    /// The dimension a unit belongs to. Units of one dimension count the same kind of thing.
    public enum Kind: String, Sendable {
        case percent, money, time
        /// 人, 名, 位.
        case persons
        /// 人次: visits, related to but not the same as persons.
        case personTimes
        /// 家, 户, 所: enterprises, households, institutions.
        case organisations
        /// 场, 场次, 次, 期, 届, 批, 批次, 轮.
        case events
        /// 个, 项, 条, 篇, 册 …: classifiers that count anything.
        case generic
        /// A unit this table does not know (吨, 千瓦时 …).
        case other

        /// Counts of things (not percentages, money or time).
        public var isCount: Bool { [.persons, .personTimes, .organisations, .events, .generic].contains(self) }
    }

    public var kind: Kind
    /// The unit without its 万/亿/千 scale, spelled canonically ("场" for "场次", "月" for "个月").
    public var base: String
    /// The factor the scale prefix stands for (10000 for "万家").
    public var scale: Decimal
    /// The unit as printed.
    public var printed: String

    private static let kinds: [Kind: Set<String>] = [
        .money: ["元"],
        .time: ["天", "日", "月", "年", "周", "小时", "个工作日", "工作日"],
        .persons: ["人", "名", "位"],
        .personTimes: ["人次"],
        .organisations: ["家", "户", "所"],
        .events: ["场", "次", "期", "届", "批", "轮"],
        .generic: ["个", "项", "条", "篇", "册", "块", "份", "件", "台", "套", "辆", "座", "处", "本", "张", "部", "款", "类", "项目"],
    ]

    /// Spellings of one unit ("场次" is "场", "批次" is "批", "个月" is "月").
    private static let aliases: [String: String] = ["场次": "场", "批次": "批", "个月": "月", "日": "天", "人数": "人", "家企业": "家", "次数": "次"]

    /// Reads a unit as `Quantity` leaves it after the number ("家", "万户", "%", "场/期").
    /// Returns nil for an empty unit.
    public static func parse(_ printed: String) -> MeasureUnit? {
        var u = printed
        guard !u.isEmpty else { return nil }
        if u == "%" { return MeasureUnit(kind: .percent, base: "%", scale: 1, printed: printed) }
        // "场/期" is counted per period; the counted unit is the part before the slash.
        if let slash = u.firstIndex(of: "/") { u = String(u[..<slash]) }
        var scale: Decimal = 1
        for (prefix, factor) in [("千万", Decimal(10_000_000)), ("万", Decimal(10_000)), ("亿", Decimal(100_000_000)), ("千", Decimal(1_000))]
        where u.hasTextPrefix(prefix) && u.count > prefix.count {
            scale = factor; u.removeFirst(prefix.count); break
        }
        let base = aliases[u] ?? u
        let kind = kinds.first { $0.value.contains(base) }?.key ?? .other
        return MeasureUnit(kind: kind, base: base, scale: scale, printed: printed)
    }

    /// True when a cell of its own could be a 度量单位: "%", "公里", "人次", "万元", "场/期"; short,
    /// no digits, no sentence.
    public static func looksLikeUnit(_ compact: String) -> Bool {
        guard !compact.isEmpty, compact.count <= 4, !compact.contains(where: { $0.isASCII && $0.isNumber }) else { return false }
        if compact == "%" || compact == "‰" { return true }
        return compact.allSatisfy { $0.isLetter || $0 == "/" || $0 == "²" || $0 == "³" }
    }

    /// True when values in the two units can be compared after scaling:
    /// same dimension, and for dimensions whose units are not interchangeable
    /// (time, classifiers, unknown units) the same base unit.
    public func isComparable(with other: MeasureUnit) -> Bool {
        guard kind == other.kind else { return false }
        switch kind {
        case .time, .generic, .other: return base == other.base
        default: return true
        }
    }

    /// True when the two units measure different things, so one number cannot
    /// stand for the other ("家" vs "人", "%" vs "万元"). Units of related or
    /// unknown dimensions ("人" vs "人次", "个" vs "家", "吨" vs "千瓦时") are not called a change.
    public func isChange(from other: MeasureUnit) -> Bool {
        guard kind != other.kind else { return false }
        if kind == .percent || other.kind == .percent || kind == .money || other.kind == .money { return true }
        if kind == .other || other.kind == .other { return false }
        if kind == .generic || other.kind == .generic { return false }
        let pair: Set<Kind> = [kind, other.kind]
        return pair != [.persons, .personTimes] && pair != [.events, .personTimes]
    }

    /// True when a bare number beside this unit cannot be read unambiguously:
    /// a percentage, money, or any unit with a 万/亿 scale (the bare number could be
    /// in units or in ten-thousands).
    public var needsToBePrinted: Bool {
        kind == .percent || kind == .money || scale != 1
    }
}
