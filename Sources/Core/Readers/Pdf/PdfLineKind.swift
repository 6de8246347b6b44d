/// How a line of a page reads: part of a table, a caption beside a table, a
/// table-of-contents entry, or ordinary text. The words that make a caption
/// are data, not code.
enum PdfLineKind {
    /// Caption starts: the unit and compiler lines printed above a table.
    static let captionPrefixes = ["编制部门：", "编制部门:", "编制单位：", "编制单位:", "单位：", "单位:", "金额单位：", "金额单位:",
                                  "预算单位：", "预算单位:", "填报单位：", "填报单位:", "部门名称：", "部门名称:", "单位名称：", "单位名称:"]

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
