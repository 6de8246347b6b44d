import CZlib
import Foundation

/// Builds ZIP archives in memory, so hostile Office inputs (bombs, corrupt entries, odd
/// flags) are made at test time instead of being committed. Shared by the Core and CLI tests.
public struct TestZipWriter {
    public struct Entry {
        public var name: String
        public var method: UInt16
        public var payload: [UInt8]
        public var crc: UInt32
        public var uncompressedSize: UInt32
        public var flags: UInt16 = 0x0800
        /// A central-directory record only, pointing at the local header of the entry so named
        /// (overlapping entries, as in Fifield's non-recursive ZIP bomb).
        public var aliasOf: String?

        public init(name: String, method: UInt16, payload: [UInt8], crc: UInt32, uncompressedSize: UInt32, flags: UInt16 = 0x0800) {
            self.name = name; self.method = method; self.payload = payload; self.crc = crc
            self.uncompressedSize = uncompressedSize; self.flags = flags
        }
    }

    public var entries: [Entry] = []

    public init() {}

    public mutating func addStored(_ name: String, _ text: String) { addStored(name, Array(text.utf8)) }

    public mutating func addStored(_ name: String, _ bytes: [UInt8]) {
        entries.append(Entry(name: name, method: 0, payload: bytes, crc: Self.crc(bytes),
                             uncompressedSize: UInt32(bytes.count)))
    }

    public mutating func addDeflated(_ name: String, _ text: String) { addDeflated(name, Array(text.utf8)) }

    /// - Parameter level: zlib's compression level; large inputs build faster below 9.
    public mutating func addDeflated(_ name: String, _ bytes: [UInt8], level: Int32 = 9) {
        entries.append(Entry(name: name, method: 8, payload: Self.rawDeflate(bytes, level: level), crc: Self.crc(bytes),
                             uncompressedSize: UInt32(truncatingIfNeeded: bytes.count)))
    }

    /// `megabytes` MiB of zeros that declare their true size: only the reader's limits stop them.
    public mutating func addZeroBomb(_ name: String, megabytes: Int) {
        let bomb = Self.zeroBomb(megabytes: megabytes)
        entries.append(Entry(name: name, method: 8, payload: bomb.payload, crc: bomb.crc,
                             uncompressedSize: UInt32(truncatingIfNeeded: bomb.size)))
    }

    /// A second central record for `original`'s data, named `name`.
    public mutating func addAlias(_ name: String, of original: String) {
        guard var entry = entries.first(where: { $0.name == original }) else { return }
        entry.name = name
        entry.aliasOf = original
        entries.append(entry)
    }

    public func data() -> Data {
        var out: [UInt8] = []
        var central: [UInt8] = []
        var offsets: [String: UInt32] = [:]
        for entry in entries {
            let name = Array(entry.name.utf8)
            let offset = entry.aliasOf.flatMap { offsets[$0] } ?? UInt32(out.count)
            offsets[entry.name] = offset
            if entry.aliasOf == nil {
            out += le32(0x0403_4b50) + le16(20) + le16(entry.flags) + le16(entry.method) + le16(0) + le16(0x21)
            out += le32(entry.crc) + le32(UInt32(entry.payload.count)) + le32(entry.uncompressedSize)
            out += le16(UInt16(name.count)) + le16(0) + name + entry.payload
            }
            central += le32(0x0201_4b50) + le16(20) + le16(20) + le16(entry.flags) + le16(entry.method)
            central += le16(0) + le16(0x21) + le32(entry.crc) + le32(UInt32(entry.payload.count))
            central += le32(entry.uncompressedSize) + le16(UInt16(name.count)) + le16(0) + le16(0)
            central += le16(0) + le16(0) + le32(0) + le32(offset) + name
        }
        let directoryOffset = UInt32(out.count)
        out += central
        out += le32(0x0605_4b50) + le16(0) + le16(0) + le16(UInt16(entries.count)) + le16(UInt16(entries.count))
        out += le32(UInt32(central.count)) + le32(directoryOffset) + le16(0)
        return Data(out)
    }

    public static func crc(_ bytes: [UInt8]) -> UInt32 {
        UInt32(bytes.withUnsafeBufferPointer { CZlib.crc32(0, $0.baseAddress, uInt($0.count)) })
    }

    /// - Parameter flush: `Z_FINISH` for a complete stream; `Z_FULL_FLUSH` for a block that
    ///   copies of itself may follow.
    public static func rawDeflate(_ bytes: [UInt8], level: Int32 = 9, flush: Int32 = Z_FINISH) -> [UInt8] {
        var stream = z_stream()
        deflateInit2_(&stream, level, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION,
                      Int32(MemoryLayout<z_stream>.size))
        defer { deflateEnd(&stream) }
        var input = bytes
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(bytes.count))) + 16)
        let produced = input.withUnsafeMutableBufferPointer { inPtr in
            output.withUnsafeMutableBufferPointer { outPtr -> Int in
                stream.next_in = inPtr.baseAddress
                stream.avail_in = uInt(inPtr.count)
                stream.next_out = outPtr.baseAddress
                stream.avail_out = uInt(outPtr.count)
                deflate(&stream, flush)
                return outPtr.count - Int(stream.avail_out)
            }
        }
        return Array(output[0..<produced])
    }

    /// A deflate stream of `megabytes` MiB of zeros, built from one flushed 1 MiB block
    /// repeated (a full flush makes each copy independent), so even 300 MiB takes milliseconds.
    public static func zeroBomb(megabytes: Int) -> (payload: [UInt8], crc: UInt32, size: Int) {
        let chunk = [UInt8](repeating: 0, count: 1 << 20)
        let block = rawDeflate(chunk, flush: Z_FULL_FLUSH)
        var payload: [UInt8] = []
        payload.reserveCapacity(block.count * megabytes + 2)
        for _ in 0..<megabytes { payload += block }
        payload += [0x03, 0x00]  // an empty final fixed-Huffman block
        let chunkCRC = crc(chunk)
        var total: uLong = 0
        for _ in 0..<megabytes { total = crc32_combine(total, uLong(chunkCRC), off_t(chunk.count)) }
        return (payload, UInt32(total), megabytes << 20)
    }

    private func le16(_ v: UInt16) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8)] }
    private func le32(_ v: UInt32) -> [UInt8] { (0..<4).map { UInt8((v >> (8 * $0)) & 0xFF) } }
}
