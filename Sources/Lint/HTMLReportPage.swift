import Core

/// One report as a web page: every table redrawn as a grid with flagged cells coloured by
/// severity, the message beside the cell and in its `title`, related cells outlined, the expected
/// value next to the printed one; the narrative with flagged paragraphs highlighted; a sidebar
/// listing the findings in reading order, each linking to its cell.
///
/// Everything from the report and the findings is untrusted and goes through `HTML.escaped`.
struct HTMLReportPage {
    let result: FileResult

    /// The findings on one place of the document.
    private struct Marks {
        var findings: [Diagnostic] = []
        var related: [String] = []
        var severity: Severity? { findings.map(\.severity).max() }
    }

    /// The element id of a place: `c-BLOCK-ROW-CELL` for a cell, `r-BLOCK-ROW` for a row, `p-BLOCK` for a paragraph.
    static func anchor(_ p: ReportLocator.Position, isTable: Bool) -> String {
        if let c = p.cell { return "c-\(p.block)-\(p.row)-\(c)" }
        return isTable ? "r-\(p.block)-\(p.row)" : "p-\(p.block)"
    }

    func html(indexPage: String) -> String {
        let shown = result.diagnostics.filter { !$0.isSuppressed }
        let locator = result.report.map(ReportLocator.init)
        var marks: [ReportLocator.Position: Marks] = [:]
        var anchors: [String?] = []
        var unplaced: [Diagnostic] = []
        for d in shown {
            guard let locator, let p = locator.position(of: d.location) else { anchors.append(nil); unplaced.append(d); continue }
            marks[p, default: Marks()].findings.append(d)
            anchors.append(Self.anchor(p, isTable: isTable(p.block)))
            for r in d.related {
                guard let rp = locator.position(of: r.location), rp != p else { continue }
                marks[rp, default: Marks()].related.append(r.message)
            }
        }

        var out = HTML.head(title: result.path, depthToAssets: "")
        out += "<header class=\"top\"><p><a href=\"\(indexPage)\">← \(L10n.text("全部报告", "all reports"))</a></p>"
        out += "<h1>\(HTML.escaped(result.path))</h1>\(HTML.counts(shown))</header>\n"
        out += "<div class=\"layout\">\n<nav class=\"findings\"><h2>\(L10n.text("发现", "Findings"))（\(shown.count)）</h2><ol>\n"
        // Findings of one rule that repeat one pattern (80 "/ / / / /" rows) are one expandable line.
        func item(_ k: Int) -> String {
            let d = shown[k]
            return "<a href=\"#\(anchors[k] ?? "unplaced")\">\(HTML.escaped(CSVFormatter.place(d.location)))</a> "
                + "\(HTML.escaped(d.message)) <span class=\"rule\">[\(HTML.escaped(d.ruleId))]</span>"
        }
        var members: [[Int]] = []
        var groupOf: [String: Int] = [:]
        for (k, d) in shown.enumerated() {
            let key = [d.ruleId, d.severity.rawValue, FindingGroups.pattern(d.message)].joined(separator: "\u{0}")
            if let g = groupOf[key] { members[g].append(k) } else { groupOf[key] = members.count; members.append([k]) }
        }
        for group in members {
            let d = shown[group[0]]
            if group.count == 1 {
                out += "<li class=\"sev-\(d.severity.rawValue)\">\(item(group[0]))</li>\n"
                continue
            }
            out += "<li class=\"sev-\(d.severity.rawValue) group\"><details><summary>\(item(group[0])) "
            out += "<span class=\"count\">\(L10n.text("等 \(group.count) 处", "and \(group.count - 1) more like it"))</span></summary><ol>\n"
            for k in group.dropFirst() { out += "<li class=\"sev-\(shown[k].severity.rawValue)\">\(item(k))</li>\n" }
            out += "</ol></details></li>\n"
        }
        out += "</ol></nav>\n<main>\n"
        if !unplaced.isEmpty {
            out += "<div class=\"unplaced\" id=\"unplaced\"><h2>\(L10n.text("未定位到单元格的发现", "Findings not placed on a cell"))</h2><ul>\n"
            for d in unplaced { out += "<li class=\"sev-\(d.severity.rawValue)\">\(HTML.escaped(d.message)) [\(HTML.escaped(d.ruleId))]</li>\n" }
            out += "</ul></div>\n"
        }
        if let report = result.report { out += body(report, marks) }
        out += "</main>\n</div>\n" + HTML.foot
        return out
    }

    private func isTable(_ block: Int) -> Bool {
        guard let blocks = result.report?.document.blocks, block < blocks.count, case .table = blocks[block] else { return false }
        return true
    }

