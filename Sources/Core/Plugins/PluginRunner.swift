import Foundation

/// A problem of the tool rather than of a report (a plugin that failed, a config
/// warning); shown in text output and as SARIF `toolExecutionNotifications`.
public struct ToolNotification: Sendable, Hashable, Codable {
    public var level: Severity
    public var message: String
    /// The file being linted when it happened, if any.
    public var file: String?

    public init(_ message: String, level: Severity = .warning, file: String? = nil) {
        self.message = message; self.level = level; self.file = file
    }
}

/// Runs one plugin on one report and turns its answer into diagnostics. A plugin
/// that fails never fails the run: it yields a notification and no findings.
public struct PluginRunner: Sendable {
    public var spec: PluginSpec

    public init(spec: PluginSpec) { self.spec = spec }

    public struct Result: Sendable {
        public var diagnostics: [Diagnostic] = []
        public var notifications: [ToolNotification] = []
    }

    /// - Parameter severity: the configured severity for every finding of the plugin, if any.
    public func run(on report: Report, severity: Severity?) -> Result {
        var result = Result()
        let file = report.path
        func fail(_ why: String) -> Result {
            result.notifications.append(ToolNotification("插件 \(spec.id) 处理 \(file) 失败：\(why)；已跳过该插件，其余检查照常进行", file: file))
            return result
        }
        let input: Data
        do {
            input = try PluginProtocol.encode(.init(plugin: spec.id, file: file, options: spec.options, report: report))
        } catch { return fail("无法编码模型（\(error)）") }
        let outcome: Subprocess.Outcome
        do {
            outcome = try Subprocess.run(spec.resolvedCommand, input: input, timeout: spec.timeout, directory: spec.baseDirectory)
        } catch { return fail("无法启动 \(spec.resolvedCommand.joined(separator: " "))（\(error)）") }
        if outcome.timedOut { return fail("超过 \(Self.seconds(spec.timeout)) 秒未结束，已终止") }
        if outcome.truncated { return fail("输出超过上限，已终止") }
        let stderrTail = String(decoding: outcome.stderr.suffix(400), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard outcome.exitStatus == 0 else {
            let how = outcome.exitStatus.map { "退出码 \($0)" } ?? "被信号 \(outcome.signal ?? 0) 终止"
            return fail(how + (stderrTail.isEmpty ? "" : "：\(stderrTail)"))
        }
        let response: PluginProtocol.Response
        do {
            response = try JSONDecoder().decode(PluginProtocol.Response.self, from: outcome.stdout)
        } catch {
            let head = String(decoding: outcome.stdout.prefix(120), as: UTF8.self)
            return fail("输出不是有效的 \(PluginProtocol.version) JSON（\(Self.reason(error))）：«\(head)»")
        }
        guard response.protocol == PluginProtocol.version else {
            return fail("协议版本为 \(response.protocol)，需要 \(PluginProtocol.version)")
        }
        for d in response.diagnostics {
            let rule = d.rule.map { "\(spec.id)/\($0)" } ?? spec.id
            let location = d.location?.resolved(in: file) ?? SourceLocation(file: file)
            let related = (d.related ?? []).map { RelatedLocation(location: $0.location.resolved(in: file), message: $0.message ?? "") }
            result.diagnostics.append(Diagnostic(ruleId: rule, severity: severity ?? d.severity ?? .warning, message: d.message,
                                                 location: location, related: related, expected: d.expected, actual: d.actual,
                                                 subject: d.subject ?? d.message))
        }
        return result
    }

    static func seconds(_ t: Double) -> String {
        t == t.rounded() ? String(Int(t)) : String(t)
    }

    private static func reason(_ error: Error) -> String {
        if case DecodingError.keyNotFound(let key, _) = error { return "缺少字段 \(key.stringValue)" }
        if case DecodingError.typeMismatch(_, let ctx) = error { return "字段 \(ctx.codingPath.map(\.stringValue).joined(separator: ".")) 类型不对" }
        if case DecodingError.valueNotFound(_, let ctx) = error { return "字段 \(ctx.codingPath.map(\.stringValue).joined(separator: ".")) 为空" }
        if case DecodingError.dataCorrupted = error { return "JSON 语法错误" }
        return "\(error)"
    }
}
