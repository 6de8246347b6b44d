import Foundation

/// Reads indicators written as free text in one cell, as Guangzhou's 绩效目标表 print them:
///
///     1、1-产出指标；11-数量指标；会议活动保障次数；实施周期指标值:每年≥20场；年度指标值:每年≥20场。
///     1.1－产出指标，11－数量指标，项目专职环保员数量；实施周期指标值：≦核定人数，年度指标值：≦核定人数；
///
/// The grammar, over the cell's text with its line breaks and spaces removed:
///
///     item      = [number ("、" | ".")] code "-" level1 sep code ["-"] level2 sep name sep {label ":" value sep}
///     level1    = a 一级指标 name of the vocabulary (产出指标, 效益指标, 满意度指标, 成本指标 …)
///     code      = digits;  "-" is any dash (- － — –);  sep = ； ; ， ,
///     label     = a short text before ":" or "："; the one the vocabulary names 年度指标值 is the target
///     value     = text up to "。", "；" or ";" (a "，" inside a value stays: "100%，或者达到95%以上")
///
/// Items are found by their `code "-" level1` start, so an item may run over any number of
/// lines and cells, and numbering or separators that differ between templates do not matter.
/// Words come from the vocabulary: a template with other 一级指标 or target names is read by
/// adding synonyms, not by changing this grammar.
public struct IndicatorTextGrammar: Sendable {
    /// One indicator read from the text.
    public struct Item: Equatable, Sendable {
        public var level1: String
        public var level2: String
        public var name: String
        /// The 年度指标值, nil when the item names none.
        public var target: String?
        /// Where the item starts in the text with its whitespace removed.
        public var start: Int = 0
    }

    let vocabulary: Vocabulary
    private let level1Names: [String]

    public init(vocabulary: Vocabulary = .standard) {
        self.vocabulary = vocabulary
        // The vocabulary's 一级指标 names as literals ("产出指标*" → 产出指标), longest first.
        let literals = (vocabulary.synonyms[.level1Name] ?? []).filter { !$0.hasPrefix("!") && !$0.hasPrefix("*") }
            .map { String($0.filter { $0 != "*" }) }.filter { !$0.isEmpty }
        level1Names = Array(Set(literals)).sorted { $0.count > $1.count }
    }

    static let dashes: Set<Character> = ["-", "－", "—", "–", "‐"]
    static let separators: Set<Character> = ["；", ";", "，", ","]
    static let valueEnds: Set<Character> = ["。", "；", ";"]

    /// The indicators of `text`, in order; empty when it holds none.
    public func items(in text: String) -> [Item] {
        let t = Array(text.filter { !$0.isWhitespace })
        // Where each item starts: digits, a dash, then a 一级指标 name.
        var starts: [(at: Int, nameStart: Int, name: String)] = []
        var i = 0
        while i < t.count {
            guard t[i].isASCII, t[i].isNumber else { i += 1; continue }
            var j = i
            while j < t.count, t[j].isASCII, t[j].isNumber { j += 1 }
            guard j < t.count, Self.dashes.contains(t[j]), let name = level1(at: j + 1, in: t) else { i = j; continue }
            starts.append((i, j + 1, name))
            i = j + 1 + name.count
        }
        var items: [Item] = []
        for (k, s) in starts.enumerated() {
            let end = k + 1 < starts.count ? starts[k + 1].at : t.count
            if var item = item(Array(t[(s.nameStart + s.name.count)..<end]), level1: s.name) {
                item.start = s.at
                items.append(item)
            }
        }
        return items
    }

    /// True when `text` holds the start of an item (a code, a dash and a 一级指标 name): the cell
    /// where a column of free-text indicators begins.
    public func startsItem(_ text: String) -> Bool {
        guard level1Names.contains(where: { text.contains($0) }) else { return false }
        return !items(in: text).isEmpty
    }

    /// The 一级指标 name starting at `at`, completed to the next separator ("满意度" → "满意度指标").
    private func level1(at: Int, in t: [Character]) -> String? {
        for name in level1Names {
            let chars = Array(name)
            guard at + chars.count <= t.count, Array(t[at..<(at + chars.count)]) == chars else { continue }
            var end = at + chars.count
            while end < t.count, !Self.separators.contains(t[end]), end - at < 12 { end += 1 }
            return String(t[at..<end])
        }
        return nil
    }

    /// One item after its 一级指标 name: sep, level 2, sep, name, then label:value pairs.
    private func item(_ rest: [Character], level1: String) -> Item? {
        var p = 0
        func skipSeparators() { while p < rest.count, Self.separators.contains(rest[p]) { p += 1 } }
        func field() -> String {
            let start = p
            while p < rest.count, !Self.separators.contains(rest[p]) { p += 1 }
            return String(rest[start..<p])
        }
        skipSeparators()
        // Level 2: its code ("11-", "12 -") dropped.
        var level2 = Substring(field())
        while let f = level2.first, f.isASCII, f.isNumber { level2 = level2.dropFirst() }
        while let f = level2.first, Self.dashes.contains(f) { level2 = level2.dropFirst() }
        skipSeparators()
        // The name runs up to the first label (a short text before a colon), or the next separator.
        let remainder = String(rest[p...])
        let labels = labelRanges(in: remainder)
        var name: String
        if let first = labels.first {
            name = String(remainder[..<first.label.lowerBound])
        } else {
            name = String(remainder.prefix { !Self.valueEnds.contains($0) })
        }
        while let l = name.last, Self.separators.contains(l) || Self.valueEnds.contains(l) { name.removeLast() }
        guard !name.isEmpty, !level2.isEmpty else { return nil }
        var target: String?
        for (label, value) in labels where vocabulary.matches(.target, key: HeaderKey.normalize(String(remainder[label]))) {
            target = String(remainder[value])
        }
        if var v = target {
            // The next item's numbering ("2、", "3.") when no mark ended the value.
            if let l = v.last, l == "、" || l == "." {
                v.removeLast()
                while let d = v.last, d.isASCII, d.isNumber { v.removeLast() }
            }
            while let l = v.last, Self.separators.contains(l) || Self.valueEnds.contains(l) { v.removeLast() }
            target = v
        }
        return Item(level1: level1, level2: String(level2), name: name, target: target)
    }

    /// Each "label:value" of the text: the label is the text after the last separator before the
    /// colon (at most 10 characters), the value runs to "。", "；", ";" or the next label.
    private func labelRanges(in s: String) -> [(label: Range<String.Index>, value: Range<String.Index>)] {
        var colons: [String.Index] = []
        var i = s.startIndex
        while i < s.endIndex { if s[i] == ":" || s[i] == "：" { colons.append(i) }; i = s.index(after: i) }
        var out: [(Range<String.Index>, Range<String.Index>)] = []
        var labelStarts: [String.Index] = []
        for c in colons {
            var start = c
            var n = 0
            while start > s.startIndex, n < 10 {
                let prev = s.index(before: start)
                if Self.separators.contains(s[prev]) || Self.valueEnds.contains(s[prev]) { break }
                start = prev; n += 1
            }
            labelStarts.append(start)
        }
        for (k, c) in colons.enumerated() {
            let valueStart = s.index(after: c)
            var end = valueStart
            let limit = k + 1 < colons.count ? labelStarts[k + 1] : s.endIndex
            while end < limit, !Self.valueEnds.contains(s[end]) { end = s.index(after: end) }
            if valueStart <= end { out.append((labelStarts[k]..<c, valueStart..<end)) }
        }
        return out
    }
}
