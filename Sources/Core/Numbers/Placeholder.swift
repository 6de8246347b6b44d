/// Template placeholders: what a form holds where nobody filled in a value.
public enum Placeholder {
    /// Texts that mean "nothing here" in the published templates.
    public static let tokens: Set<String> = ["/", "\\", "无", "——", "—", "-", "－", "–", "─", "——。", "无。", "//", "\\\\", "/ /", "空", "N/A", "n/a", "#"]

    /// True when the text is empty or only a template placeholder.
    public static func isPlaceholder(_ text: String) -> Bool {
        let t = TextNormalizer.compact(text)
        return t.isEmpty || tokens.contains(t)
    }

    /// True when the text is empty after normalisation.
    public static func isEmpty(_ text: String) -> Bool { TextNormalizer.compact(text).isEmpty }

    /// True when the text is a placeholder mark (not merely empty).
    public static func isMark(_ text: String) -> Bool {
        let t = TextNormalizer.compact(text)
        return !t.isEmpty && tokens.contains(t)
    }
}
