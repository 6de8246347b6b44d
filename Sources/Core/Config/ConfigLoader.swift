import Foundation

/// A config that cannot be used; `keyPath` names the offending key ("rules.sum-mismatch.severity").
public struct ConfigError: Error, CustomStringConvertible, Sendable {
    public var file: String
    public var keyPath: String
    public var reason: String
    public init(file: String, keyPath: String, reason: String) { self.file = file; self.keyPath = keyPath; self.reason = reason }
    public var description: String { "\(file): \(keyPath.isEmpty ? "(root)" : keyPath): \(reason)" }
}

/// Reads `.lintrc` (JSON). Unknown keys are warnings; wrong types and values are errors with their key path.
///
/// Layers, later wins: built-in defaults → each `extends` file (in order, recursively)
/// → the file itself → its `overrides` whose `files` match (in order) → the command line.
public struct ConfigLoader {
    /// Warnings about the config (unknown keys), shown on stderr.
    public private(set) var warnings: [String] = []
    /// Rule ids that exist, to reject typos in `rules`; custom rules and plugins add theirs.
    public var knownRules: Set<String>
    /// Config files being loaded, to refuse an `extends` cycle.
    private var loading: [String] = []

    public init(knownRules: Set<String>) { self.knownRules = knownRules }

    static let topLevelKeys: Set<String> = ["$schema", "comment", "extends", "rules", "tolerance", "scoring", "include", "exclude",
                                            "maxWarnings", "overrides", "customRules", "plugins", "vocabulary", "limits"]

    /// Finds `.lintrc` in `directory` or the nearest parent.
    public static func discover(from directory: String) -> String? {
        var url = URL(fileURLWithPath: directory).standardizedFileURL
        while true {
            let candidate = url.appendingPathComponent(".lintrc").path
            if FileManager.default.fileExists(atPath: candidate) { return candidate }
            let parent = url.deletingLastPathComponent()
            if parent.path == url.path { return nil }
            url = parent
        }
    }

