import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Core

/// Expands the command-line paths into the files to lint: files as given,
/// directories recursively (by the include/exclude globs), symlink loops and
/// unreadable directories reported instead of followed.
struct FileCollector {
    var include: [String]
    var exclude: [String]

    /// A path that could not be walked, reported as a `parse-error`.
    struct Problem { var path: String; var reason: String }

    func collect(_ paths: [String]) -> (files: [String], problems: [Problem]) {
        var files: [String] = []
        var problems: [Problem] = []
        let fm = FileManager.default
        for p in paths {
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: p, isDirectory: &isDir) else {
                problems.append(Problem(path: p, reason: "文件或目录不存在"))
                continue
            }
            if !isDir.boolValue {
                if !excluded(p) { files.append(p) }
                continue
            }
            var visited = Set<String>()
            walk(p, &files, &problems, &visited)
        }
        var seen = Set<String>()
        files = files.filter { seen.insert($0).inserted }
        return (files, problems)
    }

    private func walk(_ dir: String, _ files: inout [String], _ problems: inout [Problem], _ visited: inout Set<String>) {
        let fm = FileManager.default
        let real = URL(fileURLWithPath: dir).standardizedFileURL.resolvingSymlinksInPath().path
        guard visited.insert(real).inserted else {
            problems.append(Problem(path: dir, reason: "目录的符号链接形成循环，已跳过"))
            return
        }
        let entries: [String]
        do { entries = try fm.contentsOfDirectory(atPath: dir).sorted() } catch {
            problems.append(Problem(path: dir, reason: "无法读取目录：\(error.localizedDescription)"))
            return
        }
        for name in entries where !name.hasPrefix(".") {
            let path = dir.hasSuffix("/") ? dir + name : dir + "/" + name
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDir) else {
                problems.append(Problem(path: path, reason: "无法访问（断开的符号链接？）"))
                continue
            }
            if isDir.boolValue {
                if !excluded(path) { walk(path, &files, &problems, &visited) }
            } else if included(path) && !excluded(path) {
                files.append(path)
            }
        }
    }

    /// True when `path` names something (a file, directory or symlink, dangling or not).
    static func exists(_ path: String) -> Bool {
        var st = stat()
        return lstat(path, &st) == 0
    }

    private func included(_ path: String) -> Bool { include.contains { Glob.matches($0, path) } }
    private func excluded(_ path: String) -> Bool { exclude.contains { Glob.matches($0, path) } }
}
