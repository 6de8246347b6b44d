/// The one sentence splitter of the recogniser: a sentence ends after 。！？；!?; or a line break,
/// or at the end of the text. Every reader of the narrative (claims, the reasons given for a low
/// 执行率, the 元/万元 test) sees the same sentences.
public enum SentenceSplitter {
    /// The scalars that end a sentence.
    static let terminators: Set<Unicode.Scalar> = Set("。！？；!?;\n".unicodeScalars)

    /// A sentence as a slice of the text it was split from, with its Character offsets.
    public struct Span: Equatable, Sendable {
        /// Offset of the first Character.
        public var start: Int
        /// Offset after the last Character (the terminator included).
        public var end: Int
        public var text: Substring
    }

    /// The sentences of `text`, each with its final terminator; an empty text has none.
    ///
    /// Plain text (one scalar per Character, one UTF-16 unit per scalar, no CR) is split by
    /// scalars, which count as Characters there; the Character walk was most of the cost of
    /// reading a narrative. Other text takes the Character walk.
    public static func split(_ text: String) -> [Span] {
        split(text, plain: isPlain(text))
    }

    /// `split(text)` when whether the text is plain is known.
    static func split(_ text: String, plain: Bool) -> [Span] {
        var out: [Span] = []
        var start = 0, startIndex = text.startIndex
        func cut(_ i: Int, after index: String.Index) {
            out.append(Span(start: start, end: i + 1, text: text[startIndex..<index]))
            start = i + 1
            startIndex = index
        }
        if plain {
            let view = text.unicodeScalars
            var i = 0, index = view.startIndex
            while index < view.endIndex {
                let next = view.index(after: index)
                if terminators.contains(view[index]) || next == view.endIndex { cut(i, after: next) }
                index = next
                i += 1
            }
            return out
        }
        var i = 0, index = text.startIndex
        while index < text.endIndex {
            let next = text.index(after: index)
            if isTerminator(text[index]) || next == text.endIndex { cut(i, after: next) }
            index = next
            i += 1
        }
        return out
    }

    /// True when the text's Characters are its scalars and its UTF-16 units.
    static func isPlain(_ text: String) -> Bool {
        TextNormalizer.isPlainText(text) && !text.utf8.contains(0x0D)
    }

    private static func isTerminator(_ ch: Character) -> Bool {
        ch.unicodeScalars.count == 1 && terminators.contains(ch.unicodeScalars.first!)
    }

    /// The sentence without its final terminator.
    public static func trimmingTerminator(_ sentence: String) -> String {
        guard let last = sentence.unicodeScalars.last, terminators.contains(last) else { return sentence }
        return String(String.UnicodeScalarView(sentence.unicodeScalars.dropLast()))
    }
}
