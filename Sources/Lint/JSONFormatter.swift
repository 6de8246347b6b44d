import Foundation
import Core

/// The documented JSON result shape, versioned by `schema`:
/// `{schema, tool, files: [{path, format, diagnostics: [...]}], notifications, stats}`;
/// `stats` also says how much was checked (`readFiles`, `forms` by kind, `indicatorRows`, `ledgerRows`).
/// Counts in `stats` leave out findings a baseline suppressed; those keep
/// `"baselineState": "unchanged"` in `diagnostics`.
///
/// Keys are sorted, so `files` comes first: each file is written as soon as it is known,
/// pretty-printed exactly as one `JSONEncoder` pass over the whole result would print it.
struct JSONFormatter: Formatter {
    static let schema = "auditlint-results/1"

    /// The keys after `files`, in sorted order.
    struct Rest: Encodable {
        var notifications: [ToolNotification]
        var schema = JSONFormatter.schema
        var stats: Stats
        var tool = Tool(name: "auditlint", version: Version.current)
    }
    struct Tool: Encodable { var name: String; var version: String }
    struct Stats: Encodable {
        var files: Int; var errors: Int; var warnings: Int; var notes: Int
        /// Findings the baseline suppressed (not counted above); nil without a baseline.
        var suppressed: Int?
        var byRule: [String: Int]
        /// Files that could be read; forms recognised by kind; indicator and ledger rows.
        var readFiles: Int
        var forms: [String: Int]
        var indicatorRows: Int
        var ledgerRows: Int
        /// Files found and deliberately not linted, by reason (README, JSON that is no model…).
        var skipped: [String: Int]
    }

    private var wroteFile = false
    private let encoder: JSONEncoder = {
        let enc = JSONEncoder()
        enc.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return enc
    }()

    mutating func begin(_ out: OutputSink) {
        out.write("{\n  \"files\" : [\n")
    }

    mutating func file(_ result: FileResult, _ out: OutputSink) {
        if wroteFile { out.write(",\n    ") } else { out.write("    ") }
        wroteFile = true
        out.write(JSONText(result).printed(level: 2))
    }

    mutating func finish(_ tally: RunTally, _ out: OutputSink) {
        out.write("\n  ],\n")
        let checked = tally.checkedCounts
        let rest = Rest(notifications: tally.notifications,
                        stats: Stats(files: tally.files, errors: tally.count(.error), warnings: tally.count(.warning),
                                     notes: tally.count(.note), suppressed: tally.baselineApplied ? tally.suppressedCount : nil,
                                     byRule: Dictionary(uniqueKeysWithValues: tally.byRule),
                                     readFiles: checked.readFiles, forms: checked.forms,
                                     indicatorRows: checked.indicatorRows, ledgerRows: checked.ledgerRows, skipped: tally.skipped))
        let data = (try? encoder.encode(rest)) ?? Data("{\n}".utf8)
        // Drop the opening "{\n": the object is already open.
        out.write(data.dropFirst(2))
        out.write("\n")
    }

    /// Pretty-printed JSON nested `spaces` deeper: every non-empty line indented (an empty
    /// array prints an empty line, which stays empty, as `JSONEncoder` prints it nested).
    static func indented(_ data: Data, by spaces: Int) -> Data {
        var out = Data(capacity: data.count + data.count / 8)
        let pad = [UInt8](repeating: 0x20, count: spaces)
        // Newlines inside strings are escaped as \n, so a raw 0x0A always ends a line.
        var lineStart = true
        for byte in data {
            if lineStart && byte != 0x0A { out.append(contentsOf: pad) }
            out.append(byte)
            lineStart = byte == 0x0A
        }
        return out
    }
}

enum Version {
    static let current = "0.1.0"
}
