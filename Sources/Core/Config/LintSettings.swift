import Foundation

/// How a funding 得分 follows from its 执行率.
public enum ScoringPolicy: Sendable, Hashable {
    /// 得分 = min(执行率, 100%) × 分值 (the default).
    case proportional
    /// No rule: 得分 is not compared with 执行率.
    case none
    /// 得分 by tiers: the score of the highest tier whose minimum rate is reached.
    case tiers([ScoringTier])

    public var name: String {
        switch self {
        case .proportional: return "proportional"
        case .none: return "none"
        case .tiers: return "tiers"
        }
    }
}

/// One tier of a tiered scoring policy: from `minRate` (a fraction) on, the score is `score`.
public struct ScoringTier: Sendable, Hashable {
    public var minRate: Decimal
    public var score: Decimal
    public init(minRate: Decimal, score: Decimal) { self.minRate = minRate; self.score = score }
}

/// Per-rule configuration.
public struct RuleSettings: Sendable, Hashable {
    public var enabled: Bool = true
    public var severity: Severity?
    public var options: [String: String] = [:]
    public init(enabled: Bool = true, severity: Severity? = nil, options: [String: String] = [:]) {
        self.enabled = enabled; self.severity = severity; self.options = options
    }
}

/// The effective settings of a run, from defaults, `.lintrc` and the command line.
public struct LintSettings: Sendable, Hashable {
    /// Extra absolute tolerance (in the printed unit) added to the interval comparison.
    public var absoluteTolerance: Decimal = 0
    /// How printed numbers were rounded from their true values.
    public var rounding: Rounding = .round
    public var scoring: ScoringPolicy = .proportional
    public var rules: [String: RuleSettings] = [:]
    /// Glob patterns of files to lint when a directory is given.
    public var include: [String] = ["**/*.txt", "**/*.md", "**/*.json", "**/*.docx", "**/*.xlsx", "**/*.doc", "**/*.xls", "**/*.pdf"]
    /// Glob patterns to skip.
    public var exclude: [String] = []
    /// More warnings than this make the run fail (exit 1); nil means no limit.
    public var maxWarnings: Int?

    public init() {}

    /// The settings of one rule (defaults when not configured).
    public func rule(_ id: String) -> RuleSettings { rules[id] ?? RuleSettings() }
}
