import Foundation

/// An Excel number format ("0.00%", "#,##0.00", `yyyy"年"m"月"d"日"`) applied the way Excel
/// prints a cell, on the exact `Decimal` read from the cell's stored text.
///
/// Supported: up to four sections, digit placeholders 0 # ?, grouping and scaling commas,
/// percent, scientific notation, literals, currency brackets, "General", dates and times.
/// Fractions ("# ?/?") fall back to General.
struct ExcelNumberFormat {
    let code: String
    private let sections: [[ExcelFormatToken]]

    init(code: String) {
        self.code = code
        var sections: [[ExcelFormatToken]] = [[]]
        for token in ExcelFormatTokenizer.tokenize(code) {
            if token == .sectionBreak { sections.append([]) } else { sections[sections.count - 1].append(token) }
        }
        self.sections = sections
    }

    static let general = ExcelNumberFormat(code: "General")

    /// The format code of a built-in id as Excel shows it in a zh-CN locale; nil if unknown.
    static func builtinCode(_ id: Int) -> String? {
        switch id {
        case 0: return "General"
        case 1: return "0"
        case 2: return "0.00"
        case 3: return "#,##0"
        case 4: return "#,##0.00"
        case 5, 37: return "#,##0_);(#,##0)"
        case 6, 38: return "#,##0_);[Red](#,##0)"
        case 7, 39: return "#,##0.00_);(#,##0.00)"
        case 8, 40: return "#,##0.00_);[Red](#,##0.00)"
        case 9: return "0%"
        case 10: return "0.00%"
        case 11: return "0.00E+00"
        case 12: return "# ?/?"
        case 13: return "# ??/??"
        case 14: return "yyyy/m/d"
        case 15: return "d-mmm-yy"
        case 16: return "d-mmm"
        case 17: return "mmm-yy"
        case 18: return "h:mm AM/PM"
        case 19: return "h:mm:ss AM/PM"
        case 20: return "h:mm"
        case 21: return "h:mm:ss"
        case 22: return "yyyy/m/d h:mm"
        case 27, 36, 50, 52, 57: return "yyyy\"年\"m\"月\""
        case 28, 29, 51, 53, 54, 58: return "m\"月\"d\"日\""
        case 30: return "m-d-yy"
        case 31: return "yyyy\"年\"m\"月\"d\"日\""
        case 32: return "h\"时\"mm\"分\""
        case 33: return "h\"时\"mm\"分\"ss\"秒\""
        case 34, 55: return "上午/下午h\"时\"mm\"分\""
        case 35, 56: return "上午/下午h\"时\"mm\"分\"ss\"秒\""
        case 45: return "mm:ss"
        case 46: return "[h]:mm:ss"
        case 47: return "mm:ss.0"
        case 48: return "##0.0E+0"
        case 49: return "@"
        default: return nil
        }
    }

    /// `value` as Excel prints it with this format. `date1904` is the workbook's date system.
    func format(_ value: Decimal, date1904: Bool = false) -> String {
        let (section, printsSign) = chooseSection(for: value)
        let magnitude = printsSign ? value : value.magnitude
        if section.contains(.general) {
            return render(section, number: DecimalText.general(magnitude))
        }
        if section.contains(where: { if case .date = $0 { return true }; return false }) {
            return ExcelDateRenderer(tokens: section, date1904: date1904).render(value)
                ?? DecimalText.general(value)
        }
        guard section.contains(where: { if case .digit = $0 { return true }; return false }) else {
            // A number in a text-formatted ("@") or format-less cell prints as typed.
            if section.isEmpty || section.contains(.text) { return DecimalText.general(value) }
            // Otherwise the section is pure text ("-" for zero, "合计").
            return render(section, number: nil)
        }
        if section.contains(.literal("/")) {
            // Fractions ("# ?/?") are not printed in budget reports; General keeps the value readable.
            return DecimalText.general(value)
        }
        let negative = printsSign && value < 0
        return (negative ? "-" : "") + render(section, number: number(value.magnitude, section))
    }

