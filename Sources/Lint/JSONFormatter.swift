import Foundation
import Core

/// The documented JSON result shape, versioned by `schema`:
/// `{schema, tool, files: [{path, format, diagnostics: [...]}], notifications, stats}`.
/// Counts in `stats` leave out findings a baseline suppressed; those keep
/// `"baselineState": "unchanged"` in `diagnostics`.
struct JSONFormatter: Formatter {
    static let schema = "auditlint-results/1"

    struct Output: Encodable {
        var schema = JSONFormatter.schema
        var tool: Tool
        var files: [File]
        var notifications: [ToolNotification]
        var stats: Stats
    }
    struct Tool: Encodable { var name: String; var version: String }
    struct File: Encodable { var path: String; var format: String?; var diagnostics: [Diagnostic] }
    struct Stats: Encodable {
        var files: Int; var errors: Int; var warnings: Int; var notes: Int
        /// Findings the baseline suppressed (not counted above); nil without a baseline.
        var suppressed: Int?
        var byRule: [String: Int]
    }

    func render(_ result: RunResult, rules: [CheckDescriptor]) -> String {
        let out = Output(tool: Tool(name: "auditlint", version: Version.current),
                         files: result.files.map { File(path: $0.path, format: $0.format, diagnostics: $0.diagnostics) },
                         notifications: result.notifications,
                         stats: Stats(files: result.files.count, errors: result.count(.error), warnings: result.count(.warning),
                                      notes: result.count(.note), suppressed: result.baselineApplied ? result.suppressedCount : nil, byRule: Dictionary(uniqueKeysWithValues: result.byRule)))
        let enc = JSONEncoder()
        enc.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? enc.encode(out)) ?? Data(), as: UTF8.self) + "\n"
    }
}

enum Version {
    static let current = "0.1.0"
}
