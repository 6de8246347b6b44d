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
        guard let list = value as? [Any] else { throw fail("customRules", "expected a list of rules ({\"id\", \"type\": \"sum\" | \"pattern\" | \"require\", …})") }
        var seen = Set<String>()
        return try list.enumerated().map { i, item in
            let spec = try parseRule(item, path: "customRules[\(i)]")
            guard seen.insert(spec.id).inserted else { throw fail("customRules[\(i)].id", "duplicate id \"\(spec.id)\"") }
            return spec
        }
    }

    private func fail(_ key: String, _ reason: String) -> ConfigError { ConfigError(file: file, keyPath: key, reason: reason) }

    private mutating func parseRule(_ item: Any, path: String) throws -> CustomRuleSpec {
        guard let obj = item as? [String: Any] else { throw fail(path, "expected an object") }
        guard let id = obj["id"] as? String, id.range(of: #"^[a-z0-9]+(-[a-z0-9]+)*$"#, options: .regularExpression) != nil else {
            throw fail("\(path).id", "expected a kebab-case id such as \"sangong-sum\"")
        }
        guard !builtinRules.contains(id), id != LintEngine.parseErrorRule else {
            throw fail("\(path).id", "\"\(id)\" is a built-in rule; choose another id")
        }
        guard let type = obj["type"] as? String, let extra = Self.kindKeys[type] else {
            throw fail("\(path).type", "expected \"sum\", \"pattern\" or \"require\"")
        }
        for key in obj.keys.sorted() where !Self.commonKeys.contains(key) && !extra.contains(key) {
            warnings.append("\(file): \(path).\(key): unknown key for a \(type) rule, ignored")
        }
        let kind: CustomRuleSpec.Kind
        var defaultTitle: String
        switch type {
        case "sum":
            guard let expr = obj["expression"] as? String else { throw fail("\(path).expression", "expected a string such as \"合计 = a + b\"") }
            let identity: SumIdentity
            do { identity = try SumIdentity.parse(expr) } catch let e as SumIdentity.ParseError { throw fail("\(path).expression", e.reason) }
            kind = .sum(identity, columns: try strings(obj["columns"], "\(path).columns") ?? [])
            defaultTitle = "自定义求和：\(identity.source)"
        case "pattern":
            let names: [String]
            switch obj["fields"] {
            case let one as String: names = [one]
            case let many as [Any] where !many.isEmpty && many.allSatisfy({ $0 is String }): names = many.compactMap { $0 as? String }
            default: throw fail("\(path).fields", "expected a field or list of fields: \(IndicatorField.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            var fields: [IndicatorField] = []
            for (k, n) in names.enumerated() {
                guard let f = IndicatorField(rawValue: n) else {
                    throw fail("\(path).fields[\(k)]", "unknown field \"\(n)\"; expected one of \(IndicatorField.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                fields.append(f)
            }
            guard let regex = obj["regex"] as? String, !regex.isEmpty else { throw fail("\(path).regex", "expected a regular expression") }
            do { _ = try NSRegularExpression(pattern: regex) } catch {
                throw fail("\(path).regex", "invalid regular expression \"\(regex)\"")
            }
            let modeName = (obj["mode"] as? String) ?? "forbid"
            guard obj["mode"] == nil || obj["mode"] is String, let mode = PatternMode(rawValue: modeName) else {
                throw fail("\(path).mode", "expected \"forbid\" (report what matches) or \"require\" (report what does not)")
            }
            kind = .pattern(fields: fields, regex: regex, mode: mode)
            defaultTitle = "自定义模式：\(fields.map(\.title).joined(separator: "、")) \(mode == .forbid ? "不得" : "必须")匹配 /\(regex)/"
        default:
            var req = Requirement()
            if let f = obj["form"] {
                guard ConfigLoader.isBool(f), let b = f as? Bool else { throw fail("\(path).form", "expected true or false") }
                req.form = b
            }
            if let ind = obj["indicator"] {
                guard let r = ind as? String, !r.isEmpty else { throw fail("\(path).indicator", "expected a regular expression over 二级/三级指标") }
                do { _ = try NSRegularExpression(pattern: r) } catch { throw fail("\(path).indicator", "invalid regular expression \"\(r)\"") }
                req.indicator = r
            }
            if let n = obj["numericTarget"] {
                guard ConfigLoader.isBool(n), let b = n as? Bool else { throw fail("\(path).numericTarget", "expected true or false") }
                guard req.indicator != nil else { throw fail("\(path).numericTarget", "needs \"indicator\"") }
                req.numericTarget = b
            }
            if let c = obj["column"] {
                guard let s = c as? String, !TextNormalizer.compact(s).isEmpty else { throw fail("\(path).column", "expected a column header text") }
                req.column = s
            }
            guard req.form || req.indicator != nil || req.column != nil else {
                throw fail(path, "a require rule needs \"form\": true, \"indicator\" or \"column\"")
            }
            kind = .require(req)
            defaultTitle = "自定义必备项：" + [req.form ? "表格" : nil, req.indicator.map { "指标 /\($0)/" }, req.column.map { "列「\($0)」" }]
                .compactMap { $0 }.joined(separator: "、")
        }
        var spec = CustomRuleSpec(id: id, kind: kind, title: defaultTitle, baseDirectory: directory)
        if let t = obj["title"] {
            guard let s = t as? String, !s.isEmpty else { throw fail("\(path).title", "expected a string") }
            spec.title = s
        }
        if let m = obj["message"] {
            guard let s = m as? String, !s.isEmpty else { throw fail("\(path).message", "expected a message template string") }
            let allowed = CustomRuleSpec.placeholders(for: type)
            let used = Self.placeholders(in: s)
            if let bad = used.first(where: { !allowed.contains($0) }) {
                throw fail("\(path).message", "unknown placeholder {\(bad)}; a \(type) rule offers \(allowed.sorted().map { "{\($0)}" }.joined(separator: " "))")
            }
            spec.message = s
        }
        if let sv = obj["severity"] {
            guard let str = sv as? String, let sev = Severity(rawValue: str) else { throw fail("\(path).severity", "expected \"note\", \"warning\" or \"error\"") }
            spec.severity = sev
        }
        spec.paths = try strings(obj["paths"], "\(path).paths") ?? []
        if let names = try strings(obj["forms"], "\(path).forms") {
            spec.forms = try names.enumerated().map { k, n in
                guard let kind = FormKind(rawValue: n) else {
                    throw fail("\(path).forms[\(k)]", "unknown form kind \"\(n)\"; expected overall, project, baseData, targets, budget or other")
                }
                return kind
            }
        }
        return spec
    }

    private func strings(_ v: Any?, _ key: String) throws -> [String]? {
        guard let v else { return nil }
        if let s = v as? String { return [s] }
        guard let list = v as? [Any], list.allSatisfy({ $0 is String }) else { throw fail(key, "expected a string or a list of strings") }
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
