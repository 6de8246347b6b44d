import Foundation
import Core

/// Findings recorded once so that a CI gate fails only on new ones.
///
/// Entries are keyed by the file (relative to the baseline's directory), the rule
/// and a content fingerprint of what the finding is about, never by line, and
/// carry counts: moving rows keeps them matched; a second identical finding is new.
struct Baseline: Codable {
    static let schema = "auditlint-baseline/1"

    struct Entry: Codable, Hashable {
        var file: String
        var ruleId: String
        var fingerprint: String
        var count: Int
        /// The message when it was recorded, for a human reading the file.
        var message: String
    }

    var schema = Baseline.schema
    var tool = "auditlint \(Version.current)"
    var entries: [Entry]

    struct LoadError: Error { var reason: String }

    /// The findings of a run as a baseline written to `path`.
    init(results: [FileResult], writtenTo path: String) {
        let dir = Self.directory(of: path)
        var counts: [String: Entry] = [:]
        var order: [String] = []
        for f in results {
            let file = Glob.relative(f.path, to: dir)
            for d in f.diagnostics {
                let key = "\(file)\u{0}\(d.ruleId)\u{0}\(d.contentFingerprint)"
                if counts[key] == nil { order.append(key); counts[key] = Entry(file: file, ruleId: d.ruleId, fingerprint: d.contentFingerprint, count: 0, message: d.message) }
                counts[key]!.count += 1
            }
        }
        entries = order.map { counts[$0]! }
    }

    static func load(_ path: String) throws -> Baseline {
        guard let data = FileManager.default.contents(atPath: path) else { throw LoadError(reason: "无法读取基线文件 \(path)") }
        let b: Baseline
        do { b = try JSONDecoder().decode(Baseline.self, from: data) } catch {
            throw LoadError(reason: "\(path) 不是有效的基线文件（需要 \(schema)，用 --write-baseline 生成）")
        }
        guard b.schema == schema else { throw LoadError(reason: "\(path) 的格式为 \(b.schema)，需要 \(schema)") }
        return b
    }

    func write(to path: String) throws {
        let enc = JSONEncoder()
        enc.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try AtomicFile.write(String(decoding: try enc.encode(self), as: UTF8.self) + "\n", to: path)
    }

    /// Marks every finding `unchanged` (suppressed) or `new`, and returns the entries
    /// nothing matched any more, for files this run linted or that no longer exist.
    func apply(to results: inout [FileResult], baselinePath: String) -> [Entry] {
        let dir = Self.directory(of: baselinePath)
        var remaining: [String: Int] = [:]
        for e in entries { remaining["\(e.file)\u{0}\(e.ruleId)\u{0}\(e.fingerprint)", default: 0] += e.count }
        var linted = Set<String>()
        for i in results.indices {
            let file = Glob.relative(results[i].path, to: dir)
            linted.insert(file)
            for k in results[i].diagnostics.indices {
                let d = results[i].diagnostics[k]
                let key = "\(file)\u{0}\(d.ruleId)\u{0}\(d.contentFingerprint)"
                if let n = remaining[key], n > 0 {
                    remaining[key] = n - 1
                    results[i].diagnostics[k].baselineState = .unchanged
                } else {
                    results[i].diagnostics[k].baselineState = .new
                }
            }
        }
        return entries.compactMap { e in
            let left = remaining["\(e.file)\u{0}\(e.ruleId)\u{0}\(e.fingerprint)"] ?? 0
            guard left > 0 else { return nil }
            let gone = !FileManager.default.fileExists(atPath: URL(fileURLWithPath: dir).appendingPathComponent(e.file).path)
            guard linted.contains(e.file) || gone else { return nil }
            // Consume once, so duplicated keys are reported with what is left.
            remaining["\(e.file)\u{0}\(e.ruleId)\u{0}\(e.fingerprint)"] = 0
            var stale = e
            stale.count = left
            return stale
        }
    }

    static func directory(of path: String) -> String {
        let abs = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        return URL(fileURLWithPath: abs).standardizedFileURL.deletingLastPathComponent().path
    }
}
