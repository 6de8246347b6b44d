import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Shell-style globs where `**` spans directories; a pattern without "/" matches the file name.
/// Used for `include`/`exclude`, `overrides[].files` and the `paths` scope of custom rules.
public enum Glob {
    public static func matches(_ pattern: String, _ path: String) -> Bool {
        var p = path
        if p.hasPrefix("./") { p.removeFirst(2) }
        if !pattern.contains("/") { return fnmatch(pattern, (p as NSString).lastPathComponent, 0) == 0 }
        if pattern == "**" { return true }
        if pattern.hasPrefix("**/") {
            let rest = String(pattern.dropFirst(3))
            // "**/x" matches x at any depth.
            var components = p.split(separator: "/").map(String.init)
            while !components.isEmpty {
                if fnmatch(rest, components.joined(separator: "/"), FNM_PATHNAME) == 0 { return true }
                components.removeFirst()
            }
            return false
        }
        return fnmatch(pattern, p, 0) == 0
    }

    /// True when any pattern matches `path` or its form relative to `base`
    /// (the directory of the config that wrote the patterns), so a pattern
    /// written in a `.lintrc` means the same from any working directory.
    public static func matchesAny(_ patterns: [String], _ path: String, relativeTo base: String?) -> Bool {
        let candidates = [path] + (base.map { [relative(path, to: $0)] } ?? [])
        return patterns.contains { pat in candidates.contains { matches(pat, $0) } }
    }

    /// `path` relative to the directory `base` ("../x" steps where needed), "/"-separated.
    public static func relative(_ path: String, to base: String) -> String {
        let cwd = FileManager.default.currentDirectoryPath
        func components(_ p: String) -> [String] {
            let abs = p.hasPrefix("/") ? p : cwd + "/" + p
            return URL(fileURLWithPath: abs).standardizedFileURL.pathComponents
        }
        let b = components(base), t = components(path)
        var common = 0
        while common < b.count && common < t.count && b[common] == t[common] { common += 1 }
        return (Array(repeating: "..", count: b.count - common) + t[common...]).joined(separator: "/")
    }
}
