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

    func render(_ result: RunResult, rules: [CheckDescriptor]) -> String {
        let ruleIndex = Dictionary(uniqueKeysWithValues: rules.enumerated().map { ($1.id, $0) })
        var artifacts: [[String: Any]] = []
        var artifactIndex: [String: Int] = [:]
        for f in result.files {
            let uri = Self.uri(f.path)
            guard artifactIndex[uri] == nil else { continue }
            artifactIndex[uri] = artifacts.count
            var a: [String: Any] = ["location": ["uri": uri]]
            let ext = (f.path as NSString).pathExtension.lowercased()
            if let m = Self.mimeTypes[ext] { a["mimeType"] = m }
            if let format = f.format { a["properties"] = ["format": format] }
            artifacts.append(a)
        }
        var results: [[String: Any]] = []
        for d in result.diagnostics {
            var r: [String: Any] = [
                "ruleId": d.ruleId,
                "level": d.severity.rawValue,
                "message": ["text": d.message],
                "locations": [location(d.location, artifactIndex)],
                "partialFingerprints": ["primaryLocationLineHash": d.fingerprint],
            ]
            if let i = ruleIndex[d.ruleId] { r["ruleIndex"] = i }
            if let state = d.baselineState { r["baselineState"] = state.rawValue }
            if d.isSuppressed {
                r["suppressions"] = [["kind": "external", "status": "accepted", "justification": "已记录在基线中（--baseline）"]]
            }
            if !d.related.isEmpty {
                r["relatedLocations"] = d.related.enumerated().map { k, rel -> [String: Any] in
                    var l = location(rel.location, artifactIndex)
                    l["id"] = k + 1
                    l["message"] = ["text": rel.message]
                    return l
                }
            }
            var props: [String: Any] = [:]
            if let e = d.expected { props["expected"] = e }
            if let a = d.actual { props["actual"] = a }
            if !props.isEmpty { r["properties"] = props }
            results.append(r)
        }
        let notifications = result.notifications.map { n -> [String: Any] in
            var out: [String: Any] = ["level": n.level.rawValue, "message": ["text": n.message]]
            if let file = n.file { out["locations"] = [["physicalLocation": ["artifactLocation": ["uri": Self.uri(file)]]]] }
            return out
        }
        let run: [String: Any] = [
            "tool": ["driver": [
                "name": "auditlint",
                "semanticVersion": Version.current,
                "rules": rules.map(rule),
            ]],
            "invocations": [["executionSuccessful": true, "toolExecutionNotifications": notifications]],
            "artifacts": artifacts,
            "columnKind": "unicodeCodePoints",
            "results": results,
        ]
        let doc: [String: Any] = [
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [run],
        ]
        let data = (try? JSONSerialization.data(withJSONObject: doc, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
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

    private func location(_ l: SourceLocation, _ artifactIndex: [String: Int]) -> [String: Any] {
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
