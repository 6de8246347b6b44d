import Foundation

/// Parses a `rules` object (top level or in an override) into per-rule patches:
/// `"id": "off" | "note" | "warning" | "error" | true | false | {"enabled", "severity", "options"}`.
struct RuleConfigParser {
    var file: String
    var knownRules: Set<String>
    var warnings: [String] = []

    mutating func parse(_ value: Any, keyPath: String) throws -> [String: RulePatch] {
        func fail(_ key: String, _ reason: String) -> ConfigError { ConfigError(file: file, keyPath: key, reason: reason) }
        guard let rules = value as? [String: Any] else { throw fail(keyPath, L10n.text("应为以规则 id 为键的对象", "expected an object keyed by rule id")) }
        var out: [String: RulePatch] = [:]
        for id in rules.keys.sorted() {
            let path = "\(keyPath).\(id)"
            guard knownRules.contains(id) else { throw fail(path, L10n.text("没有这个规则 id；`auditlint rules` 列出全部规则", "unknown rule id; `auditlint rules` lists them")) }
            var patch = RulePatch()
            let v = rules[id]!
            switch v {
            case let b as Bool where ConfigLoader.isBool(v):
                patch.enabled = b
            case let str as String:
                if str == "off" { patch.enabled = false }
                else if let sev = Severity(rawValue: str) { patch.enabled = true; patch.severity = sev }
                else { throw fail(path, L10n.text("应为 \"off\"、\"note\"、\"warning\"、\"error\"、布尔值或对象", "expected \"off\", \"note\", \"warning\", \"error\", a boolean or an object")) }
            case let obj as [String: Any]:
                for key in obj.keys.sorted() where !["enabled", "severity", "options"].contains(key) {
                    warnings.append(L10n.text("\(file): \(path).\(key)：未知的键，已忽略", "\(file): \(path).\(key): unknown key, ignored"))
                }
                if let e = obj["enabled"] {
                    guard ConfigLoader.isBool(e), let b = e as? Bool else { throw fail("\(path).enabled", L10n.text("应为 true 或 false", "expected true or false")) }
                    patch.enabled = b
                }
                if let sv = obj["severity"] {
                    guard let str = sv as? String, let sev = Severity(rawValue: str) else {
                        throw fail("\(path).severity", L10n.text("应为 \"note\"、\"warning\" 或 \"error\"", "expected \"note\", \"warning\" or \"error\""))
                    }
                    patch.severity = sev
                }
                if let o = obj["options"] { patch.options = try ConfigLoader.options(o, keyPath: "\(path).options", file: file) }
            default:
                throw fail(path, L10n.text("应为 \"off\"、\"note\"、\"warning\"、\"error\"、布尔值或对象", "expected \"off\", \"note\", \"warning\", \"error\", a boolean or an object"))
            }
            out[id] = patch
        }
        return out
    }
}
