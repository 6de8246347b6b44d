import Foundation
import Core

/// SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.
///
/// Text inputs get a region (line, column). Inputs without lines (Office, PDF, HTML)
/// get `startLine: 1`, because GitHub places no alert without a start line, and a
/// logical location naming the cell ("表2 第14行 第7列", "Sheet1!H4"); the message
/// then begins with that name, since GitHub shows neither logical locations nor
/// anything else that would say which cell is meant.
struct SARIFFormatter: Formatter {
    static let mimeTypes = [
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "json": "application/json", "md": "text/markdown", "txt": "text/plain",
        "pdf": "application/pdf", "html": "text/html", "htm": "text/html",
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
            var r: [String: JSONText] = [
                "ruleId": .string(d.ruleId),
                "ruleIndex": .int(rules.index(of: d)),
                "level": .string(d.severity.rawValue),
                "message": .object(["text": .string(Self.messageText(d))]),
                "locations": .array([location(d.location)]),
                "partialFingerprints": .object(["primaryLocationLineHash": .string(d.fingerprint)]),
            ]
            if let state = d.baselineState { r["baselineState"] = .string(state.rawValue) }
            if d.isSuppressed {
                r["suppressions"] = .array([.object(["kind": .string("external"), "status": .string("accepted"),
                                                     "justification": .string("已记录在基线中（--baseline）")])])
            }
            if !d.related.isEmpty {
                r["relatedLocations"] = .array(d.related.enumerated().map { k, rel -> JSONText in
                    guard case .object(var l) = location(rel.location) else { return .object([:]) }
                    l["id"] = .int(k + 1)
                    l["message"] = .object(["text": .string(rel.message)])
                    return .object(l)
                })
            }
            var props: [String: JSONText] = [:]
            if let e = d.expected { props["expected"] = .string(e) }
            if let a = d.actual { props["actual"] = .string(a) }
            if !props.isEmpty { r["properties"] = .object(props) }
            out.write(wroteResult ? ",\n        " : "        ")
            wroteResult = true
            out.write(JSONText.object(r).printed(level: 4))
        }
    }

    mutating func finish(_ tally: RunTally, _ out: OutputSink) {
        out.write("\n      ],\n")
        let skipped = tally.skippedSummary.map { [ToolNotification($0, level: .note)] } ?? []
        let notifications = (tally.notifications + skipped).map { n -> [String: Any] in
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
            "invocations": [["executionSuccessful": tally.executionSuccessful, "toolExecutionNotifications": notifications]],
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

    private func location(_ l: SourceLocation) -> JSONText {
        let uri = Self.uri(l.file)
        var artifact: [String: JSONText] = ["uri": .string(uri)]
        if let i = artifactIndex[uri] { artifact["index"] = .int(i) }
        var physical: [String: JSONText] = ["artifactLocation": .object(artifact)]
        if let line = l.line, line >= 1 {
            physical["region"] = .object(["startLine": .int(line), "startColumn": .int(max(1, l.column ?? 1))])
        } else {
            physical["region"] = .object(["startLine": .int(1)])
        }
        var out: [String: JSONText] = ["physicalLocation": .object(physical)]
        if let name = l.logicalName, l.line == nil {
            out["logicalLocations"] = .array([.object(["name": .string(name), "fullyQualifiedName": .string("\(l.file)#\(name)"),
                                                        "kind": .string("element")])])
        }
        return .object(out)
    }

    /// The finding's message, led by the cell's name where the location has no line.
    static func messageText(_ d: Diagnostic) -> String {
        guard d.location.line == nil, let name = d.location.logicalName else { return d.message }
        return "\(name)：\(d.message)"
    }

    /// A relative URI reference: the path relative to the working directory, percent-encoded.
    static func uri(_ path: String) -> String {
        let rel = path.relativeToWorkingDirectory
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: ":")
        return rel.addingPercentEncoding(withAllowedCharacters: allowed) ?? rel
    }
}
