import Foundation
import Core

/// What the linter and its worker processes say to each other over a socket: length-prefixed
/// frames (4 bytes, big-endian, then the payload). A request is a path in UTF-8; a reply is the
/// file's result, every field written as it is (`WireWriter`), so the round trip is exact and
/// the output does not depend on whether a file was linted in a worker.
enum WorkerProtocol {
    /// A reply larger than this is a worker gone wrong, not a result.
    static let maxFrame = 1 << 30

    static func frame(_ payload: [UInt8]) -> [UInt8] {
        let n = UInt32(payload.count)
        return [UInt8(n >> 24), UInt8((n >> 16) & 0xff), UInt8((n >> 8) & 0xff), UInt8(n & 0xff)] + payload
    }

    static func encode(_ r: FileResult) throws -> [UInt8] {
        var w = WireWriter()
        w.string(r.path)
        w.optionalString(r.format)
        w.count(r.diagnostics.count)
        for d in r.diagnostics {
            w.string(d.ruleId)
            w.string(d.severity.rawValue)
            w.string(d.message)
            w.location(d.location)
            w.count(d.related.count)
            for rel in d.related { w.location(rel.location); w.string(rel.message) }
            w.optionalString(d.expected)
            w.optionalString(d.actual)
            w.string(d.fingerprint)
            w.string(d.subject)
            w.optionalString(d.baselineState?.rawValue)
        }
        w.count(r.notifications.count)
        for n in r.notifications {
            w.string(n.level.rawValue)
            w.string(n.message)
            w.optionalString(n.file)
        }
        // What was recognised (nil for a file that could not be read), kinds in a fixed order.
        w.bytes.append(r.recognized == nil ? 0 : 1)
        if let stats = r.recognized {
            w.count(stats.forms.count)
            for (kind, n) in stats.forms.sorted(by: { $0.key.rawValue < $1.key.rawValue }) { w.string(kind.rawValue); w.int(n) }
            w.int(stats.indicatorRows)
            w.int(stats.ledgerRows)
        }
        w.count(r.pluginFailures.count)
        for f in r.pluginFailures {
            w.string(f.plugin)
            w.bytes.append(f.optional ? 1 : 0)
            w.string(f.message)
        }
        return w.bytes
    }

    static func decode(_ bytes: [UInt8]) throws -> FileResult {
        var r = WireReader(bytes)
        let path = try r.string()
        let format = try r.optionalString()
        var diagnostics: [Diagnostic] = []
        for _ in 0..<(try r.count()) {
            let rule = try r.string()
            guard let severity = Severity(rawValue: try r.string()) else { throw WireReader.Malformed() }
            let message = try r.string()
            let location = try r.location()
            var related: [RelatedLocation] = []
            for _ in 0..<(try r.count()) { related.append(RelatedLocation(location: try r.location(), message: try r.string())) }
            var d = Diagnostic(ruleId: rule, severity: severity, message: message, location: location, related: related,
                               expected: try r.optionalString(), actual: try r.optionalString(), subject: "")
            d.fingerprint = try r.string()
            d.subject = try r.string()
            d.baselineState = try r.optionalString().flatMap(BaselineState.init(rawValue:))
            diagnostics.append(d)
        }
        var notifications: [ToolNotification] = []
        for _ in 0..<(try r.count()) {
            guard let level = Severity(rawValue: try r.string()) else { throw WireReader.Malformed() }
            let message = try r.string()
            notifications.append(ToolNotification(message, level: level, file: try r.optionalString()))
        }
        var recognized: RecognitionStats?
        if try r.present() {
            var stats = RecognitionStats()
            for _ in 0..<(try r.count()) {
                guard let kind = FormKind(rawValue: try r.string()) else { throw WireReader.Malformed() }
                stats.forms[kind] = try r.int()
            }
            stats.indicatorRows = try r.int()
            stats.ledgerRows = try r.int()
            recognized = stats
        }
        var failures: [PluginFailure] = []
        for _ in 0..<(try r.count()) {
            let plugin = try r.string()
            let optional = try r.present()
            failures.append(PluginFailure(plugin: plugin, optional: optional, message: try r.string()))
        }
        return FileResult(path: path, format: format, diagnostics: diagnostics, notifications: notifications,
                          recognized: recognized, pluginFailures: failures)
    }
}

