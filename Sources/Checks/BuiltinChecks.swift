import Core

/// The checks auditlint ships. Registering a check is one line here.
public enum BuiltinChecks {
    public static let all: [any Check] = [
        SumMismatchCheck(),
        ExecutionRateCheck(),
        ScoreExceedsWeightCheck(),
        MissingDeviationNoteCheck(),
        TemplatedIndicatorCheck(),
        NarrativeMismatchCheck(),
        CrossTableMismatchCheck(),
        UnmetTargetFullScoreCheck(),
        UnitMismatchCheck(),
        LowExecutionUnexplainedCheck(),
        UnrecognizedDocumentCheck(),
    ]

    /// A registry with every built-in check.
    public static var registry: CheckRegistry { CheckRegistry(all) }
}
