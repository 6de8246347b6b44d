/// How serious a finding is. The order matters: error > warning > note.
public enum Severity: String, Codable, Sendable, CaseIterable, Comparable {
    case note, warning, error

    private var rank: Int { switch self { case .note: return 0; case .warning: return 1; case .error: return 2 } }
    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }

    /// The zh-CN word used in text output.
    public var label: String { rawValue }
}

/// A second place a finding refers to (the items of a sum, the target of an actual).
public struct RelatedLocation: Codable, Hashable, Sendable {
    public var location: SourceLocation
    public var message: String

    public init(location: SourceLocation, message: String) {
        self.location = location
        self.message = message
    }
}

/// Whether a finding was already in the baseline (SARIF `baselineState`).
public enum BaselineState: String, Codable, Sendable {
    /// Not in the baseline: it counts towards the exit code.
    case new
    /// In the baseline: reported as suppressed, it does not fail the run.
    case unchanged
}

/// One finding.
public struct Diagnostic: Codable, Hashable, Sendable {
    /// Stable kebab-case rule id ("sum-mismatch"), or "parse-error".
    public var ruleId: String
    public var severity: Severity
    /// zh-CN message naming the item and both numbers.
    public var message: String
    public var location: SourceLocation
    public var related: [RelatedLocation]
    /// What the check expected, when it compares numbers ("2922.69").
    public var expected: String?
    /// What the report prints ("2922.80").
    public var actual: String?
    /// A line-independent key of the finding (rule, file, the item it names),
    /// so baselines and code-scanning keep tracking it when lines move.
    public var fingerprint: String
    /// What the finding is about, without file or line ("表1/年度资金总额/执行率").
    public var subject: String
    /// Set when a baseline was applied: `unchanged` findings are in the baseline
    /// and suppressed; `new` ones are not. Nil without a baseline.
    public var baselineState: BaselineState?

    public init(ruleId: String, severity: Severity, message: String, location: SourceLocation,
                related: [RelatedLocation] = [], expected: String? = nil, actual: String? = nil, subject: String) {
        self.ruleId = ruleId
        self.severity = severity
        self.message = message
        self.location = location
        self.related = related
        self.expected = expected
        self.actual = actual
        self.fingerprint = Fingerprint.make([ruleId, location.file, subject])
        self.subject = subject
    }

    /// A key that survives moving lines and renaming the file: rule and subject only.
    /// Baselines pair it with the file's path.
    public var contentFingerprint: String { Fingerprint.make([ruleId, subject]) }

    /// Findings of one file with their repeated subjects told apart: the second finding of a rule
    /// with the same subject gets "#2", the third "#3", in document order. Two identical placeholder
    /// rows are two findings with two fingerprints, and neither fingerprint depends on a line.
    /// Expects `diagnostics` sorted by position (`sortKey`).
    public static func numberingRepeats(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        var seen: [String: Int] = [:]
        return diagnostics.map { d in
            let key = "\(d.ruleId)\u{0}\(d.location.file)\u{0}\(d.subject)"
            let n = (seen[key] ?? 0) + 1
            seen[key] = n
            guard n > 1 else { return d }
            var copy = d
            copy.subject = "\(d.subject)#\(n)"
            copy.fingerprint = Fingerprint.make([d.ruleId, d.location.file, copy.subject])
            return copy
        }
    }

    /// True when a baseline suppresses this finding.
    public var isSuppressed: Bool { baselineState == .unchanged }

    /// Orders findings by file, then position, then rule, then message: output never depends on scheduling.
    public static func sortKey(_ a: Diagnostic, _ b: Diagnostic) -> Bool {
        if a.location.file != b.location.file { return a.location.file < b.location.file }
        let pa = a.location.sortPosition, pb = b.location.sortPosition
        if pa != pb { return pa.lexicographicallyPrecedes(pb) }
        if a.ruleId != b.ruleId { return a.ruleId < b.ruleId }
        return a.message < b.message
    }
}

extension SourceLocation {
    /// Position used for sorting: line and column for text, table/row/cell otherwise.
    var sortPosition: [Int] {
        [line ?? 0, column ?? 0, table ?? 0, row ?? 0, cell ?? 0, paragraph ?? 0]
    }
}

/// Stable hashes for fingerprints (FNV-1a 64, hex). Swift's `Hasher` is seeded per process, so it is not used.
public enum Fingerprint {
    public static func make(_ parts: [String]) -> String {
        var h: UInt64 = 0xcbf29ce484222325
        for (i, p) in parts.enumerated() {
            if i > 0 { h ^= 0x1f; h = h &* 0x100000001b3 }
            for b in p.utf8 { h ^= UInt64(b); h = h &* 0x100000001b3 }
        }
        let hex = String(h, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
