import Foundation
import Core

/// SARIF 2.1.0 for GitHub code scanning and other SARIF viewers, shaped by what GitHub displays.
///
/// - Text inputs get a region (line, column). Inputs without lines (Office, PDF, HTML) get
///   `startLine: 1`, because GitHub places no alert without a start line, and a logical location
///   naming the cell; the message then begins with that name, since GitHub shows no logical location.
/// - URIs are relative to `%SRCROOT%` (`--sarif-root`, default the git top level or the working
///   directory), declared in `originalUriBaseIds`.
/// - Related locations are linked from the message (`[全年执行数 78.92](1)`), at most 100 of them.
/// - More than 25,000 results (GitHub's limit per run) are split into several runs at file
///   boundaries, each with its own `automationDetails.id` (GitHub rejects two runs of one tool
///   and category in one upload) and a notification.
/// - Findings a baseline suppresses are left out unless `includeSuppressed`.
struct SARIFFormatter: Formatter {
    static let mimeTypes = [
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "json": "application/json", "md": "text/markdown", "txt": "text/plain",
        "pdf": "application/pdf", "html": "text/html", "htm": "text/html",
    ]
    /// GitHub rejects a run with more results.
    static let defaultMaxResultsPerRun = 25_000
    /// GitHub keeps 1,000 related locations; 100 is what a reader can use.
    static let maxRelatedLocations = 100
    /// Where each rule's section of docs/rules.md is published (`#rule-id` anchors).
    static let rulesDocument = "https://github.com/auditlint/auditlint/blob/main/docs/rules.md"

    private var rules: RuleTable
    /// The absolute directory `%SRCROOT%` stands for.
    private let root: String
    private let includeSuppressed: Bool
    private let maxResultsPerRun: Int