/// Writes the fields of a result: counts and lengths as 4-byte big-endian numbers, strings as
/// UTF-8, optionals behind a presence byte. (Foundation's JSON coders were most of the cost of
/// handing a small result from a worker to the linter.)
struct WireWriter {
    var bytes: [UInt8] = []

    mutating func count(_ n: Int) { int(n) }

    mutating func int(_ n: Int) {
        let v = UInt64(bitPattern: Int64(n))
        for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8((v >> UInt64(shift)) & 0xff)) }
    }

    mutating func string(_ s: String) {
        var s = s
        s.withUTF8 { utf8 in
            count(utf8.count)
            bytes.append(contentsOf: utf8)
        }
    }

    mutating func optionalString(_ s: String?) {
        bytes.append(s == nil ? 0 : 1)
        if let s { string(s) }
    }

    mutating func optionalInt(_ n: Int?) {
        bytes.append(n == nil ? 0 : 1)
        if let n { int(n) }
    }

    mutating func location(_ l: SourceLocation) {
        string(l.file)
        for n in [l.line, l.column, l.page, l.table, l.row, l.cell, l.paragraph] { optionalInt(n) }
        optionalString(l.sheet)
        optionalString(l.cellRef)
    }
}

/// Reads what `WireWriter` wrote; throws on anything short or malformed.
struct WireReader {
    struct Malformed: Error {}
    private let bytes: [UInt8]
    private var at = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    mutating func int() throws -> Int {
        guard at + 8 <= bytes.count else { throw Malformed() }
        var v: UInt64 = 0
        for k in 0..<8 { v = v << 8 | UInt64(bytes[at + k]) }
        at += 8
        return Int(Int64(bitPattern: v))
    }

    mutating func count() throws -> Int {
        let n = try int()
        guard n >= 0, n <= bytes.count - at else { throw Malformed() }
        return n
    }

    mutating func string() throws -> String {
        let n = try count()
        defer { at += n }
        return String(decoding: bytes[at..<(at + n)], as: UTF8.self)
    }

    mutating func present() throws -> Bool {
        guard at < bytes.count else { throw Malformed() }
        defer { at += 1 }
        return bytes[at] != 0
    }

    mutating func optionalString() throws -> String? { try present() ? try string() : nil }

    mutating func optionalInt() throws -> Int? { try present() ? try int() : nil }

    mutating func location() throws -> SourceLocation {
        let file = try string()
        let n = try (0..<7).map { _ in try optionalInt() }
        return SourceLocation(file: file, line: n[0], column: n[1], table: n[3], row: n[4], cell: n[5], paragraph: n[6],
                              sheet: try optionalString(), cellRef: try optionalString(), page: n[2])
    }
}

/// Collects frames from a stream of received bytes.
struct FrameReader {
    private var pending: [UInt8] = []
    private var start = 0

    mutating func append(_ bytes: ArraySlice<UInt8>) { pending.append(contentsOf: bytes) }

    /// The next complete frame, nil if more bytes are needed; throws on an impossible length.
    mutating func next() throws -> [UInt8]? {
        guard pending.count - start >= 4 else { return nil }
        let n = Int(pending[start]) << 24 | Int(pending[start + 1]) << 16 | Int(pending[start + 2]) << 8 | Int(pending[start + 3])
        guard n <= WorkerProtocol.maxFrame else { throw FrameError() }
        guard pending.count - start - 4 >= n else { return nil }
        let payload = Array(pending[(start + 4)..<(start + 4 + n)])
        start += 4 + n
        if start == pending.count { pending.removeAll(keepingCapacity: true); start = 0 }
        return payload
    }

    struct FrameError: Error {}
}
