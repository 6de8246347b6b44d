import Foundation

/// The JSON exchanged with an external plugin, one report per invocation.
///
/// stdin:  `{"protocol": "auditlint-plugin/1", "plugin": id, "file": path, "options": {…}, "report": <model>}`
/// stdout: `{"protocol": "auditlint-plugin/1", "diagnostics": [{"rule", "severity", "message", "location", …}]}`
/// where `report` is the model `auditlint dump` prints and `location` holds any of
/// `line`, `column`, `table`, `row`, `cell`, `paragraph`, `sheet`, `cellRef` (the file is the report's).
public enum PluginProtocol {
    public static let version = "auditlint-plugin/1"

    struct Request: Encodable {
        var `protocol` = PluginProtocol.version
        var plugin: String
        var file: String
        var options: [String: String]
        var report: Report
    }

    /// What a plugin answers.
    public struct Response: Decodable {
        public var `protocol`: String
        public var diagnostics: [PluginDiagnostic]
    }

    /// One finding of a plugin.
    public struct PluginDiagnostic: Decodable {
        /// The plugin's own rule name; the finding's rule id becomes "plugin-id/rule".
        public var rule: String?
        public var severity: Severity?
        public var message: String
        public var location: PluginLocation?
        public var related: [PluginRelated]?
        public var expected: String?
        public var actual: String?
        /// A line-independent name of what the finding is about (for baselines); the message when absent.
        public var subject: String?
    }

    /// A place in the report, without the file (always the report being linted).
    public struct PluginLocation: Decodable {
        public var line: Int?
        public var column: Int?
        public var table: Int?
        public var row: Int?
        public var cell: Int?
        public var paragraph: Int?
        public var sheet: String?
        public var cellRef: String?

        func resolved(in file: String) -> SourceLocation {
            SourceLocation(file: file, line: line.map { max(1, $0) }, column: column.map { max(1, $0) }, table: table, row: row,
                           cell: cell, paragraph: paragraph, sheet: sheet, cellRef: cellRef)
        }
    }

    public struct PluginRelated: Decodable {
        public var location: PluginLocation
        public var message: String?
    }

    static func encode(_ request: Request) throws -> Data {
        let enc = JSONEncoder()
        enc.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try enc.encode(request)
    }
}