    /// Loads the file at `path` (and what it extends) on top of `base`.
    public mutating func load(path: String, base: LintSettings = LintSettings()) throws -> LintSettings {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        if loading.contains(absolute) {
            throw ConfigError(file: path, keyPath: "extends", reason: L10n.text("extends 形成循环：\((loading + [absolute]).joined(separator: " → "))", "extends cycle: \((loading + [absolute]).joined(separator: " → "))"))
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigError(file: path, keyPath: "", reason: L10n.text("无法读取该文件", "cannot read the file"))
        }
        // Syntax errors with their line and column, and duplicate keys, which JSONSerialization
        // would resolve silently by keeping one of the values.
        if let p = JSONSyntaxCheck.check(data) {
            throw ConfigError(file: "\(path):\(p.line):\(p.column)", keyPath: p.keyPath, reason: p.message)
        }
        let json: Any
        do { json = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) } catch {
            throw ConfigError(file: path, keyPath: "", reason: L10n.text("不是有效的 JSON（\(error.localizedDescription)）", "not valid JSON (\(error.localizedDescription))"))
        }
        guard let root = json as? [String: Any] else { throw ConfigError(file: path, keyPath: "", reason: L10n.text("应为 JSON 对象", "expected a JSON object")) }
        loading.append(absolute)
        defer { loading.removeLast() }
        var settings = base
        let directory = URL(fileURLWithPath: absolute).deletingLastPathComponent().path
        if let ext = root["extends"] {
            let list: [Any] = (ext as? [Any]) ?? [ext]
            for (i, item) in list.enumerated() {
                let key = ext is [Any] ? "extends[\(i)]" : "extends"
                guard let rel = item as? String, !rel.isEmpty else { throw ConfigError(file: path, keyPath: key, reason: L10n.text("应为另一个配置文件的路径", "expected a path to another config file")) }
                let target = rel.hasPrefix("/") ? rel : URL(fileURLWithPath: directory).appendingPathComponent(rel).standardizedFileURL.path
                guard FileManager.default.fileExists(atPath: target) else {
                    throw ConfigError(file: path, keyPath: key, reason: L10n.text("文件不存在：\(target)", "no such file: \(target)"))
                }
                settings = try load(path: target, base: settings)
            }
        }
        settings = try apply(root, file: path, directory: directory, to: settings)
        settings.sources.append(path)
        return settings
    }

    /// Applies a parsed config object; `directory` anchors its relative globs and commands.
    public mutating func apply(_ root: [String: Any], file: String, directory: String? = nil, to base: LintSettings) throws -> LintSettings {
        var s = base
        func fail(_ key: String, _ reason: String) -> ConfigError { ConfigError(file: file, keyPath: key, reason: reason) }
        for key in root.keys.sorted() where !Self.topLevelKeys.contains(key) {
            warnings.append(L10n.text("\(file): \(key)：未知的键，已忽略", "\(file): \(key): unknown key, ignored"))
        }
        if let t = root["tolerance"] {
            guard let tol = t as? [String: Any] else { throw fail("tolerance", L10n.text("应为对象 {\"absolute\": …, \"rounding\": …}", "expected an object {\"absolute\": …, \"rounding\": …}")) }
            warnUnknown(tol, ["absolute", "rounding"], "tolerance", file)
            if let a = tol["absolute"] {
                guard let d = Self.decimal(a), d >= 0 else { throw fail("tolerance.absolute", L10n.text("应为 ≥ 0 的数，例如 0.01", "expected a number ≥ 0, e.g. 0.01")) }
                s.absoluteTolerance = d
            }
            if let r = tol["rounding"] {
                guard let str = r as? String, let mode = Rounding(rawValue: str), mode != .exact else {
                    throw fail("tolerance.rounding", L10n.text("应为 \"round\" 或 \"truncate\"", "expected \"round\" or \"truncate\""))
                }
                s.rounding = mode
            }
        }
        if let sc = root["scoring"] { try applyScoring(sc, to: &s, file: file) }
        if let l = root["limits"] { try applyLimits(l, to: &s, file: file) }
        for key in ["include", "exclude"] {
            if let v = root[key] {
                guard let list = v as? [Any], list.allSatisfy({ $0 is String }) else { throw fail(key, L10n.text("应为 glob 字符串列表", "expected a list of glob strings")) }
                let strings = list.compactMap { $0 as? String }
                if key == "include" { s.include = strings } else { s.exclude = strings }
                s.selectionBase = directory
            }
        }
        if let v = root["vocabulary"] { try applyVocabulary(v, to: &s, file: file) }
        if let mw = root["maxWarnings"] {
            guard let n = mw as? NSNumber, !ConfigLoader.isBool(mw), n.intValue >= -1, Decimal(n.intValue) == Self.decimal(mw) else {
                throw fail("maxWarnings", L10n.text("应为 ≥ 0 的整数（或 -1 表示不限）", "expected a whole number ≥ 0 (or -1 for no limit)"))
            }
            s.maxWarnings = n.intValue < 0 ? nil : n.intValue
        }
        // Custom rules and plugins first, so `rules` and `overrides` may configure them.
        if let c = root["customRules"] {
            var parser = CustomRuleParser(file: file, directory: directory, builtinRules: knownRules)
            let specs = try parser.parse(c, existing: s.customRules)
            warnings += parser.warnings
            for spec in specs {
                s.customRules.removeAll { $0.id == spec.id }
                s.customRules.append(spec)
                knownRules.insert(spec.id)
            }
        }
        if let p = root["plugins"] {
            var parser = PluginConfigParser(file: file, directory: directory, reservedIds: knownRules.subtracting(s.plugins.map(\.id)))
            for spec in try parser.parse(p) {
                s.plugins.removeAll { $0.id == spec.id }
                s.plugins.append(spec)
                knownRules.insert(spec.id)
            }
            warnings += parser.warnings
        }
        if let r = root["rules"] {
            var parser = RuleConfigParser(file: file, knownRules: knownRules)
            for (id, patch) in try parser.parse(r, keyPath: "rules") { s.rules[id] = patch.applied(to: s.rule(id)) }
            warnings += parser.warnings
        }
        if let o = root["overrides"] {
            guard let list = o as? [Any] else { throw fail("overrides", L10n.text("应为 {\"files\": [globs], \"rules\": {…}} 的列表", "expected a list of {\"files\": [globs], \"rules\": {…}}")) }
            for (i, item) in list.enumerated() {
                let path = "overrides[\(i)]"
                guard let obj = item as? [String: Any] else { throw fail(path, L10n.text("应为对象 {\"files\": [globs], \"rules\": {…}}", "expected an object {\"files\": [globs], \"rules\": {…}}")) }
                warnUnknown(obj, ["files", "rules", "comment"], path, file)
                let globs: [String]
                switch obj["files"] {
                case let one as String: globs = [one]
                case let many as [Any] where !many.isEmpty && many.allSatisfy({ $0 is String }): globs = many.compactMap { $0 as? String }
                default: throw fail("\(path).files", L10n.text("应为一个 glob 或非空的 glob 列表", "expected a glob or a non-empty list of globs"))
                }
                var parser = RuleConfigParser(file: file, knownRules: knownRules)
                let rules = try obj["rules"].map { try parser.parse($0, keyPath: "\(path).rules") } ?? [:]
                warnings += parser.warnings
                s.overrides.append(ConfigOverride(files: globs, baseDirectory: directory, rules: rules))
            }
        }
        return s
    }

    /// `"vocabulary": {"全年执行数": ["实付数"], …}`: more names for the vocabulary's fields.
    private func applyVocabulary(_ v: Any, to s: inout LintSettings, file: String) throws {
        func fail(_ key: String, _ reason: String) -> ConfigError { ConfigError(file: file, keyPath: key, reason: reason) }
        guard let obj = v as? [String: Any] else { throw fail("vocabulary", "expected an object {\"全年执行数\": [\"实付数\"], …}") }
        for key in obj.keys.sorted() {
            guard let term = Term(rawValue: key) else {
                throw fail("vocabulary.\(key)", "unknown field; the fields are: \(Term.allCases.map(\.rawValue).joined(separator: ", ")) (auditlint vocabulary lists them)")
            }
            guard let list = obj[key] as? [Any], !list.isEmpty,
                  list.allSatisfy({ ($0 as? String).map { !$0.trimmingCharacters(in: .whitespaces).isEmpty && $0 != "*" && $0 != "!" } ?? false }) else {
                throw fail("vocabulary.\(key)", "expected a non-empty list of names, e.g. [\"实付数\"]")
            }
            s.vocabularyExtra[term, default: []] += list.compactMap { $0 as? String }
        }
    }

    private mutating func applyScoring(_ sc: Any, to s: inout LintSettings, file: String) throws {
        func fail(_ key: String, _ reason: String) -> ConfigError { ConfigError(file: file, keyPath: key, reason: reason) }
        guard let obj = sc as? [String: Any] else { throw fail("scoring", L10n.text("应为对象 {\"policy\": …}", "expected an object {\"policy\": …}")) }
        warnUnknown(obj, ["policy", "tiers", "caps"], "scoring", file)
        if let p = obj["policy"] {
            switch p as? String {
            case "proportional": s.scoring = .proportional
            case "none": s.scoring = .none
            case "tiers":
                let pairs = try Self.pairs(obj["tiers"], key: "scoring.tiers", example: "[0.9, 10]", file: file)
                s.scoring = .tiers(pairs.map { ScoringTier(minRate: $0.0, score: $0.1) }.sorted { $0.minRate > $1.minRate })
            default: throw fail("scoring.policy", L10n.text("应为 \"proportional\"、\"none\" 或 \"tiers\"", "expected \"proportional\", \"none\" or \"tiers\""))
            }
        }
        if let c = obj["caps"] {
            let pairs = try Self.pairs(c, key: "scoring.caps", example: "[0.8, 89]", file: file)
            for (i, p) in pairs.enumerated() where !(p.0 > 0 && p.0 <= 1) {
                throw fail("scoring.caps[\(i)]", L10n.text("执行率应为 (0, 1] 之间的小数，例如 0.8 表示 80%", "the rate must be a fraction in (0, 1], e.g. 0.8 for 80%"))
            }
            s.scoreCaps = pairs.map { ScoreCap(belowRate: $0.0, maxTotal: $0.1) }.sorted { $0.belowRate < $1.belowRate }
        }
    }

    /// `limits`: each a whole number ≥ 1 (a budget of 0 would refuse every file).
    private mutating func applyLimits(_ v: Any, to s: inout LintSettings, file: String) throws {
        guard let obj = v as? [String: Any] else {
            throw ConfigError(file: file, keyPath: "limits", reason: "expected an object {\"cpuSeconds\": …, \"memoryMegabytes\": …}")
        }
        warnUnknown(obj, Set(ResourceLimits.keys.map(\.key)), "limits", file)
        for entry in ResourceLimits.keys {
            guard let raw = obj[entry.key] else { continue }
            guard let n = raw as? NSNumber, !Self.isBool(raw), let d = Self.decimal(raw), d >= 1, d <= Decimal(Int32.max) * 1024,
                  Decimal(n.int64Value) == d else {
                throw ConfigError(file: file, keyPath: "limits.\(entry.key)", reason: "expected a whole number ≥ 1 (\(entry.unit))")
            }
            s.limits[keyPath: entry.path] = Int(n.int64Value)
        }
    }

    /// A non-empty list of [number, number].
    static func pairs(_ v: Any?, key: String, example: String, file: String) throws -> [(Decimal, Decimal)] {
        guard let list = v as? [Any], !list.isEmpty else {
            throw ConfigError(file: file, keyPath: key, reason: L10n.text("应为非空的数对列表，例如 [\(example)]", "expected a non-empty list of pairs, e.g. [\(example)]"))
        }
        return try list.enumerated().map { i, item in
            guard let pair = item as? [Any], pair.count == 2, let a = decimal(pair[0]), let b = decimal(pair[1]) else {
                throw ConfigError(file: file, keyPath: "\(key)[\(i)]", reason: L10n.text("应为一对数，例如 \(example)", "expected a pair of numbers, e.g. \(example)"))
            }
            return (a, b)
        }
    }

    private mutating func warnUnknown(_ obj: [String: Any], _ known: Set<String>, _ path: String, _ file: String) {
        for key in obj.keys.sorted() where !known.contains(key) { warnings.append(L10n.text("\(file): \(path).\(key)：未知的键，已忽略", "\(file): \(path).\(key): unknown key, ignored")) }
    }

    /// True for JSON true/false. On Linux every NSNumber also casts to Bool, so the
    /// stored type code is what tells a boolean ("c") from the number 0 or 1.
    static func isBool(_ v: Any) -> Bool {
        if let n = v as? NSNumber { return String(cString: n.objCType) == "c" }
        return v is Bool
    }

    /// A JSON number or numeric string as an exact decimal (via its textual form, never a binary double).
    static func decimal(_ v: Any) -> Decimal? {
        if isBool(v) { return nil }
        if let n = v as? NSNumber { return Decimal(string: n.stringValue, locale: Locale(identifier: "en_US_POSIX")) }
        if let s = v as? String { return PrintedNumber.parse(s)?.value }
        return nil
    }

    /// An `options` object: scalar values as the strings checks and plugins read.
    static func options(_ v: Any, keyPath: String, file: String) throws -> [String: String] {
        guard let opts = v as? [String: Any] else { throw ConfigError(file: file, keyPath: keyPath, reason: L10n.text("应为对象", "expected an object")) }
        var out: [String: String] = [:]
        for (k, value) in opts {
            guard let s = optionString(value) else { throw ConfigError(file: file, keyPath: "\(keyPath).\(k)", reason: L10n.text("应为字符串、数字或布尔值", "expected a string, number or boolean")) }
            out[k] = s
        }
        return out
    }

    /// A JSON scalar as the string a check option holds.
    static func optionString(_ v: Any) -> String? {
        switch v {
        case let str as String: return str
        case let n as NSNumber: return isBool(v) ? (n.boolValue ? "true" : "false") : n.stringValue
        default: return nil
        }
    }
}
