import Foundation

/// Parses `plugins`: `[{"id", "command": [argv], "timeout": seconds, "paths", "options", "optional"}]`.
/// Declaring a plugin never runs it; the user must allow plugins for the run.
struct PluginConfigParser {
    var file: String
    var directory: String?
    /// Rule ids a plugin may not take.
    var reservedIds: Set<String>
    var warnings: [String] = []

    private func fail(_ key: String, _ reason: String) -> ConfigError { ConfigError(file: file, keyPath: key, reason: reason) }

    mutating func parse(_ value: Any) throws -> [PluginSpec] {
        guard let list = value as? [Any] else { throw fail("plugins", L10n.text("应为 {\"id\", \"command\": [程序, 参数…], \"timeout\"} 的列表", "expected a list of {\"id\", \"command\": [program, args…], \"timeout\"}")) }
        var seen = Set<String>()
        return try list.enumerated().map { i, item in
            let path = "plugins[\(i)]"
            guard let obj = item as? [String: Any] else { throw fail(path, L10n.text("应为对象", "expected an object")) }
            for key in obj.keys.sorted() where !["id", "command", "timeout", "paths", "options", "optional", "comment"].contains(key) {
                warnings.append(L10n.text("\(file): \(path).\(key)：未知的键，已忽略", "\(file): \(path).\(key): unknown key, ignored"))
            }
            guard let id = obj["id"] as? String, id.range(of: #"^[a-z0-9]+(-[a-z0-9]+)*$"#, options: .regularExpression) != nil else {
                throw fail("\(path).id", L10n.text("应为短横线连接的小写 id，例如 \"local-scoring\"", "expected a kebab-case id such as \"local-scoring\""))
            }
            guard !reservedIds.contains(id), seen.insert(id).inserted else { throw fail("\(path).id", L10n.text("\"\(id)\" 已是规则或插件的 id", "\"\(id)\" is already a rule or plugin id")) }
            guard let cmd = obj["command"] as? [Any], !cmd.isEmpty, cmd.allSatisfy({ $0 is String }),
                  let argv = cmd as? [String], !argv[0].isEmpty else {
                throw fail("\(path).command", L10n.text("应为非空列表 [程序, 参数…]（不经过 shell）", "expected a non-empty list [program, arguments…] (no shell is involved)"))
            }
            var spec = PluginSpec(id: id, command: argv, baseDirectory: directory)
            if let t = obj["timeout"] {
                guard let d = ConfigLoader.decimal(t), d > 0, d <= 3600 else { throw fail("\(path).timeout", L10n.text("应为秒数，(0, 3600] 之间的数", "expected seconds, a number in (0, 3600]")) }
                spec.timeout = NSDecimalNumber(decimal: d).doubleValue
            }
            if let p = obj["paths"] {
                guard let globs = (p as? [Any])?.compactMap({ $0 as? String }), globs.count == (p as? [Any])?.count else {
                    throw fail("\(path).paths", L10n.text("应为 glob 列表", "expected a list of globs"))
                }
                spec.paths = globs
            }
            if let o = obj["optional"] {
                guard ConfigLoader.isBool(o), let b = o as? Bool else { throw fail("\(path).optional", L10n.text("应为 true 或 false", "expected true or false")) }
                spec.optional = b
            }
            if let o = obj["options"] { spec.options = try ConfigLoader.options(o, keyPath: "\(path).options", file: file) }
            return spec
        }
    }
}
