import Foundation

/// Decodes a saved web page as a browser picks its encoding: a byte-order mark first, then
/// the charset a `<meta>` declares near the top, then the content (UTF-8 when valid, else
/// GB18030), using the project's `TextDecoder` for the actual decoding.
enum HtmlCharset {
    /// How far into the file a `<meta>` charset is looked for (the HTML standard prescans 1024
    /// bytes; CMS templates often put scripts and styles first, so a little more is read).
    static let prescanLength = 4096

    /// Charset labels that mean GB18030 or one of its subsets.
    static let chineseLabels: Set<String> = ["gb2312", "gbk", "gb18030", "x-gbk", "cp936", "ms936", "windows-936", "euc-cn", "csgb2312", "chinese", "iso-ir-58"]
    static let big5Labels: Set<String> = ["big5", "big5-hkscs", "cn-big5", "x-x-big5", "csbig5"]

    /// The text and the name of the encoding it was decoded from.
    static func decode(_ data: Data, path: String) throws -> (text: String, encoding: String) {
        if data.starts(with: [0xEF, 0xBB, 0xBF]) || data.starts(with: [0xFF, 0xFE]) || data.starts(with: [0xFE, 0xFF]) {
            return try TextDecoder.decode(data, path: path)
        }
        let bytes = [UInt8](data)
        switch declaredCharset(in: bytes) {
        case let label? where chineseLabels.contains(label):
            if let text = decodeCut(bytes, as: "GB18030") { return (text, "GB18030") }
        case let label? where big5Labels.contains(label):
            if let text = decodeCut(bytes, as: "BIG5-HKSCS") { return (text, "Big5") }
        default:
            // Declared UTF-8, a Western charset (on Chinese pages nearly always wrong) or nothing:
            // decided by the content. A download cut inside the last character is still UTF-8.
            if let text = utf8AllowingCutEnd(bytes) { return (text, "UTF-8") }
        }
        return try TextDecoder.decode(data, path: path)
    }

    /// The text when the bytes are UTF-8, also when an incomplete character ends them (a
    /// truncated download, which `TextDecoder` would rightly call damaged in a text report).
    private static func utf8AllowingCutEnd(_ bytes: [UInt8]) -> String? {
        if let text = String(validatingUTF8Bytes: bytes[...]) { return text }
        for cut in 1...3 where cut < bytes.count {
            // Only a lead byte and its continuation bytes may be dropped.
            let tail = bytes.suffix(cut)
            guard tail.first.map({ $0 >= 0xC2 }) == true, tail.dropFirst().allSatisfy({ $0 & 0xC0 == 0x80 }) else { continue }
            if let text = String(validatingUTF8Bytes: bytes.dropLast(cut)) { return text }
        }
        return nil
    }

    /// Decodes with iconv, forgiving a multi-byte character cut off by a truncated download.
    private static func decodeCut(_ bytes: [UInt8], as encoding: String) -> String? {
        for cut in 0...3 where cut < bytes.count || cut == 0 {
            if let text = TextDecoder.iconv(Array(bytes.dropLast(cut)), from: encoding) { return text }
        }
        return nil
    }

    /// The lowercased charset a `<meta charset=…>` or `<meta http-equiv="Content-Type"
    /// content="…; charset=…">` declares in the first `prescanLength` bytes, skipping comments.
    /// An XHTML page's `<?xml version="1.0" encoding="gb2312"?>` counts as a declaration too.
    static func declaredCharset(in bytes: [UInt8]) -> String? {
        let head = bytes.prefix(prescanLength).map { (0x41...0x5A).contains($0) ? $0 | 0x20 : $0 }
        if head.starts(with: Array("<?xml".utf8)), let end = head.firstIndex(of: UInt8(ascii: ">")),
           let label = attributeValue(Array("encoding".utf8), in: head[..<end]) {
            return label
        }
        var i = 0
        while i < head.count {
            guard head[i] == UInt8(ascii: "<") else { i += 1; continue }
            if head[i...].starts(with: Array("<!--".utf8)) {
                i = index(of: Array("-->".utf8), in: head, from: i + 4).map { $0 + 3 } ?? head.count
                continue
            }
            guard head[i...].starts(with: Array("<meta".utf8)) else { i += 1; continue }
            let end = head[i...].firstIndex(of: UInt8(ascii: ">")) ?? head.count
            if let label = attributeValue(Array("charset".utf8), in: head[i..<end]) { return label }
            i = end
        }
        return nil
    }

    /// The value after `name` (and "=") in a tag, without quotes: `charset=gb2312` in a meta
    /// tag or its `content`, `encoding="gbk"` in an XML declaration.
    private static func attributeValue(_ name: [UInt8], in tag: ArraySlice<UInt8>) -> String? {
        guard let at = index(of: name, in: Array(tag), from: 0) else { return nil }
        var j = tag.startIndex + at + name.count
        func skipSpaces() { while j < tag.endIndex, [0x20, 0x09, 0x0A, 0x0D, 0x0C].contains(tag[j]) { j += 1 } }
        skipSpaces()
        guard j < tag.endIndex, tag[j] == UInt8(ascii: "=") else { return nil }
        j += 1
        skipSpaces()
        if j < tag.endIndex, tag[j] == UInt8(ascii: "\"") || tag[j] == UInt8(ascii: "'") { j += 1 }
        let start = j
        while j < tag.endIndex, !([0x20, 0x09, 0x0A, 0x0D, 0x0C, 0x22, 0x27, 0x3B, 0x2F].contains(tag[j])) { j += 1 }
        guard j > start else { return nil }
        return String(decoding: tag[start..<j], as: UTF8.self)
    }

    private static func index(of needle: [UInt8], in hay: [UInt8], from: Int) -> Int? {
        guard needle.count <= hay.count else { return nil }
        var k = from
        while k + needle.count <= hay.count {
            if hay[k] == needle[0] && hay[k..<(k + needle.count)].elementsEqual(needle) { return k }
            k += 1
        }
        return nil
    }
}
