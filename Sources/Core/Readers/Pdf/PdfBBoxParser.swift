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
        try data.withUnsafeBytes { raw -> [PdfPage] in
            guard let base = raw.bindMemory(to: UInt8.self).baseAddress else { return [] }
            var scanner = Scanner(bytes: base, count: raw.count)
            return try scanner.pages(limits)
        }
    }

    private struct Scanner {
        let bytes: UnsafePointer<UInt8>
        let count: Int
        var i = 0

        init(bytes: UnsafePointer<UInt8>, count: Int) { self.bytes = bytes; self.count = count }

        mutating func pages(_ limits: PdfLimits) throws -> [PdfPage] {
            var pages: [PdfPage] = []
            var total = 0
            while let tag = nextTag() {
                if tag == .page {
                    let attrs = attributes()
                    pages.append(PdfPage(number: pages.count + 1, width: attrs["width"] ?? 0, height: attrs["height"] ?? 0, words: []))
                } else if tag == .word, !pages.isEmpty {
                    let attrs = attributes()
                    let text = wordText()
                    guard !text.isEmpty else { continue }
                    total += 1
                    if pages[pages.count - 1].words.count >= limits.wordsPerPage { throw Failure.tooManyWordsOnPage(pages.count) }
                    if total > limits.wordsTotal { throw Failure.tooManyWords }
                    pages[pages.count - 1].words.append(PdfWord(text, xMin: attrs["xMin"] ?? 0, yMin: attrs["yMin"] ?? 0,
                                                                xMax: attrs["xMax"] ?? 0, yMax: attrs["yMax"] ?? 0))
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

        /// `name="number"` pairs up to the tag's `>`.
        mutating func attributes() -> [String: Double] {
            var result: [String: Double] = [:]
            while i < count && bytes[i] != UInt8(ascii: ">") {
                while i < count && (bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09) { i += 1 }
                let nameStart = i
                while i < count && bytes[i] != UInt8(ascii: "=") && bytes[i] != UInt8(ascii: ">") && bytes[i] != 0x20 { i += 1 }
                let name = String(decoding: UnsafeBufferPointer(start: bytes + nameStart, count: i - nameStart), as: UTF8.self)
                guard i < count, bytes[i] == UInt8(ascii: "=") else { continue }
                i += 1
                guard i < count, bytes[i] == UInt8(ascii: "\"") else { continue }
                i += 1
                let valueStart = i
                while i < count && bytes[i] != UInt8(ascii: "\"") { i += 1 }
                result[name] = number(valueStart, i)
                if i < count { i += 1 }
            }
            if i < count { i += 1 }
            return result
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
