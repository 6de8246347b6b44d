import Core

/// GitHub Actions workflow commands, one annotation per finding:
/// `::error file=reports/a.txt,line=31,col=2,title=execution-rate::message`.
///
/// Escaping follows GitHub's workflow-command rules: in the message `%`, CR and LF become
/// `%25`, `%0D`, `%0A`; in property values `:` and `,` also become `%3A` and `%2C`, so neither
/// a file name nor a message can end the command or start another one.
struct GitHubFormatter: Formatter {
    mutating func begin(_ out: OutputSink) {}

    mutating func file(_ result: FileResult, _ out: OutputSink) {
        for d in result.diagnostics where !d.isSuppressed {
            var props = ["file=" + Self.property(d.location.file.relativeToWorkingDirectory)]
            if let line = d.location.line, line >= 1 {
                props.append("line=\(line)")
                if let col = d.location.column, col >= 1 { props.append("col=\(col)") }
            }
            props.append("title=" + Self.property(d.ruleId))
            out.write("::\(Self.command(d.severity)) \(props.joined(separator: ","))::\(Self.data(SARIFFormatter.messageText(d)))\n")
        }
    }

    mutating func finish(_ tally: RunTally, _ out: OutputSink) {
        for n in tally.notifications {
            out.write("::\(Self.command(n.level)) title=auditlint::\(Self.data(n.message))\n")
        }
    }

    /// error, warning, notice: GitHub's annotation levels.
    static func command(_ s: Severity) -> String {
        switch s { case .error: return "error"; case .warning: return "warning"; case .note: return "notice" }
    }

    /// A message: `%`, CR and LF escaped.
    static func data(_ s: String) -> String {
        s.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D").replacingOccurrences(of: "\n", with: "%0A")
    }

    /// A property value: as `data`, and `:` and `,` escaped too.
    static func property(_ s: String) -> String {
        data(s).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}
