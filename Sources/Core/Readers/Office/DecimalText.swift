import Foundation

/// Exact decimal arithmetic on the number text stored in a spreadsheet cell.
///
/// Cells store numbers as decimal text ("108535.97"); going through `Double` would print
/// binary artefacts, so all formatting works on `Decimal` parsed from that text.
enum DecimalText {
    /// Parses "-12.5", "1.0E-2", ".5"; nil for anything else (Decimal(string:) alone accepts "12abc").
    static func parse(_ text: String) -> Decimal? {
        let s = text.trimmingCharacters(in: .whitespaces)
        guard isNumberSyntax(s) else { return nil }
        guard let value = Decimal(string: s, locale: Locale(identifier: "en_US_POSIX")), !value.isNaN else {
            return nil
        }
        return value
    }

    /// `value` rounded half away from zero (as Excel rounds for display) to `scale` decimals.
    static func rounded(_ value: Decimal, scale: Int) -> Decimal {
        var input = value
        var result = Decimal()
        NSDecimalRound(&result, &input, scale, .plain)
        return result
    }

    /// The power of ten of the leading digit: 3 for 1234.5, -2 for 0.0123; 0 for zero.
    static func magnitude(_ value: Decimal) -> Int {
        guard !value.isZero else { return 0 }
        let digits = value.significand.magnitude.description.count
        return digits - 1 + Int(value.exponent)
    }

    /// 10^exponent, exactly.
    static func power10(_ exponent: Int) -> Decimal {
        Decimal(sign: .plus, exponent: exponent, significand: 1)
    }

    /// The digits of a non-negative value with exactly `decimals` fraction digits, split in two.
    static func fixedDigits(_ value: Decimal, decimals: Int) -> (integer: String, fraction: String) {
        let text = rounded(value.magnitude, scale: decimals).description
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let integer = parts.first.map(String.init) ?? "0"
        var fraction = parts.count > 1 ? String(parts[1]) : ""
        if fraction.count < decimals { fraction += String(repeating: "0", count: decimals - fraction.count) }
        return (integer.isEmpty ? "0" : integer, String(fraction.prefix(decimals)))
    }

    /// Excel's "General" rendering: at most 15 significant digits (Excel's precision, which also
    /// hides artefacts like 0.30000000000000004), no trailing zeros, scientific when very large or small.
    static func general(_ value: Decimal) -> String {
        guard !value.isZero else { return "0" }
        let sign = value < 0 ? "-" : ""
        var v = value.magnitude
        let e = magnitude(v)
        if e >= 15 || e <= -10 { return sign + scientific(v, fractionDigits: 5, trimZeros: true, exponentDigits: 2) }
        v = rounded(v, scale: 14 - e)
        var text = v.description
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return sign + text
    }

    /// "1.23E+05" for a non-negative value.
    static func scientific(_ value: Decimal, fractionDigits: Int, trimZeros: Bool, exponentDigits: Int,
                           plusSign: Bool = true) -> String {
        var e = value.isZero ? 0 : magnitude(value)
        var mantissa = rounded(value * power10(-e), scale: fractionDigits)
        if mantissa >= 10 {
            e += 1
            mantissa = rounded(value * power10(-e), scale: fractionDigits)
        }
        var (integer, fraction) = fixedDigits(mantissa, decimals: fractionDigits)
        if trimZeros { while fraction.hasSuffix("0") { fraction.removeLast() } }
        let exponent = String(abs(e))
        let padded = String(repeating: "0", count: max(0, exponentDigits - exponent.count)) + exponent
        let expSign = e < 0 ? "-" : (plusSign ? "+" : "")
        return integer + (fraction.isEmpty ? "" : "." + fraction) + "E" + expSign + padded
    }

    private static func isNumberSyntax(_ s: String) -> Bool {
        var chars = Substring(s)
        if chars.first == "-" || chars.first == "+" { chars = chars.dropFirst() }
        let mantissaEnd = chars.firstIndex { $0 == "e" || $0 == "E" } ?? chars.endIndex
        let mantissa = chars[..<mantissaEnd]
        let pieces = mantissa.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard pieces.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }),
              pieces.contains(where: { !$0.isEmpty }) else { return false }
        guard mantissaEnd < chars.endIndex else { return true }
        var exponent = chars[chars.index(after: mantissaEnd)...]
        if exponent.first == "-" || exponent.first == "+" { exponent = exponent.dropFirst() }
        // Decimal's exponent range is about ±128; longer exponents are not real spreadsheet values.
        return !exponent.isEmpty && exponent.count <= 3 && exponent.allSatisfy(\.isASCIIDigit)
    }
}

private extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
