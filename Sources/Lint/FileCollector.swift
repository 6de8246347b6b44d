import Foundation
import Core

/// Expands the command-line paths into the files to lint.
///
/// - Files named on the command line are linted as given (symlinks followed), unless excluded
///   or a README or a JSON file that is no model.
/// - Directories are walked recursively; a file is linted when an `include` glob matches it
///   (extensions in either case: `REPORT.TXT`) and no `exclude` glob does. Globs are relative
///   to the config's directory, as `overrides[].files` are.
/// - README files, JSON files that are not `auditlint-model/1` models, hidden files, legacy
///   `.doc`/`.xls` and the run's own `--output`/`--baseline` files are skipped and counted.
/// - Symlinks to files are followed; a dangling symlink is a problem only when `include` would
///   take it; a directory symlink is followed only while it stays inside the walked root.
/// - A name that is not valid UTF-8 is linted through a UTF-8 alias (a symlink in a temporary
///   directory) and shown with its bytes escaped (`\x{FF}`).
struct FileCollector {
    var include: [String]
    var exclude: [String]
    /// The directory the globs are relative to (the config's); nil: the working directory.
    var base: String?
    /// Real paths that are never input: the run's output and baseline files.
    var ignoredRealPaths: Set<String> = []
    /// Real paths of directories the run writes (the HTML report's): nothing in them is linted.
    var ignoredRealDirectories: [String] = []
    /// Warn about include/exclude patterns that matched nothing (patterns a config wrote).
    var warnUnmatched = false

    /// A path that could not be walked, reported as a `parse-error`.
    struct Problem { var path: String; var reason: String }

    /// A file to lint: `path` is what is opened, `display` what the output names (they differ
    /// only for a name that is not valid UTF-8).
    struct File { var path: String; var display: String }

    struct Collected {
        var files: [File] = []
        var problems: [Problem] = []
        /// Files seen and deliberately not linted, by reason.
        var skipped: [String: Int] = [:]
        /// Config patterns that matched no file in the walked directories.
        var unmatchedPatterns: [String] = []
        /// The temporary directory holding aliases of non-UTF-8 names, to remove after the run.
        var aliasDirectory: String?
    }

    static let readmeReason = "README 文件"
    static let jsonReason = "不是 auditlint 模型的 JSON 文件"
    static let hiddenReason = "隐藏文件"
    static let legacyReason = ".doc/.xls 文件（需先转换为 .docx/.xlsx）"
    static let ownFileReason = "本次运行的输出或基线文件"
    static let outsideReason = "指向检查目录之外的目录符号链接（未跟随）"

    typealias RawPath = PlatformFileSystem.Path

    func collect(_ paths: [String]) -> Collected {
        var state = Walk(collector: self)
        for p in paths {
            let raw = Array(p.utf8)
            switch PlatformFileSystem.entryKind(raw) {
            case .missing:
                state.out.problems.append(Problem(path: p, reason: "文件或目录不存在"))
            case .directory, .symlink where PlatformFileSystem.targetKind(raw) == .directory:
                let root = PlatformFileSystem.realPath(raw) ?? raw
                state.walk(raw, root: root)
            case .symlink where PlatformFileSystem.targetKind(raw) == .missing:
                state.out.problems.append(Problem(path: p, reason: "无法访问：断开的符号链接"))
            default:
                if isOwnFile(raw) { state.out.skipped[Self.ownFileReason, default: 0] += 1; continue }
                if excluded(p) { continue }
                // Named or not, a README or a JSON file that is no model is never a report.
                if Self.isReadme(raw) { state.out.skipped[Self.readmeReason, default: 0] += 1; continue }
                if Self.extensionOf(raw).lowercased() == ".json" && !Self.isModelJSON(raw) {
                    state.out.skipped[Self.jsonReason, default: 0] += 1
                    continue
                }
                state.add(raw)
            }
        }
        var seen = Set<String>()
        state.out.files = state.out.files.filter { seen.insert($0.path).inserted }
        if warnUnmatched {
            state.out.unmatchedPatterns = (include + exclude).filter { !state.matched.contains($0) }
            if !state.walkedAny { state.out.unmatchedPatterns = [] }
        }
        return state.out
    }

