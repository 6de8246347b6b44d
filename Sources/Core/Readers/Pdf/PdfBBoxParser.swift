import Foundation

/// Reads the XHTML that `pdftotext -bbox-layout` prints with a byte scanner:
/// only `<page width height>` and `<word xMin yMin xMax yMax>text</word>` matter
/// (the flow/block/line grouping is rebuilt from coordinates instead), so no XML
/// parser is needed and a page of many words costs one pass over its bytes.
enum PdfBBoxParser {
    enum Failure: Error, Equatable {
        /// A page holds more words than `PdfLimits.wordsPerPage`.
        case tooManyWordsOnPage(Int)
        /// The document holds more words than `PdfLimits.wordsTotal`.
        case tooManyWords
    }

    static func parse(_ data: Data, limits: PdfLimits = PdfLimits()) throws -> [PdfPage] {
        var stream = Stream(limits: limits)
        var pages: [PdfPage] = []
        try stream.finish(data) { pages.append($0) }
        return pages
    }

    /// Parses the output while pdftotext is still printing it: each page is handed on once the
    /// next `<page` has arrived (a page runs from its tag to the next one, as in one pass over
    /// the whole output), so the caller can lay it out while pdftotext works on the next pages.
    struct Stream {
        let limits: PdfLimits
        /// Bytes of the output parsed so far (always at a `<page` tag after the first chunk).
        private var parsed = 0
        /// Bytes already searched for `<page` tags.
        private var searched = 0
        private var pageCount = 0
        private var words = 0
        /// The first limit passed: parsing stops there, and `finish` reports it.
        private var failure: Failure?

        init(limits: PdfLimits) { self.limits = limits }

        /// `output` is everything printed so far: parses the pages that are complete.
        mutating func feed(_ output: Data, _ each: (PdfPage) -> Void) {
            guard failure == nil else { return }
            // The last `<page` tag: every page before it is complete.
            let from = max(parsed, searched - 5)
            searched = output.count
            guard let cut = output.withUnsafeBytes({ raw -> Int? in
                guard let base = raw.bindMemory(to: UInt8.self).baseAddress else { return nil }
                return Self.lastPageTag(base, from: from, to: raw.count)
            }), cut > parsed else { return }
            do { try parse(output, upTo: cut, each) } catch let f as Failure { failure = f } catch {}
        }

        /// The whole output has arrived: parses the rest, or reports the limit passed.
        mutating func finish(_ output: Data, _ each: (PdfPage) -> Void) throws {
            if failure == nil {
                do { try parse(output, upTo: output.count, each) } catch let f as Failure { failure = f }
            }
            if let failure { throw failure }
        }

        private mutating func parse(_ output: Data, upTo end: Int, _ each: (PdfPage) -> Void) throws {
            let start = parsed
            parsed = end
            try output.withUnsafeBytes { raw in
                guard let base = raw.bindMemory(to: UInt8.self).baseAddress else { return }
                var scanner = Scanner(bytes: base + start, count: end - start)
                scanner.pageCount = pageCount
                scanner.total = words
                defer { pageCount = scanner.pageCount; words = scanner.total }
                for page in try scanner.pages(limits) { each(page) }
            }
        }

        /// Where the last `<page ` in `from..<to` starts.
        private static func lastPageTag(_ bytes: UnsafePointer<UInt8>, from: Int, to: Int) -> Int? {
            var found: Int?
            var k = from
            while k < to, let p = memchr(bytes + k, Int32(UInt8(ascii: "<")), to - k) {
                let lt = UnsafeRawPointer(p).assumingMemoryBound(to: UInt8.self) - bytes
                if to - lt >= 6 && memcmp(bytes + lt + 1, "page ", 5) == 0 { found = lt }
                k = lt + 1
            }
            return found
        }
    }

    private struct Scanner {
        let bytes: UnsafePointer<UInt8>
        let count: Int
        var i = 0
        /// Pages and words before these bytes (earlier chunks of the same output).
        var pageCount = 0
        var total = 0

        init(bytes: UnsafePointer<UInt8>, count: Int) { self.bytes = bytes; self.count = count }

        mutating func pages(_ limits: PdfLimits) throws -> [PdfPage] {
            var pages: [PdfPage] = []
            while let tag = nextTag() {
                if tag == .page {
                    let attrs = attributes()
                    pageCount += 1
                    pages.append(PdfPage(number: pageCount, width: attrs.width, height: attrs.height, words: []))
                } else if tag == .word, !pages.isEmpty {
                    let attrs = attributes()
                    let text = wordText()
                    guard !text.isEmpty else { continue }
                    total += 1
                    if pages[pages.count - 1].words.count >= limits.wordsPerPage { throw Failure.tooManyWordsOnPage(pageCount) }
                    if total > limits.wordsTotal { throw Failure.tooManyWords }
                    pages[pages.count - 1].words.append(PdfWord(text, xMin: attrs.xMin, yMin: attrs.yMin, xMax: attrs.xMax, yMax: attrs.yMax))
                }
            }
            return pages
        }

