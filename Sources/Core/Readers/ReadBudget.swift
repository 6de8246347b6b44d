import Foundation

/// What one file may still cost its reader: XML elements, table cells (after padding rows to
/// the sheet's width and expanding merged cells) and characters of text (after expanding shared
/// strings and merges). One budget covers the whole file, every sheet and part together, so a
/// file cannot multiply a per-part ceiling by repeating parts. Readers charge it where the work
/// is done; the first charge over budget gives the message of the file's `parse-error`.
public final class ReadBudget {
    public let limits: ResourceLimits
    private var nodes = 0
    private var cells = 0
    private var characters = 0

    public init(_ limits: ResourceLimits) { self.limits = limits }

    /// One more XML element; the message when that is over budget.
    @inline(__always)
    func spendNode() -> String? {
        nodes += 1
        return nodes > limits.xmlNodes ? Self.message("XML 元素超过 \(limits.xmlNodes) 个", key: "xmlNodes") : nil
    }

    /// `n` more table cells (blank padding and merged copies included); the message when over budget.
    func spendCells(_ n: Int) -> String? {
        let (sum, overflow) = cells.addingReportingOverflow(max(0, n))
        cells = overflow ? .max : sum
        return cells > limits.cells ? Self.message("表格单元格（含补齐的空白单元格和展开的合并单元格）超过 \(limits.cells) 个", key: "cells") : nil
    }

    /// `n` more characters of cell or paragraph text (UTF-8 bytes); the message when over budget.
    func spendCharacters(_ n: Int) -> String? {
        let (sum, overflow) = characters.addingReportingOverflow(max(0, n))
        characters = overflow ? .max : sum
        return characters > limits.characters
            ? Self.message("文字（含展开的共享字符串和合并单元格）超过 \(limits.characters) 字节", key: "characters") : nil
    }

    /// Whether `n` more cells would still fit, without spending them.
    func fits(cells n: Int) -> Bool { n <= limits.cells - cells }

    static func message(_ what: String, key: String) -> String {
        "超出单个文件的读取预算：\(what)，已停止读取（可在 .lintrc 的 limits.\(key) 调整）"
    }
}