    /// The walk's state: what it found, which patterns matched, the real paths visited.
    private struct Walk {
        let collector: FileCollector
        var out = Collected()
        var matched = Set<String>()
        var visited = Set<RawPath>()
        var walkedAny = false

        mutating func add(_ raw: RawPath) {
            if let s = String(validating: raw, as: UTF8.self) {
                out.files.append(File(path: s, display: s))
                return
            }
            // A name String cannot hold: lint it through a UTF-8 alias, show it escaped.
            if out.aliasDirectory == nil {
                let dir = FileManager.default.temporaryDirectory.appendingPathComponent("auditlint-names-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)").path
                try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
                out.aliasDirectory = dir
            }
            let abs = raw.first == 0x2F ? raw : Array(FileManager.default.currentDirectoryPath.utf8) + [0x2F] + raw
            let alias = out.aliasDirectory! + "/\(out.files.count)" + FileCollector.extensionOf(raw)
            if PlatformFileSystem.symlink(target: abs, at: alias) {
                out.files.append(File(path: alias, display: DisplayText.escapedPath(raw)))
            } else {
                out.problems.append(Problem(path: DisplayText.escapedPath(raw), reason: "无法读取文件名不是 UTF-8 的文件"))
            }
        }

        mutating func walk(_ dir: RawPath, root: RawPath) {
            walkedAny = true
            let real = PlatformFileSystem.realPath(dir) ?? dir
            let shown = DisplayText.escapedPath(dir)
            guard visited.insert(real).inserted else {
                out.problems.append(Problem(path: shown, reason: "目录的符号链接形成循环，已跳过"))
                return
            }
            guard let names = PlatformFileSystem.names(in: dir) else {
                out.problems.append(Problem(path: shown, reason: "无法读取目录"))
                return
            }
            for name in names {
                let path = dir.last == 0x2F ? dir + name : dir + [0x2F] + name
                let text = String(decoding: path, as: UTF8.self)
                if name.first == 0x2E {
                    // Hidden files are not linted; count those that look like reports.
                    if PlatformFileSystem.entryKind(path) != .directory && included(text) { out.skipped[FileCollector.hiddenReason, default: 0] += 1 }
                    continue
                }
                let entry = PlatformFileSystem.entryKind(path)
                let target = entry == .symlink ? PlatformFileSystem.targetKind(path) : entry
                switch target {
                case .directory:
                    if excluded(text) { continue }
                    if entry == .symlink {
                        // A link out of the given root would lint files nobody asked for.
                        guard let r = PlatformFileSystem.realPath(path), r == root || r.starts(with: root + [0x2F]) else {
                            out.skipped[FileCollector.outsideReason, default: 0] += 1
                            continue
                        }
                    }
                    walk(path, root: root)
                case .missing:
                    // A dangling link only matters when it would have been linted.
                    let isExcluded = excluded(text)
                    if included(text) && !isExcluded {
                        out.problems.append(Problem(path: DisplayText.escapedPath(path), reason: "无法访问：断开的符号链接"))
                    }
                default:
                    let isExcluded = excluded(text)
                    guard included(text) else {
                        if FileCollector.isLegacyOffice(name) { out.skipped[FileCollector.legacyReason, default: 0] += 1 }
                        continue
                    }
                    if isExcluded { continue }
                    if collector.isOwnFile(path) { out.skipped[FileCollector.ownFileReason, default: 0] += 1; continue }
                    if FileCollector.isReadme(name) { out.skipped[FileCollector.readmeReason, default: 0] += 1; continue }
                    if FileCollector.extensionOf(name).lowercased() == ".json" && target == .file && !FileCollector.isModelJSON(path) {
                        out.skipped[FileCollector.jsonReason, default: 0] += 1
                        continue
                    }
                    add(path)
                }
            }
        }

