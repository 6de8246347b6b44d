/// A tolerant HTML tokenizer over the UTF-8 bytes of a decoded page, after the HTML
/// standard's tokenizer where it matters for text and tables: real pages are not XML, so
/// attributes may be unquoted, tags unclosed and markup broken.
///
/// - Comments, doctypes, `<?…>` and `<!…>` produce nothing; an unterminated comment runs to
///   the end of the file, as in a browser.
/// - `<![CDATA[…]]>` is text, as XHTML defines it.
/// - The content of `script`, `style`, `title`, `textarea`, `xmp`, `iframe`, `noembed` and
///   `noframes` is skipped up to its end tag (or the end of the file).
/// - A `<` that starts no tag is text; a tag cut off by the end of the file is dropped.
///
/// Every byte is looked at a bounded number of times, so time is linear in the input.
struct HtmlTokenizer {
    private let bytes: [UInt8]
    private var i = 0
    private var tracker: HtmlPositionTracker
    /// Set after a start tag whose content is skipped: the end-tag name to look for.
    private var skipUntilEndOf: [UInt8]?
    /// A token found together with the text before it, handed out next.
    private var pending: HtmlToken?
    /// Where a comment starts that the end of the file cut off (it hides the rest of the page).
    private(set) var unterminatedComment: HtmlPosition?

    /// Elements whose content is not markup and not shown as text.
    static let skippedContent: Set<String> = ["script", "style", "title", "textarea", "xmp", "iframe", "noembed", "noframes"]

    /// Attributes kept per tag; a tag with more is hostile or broken, and the rest are read past.
    static let maxAttributes = 64

    init(bytes: [UInt8]) {
        self.bytes = bytes
        self.tracker = HtmlPositionTracker(bytes: bytes)
    }

    /// What `markup()` found at a "<". Positions are resolved afterwards, because the text
    /// before the tag must ask the position tracker first (it only moves forwards).
    private enum Markup {
        /// A start or end tag, completed with its position.
        case tag((HtmlPosition) -> HtmlToken)
        /// A comment, doctype, processing instruction or a tag cut off by the end of the file.
        case silent
        /// A CDATA section: the range of its content.
        case cdata(Range<Int>)
        /// The "<" starts nothing and is text.
        case text
    }

    /// The next token, or nil at the end of the input.
    mutating func next() -> HtmlToken? {
        if let p = pending { pending = nil; return p }
        if let name = skipUntilEndOf {
            skipUntilEndOf = nil
            skipRawText(name)
        }
        var textStart = i
        while true {
            guard let lt = firstIndex(of: UInt8(ascii: "<"), from: i) else {
                i = bytes.count
                if let text = textToken(textStart, bytes.count) { return text }
                if let offset = unterminatedCommentOffset, unterminatedComment == nil {
                    unterminatedComment = tracker.position(at: offset)
                }
                return nil
            }
            i = lt
            switch markup() {
            case .text:
                i = lt + 1
            case .silent:
                // A comment ends the text before it, as it splits text nodes in a browser's DOM.
                if let text = textToken(textStart, lt) { return text }
                textStart = i
            case .cdata(let range):
                let text = textToken(textStart, lt)
                let cdata = HtmlToken.text(String(decoding: bytes[range], as: UTF8.self), at: tracker.position(at: range.lowerBound))
                guard let text else { return cdata }
                pending = cdata
                return text
            case .tag(let make):
                let text = textToken(textStart, lt)
                let tag = make(tracker.position(at: lt))
                guard let text else { return tag }
                pending = tag
                return text
            }
        }
    }