        enum Tag { case page, word }

        /// Moves past the next `<page ` or `<word ` opening, skipping every other tag.
        mutating func nextTag() -> Tag? {
            while i < count {
                guard let lt = find(UInt8(ascii: "<")) else { i = count; return nil }
                i = lt + 1
                if matches("page ") { i += 5; return .page }
                if matches("word ") { i += 5; return .word }
            }
            return nil
        }

        /// The numeric attributes a page or word tag may carry; 0 when absent.
        struct Attributes {
            var width = 0.0, height = 0.0, xMin = 0.0, yMin = 0.0, xMax = 0.0, yMax = 0.0
        }

        /// `name="number"` pairs up to the tag's `>`. Names are compared as bytes (no `String`
        /// per attribute: a page holds thousands of words of four attributes each); a name
        /// given twice keeps its last value, and unknown names are skipped.
        mutating func attributes() -> Attributes {
            var result = Attributes()
            while i < count && bytes[i] != UInt8(ascii: ">") {
                while i < count && (bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09) { i += 1 }
                let nameStart = i
                while i < count && bytes[i] != UInt8(ascii: "=") && bytes[i] != UInt8(ascii: ">") && bytes[i] != 0x20 { i += 1 }
                let nameEnd = i
                guard i < count, bytes[i] == UInt8(ascii: "=") else { continue }
                i += 1
                guard i < count, bytes[i] == UInt8(ascii: "\"") else { continue }
                i += 1
                let valueStart = i
                while i < count && bytes[i] != UInt8(ascii: "\"") { i += 1 }
                let value = number(valueStart, i)
                if named("xMin", nameStart, nameEnd) { result.xMin = value }
                else if named("yMin", nameStart, nameEnd) { result.yMin = value }
                else if named("xMax", nameStart, nameEnd) { result.xMax = value }
                else if named("yMax", nameStart, nameEnd) { result.yMax = value }
                else if named("width", nameStart, nameEnd) { result.width = value }
                else if named("height", nameStart, nameEnd) { result.height = value }
                if i < count { i += 1 }
            }
            if i < count { i += 1 }
            return result
        }

        /// True when the bytes `from..<to` are exactly `name`.
        func named(_ name: StaticString, _ from: Int, _ to: Int) -> Bool {
            let n = name.utf8CodeUnitCount
            return to - from == n && memcmp(bytes + from, name.utf8Start, n) == 0
        }

        /// The text up to `</word>`, entities decoded.
        mutating func wordText() -> String {
            let start = i
            let end = find(UInt8(ascii: "<")) ?? count
            i = end
            let buffer = UnsafeBufferPointer(start: bytes + start, count: end - start)
            if !buffer.contains(UInt8(ascii: "&")) { return String(decoding: buffer, as: UTF8.self) }
            return XmlEntities.decode(buffer)
        }

        func find(_ byte: UInt8) -> Int? {
            guard i < count else { return nil }
            guard let p = memchr(bytes + i, Int32(byte), count - i) else { return nil }
            return UnsafeRawPointer(p).assumingMemoryBound(to: UInt8.self) - bytes
        }

        func matches(_ s: StaticString) -> Bool {
            let n = s.utf8CodeUnitCount
            guard i + n <= count else { return false }
            return memcmp(bytes + i, s.utf8Start, n) == 0
        }

        /// A plain decimal ("842.000000", "-3.5"); pdftotext prints no exponents.
        func number(_ from: Int, _ to: Int) -> Double {
            var k = from
            var negative = false
            if k < to && bytes[k] == UInt8(ascii: "-") { negative = true; k += 1 }
            var whole: Double = 0
            while k < to, bytes[k] >= 0x30, bytes[k] <= 0x39 { whole = whole * 10 + Double(bytes[k] - 0x30); k += 1 }
            if k < to && bytes[k] == UInt8(ascii: ".") {
                k += 1
                var scale = 0.1
                while k < to, bytes[k] >= 0x30, bytes[k] <= 0x39 { whole += Double(bytes[k] - 0x30) * scale; scale /= 10; k += 1 }
            }
            return negative ? -whole : whole
        }
    }
}
