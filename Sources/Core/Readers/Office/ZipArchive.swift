import Foundation

/// A read-only ZIP archive (the container of .docx and .xlsx files).
///
/// Only the central directory is trusted for the list of entries; local headers are read
/// just to find where an entry's data starts. Entries are extracted on demand, stored
/// (method 0) or deflated (method 8), with their CRC-32 checked and `ZipLimits` enforced
/// while inflating. Every defect throws `ZipError`; nothing here traps on hostile input.
final class ZipArchive {
    /// One central-directory record.
    struct Entry: Equatable {
        var name: String
        var method: UInt16
        var flags: UInt16
        var crc32: UInt32
        var compressedSize: Int
        var uncompressedSize: Int
        var localHeaderOffset: Int

        var isEncrypted: Bool { flags & 0x0001 != 0 }
    }

    private let bytes: [UInt8]
    private let limits: ZipLimits
    /// Entries by name, first occurrence wins; in directory order in `names`.
    private var entriesByName: [String: Entry] = [:]
    /// OPC part names are case-insensitive, and some writers change the case of "sharedStrings.xml".
    private var namesByLowercase: [String: String] = [:]
    /// The entry names in central-directory order.
    private(set) var names: [String] = []
    /// Bytes handed out so far, counted against `maxTotalUncompressedSize`.
    private var extractedTotal = 0

    init(_ data: Data, limits: ZipLimits = .default) throws {
        self.bytes = [UInt8](data)
        self.limits = limits
        try readCentralDirectory()
    }

    /// True when the archive lists an entry called `name`.
    func contains(_ name: String) -> Bool { entry(name) != nil }

    /// The central-directory record of `name` (matched exactly, else ignoring case).
    func entry(_ name: String) -> Entry? {
        if let exact = entriesByName[name] { return exact }
        return namesByLowercase[name.lowercased()].flatMap { entriesByName[$0] }
    }

    /// The uncompressed bytes of entry `name`.
    func extract(_ name: String) throws -> Data {
        guard let entry = entry(name) else {
            throw ZipError(kind: .missingEntry, reason: "缺少 \(name)")
        }
        return try extract(entry)
    }

    // MARK: - Central directory

    private static let eocdSignature: UInt32 = 0x0605_4b50
    private static let zip64LocatorSignature: UInt32 = 0x0706_4b50
    private static let zip64EocdSignature: UInt32 = 0x0606_4b50
    private static let centralSignature: UInt32 = 0x0201_4b50
    private static let localSignature: UInt32 = 0x0403_4b50

    private struct DirectoryBounds {
        var entryCount: Int
        var offset: Int
        var size: Int
        /// Where the directory must end at the latest (the start of the end records).
        var limit: Int
    }

    private func readCentralDirectory() throws {
        let bounds = try locateDirectory()
        guard bounds.entryCount <= limits.maxEntryCount else {
            throw ZipError.limit("ZIP 条目数 \(bounds.entryCount) 超过上限 \(limits.maxEntryCount)（疑似 ZIP 炸弹）")
        }
        guard bounds.offset >= 0, bounds.size >= 0, bounds.offset <= bounds.limit,
              bounds.size <= bounds.limit - bounds.offset else {
            throw ZipError.corrupt("ZIP 中央目录位置超出文件范围（文件可能被截断）")
        }
        let end = bounds.offset + bounds.size
        var p = bounds.offset
        var spans: [(start: Int, end: Int, name: String)] = []
        spans.reserveCapacity(bounds.entryCount)
        for index in 0..<bounds.entryCount {
            guard p + 46 <= end, try u32(p) == Self.centralSignature else {
                throw ZipError.corrupt("ZIP 中央目录第 \(index + 1) 条记录损坏")
            }
            let nameLength = Int(try u16(p + 28))
            let extraLength = Int(try u16(p + 30))
            let commentLength = Int(try u16(p + 32))
            let next = p + 46 + nameLength + extraLength + commentLength
            guard next <= end else { throw ZipError.corrupt("ZIP 中央目录第 \(index + 1) 条记录超出目录范围") }

            let flags = try u16(p + 8)
            // Office writes ASCII/UTF-8 names; legacy CP437 bytes only matter outside ASCII.
            let name = String(decoding: bytes[(p + 46)..<(p + 46 + nameLength)], as: UTF8.self)
            var entry = Entry(name: name, method: try u16(p + 10), flags: flags, crc32: try u32(p + 16),
                              compressedSize: Int(try u32(p + 20)), uncompressedSize: Int(try u32(p + 24)),
                              localHeaderOffset: Int(try u32(p + 42)))
            try applyZip64Extra(to: &entry, extra: (p + 46 + nameLength)..<(p + 46 + nameLength + extraLength))
            // At least a 30-byte local header and the compressed data; overflow means a hostile size.
            let (spanEnd, overflow) = entry.localHeaderOffset.addingReportingOverflow(30 &+ max(0, entry.compressedSize))
            guard !overflow, entry.localHeaderOffset >= 0, entry.compressedSize >= 0 else {
                throw ZipError.corrupt("ZIP 中央目录第 \(index + 1) 条记录的位置或大小无效")
            }
            spans.append((entry.localHeaderOffset, spanEnd, name))
            if entriesByName[name] == nil {
                entriesByName[name] = entry
                names.append(name)
                if namesByLowercase[name.lowercased()] == nil { namesByLowercase[name.lowercased()] = name }
            }
            p = next
        }
        try refuseOverlaps(spans, directoryStart: bounds.offset)
    }

