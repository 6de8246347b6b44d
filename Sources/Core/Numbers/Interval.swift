import Foundation

/// A closed interval of exact decimals: the values a printed, rounded number may stand for.
/// Sums are compared as intervals (as XBRL Calculations 1.1 does), never with one fixed tolerance.
public struct Interval: Hashable, Sendable, CustomStringConvertible {
    public var lo: Decimal
    public var hi: Decimal

    public init(lo: Decimal, hi: Decimal) {
        self.lo = min(lo, hi)
        self.hi = max(lo, hi)
    }

    /// The degenerate interval of one exact value.
    public init(exactly v: Decimal) { self.init(lo: v, hi: v) }

    public static let zero = Interval(exactly: 0)

    public static func + (a: Interval, b: Interval) -> Interval { Interval(lo: a.lo + b.lo, hi: a.hi + b.hi) }
    public static func - (a: Interval, b: Interval) -> Interval { Interval(lo: a.lo - b.hi, hi: a.hi - b.lo) }

    /// Multiplication of intervals (all four corner products).
    public static func * (a: Interval, b: Interval) -> Interval {
        let p = [a.lo * b.lo, a.lo * b.hi, a.hi * b.lo, a.hi * b.hi]
        return Interval(lo: p.min()!, hi: p.max()!)
    }

    /// Division by an interval that does not contain zero; nil otherwise.
    public static func / (a: Interval, b: Interval) -> Interval? {
        guard b.lo > 0 || b.hi < 0 else { return nil }
        let p = [a.lo / b.lo, a.lo / b.hi, a.hi / b.lo, a.hi / b.hi]
        return Interval(lo: p.min()!, hi: p.max()!)
    }

    /// Widened by `t` on both sides (the configured absolute tolerance).
    public func widened(by t: Decimal) -> Interval { Interval(lo: lo - t, hi: hi + t) }

    /// True when the two intervals share at least one value.
    public func overlaps(_ o: Interval) -> Bool { lo <= o.hi && o.lo <= hi }

    /// Clamped from above.
    public func capped(at c: Decimal) -> Interval { Interval(lo: min(lo, c), hi: min(hi, c)) }

    /// The midpoint, for messages.
    public var mid: Decimal { (lo + hi) / 2 }

    public var description: String { "[\(lo.plain), \(hi.plain)]" }
}