    // The run being written.
    private var artifacts: [[String: Any]] = []
    private var artifactIndex: [String: Int] = [:]
    private var resultsInRun = 0
    private var runNumber = 1
    private static let options: JSONSerialization.WritingOptions = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]

    /// - Parameters:
    ///   - rules: the configured checks; plugin rules are added as their findings appear.
    ///   - root: the directory URIs are relative to (`%SRCROOT%`).
    ///   - includeSuppressed: keep findings a baseline suppresses (marked with `suppressions`).
    init(rules: [CheckDescriptor], root: String = FileManager.default.currentDirectoryPath,
         includeSuppressed: Bool = false, maxResultsPerRun: Int = SARIFFormatter.defaultMaxResultsPerRun) {
        self.rules = RuleTable(rules)
        self.root = URL(fileURLWithPath: root).standardizedFileURL.path
        self.includeSuppressed = includeSuppressed
        self.maxResultsPerRun = max(1, maxResultsPerRun)
    }

    // Results are written first, as they arrive; the artifacts, the rules (which grow with
    // plugin rule ids) and the notifications follow once the run is complete. JSON objects
    // are unordered, so this is the same SARIF log as one written in any other key order.
    mutating func begin(_ out: OutputSink) {
        out.write("{\n  \"$schema\" : \"https://json.schemastore.org/sarif-2.1.0.json\",\n  \"runs\" : [\n")
        openRun(out)
    }

    private mutating func openRun(_ out: OutputSink) {
        out.write("    {\n      \"results\" : [\n")
        artifacts = []
        artifactIndex = [:]
        resultsInRun = 0
    }

    private mutating func addArtifact(_ f: FileResult) {
        let uri = uri(f.path)
        guard artifactIndex[uri] == nil else { return }
        artifactIndex[uri] = artifacts.count
        var a: [String: Any] = ["location": ["uri": uri, "uriBaseId": "%SRCROOT%"]]
        let ext = (f.path as NSString).pathExtension.lowercased()
        if let m = Self.mimeTypes[ext] { a["mimeType"] = m }
        if let format = f.format { a["properties"] = ["format": format] }
        artifacts.append(a)
    }

    mutating func file(_ f: FileResult, _ out: OutputSink) {
        addArtifact(f)
        for d in f.diagnostics where includeSuppressed || !d.isSuppressed {
            if resultsInRun >= maxResultsPerRun {
                // A new run at this file: GitHub rejects a run of more than 25,000 results.
                closeRun(out, notifications: [], last: false)
                out.write(",\n")
                runNumber += 1
                openRun(out)
                addArtifact(f)
            }
            out.write(resultsInRun > 0 ? ",\n        " : "        ")
            resultsInRun += 1
            out.write(result(d).printed(level: 4))
        }
    }

    private mutating func result(_ d: Diagnostic) -> JSONText {
        let related = Array(d.related.prefix(Self.maxRelatedLocations))
        var r: [String: JSONText] = [
            "ruleId": .string(d.ruleId),
            "ruleIndex": .int(rules.index(of: d)),
            "level": .string(d.severity.rawValue),
            "message": .object(["text": .string(Self.messageText(d, linking: related, omitted: d.related.count - related.count))]),
            "locations": .array([location(d.location)]),
            "partialFingerprints": .object(["primaryLocationLineHash": .string(d.fingerprint)]),
        ]
        if let state = d.baselineState { r["baselineState"] = .string(state.rawValue) }
        if d.isSuppressed {
            r["suppressions"] = .array([.object(["kind": .string("external"), "status": .string("accepted"),
                                                 "justification": .string("已记录在基线中（--baseline）")])])
        }
        if !related.isEmpty {
            r["relatedLocations"] = .array(related.enumerated().map { k, rel -> JSONText in
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
        return .object(r)
    }

    mutating func finish(_ tally: RunTally, _ out: OutputSink) {
        let skipped = tally.skippedSummary.map { [ToolNotification($0, level: .note)] } ?? []
        closeRun(out, notifications: tally.notifications + skipped, last: true, successful: tally.executionSuccessful, tally: tally)
        out.write("\n  ],\n  \"version\" : \"2.1.0\"\n}\n")
    }

    /// Ends the results of the run and writes the rest of the run object.
    private mutating func closeRun(_ out: OutputSink, notifications: [ToolNotification], last: Bool, successful: Bool = true,
                                   tally: RunTally? = nil) {
        out.write("\n      ],\n")
        var notes = notifications
        let split = runNumber > 1 || !last
        if split {
            notes.append(ToolNotification(L10n.text(
                "结果超过 GitHub 每个运行 \(maxResultsPerRun) 条的上限，已按路径分为多个运行；这是第 \(runNumber) 个（automationDetails.id 各不相同）",
                "more results than GitHub's \(maxResultsPerRun) per run: split into several runs by path; this is run \(runNumber) (each with its own automationDetails.id)"), level: .note))
        }
        let notificationObjects = notes.map { n -> [String: Any] in
            var o: [String: Any] = ["level": n.level.rawValue, "message": ["text": n.message]]
            if let file = n.file { o["locations"] = [["physicalLocation": ["artifactLocation": ["uri": uri(file), "uriBaseId": "%SRCROOT%"]]]] }
            return o
        }
        var rest: [String: Any] = [
            "tool": ["driver": [
                "name": "auditlint",
                "semanticVersion": Version.current,
                "informationUri": Self.rulesDocument,
                "rules": rules.descriptors.map(rule),
            ]],
            "invocations": [["executionSuccessful": successful, "toolExecutionNotifications": notificationObjects]],
            "artifacts": artifacts,
            "columnKind": "unicodeCodePoints",
            "originalUriBaseIds": ["%SRCROOT%": ["uri": URL(fileURLWithPath: root, isDirectory: true).absoluteString]],
        ]
        if split { rest["automationDetails"] = ["id": "auditlint/part-\(runNumber)/"] }
        // How much the whole invocation checked (on its last run), so a run over a folder that
        // was not really read shows it.
        if let tally {
            let checked = tally.checkedCounts
            rest["properties"] = [
                "files": tally.files,
                "readFiles": checked.readFiles,
                "forms": checked.forms,
                "indicatorRows": checked.indicatorRows,
                "ledgerRows": checked.ledgerRows,
            ] as [String: Any]
        }
        let data = (try? JSONSerialization.data(withJSONObject: rest, options: Self.options)) ?? Data("{\n}".utf8)
        // The run object is already open: drop "{\n" and nest the remaining lines.
        out.write(JSONFormatter.indented(Data(data.dropFirst(2)), by: 4))
    }

    private func rule(_ d: CheckDescriptor) -> [String: Any] {
        var help = "\(d.rationale)\n"
        for ex in d.examples.prefix(4) {
            help += "\n\(ex.triggers ? "报告" : "不报告")：\(ex.title)"
        }
        let builtin = !d.id.contains("/")
        var rule: [String: Any] = [
            "id": d.id,
            "name": d.id.split(whereSeparator: { $0 == "-" || $0 == "/" }).map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(),
            "shortDescription": ["text": d.title],
            "fullDescription": ["text": d.rationale],
            "help": ["text": help, "markdown": Self.helpMarkdown(d, uri: builtin ? "\(Self.rulesDocument)#\(d.id)" : nil)],
            "defaultConfiguration": ["level": d.defaultSeverity.rawValue],
            "properties": [
                "tags": ["budget-performance"],
                "precision": Self.precision(d.defaultSeverity),
                "problem.severity": Self.problemSeverity(d.defaultSeverity),
            ] as [String: Any],
        ]
        if builtin { rule["helpUri"] = "\(Self.rulesDocument)#\(d.id)" }
        return rule
    }

    /// The rule's help as GitHub shows it beside an alert: rationale, options and examples as tables.
    static func helpMarkdown(_ d: CheckDescriptor, uri: String?) -> String {
        func cell(_ s: String) -> String { s.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ") }
        var md = "**\(d.title)**（默认级别：\(L10n.severity(d.defaultSeverity))）\n\n\(d.rationale)\n"
        if !d.options.isEmpty {
            md += "\n| 选项 | 默认值 | 说明 |\n| --- | --- | --- |\n"
            for o in d.options { md += "| `\(o.key)` | `\(cell(o.defaultValue))` | \(cell(o.help)) |\n" }
        }
        if !d.examples.isEmpty {
            md += "\n| 结果 | 例子 | 报告的行 |\n| --- | --- | --- |\n"
            for ex in d.examples {
                md += "| \(ex.triggers ? "报告" : "不报告") | \(cell(ex.title)) | \(ex.expectedLines.map(String.init).joined(separator: "、")) |\n"
            }
        }
        md += "\n`auditlint explain \(d.id)` 显示例子的输入。"
        if let uri { md += "[规则说明](\(uri))" }
        return md + "\n"
    }

    /// How rarely the rule is wrong (GitHub sorts alerts by it): checks of printed arithmetic are
    /// exact, heuristics about wording less so.
    static func precision(_ s: Severity) -> String {
        switch s { case .error: return "high"; case .warning: return "medium"; case .note: return "low" }
    }

    static func problemSeverity(_ s: Severity) -> String {
        switch s { case .error: return "error"; case .warning: return "warning"; case .note: return "recommendation" }
    }

    private func location(_ l: SourceLocation) -> JSONText {
        let uri = uri(l.file)
        var artifact: [String: JSONText] = ["uri": .string(uri), "uriBaseId": .string("%SRCROOT%")]
        if let i = artifactIndex[uri] { artifact["index"] = .int(i) }
        var physical: [String: JSONText] = ["artifactLocation": .object(artifact)]
        if let line = l.line, line >= 1 {
            physical["region"] = .object(["startLine": .int(line), "startColumn": .int(max(1, l.column ?? 1))])
        } else {
            physical["region"] = .object(["startLine": .int(1)])
        }
        var out: [String: JSONText] = ["physicalLocation": .object(physical)]
        if let name = l.logicalName, l.line == nil {
            out["logicalLocations"] = .array([.object(["name": .string(name), "fullyQualifiedName": .string("\(uri)#\(name)"),
                                                        "kind": .string("element")])])
        }
        return .object(out)
    }

    /// The finding's message, led by the cell's name where the location has no line.
    static func messageText(_ d: Diagnostic) -> String {
        guard d.location.line == nil, let name = d.location.logicalName else { return d.message }
        return "\(name)：\(d.message)"
    }

    /// The message with its related locations linked (`[text](id)`, which GitHub renders as
    /// links to them) and the number left out when there are more than can be listed.
    static func messageText(_ d: Diagnostic, linking related: [RelatedLocation], omitted: Int) -> String {
        var text = escapeBrackets(messageText(d))
        guard !related.isEmpty else { return text }
        let links = related.enumerated().map { k, r in "[\(escapeBrackets(r.message.isEmpty ? "位置 \(k + 1)" : r.message))](\(k + 1))" }
        text += "（相关位置：" + links.joined(separator: "、")
        if omitted > 0 { text += "；另有 \(omitted) 处未列出" }
        return text + "）"
    }

    /// SARIF message text treats `[x](n)` as a link: literal brackets are escaped.
    static func escapeBrackets(_ s: String) -> String {
        guard s.contains("[") || s.contains("]") else { return s }
        return s.replacingOccurrences(of: "[", with: "\\[").replacingOccurrences(of: "]", with: "\\]")
    }

    /// A relative URI reference: the path relative to `%SRCROOT%`, percent-encoded.
    func uri(_ path: String) -> String {
        let abs = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        let rel = Glob.relative(abs, to: root)
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: ":")
        return rel.addingPercentEncoding(withAllowedCharacters: allowed) ?? rel
    }

    /// `%SRCROOT%` by default: the top of the git work tree holding the working directory
    /// (a `.git` directory or file), else the working directory.
    static func defaultRoot() -> String {
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).standardizedFileURL
        var dir = cwd
        while true {
            if FileManager.default.fileExists(atPath: dir.appendingPathComponent(".git").path) { return dir.path }
            let parent = dir.deletingLastPathComponent()
            if parent.path == dir.path { return cwd.path }
            dir = parent
        }
    }
}
