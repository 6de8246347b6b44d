import Core

/// `auditlint rules`: every rule with its severity and whether the current config
/// runs it, as a text table or as the Markdown of `docs/rules.md`.
struct RuleCatalog {
    var descriptors: [CheckDescriptor]
    var settings: LintSettings
    /// Plugin ids declared in the config, listed as rules of their own.
    var plugins: [PluginSpec]
    var pluginsAllowed: Bool
    var builtinIds: Set<String>

    private func state(_ id: String) -> (on: Bool, severity: Severity?) {
        let rs = settings.rule(id)
        return (rs.enabled, rs.severity)
    }

    private func origin(_ d: CheckDescriptor) -> String {
        if d.id == LintEngine.parseErrorRule { return "内置（读取）" }
        return builtinIds.contains(d.id) ? "内置" : "配置"
    }

    func text() -> String {
        var out = "规则ID\t级别\t状态\t来源\t说明\n"
        for d in descriptors {
            let s = state(d.id)
            let on = d.id == LintEngine.parseErrorRule || s.on
            out += "\(d.id)\t\((s.severity ?? d.defaultSeverity).rawValue)\t\(on ? "开" : "关")\t\(origin(d))\t\(d.title)\n"
        }
        for p in plugins {
            let s = state(p.id)
            let on = s.on && pluginsAllowed
            let why = pluginsAllowed ? "" : "（未允许插件：--allow-plugins）"
            out += "\(p.id)\t\(s.severity?.rawValue ?? "由插件给出")\t\(on ? "开" : "关")\t插件\t\(p.command.joined(separator: " "))\(why)\n"
        }
        if !settings.overrides.isEmpty {
            out += "\n注：overrides 按路径另行调整规则（共 \(settings.overrides.count) 组），上表为未匹配任何 overrides 的文件的状态。\n"
        }
        return out
    }

    /// The rule reference; `docs/rules.md` is this output under `--no-config`, kept in sync by a test.
    func markdown() -> String {
        var out = "# auditlint 规则\n\n"
        out += "本文件由 `auditlint rules --no-config --format markdown > docs/rules.md` 生成，请勿手改；测试会核对它与程序输出一致。\n\n"
        out += "| 规则 | 默认级别 | 说明 |\n| --- | --- | --- |\n"
        for d in descriptors { out += "| [`\(d.id)`](#\(d.id)) | \(d.defaultSeverity.rawValue) | \(escape(d.title)) |\n" }
        for d in descriptors {
            out += "\n## \(d.id)\n\n**\(d.title)**　默认级别：`\(d.defaultSeverity.rawValue)`\n\n\(d.rationale)\n"
            if !d.options.isEmpty {
                out += "\n| 选项 | 默认值 | 说明 |\n| --- | --- | --- |\n"
                for o in d.options { out += "| `\(o.key)` | `\(o.defaultValue)` | \(escape(o.help)) |\n" }
            }
            let triggering = d.examples.filter(\.triggers), quiet = d.examples.filter { !$0.triggers }
            if !triggering.isEmpty {
                out += "\n报告的例子：\n\n" + triggering.map { "- \($0.title)（第 \($0.expectedLines.map(String.init).joined(separator: "、")) 行）" }.joined(separator: "\n") + "\n"
            }
            if !quiet.isEmpty {
                out += "\n不报告的例子：\n\n" + quiet.map { "- \($0.title)" }.joined(separator: "\n") + "\n"
            }
            if !d.examples.isEmpty { out += "\n`auditlint explain \(d.id)` 显示这些例子的输入。\n" }
        }
        return out
    }

    private func escape(_ s: String) -> String { s.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ") }
}
