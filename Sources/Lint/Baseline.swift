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

    /// A baseline written to `path` from the findings added to it (see `Recorder`).
    init(entries: [Entry]) { self.entries = entries }

    /// Counts the findings of a run, file by file, into the entries of a baseline written to `path`.
    struct Recorder {
        private let directory: String
        private var counts: [String: Entry] = [:]
        private var order: [String] = []

        init(writtenTo path: String) { directory = Baseline.directory(of: path) }

        mutating func add(_ f: FileResult) {
            let file = Glob.relative(f.path, to: directory)
            for d in f.diagnostics {
                let key = "\(file)\u{0}\(d.ruleId)\u{0}\(d.contentFingerprint)"
                if counts[key] == nil { order.append(key); counts[key] = Entry(file: file, ruleId: d.ruleId, fingerprint: d.contentFingerprint, count: 0, message: d.message) }
                counts[key]!.count += 1
            }
        }

        var baseline: Baseline { Baseline(entries: order.map { counts[$0]! }) }
    }

    /// The largest count one entry may have.
    static let maxCount = Int(Int32.max)

    static func load(_ path: String) throws -> Baseline {
        guard let data = FileManager.default.contents(atPath: path) else { throw LoadError(reason: "无法读取基线文件 \(path)") }
        let b: Baseline
        do { b = try JSONDecoder().decode(Baseline.self, from: data) } catch {
            throw LoadError(reason: "\(path) 不是有效的基线文件（需要 \(schema)，用 --write-baseline 生成）")
        }
        guard b.schema == schema else { throw LoadError(reason: "\(path) 的格式为 \(b.schema)，需要 \(schema)") }
        // Counts are added up over entries and runs: a count no run could have recorded is refused
        // here rather than overflowing later.
        if let (i, e) = b.entries.enumerated().first(where: { !(1...maxCount).contains($0.element.count) }) {
            throw LoadError(reason: "\(path) 不是有效的基线文件：entries[\(i)].count 为 \(e.count)，应在 1 到 \(maxCount) 之间（用 --write-baseline 重新生成）")
        }
        return b
    }

    func write(to path: String) throws {
        let enc = JSONEncoder()
        enc.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try AtomicFile.write(String(decoding: try enc.encode(self), as: UTF8.self) + "\n", to: path)
    }

    /// Applies the baseline to a run's results one file at a time, in any order of files.
    struct Matcher {
        private let entries: [Entry]
        private let directory: String
        private var remaining: [String: Int] = [:]
        private var linted = Set<String>()

        init(_ baseline: Baseline, path: String) {
            entries = baseline.entries
            directory = Baseline.directory(of: path)
            for e in entries { remaining[Self.key(e.file, e.ruleId, e.fingerprint), default: 0].addSaturating(e.count) }
        }

        private static func key(_ file: String, _ rule: String, _ fingerprint: String) -> String { "\(file)\u{0}\(rule)\u{0}\(fingerprint)" }

        /// Marks every finding of the file `unchanged` (suppressed) or `new`.
        mutating func apply(to result: inout FileResult) {
            let file = Glob.relative(result.path, to: directory)
            linted.insert(file)
            for k in result.diagnostics.indices {
                let d = result.diagnostics[k]
                let key = Self.key(file, d.ruleId, d.contentFingerprint)
                if let n = remaining[key], n > 0 {
                    remaining[key] = n - 1
                    result.diagnostics[k].baselineState = .unchanged
                } else {
                    result.diagnostics[k].baselineState = .new
                }
            }
        }

        /// The entries nothing matched, for files this run linted or that no longer exist.
        mutating func stale() -> [Entry] {
            entries.compactMap { e in
                let key = Self.key(e.file, e.ruleId, e.fingerprint)
                let left = remaining[key] ?? 0
                guard left > 0 else { return nil }
                let gone = !FileManager.default.fileExists(atPath: URL(fileURLWithPath: directory).appendingPathComponent(e.file).path)
                guard linted.contains(e.file) || gone else { return nil }
                // Consume once, so duplicated keys are reported with what is left.
                remaining[key] = 0
                var stale = e
                stale.count = left
                return stale
            }
        }
    }

    /// The number of findings the entries stand for, saturating rather than overflowing.
    static func total(_ entries: [Entry]) -> Int { entries.reduce(0) { sum, e in var s = sum; s.addSaturating(e.count); return s } }

    static func directory(of path: String) -> String {
        let abs = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        return URL(fileURLWithPath: abs).standardizedFileURL.deletingLastPathComponent().path
    }
}

extension Int {
    /// Adds `n`, stopping at `Int.max` instead of trapping.
    mutating func addSaturating(_ n: Int) {
        let (sum, overflow) = addingReportingOverflow(n)
        self = overflow ? (n > 0 ? .max : .min) : sum
    }
}
