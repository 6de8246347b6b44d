import Foundation

/// A config that cannot be used; `keyPath` names the offending key ("rules.sum-mismatch.severity").
public struct ConfigError: Error, CustomStringConvertible, Sendable {
    public var file: String
    public var keyPath: String
    public var reason: String
    public var description: String { "\(file): \(keyPath.isEmpty ? "(root)" : keyPath): \(reason)" }
}

/// Reads `.lintrc` (JSON). Unknown keys are warnings; wrong types and values are errors with their key path.
public struct ConfigLoader {
    /// Warnings about the config (unknown keys), shown on stderr.
    public private(set) var warnings: [String] = []
    /// Rule ids that exist, to reject typos in `rules`.
    public var knownRules: Set<String>

    public init(knownRules: Set<String>) { self.knownRules = knownRules }

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

    /// Loads the file at `path` on top of `base`.
    public mutating func load(path: String, base: LintSettings = LintSettings()) throws -> LintSettings {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigError(file: path, keyPath: "", reason: "cannot read the file")
        }
        let json: Any
        do { json = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) } catch {
            throw ConfigError(file: path, keyPath: "", reason: "not valid JSON (\(error.localizedDescription))")
        }
        guard let root = json as? [String: Any] else { throw ConfigError(file: path, keyPath: "", reason: "expected a JSON object") }
        return try apply(root, file: path, to: base)
    }

    /// Applies a parsed config object.
    public mutating func apply(_ root: [String: Any], file: String, to base: LintSettings) throws -> LintSettings {
        var s = base
        func fail(_ key: String, _ reason: String) -> ConfigError { ConfigError(file: file, keyPath: key, reason: reason) }
        let known: Set<String> = ["$schema", "rules", "tolerance", "scoring", "include", "exclude", "maxWarnings", "comment"]
        for key in root.keys.sorted() where !known.contains(key) {
            warnings.append("\(file): \(key): unknown key, ignored")
        }
        if let t = root["tolerance"] {
            guard let tol = t as? [String: Any] else { throw fail("tolerance", "expected an object {\"absolute\": …, \"rounding\": …}") }
            for key in tol.keys.sorted() where !["absolute", "rounding"].contains(key) {
                warnings.append("\(file): tolerance.\(key): unknown key, ignored")
            }
            if let a = tol["absolute"] {
                guard let d = Self.decimal(a), d >= 0 else { throw fail("tolerance.absolute", "expected a number ≥ 0, e.g. 0.01") }
                s.absoluteTolerance = d
            }
            if let r = tol["rounding"] {
                guard let str = r as? String, let mode = Rounding(rawValue: str), mode != .exact else {
                    throw fail("tolerance.rounding", "expected \"round\" or \"truncate\"")
                }
                s.rounding = mode
            }
        }
        if let sc = root["scoring"] {
            guard let obj = sc as? [String: Any] else { throw fail("scoring", "expected an object {\"policy\": …}") }
            for key in obj.keys.sorted() where !["policy", "tiers"].contains(key) {
                warnings.append("\(file): scoring.\(key): unknown key, ignored")
            }
            if let p = obj["policy"] {
                switch p as? String {
                case "proportional": s.scoring = .proportional
                case "none": s.scoring = .none
                case "tiers":
                    guard let list = obj["tiers"] as? [Any], !list.isEmpty else { throw fail("scoring.tiers", "policy \"tiers\" needs a non-empty list of [minRate, score]") }
                    var tiers: [ScoringTier] = []
                    for (i, item) in list.enumerated() {
                        guard let pair = item as? [Any], pair.count == 2, let r = Self.decimal(pair[0]), let v = Self.decimal(pair[1]) else {
                            throw fail("scoring.tiers[\(i)]", "expected [minRate, score], e.g. [0.9, 10]")
                        }
                        tiers.append(ScoringTier(minRate: r, score: v))
                    }
                    s.scoring = .tiers(tiers.sorted { $0.minRate > $1.minRate })
                default: throw fail("scoring.policy", "expected \"proportional\", \"none\" or \"tiers\"")
                }
            }
        }
        for key in ["include", "exclude"] {
            if let v = root[key] {
                guard let list = v as? [Any], list.allSatisfy({ $0 is String }) else { throw fail(key, "expected a list of glob strings") }
                let strings = list.compactMap { $0 as? String }
                if key == "include" { s.include = strings } else { s.exclude = strings }
            }
        }
        if let mw = root["maxWarnings"] {
            guard let n = mw as? NSNumber, !ConfigLoader.isBool(mw), n.intValue >= -1, Decimal(n.intValue) == Self.decimal(mw) else {
                throw fail("maxWarnings", "expected a whole number ≥ 0 (or -1 for no limit)")
            }
            s.maxWarnings = n.intValue < 0 ? nil : n.intValue
        }
        if let r = root["rules"] {
            guard let rules = r as? [String: Any] else { throw fail("rules", "expected an object keyed by rule id") }
            for id in rules.keys.sorted() {
                let path = "rules.\(id)"
                guard knownRules.contains(id) else { throw fail(path, "unknown rule id; `auditlint rules` lists them") }
                var rs = s.rule(id)
                switch rules[id] {
                case let b as Bool where ConfigLoader.isBool(rules[id]!):
                    rs.enabled = b
                case let str as String:
                    if str == "off" { rs.enabled = false }
                    else if let sev = Severity(rawValue: str) { rs.enabled = true; rs.severity = sev }
                    else { throw fail(path, "expected \"off\", \"note\", \"warning\", \"error\", a boolean or an object") }
                case let obj as [String: Any]:
                    for key in obj.keys.sorted() where !["enabled", "severity", "options"].contains(key) {
                        warnings.append("\(file): \(path).\(key): unknown key, ignored")
                    }
                    if let e = obj["enabled"] {
                        guard ConfigLoader.isBool(e), let b = e as? Bool else { throw fail("\(path).enabled", "expected true or false") }
                        rs.enabled = b
                    }
                    if let sv = obj["severity"] {
                        guard let str = sv as? String, let sev = Severity(rawValue: str) else {
                            throw fail("\(path).severity", "expected \"note\", \"warning\" or \"error\"")
                        }
                        rs.severity = sev
                    }
                    if let o = obj["options"] {
                        guard let opts = o as? [String: Any] else { throw fail("\(path).options", "expected an object") }
                        for (k, v) in opts {
                            switch v {
                            case let str as String: rs.options[k] = str
                            case let n as NSNumber: rs.options[k] = ConfigLoader.isBool(v) ? (n.boolValue ? "true" : "false") : n.stringValue
                            default: throw fail("\(path).options.\(k)", "expected a string, number or boolean")
                            }
                        }
                    }
                default:
                    throw fail(path, "expected \"off\", \"note\", \"warning\", \"error\", a boolean or an object")
                }
                s.rules[id] = rs
            }
        }
        return s
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
}