    /// The document in reading order, each form's title before its first block.
    private func body(_ report: Report, _ marks: [ReportLocator.Position: Marks]) -> String {
        var out = ""
        var spanStarts: [Int: [Int]] = [:]
        for (i, span) in report.spans.enumerated() { spanStarts[span.start.block, default: []].append(i) }
        for (b, block) in report.document.blocks.enumerated() {
            for i in spanStarts[b] ?? [] {
                out += "<h2 class=\"form-title\">\(HTML.escaped(report.forms[i].title))</h2>\n"
            }
            let inForm = report.spans.contains { $0.start.block <= b && DocumentPosition(block: b) < $0.end }
            switch block {
            case .paragraph(let p):
                let pos = ReportLocator.Position(block: b, row: 0, cell: nil)
                var classes = ["para"]
                if p.headingLevel != nil { classes.append("heading") }
                let m = marks[pos]
                if let s = m?.severity { classes.append("sev-\(s.rawValue)") }
                out += "<p id=\"p-\(b)\" class=\"\(classes.joined(separator: " "))\"\(Self.titleAttribute(m))>\(HTML.escaped(p.text))\(Self.notes(m))</p>\n"
            case .table(let t):
                out += "<table class=\"grid \(inForm ? "form" : "plain")\">\n"
                for (r, row) in t.rows.enumerated() {
                    let rowMarks = marks[ReportLocator.Position(block: b, row: r, cell: nil)]
                    out += "<tr id=\"r-\(b)-\(r)\">"
                    for (c, cell) in row.cells.enumerated() {
                        var m = marks[ReportLocator.Position(block: b, row: r, cell: c)]
                        // A finding on the whole row is shown on its first cell.
                        if c == 0, let rm = rowMarks {
                            m = Marks(findings: rm.findings + (m?.findings ?? []), related: rm.related + (m?.related ?? []))
                        }
                        var classes: [String] = []
                        if let s = m?.severity { classes.append("sev-\(s.rawValue)") }
                        if let m, !m.related.isEmpty { classes.append("related") }
                        let cls = classes.isEmpty ? "" : " class=\"\(classes.joined(separator: " "))\""
                        out += "<td id=\"c-\(b)-\(r)-\(c)\"\(cls)\(Self.titleAttribute(m))>\(HTML.escaped(cell.text))\(Self.notes(m))</td>"
                    }
                    out += "</tr>\n"
                }
                out += "</table>\n"
            }
        }
        return out
    }

    /// The messages of a place, for its `title` (shown on hover).
    private static func titleAttribute(_ m: Marks?) -> String {
        guard let m else { return "" }
        let lines = m.findings.map { "\(L10n.severity($0.severity))：\($0.message) [\($0.ruleId)]" } + m.related
        return lines.isEmpty ? "" : " title=\"\(HTML.escaped(lines.joined(separator: "\n")))\""
    }

    /// The expected value next to the printed one, and each finding's message beside the cell.
    private static func notes(_ m: Marks?) -> String {
        guard let m else { return "" }
        var out = ""
        for d in m.findings {
            if let e = d.expected { out += "<span class=\"expected\">\(L10n.text("应为", "expected")) \(HTML.escaped(e))</span>" }
            out += "<span class=\"finding\">\(HTML.escaped(d.message)) [\(HTML.escaped(d.ruleId))]</span>"
        }
        if m.findings.isEmpty {
            for r in m.related { out += "<span class=\"finding related-note\">\(HTML.escaped(r))</span>" }
        }
        return out
    }
}

/// HTML text helpers of the report site.
enum HTML {
    /// `s` safe as element text and as a quoted attribute value; control and bidi characters other
    /// than the line feed escaped as in every format.
    static func escaped(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        // Line breaks of wrapped cells stay (the page shows them; they cannot forge anything in HTML).
        let visible = s.split(separator: "\n", omittingEmptySubsequences: false).map { DisplayText.escaped(String($0)) }.joined(separator: "\n")
        for ch in visible.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    static func head(title: String, depthToAssets: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="zh-CN">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escaped(title)) — auditlint</title>
        <link rel="stylesheet" href="\(depthToAssets)\(HTMLReportAssets.styleFile)">
        </head>
        <body>

        """
    }

    static let foot = "<footer>auditlint \(Version.current)</footer>\n<script src=\"\(HTMLReportAssets.scriptFile)\"></script>\n</body>\n</html>\n"

    /// "2 个错误 3 个警告 0 个提示" of the active findings.
    static func counts(_ findings: [Diagnostic]) -> String {
        let e = findings.filter { $0.severity == .error }.count
        let w = findings.filter { $0.severity == .warning }.count
        let n = findings.filter { $0.severity == .note }.count
        return "<p class=\"counts\"><span class=\"sev-error\">\(L10n.text("错误", "errors")) \(e)</span>"
            + "<span class=\"sev-warning\">\(L10n.text("警告", "warnings")) \(w)</span>"
            + "<span class=\"sev-note\">\(L10n.text("提示", "notes")) \(n)</span></p>"
    }
}
