import Foundation

/// Shell-style globs where `**` spans directories and `{a,b}` is either alternative;
/// a pattern without "/" matches the file name.
/// Used for `include`/`exclude`, `overrides[].files` and the `paths` scope of custom rules.
public enum Glob {
    /// - Parameter caseInsensitive: letters match either case, so `**/*.txt` takes `REPORT.TXT`.
    public static func matches(_ pattern: String, _ path: String, caseInsensitive: Bool = false) -> Bool {
        expandingBraces(pattern).contains { matchesOne($0, path, caseInsensitive) }
    }

    private static func matchesOne(_ pattern: String, _ path: String, _ fold: Bool) -> Bool {
        var p = path
        if p.hasPrefix("./") { p.removeFirst(2) }
        if !pattern.contains("/") { return PlatformFnmatch.matches(pattern, (p as NSString).lastPathComponent, caseInsensitive: fold) }
        if pattern == "**" { return true }
        if pattern.hasPrefix("**/") {
            let rest = String(pattern.dropFirst(3))
            // "**/x" matches x at any depth.
            var components = p.split(separator: "/").map(String.init)
            while !components.isEmpty {
                if PlatformFnmatch.matches(rest, components.joined(separator: "/"), pathname: true, caseInsensitive: fold) { return true }
                components.removeFirst()
            }
            return false
        }
        return PlatformFnmatch.matches(pattern, p, caseInsensitive: fold)
    }

    /// `{a,b}` alternatives expanded, innermost-first and nested: "**/*.{htm,html}" is
    /// ["**/*.htm", "**/*.html"]. A brace with no comma, or unbalanced, stays literal.
    public static func expandingBraces(_ pattern: String) -> [String] {
        let chars = Array(pattern)
        var depth = 0, open = 0, commas: [Int] = [], escaped = false
        for i in chars.indices {
            if escaped { escaped = false; continue }
            switch chars[i] {
            case "\\": escaped = true
            case "{":
                if depth == 0 { open = i; commas = [] }
                depth += 1
            case "," where depth == 1: commas.append(i)
            case "}" where depth > 0:
                depth -= 1
                guard depth == 0, !commas.isEmpty else { continue }
                let head = String(chars[..<open]), tail = String(chars[(i + 1)...])
                let bounds = [open] + commas + [i]
                return (0..<(bounds.count - 1)).flatMap { k in
                    expandingBraces(head + String(chars[(bounds[k] + 1)..<bounds[k + 1]]) + tail)
                }
            default: break
            }
        }
        return [pattern]
    }

    /// True when any pattern matches `path` or its form relative to `base`
    /// (the directory of the config that wrote the patterns), so a pattern
    /// written in a `.lintrc` means the same from any working directory.
    public static func matchesAny(_ patterns: [String], _ path: String, relativeTo base: String?, caseInsensitive: Bool = false) -> Bool {
        let candidates = [path] + (base.map { [relative(path, to: $0)] } ?? [])
        return patterns.contains { pat in candidates.contains { matches(pat, $0, caseInsensitive: caseInsensitive) } }
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
