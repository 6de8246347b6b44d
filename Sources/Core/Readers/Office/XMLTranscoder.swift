import Foundation

/// Brings every Office XML part to UTF-8 before any check or parser sees it.
///
/// The safety checks (no DTD, no empty processing instruction, valid UTF-8) are byte searches;
/// they only mean something when the parser reads the same bytes the same way. So the encoding
/// is decided here, from the byte-order mark, the first bytes (XML 1.0 Appendix F) and the
/// declaration, and anything that is not UTF-8, UTF-16 or UTF-32 (UTF-7, EBCDIC, UCS-4 in the
/// unusual byte orders, legacy code pages) is refused: libxml2 would otherwise decode it
/// itself, past the checks. UTF-16/32 parts are re-encoded as UTF-8 without their declaration.
enum XMLTranscoder {
    /// Why a part was refused (a zh-CN phrase, completed by the caller with the part's name).
    struct Refusal: Error { var reason: String }

    private enum Family {
        case utf8(bomLength: Int)
        case utf16(bigEndian: Bool, bomLength: Int)
        case utf32(bigEndian: Bool, bomLength: Int)
    }

    /// Declared encodings accepted, lower-cased.
    static let acceptedNames: Set<String> = ["utf-8", "utf8", "utf-16", "utf-16le", "utf-16be", "utf-32", "utf-32le", "utf-32be",
                                             "ucs-2", "iso-10646-ucs-2", "ucs-4", "iso-10646-ucs-4"]

    /// The part as UTF-8 bytes (the input itself when it already is UTF-8), or a refusal.
    ///
    /// A NUL byte is refused in every encoding: XML never allows U+0000, and UTF-8 bytes that
    /// hold NULs can spell UTF-16 to libxml2, which sniffs the encoding again from the first
    /// bytes (a UTF-8 BOM followed by "<\0?\0x\0?\0>\0" reached it as a UTF-16 empty
    /// processing instruction, past the byte guard, and crashed it).
    static func utf8(_ data: Data) throws -> Data {
        let out = try transcode(data)
        if out.contains(0) { throw Refusal(reason: "含有 NUL 字节，XML 不允许（文件可能损坏或被恶意构造）") }
        return out
    }

    private static func transcode(_ data: Data) throws -> Data {
        let family = try sniff(data)
        switch family {
        case .utf8(let bom):
            let body = bom > 0 ? data.dropFirst(bom) : data[...]
            guard String(validating: body, as: UTF8.self) != nil else {
                throw Refusal(reason: "含有无效的 UTF-8 字节（文件可能损坏）")
            }
            try checkDeclaration(declaredEncoding(asciiPrefix: body))
            return bom > 0 ? Data(body) : data
        case .utf16(let bigEndian, let bom):
            let units = codeUnits(data.dropFirst(bom), width: 2, bigEndian: bigEndian).map { UInt16(truncatingIfNeeded: $0) }
            guard let text = String(validating: units, as: UTF16.self) else {
                throw Refusal(reason: "以 UTF-16 编码，但含有无效的 UTF-16 字节（文件可能损坏）")
            }
            return try reencode(text)
        case .utf32(let bigEndian, let bom):
            let units = codeUnits(data.dropFirst(bom), width: 4, bigEndian: bigEndian)
            guard let text = String(validating: units, as: UTF32.self) else {
                throw Refusal(reason: "以 UTF-32 编码，但含有无效的 UTF-32 字节（文件可能损坏）")
            }
            return try reencode(text)
        }
    }