    /// Entries whose data share bytes (Fifield's "better ZIP bomb": many central records pointing
    /// into one deflate stream, each inflating to the whole) are refused from the central
    /// directory alone, before anything is inflated. Each span is a lower bound of the bytes an
    /// entry occupies (local header without its name, then the data), so a valid archive never trips it.
    private func refuseOverlaps(_ spans: [(start: Int, end: Int, name: String)], directoryStart: Int) throws {
        let sorted = spans.sorted { $0.start < $1.start }
        for (a, b) in zip(sorted, sorted.dropFirst()) where b.start < a.end {
            throw ZipError.limit("ZIP 条目 \(a.name) 与 \(b.name) 的数据相互重叠（疑似 ZIP 炸弹）")
        }
        if let last = sorted.last, last.end > directoryStart {
            throw ZipError.corrupt("ZIP 条目 \(last.name) 的数据超出中央目录之前的范围（文件可能损坏）")
        }
    }

    /// Finds the End of Central Directory record (and its ZIP64 twin when fields overflow).
    private func locateDirectory() throws -> DirectoryBounds {
        let count = bytes.count
        guard count >= 22 else { throw ZipError.corrupt("ZIP 中央目录缺失（文件可能被截断）") }
        // The record sits at the end, followed only by a comment of at most 65,535 bytes.
        let lowest = max(0, count - 22 - 0xFFFF)
        var found: Int?
        var p = count - 22
        while p >= lowest {
            if bytes[p] == 0x50, bytes[p + 1] == 0x4b, bytes[p + 2] == 0x05, bytes[p + 3] == 0x06,
               p + 22 + Int(try u16(p + 20)) <= count {
                found = p
                break
            }
            p -= 1
        }
        guard let eocd = found else { throw ZipError.corrupt("ZIP 中央目录缺失（文件可能被截断）") }

        let disk = try u16(eocd + 4), directoryDisk = try u16(eocd + 6)
        guard disk == 0 || disk == 0xFFFF, directoryDisk == 0 || directoryDisk == 0xFFFF else {
            throw ZipError.unsupported("不支持分卷 ZIP")
        }
        var bounds = DirectoryBounds(entryCount: Int(try u16(eocd + 10)), offset: Int(try u32(eocd + 16)),
                                     size: Int(try u32(eocd + 12)), limit: eocd)
        let overflowed = bounds.entryCount == 0xFFFF || bounds.offset == 0xFFFF_FFFF || bounds.size == 0xFFFF_FFFF
        if overflowed, eocd >= 20, try u32(eocd - 20) == Self.zip64LocatorSignature {
            let record = try int64(eocd - 20 + 8)
            guard record >= 0, record + 56 <= eocd - 20, try u32(record) == Self.zip64EocdSignature else {
                throw ZipError.corrupt("ZIP64 目录结束记录损坏")
            }
            bounds = DirectoryBounds(entryCount: try int64(record + 32), offset: try int64(record + 48),
                                     size: try int64(record + 40), limit: record)
        }
        return bounds
    }

    /// Replaces 0xFFFFFFFF sizes/offsets with the 64-bit values of the ZIP64 extra field.
    private func applyZip64Extra(to entry: inout Entry, extra: Range<Int>) throws {
        let needsUncompressed = entry.uncompressedSize == 0xFFFF_FFFF
        let needsCompressed = entry.compressedSize == 0xFFFF_FFFF
        let needsOffset = entry.localHeaderOffset == 0xFFFF_FFFF
        guard needsUncompressed || needsCompressed || needsOffset else { return }
        var p = extra.lowerBound
        while p + 4 <= extra.upperBound {
            let id = try u16(p), size = Int(try u16(p + 2))
            let fieldEnd = p + 4 + size
            guard fieldEnd <= extra.upperBound else { break }
            if id == 0x0001 {
                var q = p + 4
                func next() throws -> Int {
                    guard q + 8 <= fieldEnd else { throw ZipError.corrupt("\(entry.name) 的 ZIP64 扩展字段不完整") }
                    defer { q += 8 }
                    return try int64(q)
                }
                if needsUncompressed { entry.uncompressedSize = try next() }
                if needsCompressed { entry.compressedSize = try next() }
                if needsOffset { entry.localHeaderOffset = try next() }
                return
            }
            p = fieldEnd
        }
        throw ZipError.corrupt("\(entry.name) 缺少 ZIP64 扩展字段")
    }

