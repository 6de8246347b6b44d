import Foundation

/// A number as printed in a report: its exact decimal value and how many
/// decimals were printed. Money never goes through `Double`.
public struct PrintedNumber: Hashable, Sendable, CustomStringConvertible {
    /// The value as printed, in the printed unit (95.91 for "95.91%").
    public let value: Decimal
    /// Digits printed after the decimal point.
    public let decimals: Int
    /// True for "95.91%".
    public let isPercent: Bool
    /// The printed text, trimmed.
    public let text: String

    public init(value: Decimal, decimals: Int, isPercent: Bool = false, text: String? = nil) {
        self.value = value
        self.decimals = decimals
        self.isPercent = isPercent
        self.text = text ?? "\(value)\(isPercent ? "%" : "")"
    }

    /// The value as a plain number: a percentage becomes a fraction (0.9591).
    public var magnitude: Decimal { isPercent ? value.shifted(by: -2) : value }

    /// Decimals of `magnitude`: "95.91%" is 0.9591, four decimals.
    public var magnitudeDecimals: Int { isPercent ? decimals + 2 : decimals }

    public var description: String { text }

    /// Parses a cell that holds only a number: "73,360.55 ", "95.91%", "１０", "-3.5".
    /// Returns nil for text, placeholders and numbers with units.
    public static func parse(_ raw: String) -> PrintedNumber? {
        // No printed amount is longer than this; Decimal keeps 38 digits anyway, and
        // a hostile 10 MB "number" must not cost seconds.
        guard raw.utf8.count <= 64 else { return nil }
        return parse(compacted: TextNormalizer.compact(raw))
    }

    /// `parse` of a text already compacted (`TextNormalizer.compact`) whose raw form
    /// passed the length guard; cells and values keep their compact text cached.
    static func parse(compacted t: String) -> PrintedNumber? {
        guard !t.isEmpty else { return nil }
        var body = Substring(t)
        var percent = false
        if body.hasSuffix("%") { percent = true; body = body.dropLast() }
        return parseBody(body, percent: percent, text: t)
    }

    /// Parses the digits of a number: optional sign, digit groups with commas,
    /// optional fraction. Rejects anything else.
    static func parseBody(_ body: Substring, percent: Bool, text: String) -> PrintedNumber? {
        var negative = false
        var s = body
        if let f = s.first, f == "-" || f == "+" || f == "−" { negative = (f != "+"); s = s.dropFirst() }
        guard !s.isEmpty else { return nil }
        var digits = ""
        var decimals = 0
        var seenPoint = false
        var sawDigit = false
        var prevComma = false
        // Printed amounts are ASCII: one byte per Character there, so bytes are walked instead of
        // Characters, whose range test ("0"..."9") compared strings for every digit.
        if s.utf8.allSatisfy({ $0 < 0x80 }) {
            for b in s.utf8 {
                switch b {
                case 0x30...0x39:
                    digits.unicodeScalars.append(Unicode.Scalar(b)); sawDigit = true; prevComma = false
                    if seenPoint { decimals += 1 }
                case UInt8(ascii: ","):
                    if seenPoint || !sawDigit || prevComma { return nil }
                    prevComma = true
                case UInt8(ascii: "."):
                    if seenPoint || prevComma { return nil }
                    seenPoint = true
                default:
                    return nil
                }
            }
        } else {
            for ch in s {
                // A digit with a mark joined to it ("0" + U+200D ZERO WIDTH JOINER is one
                // Character) sorts between "0" and "9" but is no digit: such a text is not a number.
                guard ch.unicodeScalars.count == 1 else { return nil }
                switch ch {
                case "0"..."9":
                    digits.append(ch); sawDigit = true; prevComma = false
                    if seenPoint { decimals += 1 }
                case ",":
                    // A thousands separator sits between digits, before the point.
                    if seenPoint || !sawDigit || prevComma { return nil }
                    prevComma = true
                case ".":
                    if seenPoint || prevComma { return nil }
                    seenPoint = true
                default:
                    return nil
                }
            }
        }
        guard sawDigit, !prevComma else { return nil }
        let intValue: Decimal
        if digits.utf8.count <= 18, let n = UInt64(digits) {
            intValue = Decimal(n)
        } else {
            guard let d = Decimal(string: digits, locale: posix) else { return nil }
            intValue = d
        }
        var v = intValue
        if decimals > 0 {
            v = intValue.shifted(by: -decimals)
        }
        if negative { v = -v }
        return PrintedNumber(value: v, decimals: decimals, isPercent: percent, text: text)
    }

    /// The interval of true values that print as this number.
    /// - Parameters:
    ///   - rounding: how the printed value was produced from the true one.
    ///   - decimals: the precision to assume; defaults to the printed decimals.
    public func interval(_ rounding: Rounding = .round, decimals d: Int? = nil) -> Interval {
        let places = d ?? magnitudeDecimals
        let unit = Decimal.power10(-places)
        let m = magnitude
        switch rounding {
        case .round:
            let half = Decimal(sign: .plus, exponent: -places - 1, significand: 5)  // unit / 2, without a division
            return Interval(lo: m - half, hi: m + half)
        case .truncate:
            return m >= 0 ? Interval(lo: m, hi: m + unit) : Interval(lo: m - unit, hi: m)
        case .exact:
            return Interval(lo: m, hi: m)
        }
    }
}

/// How a printed number relates to the value behind it.
public enum Rounding: String, Codable, Sendable, CaseIterable {
    /// Rounded half away from zero to the printed decimals (the default).
    case round
    /// Cut off after the printed decimals.
    case truncate
    /// The printed value is the value (scores and weights as entered).
    case exact
}

private let posix = Locale(identifier: "en_US_POSIX")

extension Decimal {
    /// `self` × 10^n in the representation `self / 10^-n` produces (compacted), without
    /// the division: Decimal division was a tenth of all instructions on a large report.
    /// Verified byte for byte against the division on 200,000 random values.
    func shifted(by n: Int) -> Decimal {
        var v = Decimal(sign: sign, exponent: exponent + n, significand: significand)
        NSDecimalCompact(&v)
        return v
    }

    /// 10 raised to `n` (negative n gives 0.1, 0.01, …), exactly.
    public static func power10(_ n: Int) -> Decimal {
        Decimal(sign: .plus, exponent: n, significand: 1)
    }

    /// Rounded to `places` decimals, half away from zero.
    public func rounded(_ places: Int, _ mode: NSDecimalNumber.RoundingMode = .plain) -> Decimal {
        var src = self
        var out = Decimal()
        NSDecimalRound(&out, &src, places, mode)
        return out
    }

    /// A plain string without exponent, e.g. "2922.69".
    public var plain: String {
        NSDecimalNumber(decimal: self).stringValue
    }

    /// Printed with exactly `places` decimals.
    public func formatted(places: Int) -> String {
        let r = rounded(places)
        var s = r.plain
        if places > 0 {
            if !s.contains(".") { s += "." }
            let have = s.split(separator: ".", omittingEmptySubsequences: false).last?.count ?? 0
            if have < places { s += String(repeating: "0", count: places - have) }
        }
        return s
    }
}
