import Foundation

/// Decodes the bytes of a text report: UTF-8 (with or without BOM), UTF-16 with
/// BOM, and GB18030/GBK, which Windows tools often save.
public enum TextDecoder {
    /// The text and the name of the encoding it was decoded from.
    public static func decode(_ data: Data, path: String) throws -> (text: String, encoding: String) {
        let bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            if let s = String(validatingUTF8Bytes: bytes.dropFirst(3)) { return (s, "UTF-8 (BOM)") }
            throw ReadError("以 UTF-8 BOM 开头，但内容不是有效的 UTF-8", at: SourceLocation(file: path))
        }
        if bytes.starts(with: [0xFF, 0xFE]) {
            guard let s = String(bytes: bytes.dropFirst(2), encoding: .utf16LittleEndian) else {
                throw ReadError("以 UTF-16LE BOM 开头，但内容无法按 UTF-16LE 解码", at: SourceLocation(file: path))
            }
            return (s, "UTF-16LE")
        }
        if bytes.starts(with: [0xFE, 0xFF]) {
            guard let s = String(bytes: bytes.dropFirst(2), encoding: .utf16BigEndian) else {
                throw ReadError("以 UTF-16BE BOM 开头，但内容无法按 UTF-16BE 解码", at: SourceLocation(file: path))
            }
            return (s, "UTF-16BE")
        }
        if let s = String(validatingUTF8Bytes: bytes[...]) { return (s, "UTF-8") }
        let line = firstInvalidUTF8Line(bytes)
        // Nearly every byte pair of UTF-8 Chinese is also valid GB18030, so a UTF-8
        // file with one stray byte or cut off mid-character would decode as
        // GB18030 mojibake and silently lose every table. Say where it broke instead.
        if looksLikeDamagedUTF8(bytes) {
            throw ReadError("文本是 UTF-8，但第\(line)行起有无效的 UTF-8 字节（文件可能损坏或被截断），未改按 GB18030 解码以免读成乱码；已尝试 UTF-8、UTF-16（需 BOM）、GB18030",
                            at: SourceLocation(file: path, line: line, column: 1))
        }
        if let s = iconv(bytes, from: "GB18030") { return (s, "GB18030") }
        // Not damaged UTF-8 and not GB18030 either: the place to look is where GB18030 breaks
        // (a GBK file with one bad byte in line 479 is not UTF-8 from line 1 on).
        let gbLine = firstUndecodableLine(bytes, from: "GB18030") ?? line
        throw ReadError("无法解码文本：不是有效的 UTF-8，也不是 GB18030/GBK（按 GB18030 第\(gbLine)行起无法解码）；已尝试 UTF-8、UTF-16（需 BOM）、GB18030",
                        at: SourceLocation(file: path, line: gbLine, column: 1))
    }

    /// The first line that `encoding` cannot decode, nil when every line decodes (the bytes
    /// break only across a line end, or at the end of the file). Lines are cut at 0x0A, which
    /// GB18030 never uses inside a character.
    static func firstUndecodableLine(_ bytes: [UInt8], from encoding: String) -> Int? {
        var line = 1
        var start = 0
        for i in 0...bytes.count where i == bytes.count || bytes[i] == 0x0A {
            if i > start, PlatformIconv.convertToUTF8(Array(bytes[start..<i]), from: encoding) == nil { return line }
            line += 1
            start = i + 1
        }
        return nil
    }

    /// "LE" or "BE" when the first bytes look like UTF-16 text saved without a BOM: the NUL
    /// bytes (the high bytes of ASCII characters) nearly all at odd offsets (little-endian) or
    /// at even ones (big-endian), and the pairs decode as UTF-16 into text, without broken
    /// surrogates or control characters other than TAB and line ends; nil otherwise.
    static func utf16WithoutBOM(_ data: Data) -> String? {
        let head = [UInt8](data.prefix(8192))
        let pairs = head.count / 2
        guard pairs >= 2 else { return nil }
        var evenNUL = 0, oddNUL = 0
        for i in 0..<(pairs * 2) where head[i] == 0 { if i % 2 == 0 { evenNUL += 1 } else { oddNUL += 1 } }
        let order: String
        if oddNUL >= 8 * evenNUL, oddNUL * 16 >= pairs { order = "LE" } else if evenNUL >= 8 * oddNUL, evenNUL * 16 >= pairs { order = "BE" } else { return nil }
        let units = (0..<pairs).map { k -> UInt16 in
            let a = UInt16(head[2 * k]), b = UInt16(head[2 * k + 1])
            return order == "LE" ? a | b << 8 : a << 8 | b
        }
        var it = units.makeIterator(), decoder = UTF16(), errors = 0, controls = 0, scalars = 0
        loop: while true {
            switch decoder.decode(&it) {
            case .scalarValue(let s):
                scalars += 1
                if s.value < 0x20 && s.value != 0x09 && s.value != 0x0A && s.value != 0x0D { controls += 1 }
            case .error: errors += 1
            case .emptyInput: break loop
            }
        }
        // A surrogate pair cut at the end of the sample is one error.
        return errors <= 1 && controls * 100 <= scalars ? order : nil
    }

    /// Converts with the C library's iconv; nil when the bytes are not valid in `encoding`.
    static func iconv(_ bytes: [UInt8], from encoding: String) -> String? {
        PlatformIconv.convertToUTF8(bytes, from: encoding).map { String(decoding: $0, as: UTF8.self) }
    }

    /// True when the bytes hold many valid multi-byte UTF-8 characters and only a
    /// few invalid sequences. GB18030 Chinese breaks UTF-8 several times per valid
    /// character it happens to form (about 4:1 on the seeds), so it never passes.
    static func looksLikeDamagedUTF8(_ bytes: [UInt8]) -> Bool {
        var it = bytes.makeIterator()
        var decoder = UTF8()
        var multiByte = 0, invalid = 0
        loop: while true {
            switch decoder.decode(&it) {
            case .scalarValue(let s): if s.value >= 0x80 { multiByte += 1 }
            case .error: invalid += 1
            case .emptyInput: break loop
            }
        }
        return multiByte >= 8 && invalid * 4 < multiByte
    }

    static func firstInvalidUTF8Line(_ bytes: [UInt8]) -> Int {
        var line = 1
        var start = 0
        for (i, b) in bytes.enumerated() where b == 0x0A {
            if String(validatingUTF8Bytes: bytes[start..<i]) == nil { return line }
            line += 1
            start = i + 1
        }
        return line
    }
}

extension String {
    /// Decodes UTF-8 only when every byte sequence is valid (the standard library's
    /// validating decoder, which is fast on large inputs).
    init?(validatingUTF8Bytes bytes: ArraySlice<UInt8>) {
        guard let s = String(validating: bytes, as: UTF8.self) else { return nil }
        self = s
    }
}
