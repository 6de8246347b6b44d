import Core

/// One row per finding, for auditors who work in a spreadsheet:
/// 文件, 表, 位置, 规则, 级别, 消息, 应为, 实际印数, 对象, 指纹.
///
/// UTF-8 with a byte-order mark (without it Excel reads UTF-8 as the local code page and the
/// Chinese is garbled), RFC 4180 quoting and CRLF line ends. Text from the report arrives
/// already escaped by `DisplayText` (control and bidi characters as `\u{…}`), as in every format.
/// A field that would start a spreadsheet formula (`=`, `+`, `@`, or `-` not starting a number)
/// is prefixed with `'`: cell text is untrusted and a formula could run when the file is opened.
/// Findings a baseline suppressed are left out, as in the text output.
struct CSVFormatter: Formatter {
    static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    static var header: [String] {
        L10n.english
            ? ["file", "form", "location", "rule", "severity", "message", "expected", "printed", "subject", "fingerprint"]
            : ["文件", "表", "位置", "规则", "级别", "消息", "应为", "实际印数", "对象", "指纹"]
    }

    mutating func begin(_ out: OutputSink) {
        out.write(Self.byteOrderMark)
        out.write(Self.record(Self.header))
    }

    mutating func file(_ result: FileResult, _ out: OutputSink) {
        let locator = result.report.map(ReportLocator.init)
        for d in result.diagnostics where !d.isSuppressed {
            out.write(Self.record([
                result.path,
                locator?.formTitle(of: d.location) ?? "",
                Self.place(d.location),
                d.ruleId,
                L10n.severity(d.severity),
                d.message,
                d.expected ?? "",
                d.actual ?? "",
                d.subject,
                d.fingerprint,
            ]))
        }
    }

    mutating func finish(_ tally: RunTally, _ out: OutputSink) {}

    /// "31:5" for a text input, the logical name ("第7页 表2 第14行 第3列", "Sheet1!H4") otherwise.
    static func place(_ l: SourceLocation) -> String {
        if let line = l.line { return "\(line):\(l.column ?? 1)" }
        return l.logicalName ?? ""
    }

    /// One CSV record ending in CRLF.
    static func record(_ fields: [String]) -> String {
        fields.map { quoted(defused($0)) }.joined(separator: ",") + "\r\n"
    }

    /// RFC 4180: a field holding a comma, a quote, CR or LF is quoted, its quotes doubled.
    static func quoted(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// The field with a leading `'` when a spreadsheet would read it as a formula.
    static func defused(_ field: String) -> String {
        guard let first = field.unicodeScalars.first else { return field }
        switch first {
        case "=", "+", "@": return "'" + field
        case "-":
            let next = field.unicodeScalars.dropFirst().first
            if let next, ("0"..."9").contains(next) || next == "." { return field }
            return field.count == 1 ? field : "'" + field
        default: return field
        }
    }
}