    /// Reads the construct at `i` (a "<") and moves `i` past it, unless it is text.
    private mutating func markup() -> Markup {
        let next = byte(at: i + 1)
        if next == UInt8(ascii: "!") {
            if starts(with: "<!--", at: i) {
                // "<!-->" and "<!--->" are complete (empty) comments.
                let bodyStart = i + 4
                if byte(at: bodyStart) == UInt8(ascii: ">") { i = bodyStart + 1 }
                else if starts(with: "->", at: bodyStart) { i = bodyStart + 2 }
                else if let end = find("-->", from: bodyStart) { i = end + 3 }
                else { unterminated(at: i) }
            } else if starts(with: "<![CDATA[", at: i) {
                let contentStart = i + 9
                let end = find("]]>", from: contentStart)
                i = end.map { $0 + 3 } ?? bytes.count
                return .cdata(contentStart..<(end ?? bytes.count))
            } else {
                i = (firstIndex(of: UInt8(ascii: ">"), from: i + 2).map { $0 + 1 }) ?? bytes.count
            }
            return .silent
        }
        if next == UInt8(ascii: "?") {
            i = (firstIndex(of: UInt8(ascii: ">"), from: i + 2).map { $0 + 1 }) ?? bytes.count
            return .silent
        }
        if next == UInt8(ascii: "/") {
            guard let c = byte(at: i + 2) else { return .text }
            guard isLetter(c) else {
                // "</>" is dropped; "</ 3" and the like are bogus comments up to ">".
                i = (firstIndex(of: UInt8(ascii: ">"), from: i + 2).map { $0 + 1 }) ?? bytes.count
                return .silent
            }
            let nameStart = i + 2
            var j = nameStart
            while j < bytes.count, !isNameEnd(bytes[j]) { j += 1 }
            let name = lowercasedName(nameStart, j)
            // End tags carry no attributes; whatever is there is skipped, quotes included.
            guard let end = tagEnd(from: j) else { i = bytes.count; return .silent }
            i = end
            return .tag { .endTag(name: name, at: $0) }
        }
        guard let c = next, isLetter(c) else { return .text }
        let nameStart = i + 1
        var j = nameStart
        while j < bytes.count, !isNameEnd(bytes[j]) { j += 1 }
        let name = lowercasedName(nameStart, j)
        var attributes: [HtmlAttribute] = []
        var selfClosing = false
        // Attributes: name, optional "=" and a value double-, single- or un-quoted.
        while true {
            while j < bytes.count, isSpace(bytes[j]) || bytes[j] == UInt8(ascii: "/") {
                selfClosing = bytes[j] == UInt8(ascii: "/")
                j += 1
            }
            // Cut off inside the tag: the standard drops the tag.
            guard j < bytes.count else { i = bytes.count; return .silent }
            if bytes[j] == UInt8(ascii: ">") { j += 1; break }
            selfClosing = false
            let attrNameStart = j
            j += 1  // the first character belongs to the name even when it is "=" or a quote
            while j < bytes.count, !isSpace(bytes[j]), bytes[j] != UInt8(ascii: "/"), bytes[j] != UInt8(ascii: ">"),
                  bytes[j] != UInt8(ascii: "=") { j += 1 }
            let attrNameEnd = j
            while j < bytes.count, isSpace(bytes[j]) { j += 1 }
            var value: ArraySlice<UInt8> = []
            if j < bytes.count, bytes[j] == UInt8(ascii: "=") {
                j += 1
                while j < bytes.count, isSpace(bytes[j]) { j += 1 }
                if j < bytes.count, bytes[j] == UInt8(ascii: "\"") || bytes[j] == UInt8(ascii: "'") {
                    let quote = bytes[j]
                    guard let close = firstIndex(of: quote, from: j + 1) else { i = bytes.count; return .silent }
                    value = bytes[(j + 1)..<close]
                    j = close + 1
                } else {
                    let valueStart = j
                    while j < bytes.count, !isSpace(bytes[j]), bytes[j] != UInt8(ascii: ">") { j += 1 }
                    value = bytes[valueStart..<j]
                }
            }
            if attributes.count < Self.maxAttributes {
                attributes.append(HtmlAttribute(name: lowercasedName(attrNameStart, attrNameEnd), value: HtmlEntities.decode(value)))
            }
        }
        i = j
        if Self.skippedContent.contains(name) && !selfClosing { skipUntilEndOf = Array(name.utf8) }
        return .tag { [attributes, selfClosing] in .startTag(name: name, attributes: attributes, selfClosing: selfClosing, at: $0) }
    }

