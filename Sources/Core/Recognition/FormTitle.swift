/// Recognises form titles ("2024年度项目支出绩效自评表") and what kind of form they start.
enum FormTitle {
    /// The title terms and the kind of form each starts, most specific first.
    static let kinds: [(Term, FormKind)] = [(.baseDataForm, .baseData), (.projectForm, .project), (.overallForm, .overall), (.targetsForm, .targets)]

    static func match(_ raw: String, vocabulary: Vocabulary = .standard) -> (FormKind, String)? {
        guard raw.utf8.count <= 400 else { return nil }
        let t = TextNormalizer.compact(raw).removingAll("**")
        guard t.dropFirst(40).isEmpty, withoutTrailingBracket(t).hasSuffix("表") || t.hasSuffix("报告") else { return nil }
        // References to attachments in running text are not titles; a table number before a
        // colon ("表5：2026年…预算表") is part of one.
        let numbered = tableNumberPrefix(t)
        if t.hasPrefix("附件：") || t.hasPrefix("附件:") || t.dropFirst(numbered).containsText("：") && !t.hasPrefix("附") { return nil }
        // An indicator written as free text ("1.1-产出指标，11-数量指标，综合分析报告") is no title.
        if IndicatorTextGrammar(vocabulary: vocabulary).startsItem(t) { return nil }
        // Titles are matched without their year and list numbering, but kept as printed.
        let key = HeaderKey.normalize(compacted: t)
        if let kind = kinds.first(where: { vocabulary.matches($0.0, key: key) })?.1 { return (kind, t) }
        if t.hasSuffix("报告") { return (.other, t) }
        if vocabulary.matches(.budgetTable, key: key) { return (.budget, t) }
        return nil
    }

    /// The length of a leading table number up to its colon or stop: "表5：", "附表3、", "公开06表：",
    /// "预算表6." (0 when there is none). A number is short, holds a digit and the word 表.
    static func tableNumberPrefix(_ t: String) -> Int {
        let u = Array(t.unicodeScalars)
        guard let stop = u.prefix(10).firstIndex(where: { "：:.．、".unicodeScalars.contains($0) }), stop > 0 else { return 0 }
        let head = u[..<stop]
        guard head.contains("表"), head.contains(where: { TextPatterns.isASCIIDigit($0) || TextPatterns.isChineseNumeral($0) }) else { return 0 }
        return String(String.UnicodeScalarView(u[...stop])).count
    }

    /// "…预算表（经济科目）", "…表(续)", "…支出明细表（按支出功能分类科目）": the title without a
    /// last bracketed qualifier (up to 14 characters with its brackets, enough for the
    /// classification a 明细表 is ordered by).
    static func withoutTrailingBracket(_ t: String) -> Substring {
        guard let last = t.last, last == "）" || last == ")",
              let open = t.lastIndex(where: { $0 == "（" || $0 == "(" }), t.distance(from: open, to: t.endIndex) <= 14 else { return Substring(t) }
        return t[..<open]
    }
}
