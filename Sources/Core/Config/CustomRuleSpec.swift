import Foundation

/// A rule written in `.lintrc` (`customRules`): a sum identity, a pattern over
/// indicator fields, or something a form must contain. The Checks module turns
/// each spec into a `Check`.
public struct CustomRuleSpec: Sendable, Hashable {
    /// What the rule checks.
    public enum Kind: Sendable, Hashable {
        /// An identity over labelled amounts, per amount column whose name contains one of `columns` (all when empty).
        case sum(SumIdentity, columns: [String])
        /// A regular expression that the chosen fields must (`require`) or must not (`forbid`) match.
        case pattern(fields: [IndicatorField], regex: String, mode: PatternMode)
        /// Something each chosen form must have.
        case require(Requirement)
    }

    /// Kebab-case id, distinct from the built-in rules.
    public var id: String
    public var kind: Kind
    /// One line shown by `auditlint rules`.
    public var title: String
    /// Message template with `{placeholders}`; nil uses the kind's default message.
    public var message: String?
    public var severity: Severity
    /// Globs of the files the rule applies to (all when empty), relative to `baseDirectory`.
    public var paths: [String]
    /// Form kinds the rule looks at (all when empty).
    public var forms: [FormKind]
    /// The directory of the config that defined the rule.
    public var baseDirectory: String?

    public init(id: String, kind: Kind, title: String, message: String? = nil, severity: Severity = .warning,
                paths: [String] = [], forms: [FormKind] = [], baseDirectory: String? = nil) {
        self.id = id; self.kind = kind; self.title = title; self.message = message; self.severity = severity
        self.paths = paths; self.forms = forms; self.baseDirectory = baseDirectory
    }

    /// The `type` word of the kind in `.lintrc`.
    public var typeName: String {
        switch kind {
        case .sum: return "sum"
        case .pattern: return "pattern"
        case .require: return "require"
        }
    }

    /// True when the rule applies to the file at `path`.
    public func applies(to path: String) -> Bool {
        paths.isEmpty || Glob.matchesAny(paths, path, relativeTo: baseDirectory)
    }

    /// True when the rule looks at forms of this kind.
    public func covers(_ form: FormKind) -> Bool { forms.isEmpty || forms.contains(form) }

    /// The placeholders a message template of this kind may use.
    public static func placeholders(for type: String) -> Set<String> {
        switch type {
        case "sum": return ["rule", "form", "table", "column", "expression", "label", "expected", "actual"]
        case "pattern": return ["rule", "form", "field", "value", "indicator", "pattern"]
        default: return ["rule", "form", "what"]
        }
    }

    /// Fills `{name}` placeholders of a template.
    public static func render(_ template: String, _ values: [String: String]) -> String {
        var out = template
        for (k, v) in values { out = out.replacingOccurrences(of: "{\(k)}", with: v) }
        return out
    }
}

/// An indicator field a `pattern` rule reads.
public enum IndicatorField: String, Sendable, Hashable, CaseIterable {
    /// 一级指标 (the group heading's name).
    case group
    /// 二级指标.
    case level2
    /// 三级指标: the indicator's name.
    case indicator
    /// 年度指标值.
    case target
    /// 实际完成值.
    case actual
    /// 偏差原因分析及改进措施.
    case note

    /// The field's name as the forms print it.
    public var title: String {
        switch self {
        case .group: return "一级指标"
        case .level2: return "二级指标"
        case .indicator: return "三级指标"
        case .target: return "年度指标值"
        case .actual: return "实际完成值"
        case .note: return "偏差原因分析及改进措施"
        }
    }
}

/// Whether a `pattern` rule's regex must match or must not.
public enum PatternMode: String, Sendable, Hashable {
    /// Report a field that matches.
    case forbid
    /// Report a field that does not match (an empty field does not match).
    case require
}

/// What a `require` rule asks of each form it covers.
public struct Requirement: Sendable, Hashable {
    /// The report must contain at least one covered form.
    public var form: Bool
    /// An indicator row whose 二级 or 三级指标 matches this regex must exist.
    public var indicator: String?
    /// …and its 年度指标值 must hold a number.
    public var numericTarget: Bool
    /// A column (a header cell containing this text) must exist in the form.
    public var column: String?

    public init(form: Bool = false, indicator: String? = nil, numericTarget: Bool = false, column: String? = nil) {
        self.form = form; self.indicator = indicator; self.numericTarget = numericTarget; self.column = column
    }
}
