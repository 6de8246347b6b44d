import Foundation

/// Prints a date serial number (days since the workbook's epoch, time as the fraction)
/// with the date/time parts of one format section.
struct ExcelDateRenderer {
    let tokens: [ExcelFormatToken]
    let date1904: Bool

    private static let monthNames = ["January", "February", "March", "April", "May", "June", "July",
                                     "August", "September", "October", "November", "December"]
    private static let dayNames = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
    private static let chineseDayNames = ["日", "一", "二", "三", "四", "五", "六"]

    /// nil when the serial is outside what Excel can print as a date (it shows "#####").
    func render(_ serial: Decimal) -> String? {
        guard serial >= 0, serial < 2_958_466 else { return nil }
        let wholeDays = DecimalText.rounded(serial, scale: 0)
        var days = NSDecimalNumber(decimal: wholeDays > serial ? wholeDays - 1 : wholeDays).intValue
        var seconds = NSDecimalNumber(decimal: DecimalText.rounded((serial - Decimal(days)) * 86_400, scale: 0)).intValue
        if seconds >= 86_400 { days += 1; seconds -= 86_400 }
        let (year, month, day, weekday) = civilDate(serial: days)
        let twelveHour = tokens.contains { if case .date(let p) = $0 { return p.contains("/") }; return false }
        let hour = seconds / 3600, minute = seconds / 60 % 60, second = seconds % 60

        var out = ""
        for (index, token) in tokens.enumerated() {
            switch token {
            case .literal(let s): out += s
            case .point: out += "."
            case .comma: out += ","
            case .percent: out += "%"
            case .date(let part):
                out += render(part, at: index, year: year, month: month, day: day, weekday: weekday,
                              hour: hour, minute: minute, second: second, days: days, twelveHour: twelveHour)
            default: break
            }
        }
        return out
    }

    private func render(_ part: String, at index: Int, year: Int, month: Int, day: Int, weekday: Int,
                        hour: Int, minute: Int, second: Int, days: Int, twelveHour: Bool) -> String {
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        switch part.first {
        case "y": return part.count <= 2 ? two(year % 100) : String(year)
        case "m":
            if isMinute(at: index) { return part.count == 1 ? String(minute) : two(minute) }
            switch part.count {
            case 1: return String(month)
            case 2: return two(month)
            case 3: return String(Self.monthNames[month - 1].prefix(3))
            case 5: return String(Self.monthNames[month - 1].prefix(1))
            default: return Self.monthNames[month - 1]
            }
        case "d":
            switch part.count {
            case 1: return String(day)
            case 2: return two(day)
            case 3: return String(Self.dayNames[weekday].prefix(3))
            default: return Self.dayNames[weekday]
            }
        case "a": return (part.count == 3 ? "" : "星期") + Self.chineseDayNames[weekday]
        case "h":
            let h = twelveHour ? (hour % 12 == 0 ? 12 : hour % 12) : hour
            return part.count == 1 ? String(h) : two(h)
        case "s": return part.count == 1 ? String(second) : two(second)
        case "[":
            let totalSeconds = days * 86_400 + hour * 3600 + minute * 60 + second
            switch part {
            case "[h]": return String(totalSeconds / 3600)
            case "[m]": return String(totalSeconds / 60)
            default: return String(totalSeconds)
            }
        default:
            switch part {
            case "AM/PM": return hour < 12 ? "AM" : "PM"
            case "A/P": return hour < 12 ? "A" : "P"
            default: return hour < 12 ? "上午" : "下午"
            }
        }
    }

    /// "m" means minutes right after an hour part or right before a seconds part.
    private func isMinute(at index: Int) -> Bool {
        let before = tokens[..<index].last { if case .date = $0 { return true }; return false }
        let after = tokens[(index + 1)...].first { if case .date = $0 { return true }; return false }
        if case .date(let p)? = before, p.hasPrefix("h") || p == "[h]" { return true }
        if case .date(let p)? = after, p.hasPrefix("s") || p == "[s]" { return true }
        return false
    }

    /// Year, month, day and weekday (0 = Sunday) of a serial day number.
    private func civilDate(serial: Int) -> (Int, Int, Int, Int) {
        if date1904 { return civil(fromUnixDays: serial - 24_107) }
        // The 1900 system counts a non-existent 1900-02-29 (serial 60), kept for Lotus compatibility.
        if serial == 60 { return (1900, 2, 29, 3) }
        if serial == 0 { return (1900, 1, 0, 6) }
        return civil(fromUnixDays: serial - (serial < 60 ? 25_568 : 25_569))
    }

    /// Howard Hinnant's days-to-civil: proleptic Gregorian, no time zones involved.
    private func civil(fromUnixDays days: Int) -> (Int, Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        let weekday = ((days % 7) + 7 + 4) % 7
        return (year, month, day, weekday)
    }
}
