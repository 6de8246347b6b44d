import Foundation
import Core

/// A JSON value as the formatters build it, printed the way `JSONEncoder` and
/// `JSONSerialization` print with `[.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]`.
///
/// Encoding each finding through Foundation cost about as much as checking a report (a tenth
/// of a run's time in JSON, a sixth in SARIF). `JSONTextTests` holds the printing to
/// Foundation's, byte for byte, and the diagnostic mapping to the `Codable` one.
indirect enum JSONText {
    case string(String)
    case int(Int)
    case bool(Bool)
    case array([JSONText])
    case object([String: JSONText])

    /// Pretty-printed, with keys sorted and nested `level` deep (two spaces a level).
    func printed(level: Int = 0) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(512)
        write(into: &out, level: level)
        return out
    }

    private static func indent(_ out: inout [UInt8], _ level: Int) {
        for _ in 0..<(2 * level) { out.append(0x20) }
    }

    private func write(into out: inout [UInt8], level: Int) {
        switch self {
        case .string(let s): Self.writeString(s, into: &out)
        case .int(let n): out.append(contentsOf: String(n).utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            out.append(0x0A)
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")); out.append(0x0A) }
                Self.indent(&out, level + 1)
                item.write(into: &out, level: level + 1)
            }
            out.append(0x0A)
            Self.indent(&out, level)
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            out.append(0x0A)
            for (i, key) in members.keys.sorted().enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")); out.append(0x0A) }
                Self.indent(&out, level + 1)
                Self.writeString(key, into: &out)
                out.append(contentsOf: " : ".utf8)
                members[key]!.write(into: &out, level: level + 1)
            }
            out.append(0x0A)
            Self.indent(&out, level)
            out.append(UInt8(ascii: "}"))
        }
    }

    private static let hex = Array("0123456789abcdef".utf8)

    /// Quotes, backslashes and control characters escaped; "/" and non-ASCII as they are.
    static func writeString(_ s: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "\""): out.append(contentsOf: [0x5C, 0x22])
            case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
            case 0x08: out.append(contentsOf: [0x5C, UInt8(ascii: "b")])
            case 0x0C: out.append(contentsOf: [0x5C, UInt8(ascii: "f")])
            case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: out.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x09: out.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case 0..<0x20:
                out.append(contentsOf: Array("\\u00".utf8))
                out.append(hex[Int(b >> 4)])
                out.append(hex[Int(b & 0xF)])
            default: out.append(b)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}

extension JSONText {
    /// A finding as its `Codable` conformance encodes it (optional fields left out when nil).
    init(_ d: Diagnostic) {
        var o: [String: JSONText] = [
            "ruleId": .string(d.ruleId),
            "severity": .string(d.severity.rawValue),
            "message": .string(d.message),
            "location": JSONText(d.location),
            "related": .array(d.related.map { .object(["location": JSONText($0.location), "message": .string($0.message)]) }),
            "fingerprint": .string(d.fingerprint),
            "subject": .string(d.subject),
        ]
        if let e = d.expected { o["expected"] = .string(e) }
        if let a = d.actual { o["actual"] = .string(a) }
        if let s = d.baselineState { o["baselineState"] = .string(s.rawValue) }
        self = .object(o)
    }

    init(_ l: SourceLocation) {
        var o: [String: JSONText] = ["file": .string(l.file)]
        if let v = l.line { o["line"] = .int(v) }
        if let v = l.column { o["column"] = .int(v) }
        if let v = l.page { o["page"] = .int(v) }
        if let v = l.table { o["table"] = .int(v) }
        if let v = l.row { o["row"] = .int(v) }
        if let v = l.cell { o["cell"] = .int(v) }
        if let v = l.paragraph { o["paragraph"] = .int(v) }
        if let v = l.sheet { o["sheet"] = .string(v) }
        if let v = l.cellRef { o["cellRef"] = .string(v) }
        self = .object(o)
    }

    /// One entry of the JSON format's `files`.
    init(_ f: FileResult) {
        var o: [String: JSONText] = ["path": .string(f.path), "diagnostics": .array(f.diagnostics.map(JSONText.init))]
        if let format = f.format { o["format"] = .string(format) }
        self = .object(o)
    }
}
