#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// iconv(3), which glibc and Darwin's libiconv both provide, kept in this platform file.
public enum PlatformIconv {
    /// `bytes` converted from `encoding` to UTF-8; nil when iconv does not know the encoding
    /// or the bytes are not valid in it.
    public static func convertToUTF8(_ bytes: [UInt8], from encoding: String) -> [UInt8]? {
        let cd = iconv_open("UTF-8", encoding)
        if cd == iconv_t(bitPattern: -1) { return nil }
        defer { iconv_close(cd) }
        var input = bytes
        // GB18030 uses at most 4 bytes per character; UTF-8 at most 4 per scalar.
        let capacity = bytes.count * 2 + 16
        var output = [UInt8](repeating: 0, count: capacity)
        var produced = -1
        input.withUnsafeMutableBufferPointer { inBuf in
            output.withUnsafeMutableBufferPointer { outBuf in
                var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuf.baseAddress)?.assumingMemoryBound(to: CChar.self)
                var inLeft = inBuf.count
                var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuf.baseAddress)?.assumingMemoryBound(to: CChar.self)
                var outLeft = outBuf.count
                let r = iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
                if r != -1 && inLeft == 0 { produced = capacity - outLeft }
            }
        }
        guard produced >= 0 else { return nil }
        return Array(output[..<produced])
    }
}
