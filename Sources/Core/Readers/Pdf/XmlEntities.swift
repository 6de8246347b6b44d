/// Decodes the five predefined XML entities and numeric character references
/// in pdftotext's word text; anything else is kept as printed.
enum XmlEntities {
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var k = 0
        while k < bytes.count {
            let b = bytes[k]
            guard b == UInt8(ascii: "&"), let semi = (k + 1..<min(bytes.count, k + 12)).first(where: { bytes[$0] == UInt8(ascii: ";") }) else {
                out.append(b); k += 1; continue
            }
            let name = String(decoding: UnsafeBufferPointer(rebasing: bytes[(k + 1)..<semi]), as: UTF8.self)
            if let scalar = scalar(name) {
                out.append(contentsOf: Array(String(Character(scalar)).utf8))
                k = semi + 1
            } else {
                out.append(b); k += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func scalar(_ name: String) -> Unicode.Scalar? {
        switch name {
        case "amp": return "&"
        case "lt": return "<"
        case "gt": return ">"
        case "quot": return "\""
        case "apos": return "'"
        default:
            guard name.hasPrefix("#") else { return nil }
            let digits = name.dropFirst()
            let value = digits.hasPrefix("x") || digits.hasPrefix("X") ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
            return value.flatMap(Unicode.Scalar.init)
        }
    }
}