    // MARK: - Extraction

    private func extract(_ entry: Entry) throws -> Data {
        let name = entry.name
        guard !entry.isEncrypted else { throw ZipError.unsupported("\(name) 已加密，无法读取") }
        guard entry.compressedSize >= 0, entry.uncompressedSize >= 0, entry.localHeaderOffset >= 0 else {
            throw ZipError.corrupt("\(name) 的目录记录损坏")
        }
        let remainingTotal = limits.maxTotalUncompressedSize - extractedTotal
        let cap = min(limits.maxEntryUncompressedSize, remainingTotal)
        guard entry.uncompressedSize <= cap else { throw bombError(name) }

        let local = entry.localHeaderOffset
        guard local <= bytes.count - 30, try u32(local) == Self.localSignature else {
            throw ZipError.corrupt("\(name) 的本地文件头缺失或损坏（文件可能被截断）")
        }
        let dataStart = local + 30 + Int(try u16(local + 26)) + Int(try u16(local + 28))
        guard dataStart <= bytes.count, entry.compressedSize <= bytes.count - dataStart else {
            throw ZipError.corrupt("\(name) 的压缩数据超出文件范围（文件可能被截断）")
        }
        let dataRange = dataStart..<(dataStart + entry.compressedSize)

        let output: Data
        switch entry.method {
        case 0:
            guard entry.compressedSize == entry.uncompressedSize else {
                throw ZipError.corrupt("\(name) 未压缩但大小记录不一致")
            }
            output = Data(bytes[dataRange])
        case 8:
            output = try bytes.withUnsafeBytes { all in
                let input = UnsafeRawBufferPointer(rebasing: all[dataRange])
                return try RawInflate.inflate(input, sizeHint: entry.uncompressedSize) { produced in
                    try checkInflated(produced, of: entry, cap: cap)
                }
            }
        default:
            throw ZipError.unsupported("\(name) 使用了不支持的压缩方法 \(entry.method)")
        }
        guard output.count == entry.uncompressedSize else {
            throw ZipError.corrupt("\(name) 解压后大小 \(output.count) 与目录记录 \(entry.uncompressedSize) 不符")
        }
        let crc = output.withUnsafeBytes { RawInflate.crc32($0) }
        guard crc == entry.crc32 else { throw ZipError.corrupt("\(name) CRC 校验失败（数据损坏）") }
        extractedTotal += output.count
        return output
    }

    /// Stops inflation the moment the output passes a limit or its own declared size.
    private func checkInflated(_ produced: Int, of entry: Entry, cap: Int) throws {
        if produced > cap { throw bombError(entry.name) }
        if produced >= limits.ratioCheckThreshold,
           produced / max(entry.compressedSize, 1) > limits.maxCompressionRatio {
            throw ZipError.limit("\(entry.name) 压缩比超过 \(limits.maxCompressionRatio):1（疑似 ZIP 炸弹）")
        }
        if produced > entry.uncompressedSize {
            throw ZipError.corrupt("\(entry.name) 解压后大小超过目录记录的 \(entry.uncompressedSize) 字节")
        }
    }

    private func bombError(_ name: String) -> ZipError {
        ZipError.limit("\(name) 解压后大小超过限制（疑似 ZIP 炸弹）")
    }

    // MARK: - Little-endian fields

    private func u16(_ p: Int) throws -> UInt16 {
        guard p >= 0, p <= bytes.count - 2 else { throw truncated() }
        return UInt16(bytes[p]) | UInt16(bytes[p + 1]) << 8
    }

    private func u32(_ p: Int) throws -> UInt32 {
        guard p >= 0, p <= bytes.count - 4 else { throw truncated() }
        return UInt32(bytes[p]) | UInt32(bytes[p + 1]) << 8 | UInt32(bytes[p + 2]) << 16 | UInt32(bytes[p + 3]) << 24
    }

    /// A 64-bit field as Int; values beyond Int.max mean a corrupt record.
    private func int64(_ p: Int) throws -> Int {
        let low = UInt64(try u32(p)), high = UInt64(try u32(p + 4))
        let value = high << 32 | low
        guard value <= UInt64(Int.max) else { throw ZipError.corrupt("ZIP64 字段值超出范围") }
        return Int(value)
    }

    private func truncated() -> ZipError { ZipError.corrupt("ZIP 结构不完整（文件可能被截断）") }
}
