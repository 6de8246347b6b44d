/// The language of the tool's own messages: 简体中文 by default, English with `--lang en`.
/// Findings keep the language of the checks (简体中文), since they quote the report; config
/// errors and the tool's own messages follow this setting.
public enum L10n {
    /// Set once from the command line, before any output is produced.
    nonisolated(unsafe) public static var english = false

    /// The message in the run's language.
    public static func text(_ zh: String, _ en: String) -> String { english ? en : zh }

    /// The severity word of text output: 错误/警告/提示, or error/warning/note.
    public static func severity(_ s: Severity) -> String {
        switch s {
        case .error: return text("错误", "error")
        case .warning: return text("警告", "warning")
        case .note: return text("提示", "note")
        }
    }
}
