/// How a line of a page reads: part of a table, a caption beside a table, a
/// table-of-contents entry, or ordinary text. The words that make a caption
/// are data, not code.
enum PdfLineKind {
    /// Caption starts: the unit and compiler lines printed above a table.
    static let captionPrefixes = ["编制部门：", "编制部门:", "编制单位：", "编制单位:", "单位：", "单位:", "金额单位：", "金额单位:",
                                  "预算单位：", "预算单位:", "填报单位：", "填报单位:", "部门名称：", "部门名称:", "单位名称：", "单位名称:"]

    /// Labels that start a row of a form printed above a table's header ("项目名称  信访干部培训专项",
    /// "主管部门  … 实施单位  …", "预期目标  实际完成情况"): a label and its text, never header cells.
    static let formRowLabels = ["项目名称", "主管部门", "实施单位", "预算单位", "项目单位", "单位名称", "部门名称",
                                "项目负责人", "联系人", "联系电话", "项目属性", "项目类型", "项目期", "预期目标",
                                "年度总体目标", "年度绩效目标", "总体目标", "绩效目标"]

    /// Marks of running sentences: a header cell names a column and never holds them.
    static let sentenceMarks: Set<Character> = ["。", "；", "！", "？", "，"]
    /// A text of at least this many characters outside brackets is a sentence, whatever its marks.
    static let sentenceLength = 24
    /// A cell with a comma holds a sentence once it has this many characters outside brackets
    /// (a short "（单位：万元，保留两位）" note sits in brackets).
    static let commaSentenceLength = 6

    /// A line that cannot be part of a table's header: running text (a sentence of a 年度总体目标
    /// block) or a label:text row of a form. A table's header stops above it.
    static func endsHeader(_ line: PdfTextLine) -> Bool {
        isFormRow(line) || line.words.contains { isSentence($0.text) }
    }

    /// A label and its text ("项目名称  信访干部培训专项"): led by a form label, with no column name
    /// after it (a header "项目名称  金额  功能科目名称" names its columns) and a value right after the label.
    static func isFormRow(_ line: PdfTextLine) -> Bool {
        guard let first = line.words.first, line.words.count >= 2,
              formRowLabels.contains(where: { TextNormalizer.compact(first.text).hasPrefix($0) }) else { return false }
        let rest = line.words.dropFirst()
        // A form row is a label and its text, or label–text pairs ("主管部门 … 实施单位 …"); a line of
        // more cells and no second label is a header whose first column is named like a label
        // ("预算单位 | 收入总计 | 一般公共预算 | …").
        let pairs = rest.contains { w in formRowLabels.contains { TextNormalizer.compact(w.text).hasPrefix($0) } }
        guard rest.count <= 3 || pairs, let value = rest.first.map({ TextNormalizer.compact($0.text) }) else { return false }
        return !rest.contains { PdfTableBuilder.isHeaderWord(HeaderKey.normalize($0.text)) }
            && (value.count >= formRowValueLength || value.contains(where: \.isNumber))
    }

    /// The value after a form row's label is a name this long ("信访干部培训专项") or a code ("[292]");
    /// a header's short column names after a label-like one ("预算单位  年度", "项目名称  金额") are not.
    static let formRowValueLength = 4

    /// Text with sentence marks, or long enough to be a sentence, outside any brackets.
    static func isSentence(_ text: String) -> Bool {
        var depth = 0
        var outside = ""
        for c in text {
            if "（(［[".contains(c) { depth += 1; continue }
            if "）)］]".contains(c) { depth = max(depth - 1, 0); continue }
            if depth == 0 { outside.append(c) }
        }
        if outside.count >= sentenceLength { return true }
        if outside.contains(where: { $0 != "，" && sentenceMarks.contains($0) }) { return true }
        return outside.contains("，") && outside.count >= commaSentenceLength
    }

    /// Several words set apart by at least a character's height: cells side by side.
    static func isTabular(_ line: PdfTextLine) -> Bool {
        guard line.words.count >= 2, !isCaption(line), !isContentsEntry(line) else { return false }
        let h = line.height
        return line.gaps.contains { $0 >= max(0.9 * h, 3) }
    }

    static func isCaption(_ line: PdfTextLine) -> Bool {
        line.words.contains { w in
            // A word can only start with a prefix whose first character it starts with: one set
            // lookup rules out almost every word before the prefixes are compared.
            guard let first = w.text.first, captionFirstCharacters.contains(first) else { return false }
            return captionPrefixes.contains { w.text.hasPrefix($0) }
        }
    }

    private static let captionFirstCharacters = Set(captionPrefixes.compactMap(\.first))

    /// A line with dot leaders ("一、部门主要职能 ……… 3").
    static func isContentsEntry(_ line: PdfTextLine) -> Bool {
        line.words.contains { w in
            // The first character rules out almost every word before the characters are counted.
            guard let first = w.text.first, leaders.contains(first) else { return false }
            return w.text.count >= 3 && w.text.allSatisfy { leaders.contains($0) }
        }
    }

    /// The characters dot leaders are printed with.
    private static let leaders = "…·.．。-_⋯"

    /// A table's own title ("2025年部门收支预算总表", "…表（续）"), which never belongs to the table.
    static func looksLikeTitle(_ line: PdfTextLine) -> Bool {
        var t = TextNormalizer.compact(line.text)
        for suffix in ["（续）", "(续)", "续表", "(续表)", "（续表）"] where t.hasSuffix(suffix) { t.removeLast(suffix.count) }
        return t.count >= 4 && t.hasSuffix("表")
    }
}