    /// The encoding family from the byte-order mark or, without one, from how "<?" is spelt.
    private static func sniff(_ data: Data) throws -> Family {
        let b = Array(data.prefix(4)) + [UInt8](repeating: 0xAA, count: max(0, 4 - data.count))
        switch (b[0], b[1], b[2], b[3]) {
        case (0x00, 0x00, 0xFE, 0xFF): return .utf32(bigEndian: true, bomLength: 4)
        case (0xFF, 0xFE, 0x00, 0x00): return .utf32(bigEndian: false, bomLength: 4)
        case (0x00, 0x00, 0xFF, 0xFE), (0xFE, 0xFF, 0x00, 0x00):
            throw Refusal(reason: "以 UCS-4 非常规字节序（2143/3412）编码，不受支持，只接受 UTF-8、UTF-16 或 UTF-32")
        case (0xEF, 0xBB, 0xBF, _): return .utf8(bomLength: 3)
        case (0xFE, 0xFF, _, _): return .utf16(bigEndian: true, bomLength: 2)
        case (0xFF, 0xFE, _, _): return .utf16(bigEndian: false, bomLength: 2)
        case (0x00, 0x00, 0x00, 0x3C): return .utf32(bigEndian: true, bomLength: 0)
        case (0x3C, 0x00, 0x00, 0x00): return .utf32(bigEndian: false, bomLength: 0)
        case (0x00, 0x00, 0x3C, 0x00), (0x00, 0x3C, 0x00, 0x00):
            throw Refusal(reason: "以 UCS-4 非常规字节序（2143/3412）编码，不受支持，只接受 UTF-8、UTF-16 或 UTF-32")
        case (0x00, 0x3C, 0x00, 0x3F): return .utf16(bigEndian: true, bomLength: 0)
        case (0x3C, 0x00, 0x3F, 0x00): return .utf16(bigEndian: false, bomLength: 0)
        case (0x4C, 0x6F, 0xA7, 0x94):
            throw Refusal(reason: "以 EBCDIC 编码，不受支持，只接受 UTF-8、UTF-16 或 UTF-32")
        default: return .utf8(bomLength: 0)
        }
    }

    private static func checkDeclaration(_ declared: String?) throws {
        guard let declared, !acceptedNames.contains(declared.lowercased()) else { return }
        throw Refusal(reason: "声明的编码为 \(declared.prefix(40))，不受支持，只接受 UTF-8、UTF-16 或 UTF-32（出于安全原因拒绝解析）")
    }

    /// The `encoding` of an XML declaration at the start of ASCII-compatible bytes.
    private static func declaredEncoding(asciiPrefix bytes: Data.SubSequence) -> String? {
        guard bytes.starts(with: Array("<?xml".utf8)) else { return nil }
        let head = bytes.prefix(512)
        guard let end = head.firstRange(of: Array("?>".utf8)) else { return nil }
        return encodingAttribute(String(decoding: head[..<end.lowerBound], as: UTF8.self))
    }

    /// `encoding="…"` (or '…') of a declaration's text.
    private static func encodingAttribute(_ declaration: String) -> String? {
        guard let key = declaration.range(of: "encoding") else { return nil }
        var rest = declaration[key.upperBound...].drop { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" }
        guard rest.first == "=" else { return nil }
        rest = rest.dropFirst().drop { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" }
        guard let quote = rest.first, quote == "\"" || quote == "'" else { return nil }
        return String(rest.dropFirst().prefix { $0 != quote })
    }

    /// Decoded UTF-16/32 text as UTF-8 bytes, its declaration (which names the old encoding) left out.
    private static func reencode(_ text: String) throws -> Data {
        var body = Substring(text)
        if body.hasPrefix("<?xml"), let end = body.range(of: "?>") {
            try checkDeclaration(encodingAttribute(String(body[..<end.lowerBound])))
            body = body[end.upperBound...]
        }
        return Data(body.utf8)
    }

    private static func codeUnits(_ bytes: Data.SubSequence, width: Int, bigEndian: Bool) -> [UInt32] {
        var units: [UInt32] = []
        units.reserveCapacity(bytes.count / width + 1)
        var i = bytes.startIndex
        while i + width <= bytes.endIndex {
            var u: UInt32 = 0
            for k in 0..<width {
                let byte = UInt32(bytes[bigEndian ? i + k : i + width - 1 - k])
                u = u << 8 | byte
            }
            units.append(u)
            i += width
        }
        // A trailing odd byte cannot be a code unit: keep it as an invalid one, so validation refuses it.
        if i < bytes.endIndex { units.append(width == 2 ? 0xDC00 : 0x110000) }
        return units
    }
}
