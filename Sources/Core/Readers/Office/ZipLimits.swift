/// Ceilings that keep a hostile .docx/.xlsx (a "ZIP bomb") from exhausting memory.
///
/// The limits apply to the entries a reader actually extracts, and they are enforced
/// while inflating: a declared size in the archive is never trusted on its own.
public struct ZipLimits: Hashable, Sendable {
    /// Most entries a central directory may list.
    public var maxEntryCount: Int
    /// Most bytes all extracted entries may inflate to, together.
    public var maxTotalUncompressedSize: Int
    /// Most bytes one extracted entry may inflate to.
    public var maxEntryUncompressedSize: Int
    /// Highest inflated/compressed ratio accepted once an entry passes `ratioCheckThreshold`.
    public var maxCompressionRatio: Int
    /// Output size from which the ratio is checked; small XML parts compress very well legitimately.
    public var ratioCheckThreshold: Int

    public init(maxEntryCount: Int = 10_000,
                maxTotalUncompressedSize: Int = 256 << 20,
                maxEntryUncompressedSize: Int = 128 << 20,
                maxCompressionRatio: Int = 200,
                ratioCheckThreshold: Int = 1 << 20) {
        self.maxEntryCount = maxEntryCount
        self.maxTotalUncompressedSize = maxTotalUncompressedSize
        self.maxEntryUncompressedSize = maxEntryUncompressedSize
        self.maxCompressionRatio = maxCompressionRatio
        self.ratioCheckThreshold = ratioCheckThreshold
    }

    /// 10,000 entries, 256 MiB in total, 128 MiB per entry, 200:1 above 1 MiB.
    public static let `default` = ZipLimits()
}

/// Why a ZIP container or one of its entries could not be read; `reason` is zh-CN.
struct ZipError: Error, Equatable, Sendable {
    enum Kind: Equatable, Sendable {
        /// Structure broken or truncated.
        case corrupt
        /// A safety limit was passed (probable ZIP bomb).
        case limitExceeded
        /// Valid ZIP, but a feature this reader does not implement (encryption, bzip2, multi-disk).
        case unsupported
        /// The named entry is not in the archive.
        case missingEntry
    }

    var kind: Kind
    var reason: String

    static func corrupt(_ reason: String) -> ZipError { ZipError(kind: .corrupt, reason: reason) }
    static func limit(_ reason: String) -> ZipError { ZipError(kind: .limitExceeded, reason: reason) }
    static func unsupported(_ reason: String) -> ZipError { ZipError(kind: .unsupported, reason: reason) }
}
