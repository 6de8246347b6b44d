import Foundation

/// A documented option of a check, shown by `auditlint explain` and in the README.
public struct CheckOption: Sendable, Hashable {
    /// What values an option takes; the command line rejects a configured value that is not one.
    public enum Kind: Sendable, Hashable {
        /// Any text.
        case text
        /// A share from 0 to 100 %: "90%", "90" (read as a percentage) or "0.9".
        case share
    }

    public var key: String
    public var defaultValue: String
    public var help: String
    public var kind: Kind

    public init(key: String, defaultValue: String, help: String, kind: Kind = .text) {
        self.key = key
        self.defaultValue = defaultValue
        self.help = help
        self.kind = kind
    }

    /// Why `value` is not a valid value of this option (zh-CN), or nil when it is.
    public func problem(with value: String) -> String? {
        switch kind {
        case .text: return nil
        case .share:
            guard let share = Self.share(value) else { return "“\(value)” 不是比例（可写 \"90%\"、\"90\" 或 \"0.9\"）" }
            return share > 1 ? "“\(value)” 超过 100%" : nil
        }
    }

    /// A share as a fraction: "90%", "90" and "0.9" are all 0.9; nil when not a non-negative number.
    public static func share(_ value: String) -> Decimal? {
        guard let n = PrintedNumber.parse(value), n.value >= 0 else { return nil }
        if n.isPercent { return n.magnitude }
        return n.value <= 1 ? n.value : n.value / 100
    }
}

/// An example input for a check, run by the generic example test.
///
/// `input` is a small report in Markdown pipe-table form (one `| a | b |` line
/// per row, other lines are narrative), so it reads well in `explain`.
public struct CheckExample: Sendable, Hashable {
    public var title: String
    public var input: String
    /// 1-based lines of `input` where the check must report (empty: must not report).
    public var expectedLines: [Int]

    public init(_ title: String, _ input: String, triggersAt lines: [Int] = []) {
        self.title = title
        self.input = input
        self.expectedLines = lines
    }

    public var triggers: Bool { !expectedLines.isEmpty }
}

/// Everything a check says about itself.
public struct CheckDescriptor: Sendable {
    /// Stable kebab-case id users configure the check by.
    public var id: String
    /// One line, zh-CN.
    public var title: String
    /// Why the check exists and what it compares.
    public var rationale: String
    public var defaultSeverity: Severity
    public var options: [CheckOption]
    public var examples: [CheckExample]

    public init(id: String, title: String, rationale: String, defaultSeverity: Severity,
                options: [CheckOption] = [], examples: [CheckExample]) {
        self.id = id; self.title = title; self.rationale = rationale
        self.defaultSeverity = defaultSeverity; self.options = options; self.examples = examples
    }
}

/// What a check sees: one recognised report and the effective settings.
public struct CheckContext: Sendable {
    public var report: Report
    public var settings: LintSettings
    /// The options of this check from the config (raw JSON scalars as strings).
    public var options: [String: String]

    public init(report: Report, settings: LintSettings, options: [String: String] = [:]) {
        self.report = report
        self.settings = settings
        self.options = options
    }
}

/// A finding as a check produces it; the engine applies the configured severity.
public struct Finding: Sendable, Hashable {
    public var severity: Severity?
    public var message: String
    public var location: SourceLocation
    public var related: [RelatedLocation]
    public var expected: String?
    public var actual: String?
    /// A line-independent name of what the finding is about ("表1/年度资金总额/执行率").
    public var subject: String

    /// - Parameter severity: nil means the check's configured severity; a check
    ///   may lower a sub-case (e.g. 执行数 > 预算数 is a warning).
    public init(_ message: String, at location: SourceLocation, severity: Severity? = nil, related: [RelatedLocation] = [],
                expected: String? = nil, actual: String? = nil, subject: String) {
        self.severity = severity; self.message = message; self.location = location; self.related = related
        self.expected = expected; self.actual = actual; self.subject = subject
    }
}

/// A check: one rule over the recognised model.
public protocol Check: Sendable {
    var descriptor: CheckDescriptor { get }
    func run(_ context: CheckContext) -> [Finding]
}

/// The set of checks the engine runs. Built-in checks register themselves in
/// the Checks module with one line each.
public struct CheckRegistry: Sendable {
    public private(set) var checks: [any Check]

    public init(_ checks: [any Check] = []) { self.checks = checks }

    public mutating func register(_ check: any Check) {
        precondition(!checks.contains { $0.descriptor.id == check.descriptor.id }, "duplicate check id \(check.descriptor.id)")
        checks.append(check)
    }

    public func check(id: String) -> (any Check)? { checks.first { $0.descriptor.id == id } }

    public var ids: [String] { checks.map(\.descriptor.id) }
}