        private mutating func included(_ path: String) -> Bool {
            var any = false
            for p in collector.include where Glob.matchesAny([p], path, relativeTo: collector.base, caseInsensitive: true) {
                matched.insert(p); any = true
            }
            return any
        }

        private mutating func excluded(_ path: String) -> Bool {
            var any = false
            for p in collector.exclude where Glob.matchesAny([p], path, relativeTo: collector.base) {
                matched.insert(p); any = true
            }
            return any
        }
    }

    private func excluded(_ path: String) -> Bool { Glob.matchesAny(exclude, path, relativeTo: base) }

    private func isOwnFile(_ raw: RawPath) -> Bool {
        guard !ignoredRealPaths.isEmpty || !ignoredRealDirectories.isEmpty, let r = PlatformFileSystem.realPath(raw) else { return false }
        let real = String(decoding: r, as: UTF8.self)
        return ignoredRealPaths.contains(real) || ignoredRealDirectories.contains { real.hasPrefix($0 + "/") }
    }

    /// The real path of a file the run writes or reads as its own (it may not exist yet: then
    /// its directory's real path and its name).
    static func realPathOfOwnFile(_ path: String) -> String {
        let raw = Array(path.utf8)
        if let r = PlatformFileSystem.realPath(raw) { return String(decoding: r, as: UTF8.self) }
        let url = URL(fileURLWithPath: path)
        let dir = PlatformFileSystem.realPath(Array(url.deletingLastPathComponent().path.utf8)).map { String(decoding: $0, as: UTF8.self) }
        return (dir ?? url.deletingLastPathComponent().path) + "/" + url.lastPathComponent
    }

    /// True when `path` names something (a file, directory or symlink, dangling or not).
    static func exists(_ path: String) -> Bool { PlatformFileSystem.entryKind(Array(path.utf8)) != .missing }

    /// ".txt" of "a.b.TXT" kept in its case; "" without an extension.
    static func extensionOf(_ name: RawPath) -> String {
        let base = name.split(separator: 0x2F, omittingEmptySubsequences: false).last ?? []
        guard let dot = base.lastIndex(of: 0x2E), dot > base.startIndex else { return "" }
        return String(decoding: base[dot...], as: UTF8.self)
    }

    static func isReadme(_ path: RawPath) -> Bool {
        let name = path.split(separator: 0x2F, omittingEmptySubsequences: false).last ?? []
        return String(decoding: name, as: UTF8.self).uppercased().hasPrefix("README")
    }

    static func isLegacyOffice(_ name: RawPath) -> Bool {
        [".doc", ".xls"].contains(extensionOf(name).lowercased())
    }

    /// True when the file names the model schema. An `auditlint dump` file names it in its last
    /// lines (keys are sorted), a hand-written one usually in its first: those ends are read
    /// first, and the whole file (memory-mapped) only when neither has it.
    static func isModelJSON(_ path: RawPath) -> Bool {
        // JSON writers may escape the slash ("auditlint-model\/1").
        let markers = ["\"auditlint-model/1\"", "\"auditlint-model\\/1\""].map { Array($0.utf8) }
        let size = PlatformFileSystem.size(path)
        let head = PlatformFileSystem.read(path, offset: 0, count: 4096)
        let tail = size > 4096 ? PlatformFileSystem.read(path, offset: size - 4096, count: 4096) : []
        if markers.contains(where: { contains(head, $0) || contains(tail, $0) }) { return true }
        guard size > 8192, let s = String(validating: path, as: UTF8.self),
              let data = try? Data(contentsOf: URL(fileURLWithPath: s), options: .alwaysMapped) else { return false }
        return markers.contains { data.firstRange(of: Data($0)) != nil }
    }

    private static func contains(_ bytes: [UInt8], _ needle: [UInt8]) -> Bool {
        guard bytes.count >= needle.count else { return false }
        return (0...(bytes.count - needle.count)).contains { i in bytes[i..<(i + needle.count)].elementsEqual(needle) }
    }
}