    private mutating func unterminated(at start: Int) {
        // The position is resolved after the text before the comment has asked for its own.
        unterminatedCommentOffset = start
        i = bytes.count
    }

    /// Set by `unterminated(at:)`; resolved into `unterminatedComment` at the end of the input,
    /// since the position tracker only moves forwards.
    private var unterminatedCommentOffset: Int?

    /// Moves past the content of a skipped element and its end tag; to the end of the file when
    /// the end tag is missing.
    private mutating func skipRawText(_ name: [UInt8]) {
        var j = i
        while let lt = firstIndex(of: UInt8(ascii: "<"), from: j) {
            if byte(at: lt + 1) == UInt8(ascii: "/"), matchesName(name, at: lt + 2) {
                let after = lt + 2 + name.count
                if let b = byte(at: after), !isNameEnd(b) { j = lt + 1; continue }
                i = tagEnd(from: after) ?? bytes.count
                return
            }
            j = lt + 1
        }
        i = bytes.count
    }

    private mutating func textToken(_ start: Int, _ end: Int) -> HtmlToken? {
        guard start < end else { return nil }
        var first = start
        while first < end, isSpace(bytes[first]) { first += 1 }
        let position = tracker.position(at: first < end ? first : start)
        return .text(HtmlEntities.decode(bytes[start..<end]), at: position)
    }

    /// The offset after the ">" that ends a tag begun before `from`, skipping quoted values.
    private func tagEnd(from: Int) -> Int? {
        var j = from
        while j < bytes.count {
            let b = bytes[j]
            if b == UInt8(ascii: ">") { return j + 1 }
            if (b == UInt8(ascii: "\"") || b == UInt8(ascii: "'")) && j > from && bytes[j - 1] == UInt8(ascii: "=") {
                guard let close = firstIndex(of: b, from: j + 1) else { return nil }
                j = close + 1
                continue
            }
            j += 1
        }
        return nil
    }

    private func firstIndex(of b: UInt8, from: Int) -> Int? {
        var j = from
        while j < bytes.count {
            if bytes[j] == b { return j }
            j += 1
        }
        return nil
    }

    private func find(_ s: StaticString, from: Int) -> Int? {
        let first = s.utf8Start.pointee
        var j = from
        while let k = firstIndex(of: first, from: j) {
            if starts(with: s, at: k) { return k }
            j = k + 1
        }
        return nil
    }

    private func starts(with s: StaticString, at offset: Int) -> Bool {
        let n = s.utf8CodeUnitCount
        guard offset + n <= bytes.count else { return false }
        for k in 0..<n where bytes[offset + k] != s.utf8Start[k] { return false }
        return true
    }

    private func matchesName(_ name: [UInt8], at offset: Int) -> Bool {
        guard offset + name.count <= bytes.count else { return false }
        for k in 0..<name.count where bytes[offset + k] | 0x20 != name[k] { return false }
        return true
    }

    private func byte(at offset: Int) -> UInt8? { offset < bytes.count ? bytes[offset] : nil }

    private func lowercasedName(_ start: Int, _ end: Int) -> String {
        // Tag and attribute names are ASCII-case-insensitive; only ASCII letters are folded.
        let folded = bytes[start..<end].map { (0x41...0x5A).contains($0) ? $0 | 0x20 : $0 }
        return String(decoding: folded, as: UTF8.self)
    }

    private func isLetter(_ b: UInt8) -> Bool { (0x41...0x5A).contains(b) || (0x61...0x7A).contains(b) }
    private func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0C || b == 0x0D }
    private func isNameEnd(_ b: UInt8) -> Bool { isSpace(b) || b == UInt8(ascii: "/") || b == UInt8(ascii: ">") }
}