    /// Excel's rule: positive;negative;zero;text. Only a section of its own hides the minus sign.
    private func chooseSection(for value: Decimal) -> ([ExcelFormatToken], printsSign: Bool) {
        let numberSections = Array(sections.prefix(3))
        if value < 0, numberSections.count >= 2 { return (numberSections[1], false) }
        if value.isZero, numberSections.count >= 3 { return (numberSections[2], false) }
        return (numberSections[0], true)
    }

    /// Writes the literals of a section in order, with the number where its placeholders start.
    private func render(_ section: [ExcelFormatToken], number: String?) -> String {
        var out = ""
        var numberWritten = false
        for token in section {
            switch token {
            case .literal(let s): out += s
            case .percent: out += "%"
            case .general, .digit, .point, .comma, .exponent:
                if !numberWritten, let number { out += number; numberWritten = true }
            case .text, .date, .sectionBreak: break
            }
        }
        return out
    }

    /// The digits of a non-negative value for the placeholders of `section`.
    private func number(_ value: Decimal, _ section: [ExcelFormatToken]) -> String {
        let layout = NumberLayout(section)
        var scaled = value
        for _ in 0..<layout.percentCount { scaled *= 100 }
        for _ in 0..<layout.scalingCommas { scaled /= 1000 }

        if let exponentDigits = layout.exponentPlaceholders {
            return DecimalText.scientific(scaled, fractionDigits: layout.fraction.count, trimZeros: false,
                                          exponentDigits: exponentDigits.filter { $0 == "0" }.count,
                                          plusSign: layout.exponentShowsPlus)
        }
        var (integer, fraction) = DecimalText.fixedDigits(scaled, decimals: layout.fraction.count)
        if integer == "0" { integer = "" }
        let minimumInteger = layout.integer.filter { $0 == "0" }.count
        if integer.count < minimumInteger {
            integer = String(repeating: "0", count: minimumInteger - integer.count) + integer
        }
        if layout.groupsThousands { integer = Self.grouped(integer) }
        // Optional fraction placeholders drop trailing zeros, from the right only.
        var fractionChars = Array(fraction)
        var placeholders = layout.fraction
        while let last = placeholders.last, last != "0", fractionChars.last == "0" {
            fractionChars.removeLast()
            placeholders.removeLast()
        }
        return integer + (layout.hasPoint ? "." + String(fractionChars) : "")
    }

    private static func grouped(_ digits: String) -> String {
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out += "," }
            out.append(c)
        }
        return out
    }
}

/// Where the placeholders of one number section sit.
private struct NumberLayout {
    var integer: [Character] = []
    var fraction: [Character] = []
    var exponentPlaceholders: [Character]?
    var exponentShowsPlus = true
    var hasPoint = false
    var groupsThousands = false
    var scalingCommas = 0
    var percentCount = 0

    init(_ section: [ExcelFormatToken]) {
        var pendingCommas = 0
        for token in section {
            switch token {
            case .digit(let c):
                if exponentPlaceholders != nil { exponentPlaceholders?.append(c) }
                else if hasPoint { fraction.append(c) }
                else {
                    // A comma followed by more integer digits groups thousands.
                    if pendingCommas > 0, !integer.isEmpty { groupsThousands = true }
                    pendingCommas = 0
                    integer.append(c)
                }
            case .comma:
                if !hasPoint, exponentPlaceholders == nil { pendingCommas += 1 }
            case .point:
                if exponentPlaceholders == nil, !hasPoint {
                    hasPoint = true
                    scalingCommas += integer.isEmpty ? 0 : pendingCommas
                    pendingCommas = 0
                }
            case .exponent(let plus):
                if exponentPlaceholders == nil { exponentPlaceholders = []; exponentShowsPlus = plus }
            case .percent:
                percentCount += 1
            default:
                break
            }
        }
        // Commas after the last integer digit (with no point) scale by 1,000 each.
        if !hasPoint, !integer.isEmpty { scalingCommas += pendingCommas }
    }
}
