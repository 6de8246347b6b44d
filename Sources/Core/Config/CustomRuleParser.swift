import Foundation

/// Parses `customRules`: a list of `sum`, `pattern` and `require` rules, each
/// validated up front (expression, regex, template placeholders) so that a bad
/// rule stops the run with its key path instead of misbehaving later.
struct CustomRuleParser {
    var file: String
    var directory: String?
    /// Built-in rule ids a custom rule may not take.
    var builtinRules: Set<String>
    var warnings: [String] = []

    static let commonKeys: Set<String> = ["id", "type", "title", "message", "severity", "paths", "forms", "comment"]
    static let kindKeys: [String: Set<String>] = [
        "sum": ["expression", "columns"],
        "pattern": ["fields", "regex", "mode"],
        "require": ["form", "indicator", "numericTarget", "column"],
    ]

    mutating func parse(_ value: Any, existing: [CustomRuleSpec]) throws -> [CustomRuleSpec] {
        guard let list = value as? [Any] else { throw fail("customRules", L10n.text("应为规则列表（{\"id\", \"type\": \"sum\" | \"pattern\" | \"require\", …}）", "expected a list of rules ({\"id\", \"type\": \"sum\" | \"pattern\" | \"require\", …})")) }
        var seen = Set<String>()
        return try list.enumerated().map { i, item in
            let spec = try parseRule(item, path: "customRules[\(i)]")
            guard seen.insert(spec.id).inserted else { throw fail("customRules[\(i)].id", L10n.text("id \"\(spec.id)\" 重复", "duplicate id \"\(spec.id)\"")) }
            return spec
        }
    }

    private func fail(_ key: String, _ reason: String) -> ConfigError { ConfigError(file: file, keyPath: key, reason: reason) }

