/// A budget subject code as tables print it: 功能分类 类/款/项 (`204`, `204 06`,
/// `204 06 01`, `2040601`, `[204]`) or 经济分类 类/款 (`301`, `30101`).
///
/// Codes nest by prefix: 204 ⊃ 20406 ⊃ 2040601, 301 ⊃ 30101.
enum SubjectCode {
    /// The code a whole cell holds, digits only: "204 06 01" → "2040601", "[204]" → "204".
    /// Nil unless the digits form a 类 code (3 digits, a budget class: 1xx–5xx) optionally
    /// followed by 2-digit 款/项 parts.
    static func full(_ raw: String) -> String? {
        guard let digits = digitsOnly(raw), [3, 5, 7].contains(digits.count), isClass(digits.prefix(3)) else { return nil }
        return digits
    }

    /// A 2-digit 款 or 项 part printed in a column of its own ("06").
    static func part(_ raw: String) -> String? {
        guard let digits = digitsOnly(raw), digits.count == 2 else { return nil }
        return digits
    }

    /// A code and a name in one cell: "204 公共安全支出", "[204]公共安全支出", "2040601 行政运行".
    static func leading(_ raw: String) -> (code: String, name: String)? {
        let scalars = Array(TextNormalizer.trim(raw).unicodeScalars)
        var i = 0
        if i < scalars.count, scalars[i] == "[" || scalars[i] == "【" { i += 1 }
        var digits = ""
        while i < scalars.count, TextPatterns.isASCIIDigit(scalars[i]) || scalars[i] == " " && i + 1 < scalars.count && TextPatterns.isASCIIDigit(scalars[i + 1]) && !digits.isEmpty {
            if scalars[i] != " " { digits.unicodeScalars.append(scalars[i]) }
            i += 1
        }
        guard [3, 5, 7].contains(digits.count), isClass(Substring(digits).prefix(3)) else { return nil }
        if i < scalars.count, scalars[i] == "]" || scalars[i] == "】" { i += 1 }
        // The name must follow: a code glued to a number is an amount, not a code.
        let rest = TextNormalizer.trim(String(String.UnicodeScalarView(scalars[i...])))
        guard let first = rest.unicodeScalars.first, !TextPatterns.isASCIIDigit(first), first.value >= 0x80 else { return nil }
        return (digits, rest)
    }

    /// The digits of a cell made only of digits, spaces and enclosing brackets.
    private static func digitsOnly(_ raw: String) -> String? {
        var digits = ""
        for u in raw.unicodeScalars {
            if TextPatterns.isASCIIDigit(u) { digits.unicodeScalars.append(u); continue }
            if TextNormalizer.isSpace(u) || u == "[" || u == "]" || u == "【" || u == "】" { continue }
            return nil
        }
        return digits.isEmpty ? nil : digits
    }

    /// 类 codes of the 功能分类 (2xx), 经济分类 (3xx, 5xx) and 收入分类 (1xx).
    private static func isClass(_ first3: Substring) -> Bool {
        guard let lead = first3.first else { return false }
        return lead == "1" || lead == "2" || lead == "3" || lead == "5"
    }
}
