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

/// A cap on the total score by execution rate: below `belowRate` (a fraction),
/// the 总分 may be at most `maxTotal` (e.g. below 80% at most 89).
public struct ScoreCap: Sendable, Hashable {
    public var belowRate: Decimal
    public var maxTotal: Decimal
    public init(belowRate: Decimal, maxTotal: Decimal) { self.belowRate = belowRate; self.maxTotal = maxTotal }
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
    /// Total-score caps by execution rate, lowest rate first; empty means none.
    public var scoreCaps: [ScoreCap] = []
    public var rules: [String: RuleSettings] = [:]
    /// The default `include`: report formats. Extensions match in either case; a `.json` file
    /// is linted only when it is an `auditlint-model/1` file, and README files are skipped.
    public static let defaultInclude = ["**/*.{txt,md,json,docx,xlsx,pdf,html,htm}"]
    /// Glob patterns of files to lint when a directory is given (extensions in either case).
    public var include: [String] = LintSettings.defaultInclude
    /// Glob patterns to skip.
    public var exclude: [String] = []
    /// The directory of the config that set `include`/`exclude`: patterns are relative to it,
    /// as `overrides[].files` are. Nil for the defaults.
    public var selectionBase: String?
    /// More warnings than this make the run fail (exit 1); nil means no limit.
    public var maxWarnings: Int?
    /// Path-scoped rule settings, applied in order after `rules`; the command line's
    /// `--enable/--disable/--severity` come last as an override for every file.
    public var overrides: [ConfigOverride] = []
    /// Rules written in the config (`sum`, `pattern`, `require`).
    public var customRules: [CustomRuleSpec] = []
    /// External plugin commands; they run only when the user allows plugins.
    public var plugins: [PluginSpec] = []
    /// Names the user's templates give the vocabulary's fields, beyond the built-in ones.
    public var vocabularyExtra: [Term: [String]] = [:]
    /// The config files read, outermost `extends` first.
    public var sources: [String] = []
    /// What one file may use (time, memory, decoded bytes, XML nodes, cells, characters).
    public var limits = ResourceLimits()

    public init() {}

    /// The settings of one rule (defaults when not configured).
    public func rule(_ id: String) -> RuleSettings { rules[id] ?? RuleSettings() }

    /// The settings for one file: `rules` with every override whose `files` match applied in order.
    public func effective(for path: String) -> LintSettings {
        let matching = overrides.filter { $0.applies(to: path) }
        guard !matching.isEmpty else { return self }
        var s = self
        for o in matching {
            for (id, patch) in o.rules { s.rules[id] = patch.applied(to: s.rule(id)) }
        }
        return s
    }
}

/// Part of a rule's settings, as one config layer states it: what it leaves out is inherited.
public struct RulePatch: Sendable, Hashable {
    public var enabled: Bool?
    public var severity: Severity?
    public var options: [String: String] = [:]

    public init(enabled: Bool? = nil, severity: Severity? = nil, options: [String: String] = [:]) {
        self.enabled = enabled; self.severity = severity; self.options = options
    }

    public func applied(to base: RuleSettings) -> RuleSettings {
        var r = base
        if let enabled { r.enabled = enabled }
        if let severity { r.severity = severity }
        r.options.merge(options) { _, new in new }
        return r
    }
}

/// Rule settings for the files matching `files` (globs, relative to `baseDirectory`).
public struct ConfigOverride: Sendable, Hashable {
    public var files: [String]
    /// The directory of the config that wrote the override; nil for the command line.
    public var baseDirectory: String?
    public var rules: [String: RulePatch]

    public init(files: [String], baseDirectory: String?, rules: [String: RulePatch]) {
        self.files = files; self.baseDirectory = baseDirectory; self.rules = rules
    }

    public func applies(to path: String) -> Bool { Glob.matchesAny(files, path, relativeTo: baseDirectory) }
}
