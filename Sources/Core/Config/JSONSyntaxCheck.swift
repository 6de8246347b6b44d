import Foundation

/// Checks a config file's JSON before it is parsed, for what `JSONSerialization` does not say:
/// the line and column of a syntax error, and a key that appears twice in one object (which
/// JSONSerialization silently resolves by keeping one of them).
struct JSONSyntaxCheck {
    struct Problem: Error, Equatable {
        var line: Int
        var column: Int
        /// The key path of the object where it happened ("rules", "overrides[1].rules"); "" at the top.
        var keyPath: String
        var message: String
    }

    private let bytes: [UInt8]
    private var i = 0
    private var line = 1
    private var lineStart = 0
    private static let maxDepth = 256

    /// The first problem of `data`, or nil when it is well-formed JSON without duplicate keys.
    static func check(_ data: Data) -> Problem? {
        var c = JSONSyntaxCheck(bytes: [UInt8](data))
        do {
            if c.bytes.starts(with: [0xEF, 0xBB, 0xBF]) { c.i = 3; c.lineStart = 3 }
            c.skipSpace()
            try c.value(path: "", depth: 0)
            c.skipSpace()
            if c.i < c.bytes.count { throw c.problem("JSON 值之后还有多余内容", "") }
            return nil
        } catch let p as Problem {
            return p
        } catch {
            return nil
        }
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    /// The column counts characters (UTF-8 continuation bytes are not counted).
    private func problem(_ message: String, _ path: String, at position: Int? = nil, line: Int? = nil, lineStart: Int? = nil) -> Problem {
        let pos = position ?? i, start = lineStart ?? self.lineStart
        let column = bytes[start..<min(pos, bytes.count)].filter { $0 & 0xC0 != 0x80 }.count + 1
        return Problem(line: line ?? self.line, column: column, keyPath: path, message: message)
    }

    private mutating func skipSpace() {
        while i < bytes.count {
            switch bytes[i] {
            case 0x20, 0x09, 0x0D: i += 1
            case 0x0A: i += 1; line += 1; lineStart = i
            default: return
            }
        }
    }

    private func describe() -> String {
        guard i < bytes.count else { return "文件结尾" }
        let end = min(bytes.count, i + 12)
        return "“" + String(decoding: bytes[i..<end], as: UTF8.self).prefix(8) + "”"
    }

    private mutating func value(path: String, depth: Int) throws {
        guard depth < Self.maxDepth else { throw problem("嵌套超过 \(Self.maxDepth) 层", path) }
        guard i < bytes.count else { throw problem("缺少 JSON 值，遇到文件结尾", path) }
        switch bytes[i] {
        case UInt8(ascii: "{"): try object(path: path, depth: depth)
        case UInt8(ascii: "["): try array(path: path, depth: depth)
        case UInt8(ascii: "\""): try string(path: path)
        case UInt8(ascii: "t"): try literal("true", path)
        case UInt8(ascii: "f"): try literal("false", path)
        case UInt8(ascii: "n"): try literal("null", path)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try number(path)
        default: throw problem("这里应为 JSON 值，遇到 \(describe())", path)
        }
    }

    private mutating func object(path: String, depth: Int) throws {
        i += 1
        var keys: [String: (line: Int, column: Int)] = [:]
        skipSpace()
        if i < bytes.count && bytes[i] == UInt8(ascii: "}") { i += 1; return }
        while true {
            skipSpace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else {
                throw problem(i < bytes.count && bytes[i] == UInt8(ascii: "}") ? "对象末尾多了逗号" : "这里应为带引号的键，遇到 \(describe())", path)
            }
            let keyStart = i, keyLine = line, keyLineStart = lineStart
            let key = try string(path: path)
            let here = problem("", path, at: keyStart, line: keyLine, lineStart: keyLineStart)
            if let first = keys[key] {
                throw Problem(line: here.line, column: here.column, keyPath: path,
                              message: "重复的键 “\(key)”（第 \(first.line) 行第 \(first.column) 列已出现）；后出现的会悄悄覆盖前一个，请合并为一个")
            }
            keys[key] = (here.line, here.column)
            skipSpace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { throw problem("键 “\(key)” 之后应为冒号，遇到 \(describe())", path) }
            i += 1
            skipSpace()
            try value(path: path.isEmpty ? key : "\(path).\(key)", depth: depth + 1)
            skipSpace()
            guard i < bytes.count else { throw problem("对象没有结束（缺少 }）", path) }
            if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
            if bytes[i] == UInt8(ascii: "}") { i += 1; return }
            throw problem("这里应为逗号或 }，遇到 \(describe())", path)
        }
    }

    private mutating func array(path: String, depth: Int) throws {
        i += 1
        skipSpace()
        if i < bytes.count && bytes[i] == UInt8(ascii: "]") { i += 1; return }
        var index = 0
        while true {
            skipSpace()
            if i < bytes.count && bytes[i] == UInt8(ascii: "]") { throw problem("数组末尾多了逗号", path) }
            try value(path: "\(path)[\(index)]", depth: depth + 1)
            index += 1
            skipSpace()
            guard i < bytes.count else { throw problem("数组没有结束（缺少 ]）", path) }
            if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
            if bytes[i] == UInt8(ascii: "]") { i += 1; return }
            throw problem("这里应为逗号或 ]，遇到 \(describe())", path)
        }
    }

    @discardableResult
    private mutating func string(path: String) throws -> String {
        let start = i
        i += 1
        var out: [UInt8] = []
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "\"") { i += 1; return String(decoding: out, as: UTF8.self) }
            if b == 0x0A || b < 0x20 { throw problem("字符串中不能有换行或控制字符（字符串从第 \(line) 行开始，缺少右引号？）", path) }
            if b == UInt8(ascii: "\\") {
                guard i + 1 < bytes.count else { break }
                let e = bytes[i + 1]
                if e == UInt8(ascii: "u") {
                    guard i + 5 < bytes.count, bytes[(i + 2)...(i + 5)].allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x66) }) else {
                        throw problem("\\u 之后应为 4 位十六进制数", path)
                    }
                    out += bytes[i...(i + 5)]
                    i += 6
                    continue
                }
                guard "\"\\/bfnrt".utf8.contains(e) else { throw problem("无效的转义 \\\(Character(Unicode.Scalar(e)))", path) }
                out += [b, e]
                i += 2
                continue
            }
            out.append(b)
            i += 1
        }
        throw problem("字符串没有结束（缺少右引号）", path, at: start)
    }

    private mutating func literal(_ word: String, _ path: String) throws {
        let w = Array(word.utf8)
        guard bytes.count >= i + w.count, Array(bytes[i..<(i + w.count)]) == w else { throw problem("这里应为 JSON 值，遇到 \(describe())", path) }
        i += w.count
    }

    private mutating func number(_ path: String) throws {
        let start = i
        func digits() -> Int { let s = i; while i < bytes.count, bytes[i] >= 0x30 && bytes[i] <= 0x39 { i += 1 }; return i - s }
        if bytes[i] == UInt8(ascii: "-") { i += 1 }
        let intStart = i
        guard digits() > 0 else { throw problem("无效的数字", path, at: start) }
        if bytes[intStart] == UInt8(ascii: "0") && i - intStart > 1 { throw problem("数字不能以 0 开头", path, at: start) }
        if i < bytes.count && bytes[i] == UInt8(ascii: ".") { i += 1; guard digits() > 0 else { throw problem("小数点后应有数字", path, at: start) } }
        if i < bytes.count && (bytes[i] | 0x20) == UInt8(ascii: "e") {
            i += 1
            if i < bytes.count && (bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-")) { i += 1 }
            guard digits() > 0 else { throw problem("指数应有数字", path, at: start) }
        }
    }
}
