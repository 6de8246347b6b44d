import Foundation
import Core

/// SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.
///
/// Text inputs get a region (line, column); Office inputs get no region but a
/// logical location naming the cell ("表2 第14行 第7列", "Sheet1!H4") and an
/// artifact with its MIME type.
struct SARIFFormatter: Formatter {
    static let mimeTypes = [
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "json": "application/json", "md": "text/markdown", "txt": "text/plain",
    ]

    private var rules: RuleTable
    private var artifacts: [[String: Any]] = []
    private var artifactIndex: [String: Int] = [:]
    private var wroteResult = false
    private static let options: JSONSerialization.WritingOptions = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]

    /// - Parameter rules: the configured checks; plugin rules are added as their findings appear.
    init(rules: [CheckDescriptor]) {
        self.rules = RuleTable(rules)
    }

    // Results are written first, as they arrive; the artifacts, the rules (which grow with
    // plugin rule ids) and the notifications follow once the last file is in. JSON objects
    // are unordered, so this is the same SARIF log as one written in any other key order.
    mutating func begin(_ out: OutputSink) {
        out.write("{\n  \"$schema\" : \"https://json.schemastore.org/sarif-2.1.0.json\",\n  \"runs\" : [\n    {\n      \"results\" : [\n")
    }

    mutating func file(_ f: FileResult, _ out: OutputSink) {
        let uri = Self.uri(f.path)
        if artifactIndex[uri] == nil {
            artifactIndex[uri] = artifacts.count
            var a: [String: Any] = ["location": ["uri": uri]]
            let ext = (f.path as NSString).pathExtension.lowercased()
            if let m = Self.mimeTypes[ext] { a["mimeType"] = m }
            if let format = f.format { a["properties"] = ["format": format] }
            artifacts.append(a)
        }
        for d in f.diagnostics {
            var r: [String: Any] = [
                "ruleId": d.ruleId,
                "ruleIndex": rules.index(of: d),
                "level": d.severity.rawValue,
                "message": ["text": d.message],
                "locations": [location(d.location)],
                "partialFingerprints": ["primaryLocationLineHash": d.fingerprint],
            ]
            if let state = d.baselineState { r["baselineState"] = state.rawValue }
            if d.isSuppressed {
                r["suppressions"] = [["kind": "external", "status": "accepted", "justification": "已记录在基线中（--baseline）"]]
            }
            if !d.related.isEmpty {
                r["relatedLocations"] = d.related.enumerated().map { k, rel -> [String: Any] in
                    var l = location(rel.location)
                    l["id"] = k + 1
                    l["message"] = ["text": rel.message]
                    return l
                }
            }
            var props: [String: Any] = [:]
            if let e = d.expected { props["expected"] = e }
            if let a = d.actual { props["actual"] = a }
            if !props.isEmpty { r["properties"] = props }
            guard let data = try? JSONSerialization.data(withJSONObject: r, options: Self.options) else { continue }
            if wroteResult { out.write(",\n") }
            wroteResult = true
            out.write(JSONFormatter.indented(data, by: 8))
        }
    }

    mutating func finish(_ tally: RunTally, _ out: OutputSink) {
        out.write("\n      ],\n")
        let notifications = tally.notifications.map { n -> [String: Any] in
            var o: [String: Any] = ["level": n.level.rawValue, "message": ["text": n.message]]
            if let file = n.file { o["locations"] = [["physicalLocation": ["artifactLocation": ["uri": Self.uri(file)]]]] }
            return o
        }
        let rest: [String: Any] = [
            "tool": ["driver": [
                "name": "auditlint",
                "semanticVersion": Version.current,
                "rules": rules.descriptors.map(rule),
            ]],
            "invocations": [["executionSuccessful": true, "toolExecutionNotifications": notifications]],
            "artifacts": artifacts,
            "columnKind": "unicodeCodePoints",
        ]
        let data = (try? JSONSerialization.data(withJSONObject: rest, options: Self.options)) ?? Data("{\n}".utf8)
        // The run object is already open: drop "{\n" and nest the remaining lines.
        out.write(JSONFormatter.indented(Data(data.dropFirst(2)), by: 4))
        out.write("\n  ],\n  \"version\" : \"2.1.0\"\n}\n")
    }

    private func rule(_ d: CheckDescriptor) -> [String: Any] {
        var help = "\(d.rationale)\n"
        for ex in d.examples.prefix(4) {
            help += "\n\(ex.triggers ? "报告" : "不报告")：\(ex.title)"
        }
        return [
            "id": d.id,
            "name": d.id.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(),
            "shortDescription": ["text": d.title],
            "fullDescription": ["text": d.rationale],
            "help": ["text": help, "markdown": "**\(d.title)**\n\n\(d.rationale)\n\n`auditlint explain \(d.id)` 显示全部示例。"],
            "defaultConfiguration": ["level": d.defaultSeverity.rawValue],
            "properties": ["tags": ["budget-performance"]],
        ]
    }

    private func location(_ l: SourceLocation) -> [String: Any] {
        let uri = Self.uri(l.file)
        var artifact: [String: Any] = ["uri": uri]
        if let i = artifactIndex[uri] { artifact["index"] = i }
        var physical: [String: Any] = ["artifactLocation": artifact]
        if let line = l.line, line >= 1 {
            physical["region"] = ["startLine": line, "startColumn": max(1, l.column ?? 1)]
        }
        var out: [String: Any] = ["physicalLocation": physical]
        if let name = l.logicalName, l.line == nil {
            out["logicalLocations"] = [["name": name, "fullyQualifiedName": "\(l.file)#\(name)", "kind": "element"]]
        }
        return out
    }

    /// A relative URI reference: the path relative to the working directory, percent-encoded.
    static func uri(_ path: String) -> String {
        let rel = path.relativeToWorkingDirectory
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: ":")
        return rel.addingPercentEncoding(withAllowedCharacters: allowed) ?? rel
    }
}