    private mutating func parseRule(_ item: Any, path: String) throws -> CustomRuleSpec {
        guard let obj = item as? [String: Any] else { throw fail(path, L10n.text("应为对象", "expected an object")) }
        guard let id = obj["id"] as? String, id.range(of: #"^[a-z0-9]+(-[a-z0-9]+)*$"#, options: .regularExpression) != nil else {
            throw fail("\(path).id", L10n.text("应为短横线连接的小写 id，例如 \"sangong-sum\"", "expected a kebab-case id such as \"sangong-sum\""))
        }
        guard !builtinRules.contains(id), id != LintEngine.parseErrorRule else {
            throw fail("\(path).id", L10n.text("\"\(id)\" 是内置规则，请换一个 id", "\"\(id)\" is a built-in rule; choose another id"))
        }
        guard let type = obj["type"] as? String, let extra = Self.kindKeys[type] else {
            throw fail("\(path).type", L10n.text("应为 \"sum\"、\"pattern\" 或 \"require\"", "expected \"sum\", \"pattern\" or \"require\""))
        }
        for key in obj.keys.sorted() where !Self.commonKeys.contains(key) && !extra.contains(key) {
            warnings.append(L10n.text("\(file): \(path).\(key)：\(type) 规则没有这个键，已忽略", "\(file): \(path).\(key): unknown key for a \(type) rule, ignored"))
        }
        let kind: CustomRuleSpec.Kind
        var defaultTitle: String
        switch type {
        case "sum":
            guard let expr = obj["expression"] as? String else { throw fail("\(path).expression", L10n.text("应为字符串，例如 \"合计 = a + b\"", "expected a string such as \"合计 = a + b\"")) }
            let identity: SumIdentity
            do { identity = try SumIdentity.parse(expr) } catch let e as SumIdentity.ParseError { throw fail("\(path).expression", e.reason) }
            kind = .sum(identity, columns: try strings(obj["columns"], "\(path).columns") ?? [])
            defaultTitle = "自定义求和：\(identity.source)"
        case "pattern":
            let names: [String]
            switch obj["fields"] {
            case let one as String: names = [one]
            case let many as [Any] where !many.isEmpty && many.allSatisfy({ $0 is String }): names = many.compactMap { $0 as? String }
            default: throw fail("\(path).fields", L10n.text("应为一个字段或字段列表：\(IndicatorField.allCases.map(\.rawValue).joined(separator: "、"))", "expected a field or list of fields: \(IndicatorField.allCases.map(\.rawValue).joined(separator: ", "))"))
            }
            var fields: [IndicatorField] = []
            for (k, n) in names.enumerated() {
                guard let f = IndicatorField(rawValue: n) else {
                    throw fail("\(path).fields[\(k)]", L10n.text("未知字段 \"\(n)\"；应为 \(IndicatorField.allCases.map(\.rawValue).joined(separator: "、")) 之一", "unknown field \"\(n)\"; expected one of \(IndicatorField.allCases.map(\.rawValue).joined(separator: ", "))"))
                }
                fields.append(f)
            }
            guard let regex = obj["regex"] as? String, !regex.isEmpty else { throw fail("\(path).regex", L10n.text("应为正则表达式", "expected a regular expression")) }
            do { _ = try NSRegularExpression(pattern: regex) } catch {
                throw fail("\(path).regex", L10n.text("无效的正则表达式 \"\(regex)\"", "invalid regular expression \"\(regex)\""))
            }
            let modeName = (obj["mode"] as? String) ?? "forbid"
            guard obj["mode"] == nil || obj["mode"] is String, let mode = PatternMode(rawValue: modeName) else {
                throw fail("\(path).mode", L10n.text("应为 \"forbid\"（报告匹配的）或 \"require\"（报告不匹配的）", "expected \"forbid\" (report what matches) or \"require\" (report what does not)"))
            }
            kind = .pattern(fields: fields, regex: regex, mode: mode)
            defaultTitle = "自定义模式：\(fields.map(\.title).joined(separator: "、")) \(mode == .forbid ? "不得" : "必须")匹配 /\(regex)/"
        default:
            var req = Requirement()
            if let f = obj["form"] {
                guard ConfigLoader.isBool(f), let b = f as? Bool else { throw fail("\(path).form", L10n.text("应为 true 或 false", "expected true or false")) }
                req.form = b
            }
            if let ind = obj["indicator"] {
                guard let r = ind as? String, !r.isEmpty else { throw fail("\(path).indicator", L10n.text("应为匹配二级/三级指标的正则表达式", "expected a regular expression over 二级/三级指标")) }
                do { _ = try NSRegularExpression(pattern: r) } catch { throw fail("\(path).indicator", L10n.text("无效的正则表达式 \"\(r)\"", "invalid regular expression \"\(r)\"")) }
                req.indicator = r
            }
            if let n = obj["numericTarget"] {
                guard ConfigLoader.isBool(n), let b = n as? Bool else { throw fail("\(path).numericTarget", L10n.text("应为 true 或 false", "expected true or false")) }
                guard req.indicator != nil else { throw fail("\(path).numericTarget", L10n.text("需要同时给出 \"indicator\"", "needs \"indicator\"")) }
                req.numericTarget = b
            }
            if let c = obj["column"] {
                guard let s = c as? String, !TextNormalizer.compact(s).isEmpty else { throw fail("\(path).column", L10n.text("应为列标题文字", "expected a column header text")) }
                req.column = s
            }
            guard req.form || req.indicator != nil || req.column != nil else {
                throw fail(path, L10n.text("require 规则需要 \"form\": true、\"indicator\" 或 \"column\"", "a require rule needs \"form\": true, \"indicator\" or \"column\""))
            }
            kind = .require(req)
            defaultTitle = "自定义必备项：" + [req.form ? "表格" : nil, req.indicator.map { "指标 /\($0)/" }, req.column.map { "列「\($0)」" }]
                .compactMap { $0 }.joined(separator: "、")
        }
        var spec = CustomRuleSpec(id: id, kind: kind, title: defaultTitle, baseDirectory: directory)
        if let t = obj["title"] {
            guard let s = t as? String, !s.isEmpty else { throw fail("\(path).title", L10n.text("应为字符串", "expected a string")) }
            spec.title = s
        }
        if let m = obj["message"] {
            guard let s = m as? String, !s.isEmpty else { throw fail("\(path).message", L10n.text("应为消息模板字符串", "expected a message template string")) }
            let allowed = CustomRuleSpec.placeholders(for: type)
            let used = Self.placeholders(in: s)
            if let bad = used.first(where: { !allowed.contains($0) }) {
                throw fail("\(path).message", L10n.text("未知占位符 {\(bad)}；\(type) 规则可用 \(allowed.sorted().map { "{\($0)}" }.joined(separator: " "))", "unknown placeholder {\(bad)}; a \(type) rule offers \(allowed.sorted().map { "{\($0)}" }.joined(separator: " "))"))
            }
            spec.message = s
        }
        if let sv = obj["severity"] {
            guard let str = sv as? String, let sev = Severity(rawValue: str) else { throw fail("\(path).severity", L10n.text("应为 \"note\"、\"warning\" 或 \"error\"", "expected \"note\", \"warning\" or \"error\"")) }
            spec.severity = sev
        }
        spec.paths = try strings(obj["paths"], "\(path).paths") ?? []
        if let names = try strings(obj["forms"], "\(path).forms") {
            spec.forms = try names.enumerated().map { k, n in
                guard let kind = FormKind(rawValue: n) else {
                    throw fail("\(path).forms[\(k)]", L10n.text("未知表格类型 \"\(n)\"；应为 overall、project、baseData、targets、budget 或 other", "unknown form kind \"\(n)\"; expected overall, project, baseData, targets, budget or other"))
                }
                return kind
            }
        }
        return spec
    }

    private func strings(_ v: Any?, _ key: String) throws -> [String]? {
        guard let v else { return nil }
        if let s = v as? String { return [s] }
        guard let list = v as? [Any], list.allSatisfy({ $0 is String }) else { throw fail(key, L10n.text("应为字符串或字符串列表", "expected a string or a list of strings")) }
        return list.compactMap { $0 as? String }
    }

    static func placeholders(in template: String) -> [String] {
        var out: [String] = []
        var rest = template[...]
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            out.append(String(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return out
    }
}
