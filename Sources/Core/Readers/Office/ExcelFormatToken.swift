/// One piece of an Excel number format code.
enum ExcelFormatToken: Equatable {
    /// Text printed as is (quoted text, escaped characters, currency symbols, "-", "元").
    case literal(String)
    /// A digit placeholder: "0" (always printed), "#" (optional) or "?" (optional, space in Excel).
    case digit(Character)
    case point
    /// Thousands separator between digit placeholders, or a scale by 1,000 after them.
    case comma
    /// Multiplies by 100 and prints "%".
    case percent
    /// Scientific notation; `showsPlus` for "E+", not for "E-".
    case exponent(showsPlus: Bool)
    /// "@": the cell's text.
    case text
    /// "General" inside a section (e.g. `"¥"General`).
    case general
    /// A date/time part: "yyyy", "m", "mm", "d", "h", "ss", "AM/PM", "[h]", "aaaa", …
    case date(String)
    /// ";" between the positive, negative, zero and text sections.
    case sectionBreak

    var isNumberPart: Bool {
        switch self {
        case .digit, .point, .comma, .exponent: return true
        default: return false
        }
    }
}

/// Splits a format code into tokens.
enum ExcelFormatTokenizer {
    static func tokenize(_ code: String) -> [ExcelFormatToken] {
        let chars = Array(code)
        var tokens: [ExcelFormatToken] = []
        var i = 0
        func literal(_ s: String) { tokens.append(.literal(s)) }
        while i < chars.count {
            let c = chars[i]
            switch c {
            case "\"":
                var j = i + 1
                while j < chars.count, chars[j] != "\"" { j += 1 }
                literal(String(chars[min(i + 1, chars.count)..<min(j, chars.count)]))
                i = j + 1
                continue
            case "\\":
                if i + 1 < chars.count { literal(String(chars[i + 1])) }
                i += 2
                continue
            case "_", "*":
                // Padding to the width of the next character and fill-repeat only affect layout.
                i += 2
                continue
            case "[":
                var j = i + 1
                while j < chars.count, chars[j] != "]" { j += 1 }
                tokens += bracket(String(chars[min(i + 1, chars.count)..<min(j, chars.count)]))
                i = j + 1
                continue
            case "0", "#", "?": tokens.append(.digit(c))
            case ".": tokens.append(.point)
            case ",": tokens.append(.comma)
            case "%": tokens.append(.percent)
            case "@": tokens.append(.text)
            case ";": tokens.append(.sectionBreak)
            default:
                let (token, length) = word(chars, at: i)
                tokens.append(token)
                i += length
                continue
            }
            i += 1
        }
        return tokens
    }

    /// "[Red]", "[>=100]", "[$-804]" change nothing printed; "[$¥-804]" prints "¥"; "[h]" is elapsed time.
    private static func bracket(_ content: String) -> [ExcelFormatToken] {
        if content.hasPrefix("$") {
            let symbol = content.dropFirst().prefix { $0 != "-" }
            return symbol.isEmpty ? [] : [.literal(String(symbol))]
        }
        let lower = content.lowercased()
        if let first = lower.first, "hms".contains(first), lower.allSatisfy({ $0 == first }) {
            return [.date("[" + String(first) + "]")]
        }
        return []
    }

    /// Letters: "General", "AM/PM", date parts, "E+"; anything else is a literal character.
    private static func word(_ chars: [Character], at i: Int) -> (ExcelFormatToken, Int) {
        let rest = String(chars[i..<min(i + 7, chars.count)])
        if rest.lowercased().hasPrefix("general") { return (.general, 7) }
        for marker in ["AM/PM", "A/P", "上午/下午"] where rest.uppercased().hasPrefix(marker) {
            return (.date(marker), marker.count)
        }
        let c = chars[i]
        if (c == "E" || c == "e"), i + 1 < chars.count, chars[i + 1] == "+" || chars[i + 1] == "-" {
            return (.exponent(showsPlus: chars[i + 1] == "+"), 2)
        }
        let lower = Character(c.lowercased())
        if "ymdhsa".contains(lower) {
            var j = i
            while j < chars.count, Character(chars[j].lowercased()) == lower { j += 1 }
            // A single "a" is ordinary text; "aaa"/"aaaa" are Chinese weekday names.
            if lower != "a" || j - i >= 3 { return (.date(String(repeating: lower, count: j - i)), j - i) }
        }
        return (.literal(String(c)), 1)
    }
}
