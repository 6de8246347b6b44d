import CZlib
import Foundation

/// Raw DEFLATE (RFC 1951, no zlib header) decompression through the system zlib.
enum RawInflate {
    /// Inflates `input`, calling `checkBudget` with the running output size after every chunk,
    /// so a caller's limits stop a bomb long before its declared (or real) size is reached.
    ///
    /// Throws `ZipError.corrupt` for damaged or truncated streams; whatever `checkBudget` throws
    /// is passed through.
    static func inflate(_ input: UnsafeRawBufferPointer, sizeHint: Int,
                        checkBudget: (Int) throws -> Void) throws -> Data {
        var stream = z_stream()
        let initStatus = inflateInit2_(&stream, -MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard initStatus == Z_OK else {
            throw ZipError.corrupt("zlib 初始化失败（错误码 \(initStatus)）")
        }
        defer { inflateEnd(&stream) }

        let chunkSize = 64 << 10
        var output = Data()
        // The hint comes from the archive and may lie, so it only bounds the first allocation.
        output.reserveCapacity(min(max(sizeHint, 0), 16 << 20))
        var chunk = [UInt8](repeating: 0, count: chunkSize)

        stream.next_in = UnsafeMutablePointer(mutating: input.bindMemory(to: Bytef.self).baseAddress)
        stream.avail_in = uInt(input.count)
        while true {
            let availInBefore = stream.avail_in
            let (status, produced) = chunk.withUnsafeMutableBufferPointer { out -> (Int32, Int) in
                stream.next_out = out.baseAddress
                stream.avail_out = uInt(chunkSize)
                let status = CZlib.inflate(&stream, Z_NO_FLUSH)
                let produced = chunkSize - Int(stream.avail_out)
                return (status, produced)
            }
            if produced > 0 { output.append(contentsOf: chunk[0..<produced]) }
            try checkBudget(output.count)
            switch status {
            case Z_STREAM_END:
                return output
            case Z_OK:
                // zlib guarantees progress on Z_OK; guard anyway so a broken stream cannot spin.
                if produced == 0 && stream.avail_in == availInBefore {
                    throw ZipError.corrupt("压缩数据无法继续解压")
                }
            case Z_BUF_ERROR:
                if stream.avail_in == 0 { throw ZipError.corrupt("压缩数据不完整（文件可能被截断）") }
                if produced == 0 { throw ZipError.corrupt("压缩数据无法继续解压") }
            case Z_DATA_ERROR, Z_NEED_DICT:
                throw ZipError.corrupt("压缩数据损坏（\(zlibMessage(stream))）")
            case Z_MEM_ERROR:
                throw ZipError.limit("解压时内存不足")
            default:
                throw ZipError.corrupt("解压失败（zlib 错误码 \(status)）")
            }
        }
    }

    /// CRC-32 as stored in ZIP headers.
    static func crc32(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        var crc: uLong = CZlib.crc32(0, nil, 0)
        var offset = 0
        // zlib takes a 32-bit length; walk in slices so any size is fine.
        while offset < bytes.count {
            let n = min(bytes.count - offset, 1 << 30)
            let base = bytes.baseAddress!.advanced(by: offset).assumingMemoryBound(to: Bytef.self)
            crc = CZlib.crc32(crc, base, uInt(n))
            offset += n
        }
        return UInt32(truncatingIfNeeded: crc)
    }

    private static func zlibMessage(_ stream: z_stream) -> String {
        guard let msg = stream.msg else { return "未知错误" }
        return String(cString: msg)
    }
}
